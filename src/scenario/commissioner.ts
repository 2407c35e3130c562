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

import { accumulatePayback } from "../analysis/payback.js";
import { returnOnInvestment, summariseRoi } from "../analysis/return-on-investment.js";
import { quantilePair } from "../core/quantile.js";
import { CeaError } from "../errors.js";
import type { CommissionerSpec, ModelConfig } from "../model/model-factory.js";
import type { BaseCaseResult } from "../psa/base-case.js";
import { thresholdAnalysis } from "../psa/deterministic.js";
import type { PreparedModel, PsaResult } from "../psa/run-psa.js";

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
 * Sample-length arrays the answers of one strategy hold at once, for the memory check before a
 * run: the year's and the running totals of programme cost and savings (8), released staff time
 * (1), the discounted increments (4), and the ROI and its quantile scratch (2).
 *
 * @example
 * ```ts
 * psaBytes(1e6, { ...shape, answerArrays: COMMISSIONER_ARRAYS });
 * ```
 */
export const COMMISSIONER_ARRAYS = 15;

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

/** An outcome's array for one strategy, or an error naming the model and outcome. */
function outcomeArray(psa: PsaResult, outcome: string, strategy: string): Float64Array {
  const x = (psa.outcomes as Record<string, Record<string, Float64Array>>)[outcome]?.[strategy];
  if (x === undefined) {
    throw new CeaError(
      `commissioner answers: the model emits no outcome "${outcome}" for strategy "${strategy}"`,
    );
  }
  return x;
}

function outcomeBase(base: BaseCaseResult, outcome: string, strategy: string): number {
  return (base.outcomes as Record<string, Record<string, number>>)[outcome]?.[strategy] as number;
}

function estimateOf(base: number, x: Float64Array): CommissionerEstimate {
  let total = 0;
  for (let i = 0; i < x.length; i++) total += x[i] as number;
  const [lower, upper] = quantilePair(x, 0.025, 0.975);
  return { base, mean: total / x.length, lower, upper };
}

function roiOf(savings: Float64Array, cost: Float64Array, baseSavings: number, baseCost: number) {
  const s = summariseRoi(savings, cost);
  const base = returnOnInvestment(Float64Array.of(baseSavings), Float64Array.of(baseCost))[0];
  return { base: base as number, ...s };
}

/** The per-year and total amounts of one strategy vs the comparator, per sample and base case. */
function strategyAnswers(
  spec: CommissionerSpec,
  years: number,
  base: BaseCaseResult,
  psa: PsaResult,
  strategy: string,
  comparator: string,
): CommissionerStrategyAnswers {
  const n = psa.samples.nSamples;
  // One year at a time (so memory is a few arrays of n, whatever the horizon): the year's
  // programme cost increment, cashable savings and all savings, per sample.
  const cost = new Float64Array(n);
  const cash = new Float64Array(n);
  const all = new Float64Array(n);
  const totalCost = new Float64Array(n);
  const totalCash = new Float64Array(n);
  const totalAll = new Float64Array(n);
  const netCash = new Float64Array(n);
  const netAll = new Float64Array(n);
  const paybackCash = new Int32Array(n);
  const paybackAll = new Int32Array(n);
  const baseNet = {
    netCash: 0,
    netAll: 0,
    yearCash: null as number | null,
    yearAll: null as number | null,
  };
  let [bCost, bCash, bAll] = [0, 0, 0];
  const budgetImpact: CommissionerYearRow[] = [];
  const pCash: number[] = [];
  const pAll: number[] = [];
  let cumCash = 0;
  let cumAll = 0;
  const b = (o: string, s: string) => outcomeBase(base, o, s);
  for (let y = 1; y <= years; y++) {
    const names = spec.yearly(y);
    const [p1, p0] = [
      outcomeArray(psa, names.programme, strategy),
      outcomeArray(psa, names.programme, comparator),
    ];
    const [c1, c0] = [
      outcomeArray(psa, names.cashable, strategy),
      outcomeArray(psa, names.cashable, comparator),
    ];
    const [d1, d0] = [
      outcomeArray(psa, names.downstream, strategy),
      outcomeArray(psa, names.downstream, comparator),
    ];
    let [sumCost, sumCash, sumAll] = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const ci = (p1[i] as number) - (p0[i] as number);
      const si = (c0[i] as number) - (c1[i] as number);
      const ai = (d0[i] as number) - (d1[i] as number);
      cost[i] = ci;
      cash[i] = si;
      all[i] = ai;
      totalCost[i] = (totalCost[i] as number) + ci;
      totalCash[i] = (totalCash[i] as number) + si;
      totalAll[i] = (totalAll[i] as number) + ai;
      sumCost += ci;
      sumCash += si;
      sumAll += ai;
    }
    accumulatePayback(netCash, paybackCash, cost, cash, y);
    accumulatePayback(netAll, paybackAll, cost, all, y);
    let [paidCash, paidAll] = [0, 0];
    for (let i = 0; i < n; i++) {
      if (paybackCash[i] !== 0) paidCash++;
      if (paybackAll[i] !== 0) paidAll++;
    }
    pCash.push(paidCash / n);
    pAll.push(paidAll / n);
    // The base case, as the kernel computes it: net + savings − cost.
    const yCost = b(names.programme, strategy) - b(names.programme, comparator);
    const yCash = b(names.cashable, comparator) - b(names.cashable, strategy);
    const yAll = b(names.downstream, comparator) - b(names.downstream, strategy);
    bCost += yCost;
    bCash += yCash;
    bAll += yAll;
    baseNet.netCash = baseNet.netCash + yCash - yCost;
    baseNet.netAll = baseNet.netAll + yAll - yCost;
    if (baseNet.yearCash === null && baseNet.netCash >= 0) baseNet.yearCash = y;
    if (baseNet.yearAll === null && baseNet.netAll >= 0) baseNet.yearAll = y;
    const [programmeCost, cashableSavings, allSavings] = [sumCost / n, sumCash / n, sumAll / n];
    cumCash += programmeCost - cashableSavings;
    cumAll += programmeCost - allSavings;
    budgetImpact.push({
      year: y,
      programmeCost,
      cashableSavings,
      staffTimeSavings: allSavings - cashableSavings,
      netCash: programmeCost - cashableSavings,
      netWithStaffTime: programmeCost - allSavings,
      cumulativeNetCash: cumCash,
      cumulativeNetWithStaffTime: cumAll,
      pPaybackCashable: paidCash / n,
      pPaybackWithStaffTime: paidAll / n,
    });
  }
  const totalStaff = new Float64Array(n);
  for (let i = 0; i < n; i++) totalStaff[i] = (totalAll[i] as number) - (totalCash[i] as number);

  // Discounted totals, when the model emits them.
  let discounted: {
    cost: Float64Array;
    cash: Float64Array;
    all: Float64Array;
    staff: Float64Array;
    base: { cost: number; cash: number; all: number };
  } | null = null;
  if (spec.discounted !== undefined) {
    const d = spec.discounted;
    const inc = (o: string, sign: 1 | -1) => {
      const x1 = outcomeArray(psa, o, strategy);
      const x0 = outcomeArray(psa, o, comparator);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = sign * ((x1[i] as number) - (x0[i] as number));
      return out;
    };
    const dCost = inc(d.programme, 1);
    const dCash = inc(d.cashable, -1);
    const dAll = inc(d.downstream, -1);
    const dStaff = new Float64Array(n);
    for (let i = 0; i < n; i++) dStaff[i] = (dAll[i] as number) - (dCash[i] as number);
    discounted = {
      cost: dCost,
      cash: dCash,
      all: dAll,
      staff: dStaff,
      base: {
        cost: b(d.programme, strategy) - b(d.programme, comparator),
        cash: b(d.cashable, comparator) - b(d.cashable, strategy),
        all: b(d.downstream, comparator) - b(d.downstream, strategy),
      },
    };
  }

  return {
    strategy,
    comparator,
    programmeCost: {
      undiscounted: estimateOf(bCost, totalCost),
      discounted: discounted === null ? null : estimateOf(discounted.base.cost, discounted.cost),
    },
    cashable: {
      undiscounted: estimateOf(bCash, totalCash),
      discounted: discounted === null ? null : estimateOf(discounted.base.cash, discounted.cash),
    },
    staffTime: {
      undiscounted: estimateOf(bAll - bCash, totalStaff),
      discounted:
        discounted === null
          ? null
          : estimateOf(discounted.base.all - discounted.base.cash, discounted.staff),
    },
    budgetImpact,
    roi: {
      cashable: {
        undiscounted: roiOf(totalCash, totalCost, bCash, bCost),
        discounted:
          discounted === null
            ? null
            : roiOf(discounted.cash, discounted.cost, discounted.base.cash, discounted.base.cost),
      },
      withStaffTime: {
        undiscounted: roiOf(totalAll, totalCost, bAll, bCost),
        discounted:
          discounted === null
            ? null
            : roiOf(discounted.all, discounted.cost, discounted.base.all, discounted.base.cost),
      },
    },
    payback: {
      cashable: { baseYear: baseNet.yearCash, probability: pCash },
      withStaffTime: { baseYear: baseNet.yearAll, probability: pAll },
    },
  };
}

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
 * strategy after the first is compared with the first.
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
): Promise<CommissionerAnswers> {
  const names = config.strategies.map((s) => s.name);
  const comparator = names[0] as string;
  const years = config.horizonYears;
  const strategies = names
    .slice(1)
    .map((s) => strategyAnswers(spec, years, base, psa, s, comparator));
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
