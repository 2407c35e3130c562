/**
 * Pairwise comparison of every strategy against one comparator, in ceakit's direction:
 * **strategy minus comparator** (ΔC = C_j − C_ref, ΔE = E_j − E_ref, INMB = λΔE − ΔC).
 * BCEA reports reference minus comparator; negate its `eib` to compare.
 *
 * @module
 */

import { quantilesInPlace } from "../core/quantile.js";
import { mean } from "../core/sum.js";
import { type CeSamples, strategyIndex } from "./samples.js";

/**
 * Probabilities of the four quadrants of the incremental cost-effectiveness plane. Points on an
 * axis go where the decision is clear for any λ ≥ 0: `southEast` (dominant) is ΔE ≥ 0 and
 * ΔC ≤ 0, `northWest` (dominated) is ΔE ≤ 0 and ΔC ≥ 0 except the origin, which counts as
 * south-east; `northEast` is ΔE > 0 and ΔC > 0; `southWest` is ΔE < 0 and ΔC < 0. They sum to 1.
 */
export interface QuadrantProbabilities {
  readonly northEast: number;
  readonly northWest: number;
  readonly southEast: number;
  readonly southWest: number;
}

/** One strategy compared with the comparator. Per-WTP arrays follow the grid. */
export interface PairwiseComparison {
  readonly strategy: string;
  readonly comparator: string;
  /** Mean of per-sample ΔC. */
  readonly incCost: number;
  /** Mean of per-sample ΔE. */
  readonly incEffect: number;
  /** incCost / incEffect (ratio of means), null when incEffect is 0. */
  readonly icer: number | null;
  readonly quadrants: QuadrantProbabilities;
  /** Expected incremental net monetary benefit per WTP. */
  readonly inmb: Float64Array;
  /** 2.5% quantile of the per-sample INMB per WTP. */
  readonly inmbLower: Float64Array;
  /** 97.5% quantile of the per-sample INMB per WTP. */
  readonly inmbUpper: Float64Array;
  /** P(INMB > 0) per WTP (strict). */
  readonly probCostEffective: Float64Array;
}

/** Quadrant shares of per-sample increments. */
function quadrants(dc: Float64Array, de: Float64Array): QuadrantProbabilities {
  let ne = 0;
  let nw = 0;
  let se = 0;
  let sw = 0;
  for (let s = 0; s < dc.length; s++) {
    const c = dc[s] as number;
    const e = de[s] as number;
    if (e >= 0 && c <= 0) se++;
    else if (e <= 0 && c >= 0) nw++;
    else if (e > 0) ne++;
    else sw++;
  }
  const n = dc.length;
  return { northEast: ne / n, northWest: nw / n, southEast: se / n, southWest: sw / n };
}

/**
 * Compares every other strategy with `comparator` on the WTP grid.
 *
 * @example
 * ```ts
 * const [swis] = comparePairwise(samples, "usual", [1000, 10000, 20000]);
 * swis.icer;                 // mean ΔC / mean ΔE
 * swis.probCostEffective[2]; // P(INMB > 0) at λ = 20000
 * ```
 */
export function comparePairwise(
  samples: CeSamples,
  comparator: string,
  wtp: ArrayLike<number>,
): PairwiseComparison[] {
  const ref = strategyIndex(samples, comparator);
  const { cost, effect, nSamples: n, strategies } = samples;
  const dc = new Float64Array(n);
  const de = new Float64Array(n);
  const inb = new Float64Array(n);
  const out: PairwiseComparison[] = [];
  for (let j = 0; j < strategies.length; j++) {
    if (j === ref) continue;
    for (let s = 0; s < n; s++) {
      dc[s] = (cost[j * n + s] as number) - (cost[ref * n + s] as number);
      de[s] = (effect[j * n + s] as number) - (effect[ref * n + s] as number);
    }
    const incCost = mean(dc);
    const incEffect = mean(de);
    const inmb = new Float64Array(wtp.length);
    const inmbLower = new Float64Array(wtp.length);
    const inmbUpper = new Float64Array(wtp.length);
    const probCostEffective = new Float64Array(wtp.length);
    for (let k = 0; k < wtp.length; k++) {
      const l = wtp[k] as number;
      let positive = 0;
      for (let s = 0; s < n; s++) {
        const v = l * (de[s] as number) - (dc[s] as number);
        inb[s] = v;
        if (v > 0) positive++;
      }
      inmb[k] = l * incEffect - incCost;
      probCostEffective[k] = positive / n;
      const [lower, upper] = quantilesInPlace(inb, [0.025, 0.975]) as [number, number];
      inmbLower[k] = lower;
      inmbUpper[k] = upper;
    }
    out.push({
      strategy: strategies[j] as string,
      comparator,
      incCost,
      incEffect,
      icer: incEffect === 0 ? null : incCost / incEffect,
      quadrants: quadrants(dc, de),
      inmb,
      inmbLower,
      inmbUpper,
      probCostEffective,
    });
  }
  return out;
}
