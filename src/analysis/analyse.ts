/**
 * The full analysis of a PSA in one call: summary, incremental table, decision curves, exact
 * switch points, pairwise comparison and (optionally) population EVPI. This is what the CLI's
 * `analyse` command reports; each part is also available on its own.
 *
 * @module
 */

import { type DecisionCurves, decisionCurves } from "./decision.js";
import { type PopulationOptions, populationEvpi } from "./evpi.js";
import { calculateIcers, type IcerRow } from "./icers.js";
import { comparePairwise, type PairwiseComparison, type PairwiseScratch } from "./pairwise.js";
import type { CeSamples } from "./samples.js";
import { type StrategySummary, strategyMeans, summarise } from "./summary.js";
import { type SwitchPoint, switchPoints } from "./switch-points.js";

/** Options of {@link analysePsa}. */
export interface AnalysisOptions {
  /** WTP grid, strictly increasing. */
  readonly wtp: Float64Array | readonly number[];
  /** Strategy the others are compared with (default: the first strategy). */
  readonly comparator?: string;
  /**
   * Whether to compute the 95% interval of the incremental net benefit at every WTP (default
   * true); each costs a pass over the samples. A function chooses per strategy compared (the
   * others' intervals are then null, for a caller that computes them elsewhere).
   */
  readonly inmbIntervals?: boolean | ((strategy: string) => boolean);
  /** Arrays for the pairwise increments (see {@link comparePairwise}); new ones if absent. */
  readonly scratch?: PairwiseScratch;
  /** Scale EVPI to a population over years, discounted. */
  readonly population?: PopulationOptions;
}

/** Everything {@link analysePsa} computes. */
export interface PsaAnalysis {
  readonly strategies: readonly string[];
  readonly nSamples: number;
  readonly summary: StrategySummary[];
  readonly icers: IcerRow[];
  readonly curves: DecisionCurves;
  readonly switchPoints: SwitchPoint[];
  readonly comparator: string;
  readonly pairwise: PairwiseComparison[];
  readonly population?: PopulationOptions & { readonly evpi: Float64Array };
}

/** The parts of {@link PsaAnalysis} that take passes over the samples. */
export interface AnalysisParts {
  /** The strategies' mean costs and effects ({@link strategyMeans}). */
  readonly means: { readonly cost: Float64Array; readonly effect: Float64Array };
  readonly curves: DecisionCurves;
  readonly summary: StrategySummary[];
  readonly pairwise: PairwiseComparison[];
}

/**
 * Completes an analysis from its parts, however they were computed (on this thread by
 * {@link analysePsa}, or some on another): the incremental table, the switch points and the
 * population EVPI.
 *
 * @example
 * ```ts
 * const result = analysisFromParts(samples, { wtp }, { means, curves, summary, pairwise });
 * ```
 */
export function analysisFromParts(
  samples: CeSamples,
  options: AnalysisOptions,
  parts: AnalysisParts,
): PsaAnalysis {
  const { means, curves } = parts;
  const result: PsaAnalysis = {
    strategies: samples.strategies,
    nSamples: samples.nSamples,
    summary: parts.summary,
    icers: calculateIcers({ strategies: samples.strategies, ...means }),
    curves,
    switchPoints: switchPoints(samples.strategies, means.cost, means.effect, {
      from: Math.min(0, curves.wtp[0] as number),
    }),
    comparator: options.comparator ?? (samples.strategies[0] as string),
    pairwise: parts.pairwise,
  };
  if (options.population === undefined) return result;
  return {
    ...result,
    population: { ...options.population, evpi: populationEvpi(curves.evpi, options.population) },
  };
}

/**
 * Runs every analysis of a PSA on one WTP grid.
 *
 * @example
 * ```ts
 * const result = analysePsa(samples, { wtp: wtpRange(0, 100000, 1000), comparator: "usual" });
 * result.icers;              // incremental table
 * result.curves.ceac;        // acceptability, [k * S + j]
 * result.switchPoints;       // exact λ where the expected-best strategy changes
 * ```
 */
export function analysePsa(samples: CeSamples, options: AnalysisOptions): PsaAnalysis {
  if (typeof options !== "object" || options === null || options.wtp === undefined) {
    throw new TypeError(
      "analysePsa: options.wtp is required: the WTP grid, e.g. { wtp: wtpRange(0, 100000, 1000) }",
    );
  }
  const comparator = options.comparator ?? (samples.strategies[0] as string);
  const means = strategyMeans(samples);
  const curves = decisionCurves(samples, options.wtp, means);
  const summary = summarise(samples);
  const pairwise = comparePairwise(
    samples,
    comparator,
    curves.wtp,
    options.inmbIntervals ?? true,
    options.scratch,
  );
  return analysisFromParts(samples, options, { means, curves, summary, pairwise });
}
