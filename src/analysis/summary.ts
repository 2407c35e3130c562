/**
 * Per-strategy summary statistics of a PSA: mean, standard deviation and the 2.5% / 97.5%
 * quantiles of cost and effect.
 *
 * @module
 */

import { quantilePair } from "../core/quantile.js";
import { mean, meanAndScale, sd } from "../core/sum.js";
import type { CeSamples } from "./samples.js";

/** Mean, SD (n − 1 denominator) and central 95% interval (type-7 quantiles) of one quantity. */
export interface SummaryStats {
  readonly mean: number;
  readonly sd: number;
  readonly lower: number;
  readonly upper: number;
}

/** Summary of one strategy's cost and effect. */
export interface StrategySummary {
  readonly strategy: string;
  readonly cost: SummaryStats;
  readonly effect: SummaryStats;
}

/** Mean, SD and 2.5% / 97.5% quantiles of `x[from..to)`. */
function describe(x: Float64Array, from: number, to: number): SummaryStats {
  const [lower, upper] = quantilePair(x.subarray(from, to), 0.025, 0.975);
  return { mean: mean(x, from, to), sd: sd(x, from, to), lower, upper };
}

/**
 * Summarises every strategy's cost and effect. Means use compensated summation (they match R's
 * `colMeans` to the last digit or so); SD is R's `sd`; the interval is R's default `quantile`.
 *
 * @example
 * ```ts
 * const [usual] = summarise(samples);
 * usual.cost.mean; usual.cost.lower; usual.effect.sd;
 * ```
 */
export function summarise(samples: CeSamples): StrategySummary[] {
  const n = samples.nSamples;
  return samples.strategies.map((strategy, j) => ({
    strategy,
    cost: describe(samples.cost, j * n, (j + 1) * n),
    effect: describe(samples.effect, j * n, (j + 1) * n),
  }));
}

/** Each strategy's mean cost and mean effect, in strategy order. */
export interface StrategyMeans {
  readonly cost: Float64Array;
  readonly effect: Float64Array;
  /**
   * Each strategy's mean absolute cost and effect, the scale of rounding in per-sample net
   * benefits ({@link strategyMeans} gives them; a caller's own means may leave them out).
   */
  readonly scale?: { readonly cost: Float64Array; readonly effect: Float64Array };
}

/**
 * Mean cost and effect of every strategy (each the double nearest the exact mean, see `mean`),
 * as two arrays in strategy order, with their mean absolute values as `scale`.
 *
 * @example
 * ```ts
 * const { cost, effect } = strategyMeans(samples);
 * ```
 */
export function strategyMeans(samples: CeSamples): Required<StrategyMeans> {
  const n = samples.nSamples;
  const k = samples.strategies.length;
  const cost = new Float64Array(k);
  const effect = new Float64Array(k);
  const scale = { cost: new Float64Array(k), effect: new Float64Array(k) };
  for (let j = 0; j < k; j++) {
    const c = meanAndScale(samples.cost, j * n, (j + 1) * n);
    const e = meanAndScale(samples.effect, j * n, (j + 1) * n);
    cost[j] = c.mean;
    effect[j] = e.mean;
    scale.cost[j] = c.scale;
    scale.effect[j] = e.scale;
  }
  return { cost, effect, scale };
}
