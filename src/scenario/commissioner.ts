/**
 * Commissioner answers of a scenario run, for a model that declares them
 * ({@link CommissionerSpec}): cashable savings apart from released staff time, net budget impact
 * per year, return on investment and payback with their uncertainty, and the break-even effect.
 *
 * Definitions (the README's "Commissioner answers" and every report state them):
 *
 * - **savings** of a strategy = the comparator's children's social care cost minus the strategy's,
 *   per sample; **cashable** savings are the model's cashable part (placement spend), **released
 *   staff time** the rest. Staff time is capacity, not cash.
 * - **programme cost** = the strategy's programme cost minus the comparator's.
 * - **ROI** = (savings − programme cost) / programme cost over the horizon, cashable only and
 *   cashable + staff time, undiscounted (as a budget counts) and discounted (as the
 *   cost-effectiveness analysis counts). The point estimate is the ratio of the PSA means; the
 *   interval is the 2.5% and 97.5% quantiles of the per-sample ROI.
 * - **payback year** = the first year in which cumulative undiscounted savings reach cumulative
 *   programme cost; "not within the horizon" otherwise. P(payback within N years) is the share of
 *   samples that pay back by year N.
 * - **break-even effect**: threshold analysis of the model's effect parameter (every other input
 *   at its point value): at WTP 0 the value at which the programme is cost-neutral, at each
 *   reporting WTP the value at which it becomes cost-effective.
 *
 * @module
 */

import { CeaError } from "../errors.js";
import type { CommissionerSpec, ModelConfig } from "../model/model-factory.js";
import type { BaseCaseResult } from "../psa/base-case.js";
import { thresholdAnalysis } from "../psa/deterministic.js";
import type { PreparedModel, PsaResult } from "../psa/run-psa.js";
import { AnswerWorkspace, strategyAnswers } from "./commissioner-strategy.js";

/** Base case, PSA mean and 95% interval of one amount. */
export interface CommissionerEstimate {
  readonly base: number;
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
}

/** One amount over the horizon, undiscounted and (when the model gives it) discounted. */
export interface CommissionerAmount {
  readonly undiscounted: CommissionerEstimate;
  readonly discounted: CommissionerEstimate | null;
}

/** ROI over the horizon: base case, ratio of PSA means, 95% interval, P(ROI ≥ 0). */
export interface RoiAnswer {
  readonly base: number;
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
  /** Share of samples whose savings reach the programme cost. */
  readonly pBreakEven: number;
  /** Samples in which the programme costs nothing or less (ROI undefined). */
  readonly undefinedSamples: number;
}

/** One year of the commissioner's budget view (undiscounted PSA means, vs the comparator). */
export interface CommissionerYearRow {
  readonly year: number;
  readonly programmeCost: number;
  readonly cashableSavings: number;
  readonly staffTimeSavings: number;
  /** Programme cost − cashable savings: what the budget pays net that year. */
  readonly netCash: number;
  /** Programme cost − cashable savings − released staff time. */
  readonly netWithStaffTime: number;
  /** Cumulative net cash and net with staff time, years 1 … this one. */
  readonly cumulativeNetCash: number;
  readonly cumulativeNetWithStaffTime: number;
  /** P(payback within this many years), cashable only and with staff time. */
  readonly pPaybackCashable: number;
  readonly pPaybackWithStaffTime: number;
}

/** Payback on one definition of savings. */
export interface PaybackAnswer {
  /** First year the base case pays back, or null when not within the horizon. */
  readonly baseYear: number | null;
  /** P(payback within N years), N = 1 … horizon. */
  readonly probability: readonly number[];
}

/** The answers for one strategy against the comparator. */
export interface CommissionerStrategyAnswers {
  readonly strategy: string;
  readonly comparator: string;
  readonly programmeCost: CommissionerAmount;
  /** Cashable savings (the comparator's cashable cost minus the strategy's). */
  readonly cashable: CommissionerAmount;
  /** Released staff time (savings that are not cashable). */
  readonly staffTime: CommissionerAmount;
  readonly budgetImpact: readonly CommissionerYearRow[];
  readonly roi: {
    readonly cashable: { readonly undiscounted: RoiAnswer; readonly discounted: RoiAnswer | null };
    readonly withStaffTime: {
      readonly undiscounted: RoiAnswer;
      readonly discounted: RoiAnswer | null;
    };
  };
  readonly payback: { readonly cashable: PaybackAnswer; readonly withStaffTime: PaybackAnswer };
}

/** A value of the effect parameter at which the optimal strategy changes. */
export interface BreakEvenValue {
  readonly value: number;
  /** 1 − value, for a ratio (null otherwise). */
  readonly reduction: number | null;
  /** Optimal just below and just above the value. */
  readonly from: string;
  readonly to: string;
}

/** The break-even values at one WTP (0: cost-neutral). */
export interface BreakEvenRow {
  readonly wtp: number;
  readonly values: readonly BreakEvenValue[];
  /** Optimal at the low and the high end of the range. */
  readonly optimalAtLow: string;
  readonly optimalAtHigh: string;
}

/** The break-even effect: threshold analysis of the model's effect parameter. */
export interface BreakEvenAnswers {
  readonly parameter: string;
  readonly label: string;
  readonly range: readonly [number, number];
  /** Strategies' own draws of the parameter, set to the same value. */
  readonly linked: readonly string[];
  readonly ratio: boolean;
  readonly note: string | null;
  /** WTP 0 first (cost-neutral), then each reporting WTP (cost-effective). */
  readonly rows: readonly BreakEvenRow[];
  /** Why there is no break-even analysis (e.g. the parameter is derived), else null. */
  readonly unavailable: string | null;
}

/** Everything the reports say to a commissioner. */
export interface CommissionerAnswers {
  /** What is cashable and what is staff time, in words. */
  readonly definitions: {
    readonly cashable: string;
    readonly staffTime: string;
    readonly roi: string;
    readonly payback: string;
    readonly breakEven: string;
  };
  readonly horizonYears: number;
  readonly strategies: readonly CommissionerStrategyAnswers[];
  readonly breakEven: BreakEvenAnswers | null;
  /** What to say beside the answers: the model's caveats, then {@link COMMISSIONER_CAVEATS}. */
  readonly caveats: readonly string[];
}

/**
 * Sample-length arrays of doubles the answers hold at once, whatever the number of strategies,
 * for the memory check before a run: the {@link AnswerWorkspace} (totals 3, staff time 1,
 * scratch 2; a scenario run lends the scratch pair from its comparisons, so this overcounts).
 *
 * @example
 * ```ts
 * psaBytes(1e6, { ...shape, answerArrays: COMMISSIONER_ARRAYS });
 * ```
 */
export const COMMISSIONER_ARRAYS = AnswerWorkspace.ARRAYS;

/** The definitions every report states. */
export const COMMISSIONER_DEFINITIONS = {
  roi: "ROI = (savings − programme cost) / programme cost over the horizon, vs the comparator: cashable savings only, and cashable + released staff time; undiscounted (as a budget counts) and discounted (as the cost-effectiveness analysis counts). Mean: the ratio of the PSA means; interval: 2.5% and 97.5% quantiles of the per-sample ROI.",
  payback:
    "Payback year: the first year in which cumulative undiscounted savings reach cumulative programme cost ('not within the horizon' otherwise). P(payback within N years): the share of PSA samples that pay back by year N.",
  breakEven:
    "Break-even effect: threshold analysis of the effect parameter, every other input at its point value. At WTP £0, the value at which the programme is cost-neutral; at each reporting WTP, the value at which it becomes cost-effective.",
} as const;

/** What every commissioner report says beside the answers, after the model's own caveats. */
export const COMMISSIONER_CAVEATS = [
  "Released staff time is capacity, not cash: it saves money only if posts are cut or work that would be bought in is absorbed.",
] as const;

/**
 * The break-even effect: {@link thresholdAnalysis} of the declared parameter at WTP 0 and at each
 * reporting WTP (a strategy's own draw of the parameter moves with it).
 *
 * @example
 * ```ts
 * const be = await breakEvenEffect(prepared, spec.breakEven, config, [1000, 10000, 20000]);
 * be.rows[0].values[0]?.value; // the cost-neutral rate ratio, if there is one in the range
 * ```
 */
export async function breakEvenEffect(
  prepared: PreparedModel,
  spec: NonNullable<CommissionerSpec["breakEven"]>,
  config: ModelConfig,
  reportWtp: readonly number[],
): Promise<BreakEvenAnswers> {
  const linked = config.strategies
    .filter((s) => spec.parameter in s.inputs)
    .map((s) => `${spec.parameter}__${s.name}`);
  const ratio = spec.ratio === true;
  const answers = {
    parameter: spec.parameter,
    label: spec.label,
    range: [spec.range[0], spec.range[1]] as const,
    linked,
    ratio,
    note: spec.note ?? null,
  };
  const wtps = [0, ...reportWtp.filter((w) => w !== 0)];
  const rows: BreakEvenRow[] = [];
  try {
    for (const wtp of wtps) {
      const t = await thresholdAnalysis(prepared, {
        parameter: spec.parameter,
        wtp,
        range: spec.range,
        linked,
      });
      rows.push({
        wtp,
        values: t.thresholds.map((th) => ({
          value: th.value,
          reduction: ratio ? 1 - th.value : null,
          from: th.from,
          to: th.to,
        })),
        optimalAtLow: t.optimalAtLow,
        optimalAtHigh: t.thresholds.at(-1)?.to ?? t.optimalAtLow,
      });
    }
  } catch (error) {
    if (!(error instanceof CeaError)) throw error;
    return { ...answers, rows: [], unavailable: error.message };
  }
  return { ...answers, rows, unavailable: null };
}

/**
 * The commissioner answers of a run, for a model that declares {@link CommissionerSpec}; every
 * strategy after the first is compared with the first. `scratch`, two arrays of the samples'
 * length whose contents may be overwritten, saves allocating two.
 *
 * @example
 * ```ts
 * const answers = await commissionerAnswers(factory.commissioner, config, base, psa, prepared, [20000]);
 * answers.strategies[0].roi.cashable.undiscounted.mean; // ROI on cashable savings
 * ```
 */
export async function commissionerAnswers(
  spec: CommissionerSpec,
  config: ModelConfig,
  base: BaseCaseResult,
  psa: PsaResult,
  prepared: PreparedModel,
  reportWtp: readonly number[],
  scratch?: readonly [Float64Array, Float64Array],
): Promise<CommissionerAnswers> {
  const names = config.strategies.map((s) => s.name);
  const comparator = names[0] as string;
  const years = config.horizonYears;
  // One workspace for every strategy: the arrays are touched once, whatever the strategy count.
  const workspace = new AnswerWorkspace(psa.samples.nSamples, scratch);
  const strategies = names
    .slice(1)
    .map((s) => strategyAnswers(spec, years, base, psa, s, comparator, workspace));
  const breakEven =
    spec.breakEven === undefined
      ? null
      : await breakEvenEffect(prepared, spec.breakEven, config, reportWtp);
  return {
    definitions: {
      cashable: spec.cashable,
      staffTime: spec.staffTime,
      ...COMMISSIONER_DEFINITIONS,
    },
    horizonYears: years,
    strategies,
    breakEven,
    caveats: [...(spec.caveats ?? []), ...COMMISSIONER_CAVEATS],
  };
}
