/**
 * Expected net benefits that tie to within rounding, settled as R settles them.
 *
 * ceakit computes a strategy's expected net benefit from its means, λ·Ē − C̄ (NB is linear in
 * λ). R's packages average the per-sample net benefits instead (dampack `colMeans(nmb)`, BCEA
 * `apply(U, 2, mean)`), which rounds each sample's λe − c first. The two agree to a few units in
 * the last place, but where two strategies tie in R that last place decides which one ceakit
 * calls best, and with it the CEAF and its probability. So where the expected NBs of two
 * strategies at a WTP are closer than the rounding of either way of computing them, every
 * strategy in that near tie is recomputed R's way: the mean of its per-sample λe − c. Exact ties
 * in R then tie here, and the lowest index wins them, as R's `which.max` does. Strategies with
 * the same samples (a duplicate) are left alone, as they tie both ways; two that differ but tie
 * at every WTP (equal mean costs and effects) cost a pass over the samples per WTP.
 *
 * @module
 */

import { mean as meanOf } from "../core/sum.js";
import type { CeSamples } from "./samples.js";
import { type StrategyMeans, strategyMeans } from "./summary.js";

/**
 * Units in the last place, relative to λ·mean|e| + mean|c|, within which two expected NBs may
 * order differently computed from means or from per-sample values: each way rounds at most
 * about 3 ulps of that scale (the per-sample product and difference, the mean, the final
 * subtraction); 8 leaves room.
 */
const NEAR_TIE_ULPS = 8;

/** The largest of a strategy scale's entries. */
function largest(x: Float64Array): number {
  let m = 0;
  for (let j = 0; j < x.length; j++) m = Math.max(m, x[j] as number);
  return m;
}

/**
 * Replaces, in `enb` (WTP-major, `enb[k * S + j]`, computed from `means`), the expected NBs of
 * every strategy within rounding of the best at a WTP by the mean of its per-sample net
 * benefits, as R computes them. Nothing changes where no two strategies are that close.
 *
 * @example
 * ```ts
 * const enb = expectedNetBenefit(means.cost, means.effect, grid);
 * settleNearTies(samples, grid, enb, means);
 * ```
 */
export function settleNearTies(
  samples: CeSamples,
  grid: ArrayLike<number>,
  enb: Float64Array,
  means: StrategyMeans,
): void {
  const { cost, effect, nSamples: n, strategies } = samples;
  const S = strategies.length;
  if (S < 2) return;
  // Means given without their scale (a caller's own): the scale as strategyMeans finds it.
  const scale = means.scale ?? strategyMeans(samples).scale;
  const scaleCost = largest(scale.cost);
  const scaleEffect = largest(scale.effect);
  let nb: Float64Array | undefined;
  const sameness = new Map<number, boolean>();
  /** Whether strategies a and b have the same cost and effect in every sample (remembered). */
  const same = (a: number, b: number): boolean => {
    if (a === b) return true;
    const key = a * S + b;
    let known = sameness.get(key);
    if (known === undefined) {
      known = true;
      for (let i = 0; i < n && known; i++) {
        known = cost[a * n + i] === cost[b * n + i] && effect[a * n + i] === effect[b * n + i];
      }
      sameness.set(key, known);
    }
    return known;
  };
  for (let k = 0; k < grid.length; k++) {
    const lambda = grid[k] as number;
    const tolerance = NEAR_TIE_ULPS * Number.EPSILON * (Math.abs(lambda) * scaleEffect + scaleCost);
    let top = enb[k * S] as number;
    for (let j = 1; j < S; j++) top = Math.max(top, enb[k * S + j] as number);
    const near: number[] = [];
    for (let j = 0; j < S; j++) if (top - (enb[k * S + j] as number) <= tolerance) near.push(j);
    // Strategies whose samples are the same numbers tie both ways already (a duplicated
    // strategy would otherwise be recomputed at every WTP).
    if (near.every((j) => same(near[0] as number, j))) continue;
    nb ??= new Float64Array(n);
    for (const j of near) {
      for (let i = 0; i < n; i++) {
        nb[i] = lambda * (effect[j * n + i] as number) - (cost[j * n + i] as number);
      }
      enb[k * S + j] = meanOf(nb);
    }
  }
}
