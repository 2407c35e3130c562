/**
 * The part of a scenario run's analysis that needs only the PSA samples and no sample-length
 * working arrays: the cost-consequence estimates, the strategies' summaries and means, and the
 * decision curves on the scenario's WTP grid and at its reporting WTPs. {@link runScenario} may
 * hand it to another thread ({@link RunScenarioOptions.offload}) while this one computes the
 * pairwise comparisons and the commissioner answers; the other thread calls
 * {@link scenarioAnalysisParts}, as this one would, so the numbers are the same to the bit.
 *
 * @module
 */

import { type DecisionCurves, decisionCurves } from "../analysis/decision.js";
import { type EstimatePair, type EstimateTask, estimateAll } from "../analysis/estimate.js";
import type { CeSamples } from "../analysis/samples.js";
import { type StrategySummary, strategyMeans, summarise } from "../analysis/summary.js";

/** What {@link scenarioAnalysisParts} computes from. */
export interface ScenarioAnalysisWork {
  /** The cost-consequence estimates' tasks, in table order. */
  readonly estimates: readonly EstimateTask[];
  readonly samples: CeSamples;
  /** The scenario's WTP grid. */
  readonly wtp: Float64Array;
  /** The reporting WTPs, distinct and increasing. */
  readonly reportWtp: Float64Array;
}

/** The parts of a run's analysis computed from the samples alone. */
export interface ScenarioAnalysisParts {
  /** {@link estimateAll} of the work's estimates. */
  readonly estimates: readonly EstimatePair[];
  /** Each strategy's cost and effect summarised ({@link summarise}). */
  readonly summary: StrategySummary[];
  /** The strategies' mean costs and effects ({@link strategyMeans}). */
  readonly means: { readonly cost: Float64Array; readonly effect: Float64Array };
  /** Decision curves on the grid. */
  readonly curves: DecisionCurves;
  /** Decision curves at the reporting WTPs. */
  readonly reportCurves: DecisionCurves;
}

/** The parts being computed elsewhere (e.g. on a worker thread). */
export interface OffloadedAnalysis {
  /** The parts, as {@link scenarioAnalysisParts} gives them. */
  readonly parts: Promise<ScenarioAnalysisParts>;
  /** Abandons the work when its parts are no longer wanted; `parts` may then reject. */
  stop(): void;
}

/**
 * Computes the {@link ScenarioAnalysisParts} of `work`.
 *
 * @example
 * ```ts
 * const parts = scenarioAnalysisParts({
 *   estimates: [], samples, wtp: wtpRange(0, 30000, 1000), reportWtp: Float64Array.of(20000),
 * });
 * parts.reportCurves.ceac; // P(each strategy is optimal) at £20,000
 * ```
 */
export function scenarioAnalysisParts(work: ScenarioAnalysisWork): ScenarioAnalysisParts {
  const { samples } = work;
  const means = strategyMeans(samples);
  return {
    estimates: estimateAll(work.estimates),
    summary: summarise(samples),
    means,
    curves: decisionCurves(samples, work.wtp, means),
    reportCurves: decisionCurves(samples, work.reportWtp, means),
  };
}
