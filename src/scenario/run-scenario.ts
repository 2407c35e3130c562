/**
 * Running a loaded scenario: the deterministic base case, the PSA, and every analysis a report
 * shows (incremental table, acceptability, EVPI, cost-consequence, budget impact, assumptions).
 *
 * @module
 */

import { analysisFromParts, type PsaAnalysis } from "../analysis/analyse.js";
import type { Estimate } from "../analysis/estimate.js";
import { calculateIcers, type IcerRow } from "../analysis/icers.js";
import { comparePairwise } from "../analysis/pairwise.js";
import type { CohortTrace } from "../cohort/trace.js";
import { mean } from "../core/sum.js";
import { type BudgetImpactRow, currencyOf } from "../model/model-factory.js";
import { type BaseCaseResult, runBaseCase } from "../psa/base-case.js";
import { runCohortBaseCase } from "../psa/cohort-base-case.js";
import { type PreparedModel, type PsaResult, runPsa } from "../psa/run-psa.js";
import { type CommissionerAnswers, commissionerAnswers } from "./commissioner.js";
import { consequenceQuantities, consequenceTable, consequenceTasks } from "./consequences.js";
import { inputGroup } from "./input-groups.js";
import type { LoadedScenario, ResolvedInput } from "./load-scenario.js";
import {
  type OffloadedAnalysis,
  type ScenarioAnalysisParts,
  type ScenarioAnalysisWork,
  scenarioAnalysisParts,
} from "./scenario-analysis.js";
import { scenarioModel } from "./scenario-model.js";

export type { Estimate } from "../analysis/estimate.js";

/** One row of the cost-consequence table. */
export interface ConsequenceRow {
  readonly outcome: string;
  readonly label: string;
  readonly unit: string;
  readonly strategy: string;
  /** Base case (deterministic) value. */
  readonly base: number;
  readonly psa: Estimate;
  /** Strategy minus comparator, per sample; undefined for the comparator itself. */
  readonly increment?: Estimate;
}

/** Probability of being cost-effective at one of the scenario's reporting WTP values. */
export interface AcceptabilityRow {
  readonly wtp: number;
  /** Probability each strategy has the highest net benefit, in strategy order. */
  readonly probability: readonly number[];
  /** Incremental net monetary benefit of each other strategy vs the comparator. */
  readonly inmb: readonly ({ readonly strategy: string } & Estimate)[];
  /** Expected value of perfect information per decision at this WTP. */
  readonly evpi: number;
}

/** Everything a scenario report shows. */
export interface ScenarioResult {
  readonly loaded: LoadedScenario;
  /** The seed the PSA used (the scenario's, or the one given to {@link runScenario}). */
  readonly seed: string | number;
  readonly strategies: readonly { readonly name: string; readonly label: string }[];
  /** The currency of costs, written before amounts (the model's; "£" unless it states one). */
  readonly currency: string;
  readonly effect: {
    readonly name: string;
    readonly label: string;
    readonly unit: string;
    readonly per: string;
  };
  readonly baseCase: {
    readonly cost: readonly number[];
    readonly effect: readonly number[];
    readonly icers: IcerRow[];
    /** For a cohort (Markov) model: the state shares of the base case, per strategy. */
    readonly trace?: BaseCaseTrace;
  };
  /** For a cohort (Markov) model: the recorded base case (trace and per-cycle rewards). */
  readonly cohort?: CohortTrace;
  readonly psa: PsaAnalysis;
  /** The PSA's draws: costs, effects, outcomes and the parameter columns kept. */
  readonly draws: PsaResult;
  readonly acceptability: AcceptabilityRow[];
  readonly consequences: ConsequenceRow[];
  readonly budgetImpact: BudgetImpactRow[];
  /**
   * Cashable savings, released staff time, budget impact per year, ROI, payback and the
   * break-even effect, for a model that declares them (`ModelFactory.commissioner`).
   */
  readonly commissioner?: CommissionerAnswers;
  /**
   * Inputs tagged assumption or not-found, and national defaults standing in for local figures
   * whose national figure is an assumption: every result depends on them.
   */
  readonly assumptions: ResolvedInput[];
}

/**
 * The cohort trace of a base case: `strategies[name][t][k]` is the share of the cohort in
 * `states[k]` after t cycles (m_0 … m_n; tunnel positions summed).
 */
export interface BaseCaseTrace {
  readonly states: readonly string[];
  readonly cycleYears: number;
  readonly strategies: Readonly<Record<string, readonly (readonly number[])[]>>;
}

/** The recorded base case of a cohort model (trace, per-cycle rewards); undefined for others. */
async function cohortBaseCase(prepared: PreparedModel): Promise<CohortTrace | undefined> {
  if (!("cohort" in prepared.model)) return undefined;
  return runCohortBaseCase(prepared);
}

/** The state shares of a recorded cohort base case, per strategy. */
function traceOf(traced: CohortTrace): BaseCaseTrace {
  return {
    states: traced.states,
    cycleYears: traced.cycleLength,
    strategies: Object.fromEntries(traced.strategies.map((s) => [s.name, s.trace])),
  };
}

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  /** Overrides the scenario's sample count. */
  readonly samples?: number;
  /** Overrides the scenario's seed. */
  readonly seed?: string | number;
  /** Progress of the PSA. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Runs the PSA some other way (e.g. on worker threads); by default {@link runPsa} on this
   * thread. Must give the same result.
   */
  readonly runPsa?: (
    loaded: LoadedScenario,
    samples: number,
    seed: string | number,
    keepParameters: readonly string[] | undefined,
  ) => Promise<PsaResult>;
  /** Return every parameter's draws (default: only those the reports need). */
  readonly keepAllParameters?: boolean;
  /**
   * Compute the commissioner answers when the model declares them (default true); false skips
   * them, and with them the break-even threshold analyses.
   */
  readonly commissioner?: boolean;
  /**
   * Computes the analysis that needs only the samples ({@link scenarioAnalysisParts}) some other
   * way, e.g. on a worker thread while this thread computes the comparisons and the commissioner
   * answers; undefined (returned, or no hook) computes it on this thread. Must give the same
   * result. The work is stopped if this thread fails first.
   */
  readonly offload?: (work: ScenarioAnalysisWork) => OffloadedAnalysis | undefined;
}

/**
 * This thread's part of a run's analysis: the pairwise comparisons on the grid (without INMB
 * intervals) and at the reporting WTPs (with them), then the commissioner answers when the model
 * declares them.
 */
async function comparisonsAndAnswers(
  loaded: LoadedScenario,
  base: BaseCaseResult,
  psa: PsaResult,
  model: PreparedModel,
  work: ScenarioAnalysisWork,
  options: RunScenarioOptions,
) {
  const { factory, config } = loaded;
  const comparator = config.strategies[0]?.name as string;
  const n = psa.samples.nSamples;
  // Both sets of comparisons form their increments in the same two arrays, which the
  // commissioner answers then use as scratch: fresh memory costs time as well as space.
  const scratch = { dc: new Float64Array(n), de: new Float64Array(n) };
  // Over the whole grid the INMB intervals would cost a pass over the samples per WTP; they
  // are reported at the scenario's reporting WTPs instead.
  const pairwise = comparePairwise(psa.samples, comparator, work.wtp, false, scratch);
  const reportPairs = comparePairwise(psa.samples, comparator, work.reportWtp, true, scratch);
  const commissioner =
    factory.commissioner === undefined || options.commissioner === false
      ? undefined
      : await commissionerAnswers(
          factory.commissioner,
          config,
          base,
          psa,
          model,
          [...work.reportWtp],
          [scratch.dc, scratch.de],
        );
  return { pairwise, reportPairs, commissioner };
}

/**
 * Runs a loaded scenario.
 *
 * @example
 * ```ts
 * const result = await runScenario(await loadScenario("scenarios/swis-rct.yaml", host));
 * result.acceptability; // P(cost-effective) at £1,000, £10,000, £20,000
 * ```
 */
export async function runScenario(
  loaded: LoadedScenario,
  options: RunScenarioOptions = {},
): Promise<ScenarioResult> {
  const { factory, config } = loaded;
  const model = await scenarioModel(loaded);
  const samples = options.samples ?? loaded.samples;
  const seed = options.seed ?? loaded.seed;
  const base = await runBaseCase(model);
  const cohort = await cohortBaseCase(model);
  const names = config.strategies.map((s) => s.name);
  const baseCost = names.map((s) => base.cost[s] as number);
  const baseEffect = names.map((s) => base.effect[s] as number);
  const keep = options.keepAllParameters === true ? undefined : factory.keepParameters?.(config);
  const psa =
    options.runPsa === undefined
      ? await runPsa(model, {
          samples,
          seed,
          chunkSize: 10_000,
          ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
          ...(keep === undefined ? {} : { keepParameters: keep }),
        })
      : await options.runPsa(loaded, samples, seed, keep);
  // The analysis that needs only the samples, started first: another thread may compute it
  // while this one computes the comparisons and the commissioner answers.
  const comparator = names[0] as string;
  const quantities = consequenceQuantities(loaded, base, psa);
  const work: ScenarioAnalysisWork = {
    estimates: consequenceTasks(quantities),
    samples: psa.samples,
    wtp: Float64Array.from(loaded.wtp),
    reportWtp: Float64Array.from(new Set(loaded.reportWtp)).sort(),
  };
  const away = options.offload?.(work);
  // Awaited after this thread's part; a failure here must not leave it unhandled or running.
  away?.parts.catch(() => {});
  let here: Awaited<ReturnType<typeof comparisonsAndAnswers>>;
  let parts: ScenarioAnalysisParts;
  try {
    here = await comparisonsAndAnswers(loaded, base, psa, model, work, options);
    parts = away === undefined ? scenarioAnalysisParts(work) : await away.parts;
  } catch (e) {
    away?.stop();
    throw e;
  }
  const { pairwise, reportPairs, commissioner } = here;
  const { reportWtp } = work;
  const analysis = analysisFromParts(
    psa.samples,
    { wtp: work.wtp, comparator, inmbIntervals: false },
    { means: parts.means, curves: parts.curves, summary: parts.summary, pairwise },
  );
  const acceptability = [...reportWtp].map((wtp, k) => ({
    wtp,
    probability: names.map((_, j) => parts.reportCurves.ceac[k * names.length + j] as number),
    evpi: parts.reportCurves.evpi[k] as number,
    inmb: reportPairs.map((p) => ({
      strategy: p.strategy,
      mean: p.inmb[k] as number,
      lower: p.inmbLower?.[k] as number,
      upper: p.inmbUpper?.[k] as number,
    })),
  }));
  const pairs = parts.estimates;
  const { rows: consequences, means } = consequenceTable(quantities, names, pairs);
  const parameterMean = (name: string) => {
    const x = (psa.parameters as Record<string, Float64Array>)[name];
    if (x === undefined) throw new RangeError(`runScenario: no parameter "${name}"`);
    return mean(x);
  };
  return {
    loaded,
    seed,
    strategies: config.strategies.map((s) => ({ name: s.name, label: s.label })),
    currency: currencyOf(factory),
    effect: {
      name: config.effect,
      ...(factory.effects[config.effect] as { label: string; unit: string; per: string }),
    },
    baseCase: {
      cost: baseCost,
      effect: baseEffect,
      icers: calculateIcers({
        strategies: names,
        cost: Float64Array.from(baseCost),
        effect: Float64Array.from(baseEffect),
      }),
      ...(cohort === undefined ? {} : { trace: traceOf(cohort) }),
    },
    ...(cohort === undefined ? {} : { cohort }),
    psa: analysis,
    draws: psa,
    acceptability,
    consequences,
    budgetImpact: factory.budgetImpact?.(config, means, parameterMean) ?? [],
    ...(commissioner === undefined ? {} : { commissioner }),
    assumptions: loaded.inputs.filter((i) => inputGroup(i) === "assumptions"),
  };
}
