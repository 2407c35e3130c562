/**
 * The mean and 95% interval of a quantity over PSA samples, and of a strategy's increment over
 * the comparator: what a cost-consequence table shows for each outcome. One function, so that a
 * table computed on another thread has the same bits.
 *
 * @module
 */

import { linearQuantilePair, quantilePair } from "../core/quantile.js";
import { differenceSum, sum } from "../core/sum.js";

/** Mean and 95% interval of one quantity. */
export interface Estimate {
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Mean (compensated sum over n) and the 2.5% and 97.5% quantiles (type 7) of `x`.
 *
 * @example
 * ```ts
 * estimate(new Float64Array([1, 2, 3, 4])); // { mean: 2.5, lower: 1.075, upper: 3.925 }
 * ```
 */
export function estimate(x: Float64Array): Estimate {
  const [lower, upper] = quantilePair(x, 0.025, 0.975);
  return { mean: sum(x) / x.length, lower, upper };
}

/**
 * {@link estimate} of the per-sample increment `x − reference`, without forming it: the same
 * doubles as `estimate` of an array of the increments (the quantiles of `1·x − reference`, and
 * the compensated sum of the differences in order), with no sample-length array to allocate.
 *
 * @example
 * ```ts
 * incrementEstimate(swisCost, usualCost).mean; // mean incremental cost
 * ```
 */
export function incrementEstimate(x: Float64Array, reference: Float64Array): Estimate {
  const n = x.length;
  if (reference.length !== n) {
    throw new RangeError("incrementEstimate: x and reference must have one length");
  }
  const [lower, upper] = linearQuantilePair(x, reference, 1, 0.025, 0.975);
  return { mean: differenceSum(x, reference) / n, lower, upper };
}

/** A quantity to estimate: `x`, and with `reference` also the increment `x − reference`. */
export interface EstimateTask {
  readonly x: Float64Array;
  readonly reference?: Float64Array;
}

/** The estimates of one {@link EstimateTask}. */
export interface EstimatePair {
  readonly psa: Estimate;
  readonly increment?: Estimate;
}

/**
 * The estimates of every task, in order.
 *
 * @example
 * ```ts
 * const [usual, swis] = estimateAll([{ x: usualCost }, { x: swisCost, reference: usualCost }]);
 * swis.increment?.mean; // mean incremental cost
 * ```
 */
export function estimateAll(tasks: readonly EstimateTask[]): EstimatePair[] {
  return tasks.map(({ x, reference }) =>
    reference === undefined
      ? { psa: estimate(x) }
      : { psa: estimate(x), increment: incrementEstimate(x, reference) },
  );
}
