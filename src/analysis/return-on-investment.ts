/**
 * Return on investment of a programme over samples: ROI = (savings − programme cost) /
 * programme cost, per sample and summarised (ratio of means, 95% interval of the per-sample
 * ratios, probability of breaking even). Plain loops over Float64Array; the caller chooses what
 * counts as savings (cashable only, or with released staff time) and whether amounts are
 * discounted.
 *
 * @module
 */

import { quantilePair } from "../core/quantile.js";

/**
 * ROI per sample, (savings_i − cost_i) / cost_i, into `out`; NaN where the programme costs
 * nothing or less (cost_i ≤ 0: a return on no outlay is undefined).
 *
 * @example
 * ```ts
 * returnOnInvestment(new Float64Array([150, 50]), new Float64Array([100, 100]));
 * // Float64Array [0.5, -0.5]: 50% back on top of the outlay, or half of it lost
 * ```
 */
export function returnOnInvestment(
  savings: Float64Array,
  cost: Float64Array,
  out: Float64Array = new Float64Array(cost.length),
): Float64Array {
  const n = cost.length;
  if (savings.length !== n || out.length !== n) {
    throw new RangeError("returnOnInvestment: savings, cost and out must have the same length");
  }
  for (let i = 0; i < n; i++) {
    const c = cost[i] as number;
    out[i] = c > 0 ? ((savings[i] as number) - c) / c : Number.NaN;
  }
  return out;
}

/** ROI over samples: a point estimate, its 95% interval and the chance of breaking even. */
export interface RoiSummary {
  /**
   * (mean savings − mean cost) / mean cost: the ratio of the means (as an ICER is), not the mean
   * of the per-sample ratios; NaN when the mean cost is not positive.
   */
  readonly mean: number;
  /** 2.5% and 97.5% quantiles of the per-sample ROI; NaN when some sample's ROI is undefined. */
  readonly lower: number;
  readonly upper: number;
  /** Share of samples whose savings reach the programme cost (ROI ≥ 0). */
  readonly pBreakEven: number;
  /** Samples in which the programme costs nothing or less (their ROI is undefined). */
  readonly undefinedSamples: number;
}

/**
 * Summarises ROI over samples (see {@link RoiSummary}). The per-sample ROI is written into
 * `scratch` when given (its contents are then overwritten), so that repeated summaries reuse one
 * array.
 *
 * @example
 * ```ts
 * // Savings 150, 50, 250 and 100 on an outlay of 100 each: ROI 0.5, −0.5, 1.5, 0.
 * summariseRoi(new Float64Array([150, 50, 250, 100]), new Float64Array([100, 100, 100, 100]));
 * // { mean: 0.375, lower: −0.4625, upper: 1.425, pBreakEven: 0.75, undefinedSamples: 0 }
 * ```
 */
export function summariseRoi(
  savings: Float64Array,
  cost: Float64Array,
  scratch?: Float64Array,
): RoiSummary {
  const n = cost.length;
  if (n === 0 || savings.length !== n || (scratch !== undefined && scratch.length !== n)) {
    throw new RangeError("summariseRoi: empty or unequal arrays");
  }
  const roi = returnOnInvestment(savings, cost, scratch);
  let sumSavings = 0;
  let sumCost = 0;
  let even = 0;
  let undefinedSamples = 0;
  for (let i = 0; i < n; i++) {
    const s = savings[i] as number;
    const c = cost[i] as number;
    sumSavings += s;
    sumCost += c;
    if (s >= c) even++;
    if (!(c > 0)) undefinedSamples++;
  }
  const meanCost = sumCost / n;
  const [lower, upper] =
    undefinedSamples === 0 ? quantilePair(roi, 0.025, 0.975) : [Number.NaN, Number.NaN];
  return {
    mean: meanCost > 0 ? (sumSavings / n - meanCost) / meanCost : Number.NaN,
    lower,
    upper,
    pBreakEven: even / n,
    undefinedSamples,
  };
}
