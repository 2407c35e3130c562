/**
 * The mean and 95% interval of a quantity over PSA samples, and of a strategy's increment over
 * the comparator: what a cost-consequence table shows for each outcome. One function, so that a
 * table computed on another thread has the same bits.
 *
 * @module
 */

import { quantilePair } from "../core/quantile.js";
import { sum } from "../core/sum.js";

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
 * {@link estimate} of the per-sample increment `x − reference`, formed in `scratch` (as long as
 * `x`; overwritten).
 *
 * @example
 * ```ts
 * incrementEstimate(swisCost, usualCost, new Float64Array(swisCost.length)).mean;
 * ```
 */
export function incrementEstimate(
  x: Float64Array,
  reference: Float64Array,
  scratch: Float64Array,
): Estimate {
  const n = x.length;
  if (reference.length !== n || scratch.length !== n) {
    throw new RangeError("incrementEstimate: x, reference and scratch must have one length");
  }
  for (let i = 0; i < n; i++) scratch[i] = (x[i] as number) - (reference[i] as number);
  return estimate(scratch);
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
 * The estimates of every task, in order, with one scratch array for the increments.
 *
 * @example
 * ```ts
 * const [usual, swis] = estimateAll([{ x: usualCost }, { x: swisCost, reference: usualCost }]);
 * swis.increment?.mean; // mean incremental cost
 * ```
 */
export function estimateAll(tasks: readonly EstimateTask[]): EstimatePair[] {
  let scratch: Float64Array | undefined;
  return tasks.map(({ x, reference }) => {
    const psa = estimate(x);
    if (reference === undefined) return { psa };
    if (scratch === undefined || scratch.length !== x.length) scratch = new Float64Array(x.length);
    return { psa, increment: incrementEstimate(x, reference, scratch) };
  });
}
