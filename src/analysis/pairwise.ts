/**
 * Pairwise comparison of every strategy against one comparator, in ceakit's direction:
 * **strategy minus comparator** (ΔC = C_j − C_ref, ΔE = E_j − E_ref, INMB = λΔE − ΔC).
 * BCEA reports reference minus comparator; negate its `eib` to compare.
 *
 * @module
 */

import { linearQuantilePairs } from "../core/quantile.js";
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
  /** 2.5% quantile of the per-sample INMB per WTP (null when intervals were not asked for). */
  readonly inmbLower: Float64Array | null;
  /** 97.5% quantile of the per-sample INMB per WTP (null when intervals were not asked for). */
  readonly inmbUpper: Float64Array | null;
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

/** Whether a grid is strictly increasing. */
function increasing(wtp: ArrayLike<number>): boolean {
  for (let k = 1; k < wtp.length; k++)
    if (!((wtp[k] as number) > (wtp[k - 1] as number))) return false;
  return true;
}

/**
 * P(λ·ΔE − ΔC > 0) at every λ of the grid, into `out`, each sample's INMB computed exactly as
 * `l * de[s] - dc[s]`. On an increasing grid, that expression is monotone in λ for each sample
 * (rounding preserves order), so its sign changes once: a guess from the root ΔC/ΔE, corrected by
 * the direct comparison at the neighbouring grid points, finds where, and a difference array
 * counts the samples: O(n) instead of O(n K), with the same result.
 */
function probabilityPositive(
  de: Float64Array,
  dc: Float64Array,
  wtp: ArrayLike<number>,
  out: Float64Array,
): void {
  const K = wtp.length;
  const n = de.length;
  if (!increasing(wtp)) {
    for (let k = 0; k < K; k++) {
      const l = wtp[k] as number;
      let positive = 0;
      for (let s = 0; s < n; s++) if (l * (de[s] as number) - (dc[s] as number) > 0) positive++;
      out[k] = positive / n;
    }
    return;
  }
  const starts = new Float64Array(K + 1);
  // Where the sign changes, guessed from the root c / d on an evenly spaced grid and then walked
  // to by the direct comparisons (each a step or two; exact on any increasing grid).
  const lambda0 = wtp[0] as number;
  const step = K > 1 ? ((wtp[K - 1] as number) - lambda0) / (K - 1) : 1;
  const guess = (root: number): number => {
    const g = Math.ceil((root - lambda0) / step);
    return g >= 0 ? (g <= K ? g : K) : 0; // NaN: 0
  };
  for (let s = 0; s < n; s++) {
    const d = de[s] as number;
    const c = dc[s] as number;
    if (d > 0) {
      // positive from the first k where it holds to the end
      let g = guess(c / d);
      while (g > 0 && (wtp[g - 1] as number) * d - c > 0) g--;
      while (g < K && !((wtp[g] as number) * d - c > 0)) g++;
      starts[g] = (starts[g] as number) + 1;
    } else if (d < 0) {
      // positive from the start up to the first k where it fails
      let g = guess(c / d);
      while (g > 0 && !((wtp[g - 1] as number) * d - c > 0)) g--;
      while (g < K && (wtp[g] as number) * d - c > 0) g++;
      starts[0] = (starts[0] as number) + 1;
      starts[g] = (starts[g] as number) - 1;
    } else if ((wtp[0] as number) * d - c > 0) {
      // ΔE = 0 (or −0): the sign does not depend on λ; NaN never counts
      starts[0] = (starts[0] as number) + 1;
      starts[K] = (starts[K] as number) - 1;
    }
  }
  let running = 0;
  for (let k = 0; k < K; k++) {
    running += starts[k] as number;
    out[k] = running / n;
  }
}

/**
 * Strategy j's increments over strategy `ref`, per sample: `dc[s] = cost_j − cost_ref` and
 * `de[s] = effect_j − effect_ref` (the arrays every pairwise figure is computed from).
 *
 * @example
 * ```ts
 * const dc = new Float64Array(samples.nSamples);
 * const de = new Float64Array(samples.nSamples);
 * increments(samples, 1, 0, dc, de); // strategy 1 vs strategy 0
 * ```
 */
export function increments(
  samples: CeSamples,
  j: number,
  ref: number,
  dc: Float64Array,
  de: Float64Array,
): void {
  const { cost, effect, nSamples: n } = samples;
  for (let s = 0; s < n; s++) {
    dc[s] = (cost[j * n + s] as number) - (cost[ref * n + s] as number);
    de[s] = (effect[j * n + s] as number) - (effect[ref * n + s] as number);
  }
}

/**
 * Two sample-length arrays {@link comparePairwise} forms the increments in; a caller comparing
 * the same samples more than once (on two grids, say) can give the same pair to each call.
 */
export interface PairwiseScratch {
  readonly dc: Float64Array;
  readonly de: Float64Array;
}

/**
 * Compares every other strategy with `comparator` on the WTP grid. The 95% intervals of the
 * INMB take one pass over the samples per WTP; `intervals = false` skips them (they are then
 * null), for long grids on many samples where only the expected INMB is needed; a function
 * chooses per strategy (e.g. when another thread computes some of them). `scratch`, when its
 * arrays have the samples' length, holds the increments instead of two new arrays.
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
  intervals: boolean | ((strategy: string) => boolean) = true,
  scratch?: PairwiseScratch,
): PairwiseComparison[] {
  const ref = strategyIndex(samples, comparator);
  const { nSamples: n, strategies } = samples;
  const fits = scratch !== undefined && scratch.dc.length === n && scratch.de.length === n;
  const arrays = fits ? scratch : { dc: new Float64Array(n), de: new Float64Array(n) };
  const out: PairwiseComparison[] = [];
  for (let j = 0; j < strategies.length; j++) {
    if (j === ref) continue;
    const withIntervals =
      typeof intervals === "function" ? intervals(strategies[j] as string) : intervals;
    out.push(compareOne(samples, j, ref, wtp, withIntervals, arrays));
  }
  return out;
}

/**
 * One comparison of {@link comparePairwise}: strategy j against strategy `ref`, its increments
 * formed in `scratch` (two arrays of the samples' length).
 *
 * @example
 * ```ts
 * const n = samples.nSamples;
 * const swis = compareOne(samples, 1, 0, [20000], true, { dc: new Float64Array(n), de: new Float64Array(n) });
 * ```
 */
export function compareOne(
  samples: CeSamples,
  j: number,
  ref: number,
  wtp: ArrayLike<number>,
  intervals: boolean,
  scratch: PairwiseScratch,
): PairwiseComparison {
  const { dc, de } = scratch;
  const S = samples.strategies.length;
  if (!(Number.isInteger(j) && Number.isInteger(ref) && j >= 0 && ref >= 0 && j < S && ref < S)) {
    throw new RangeError(`compareOne: strategies ${j} and ${ref} are not both in 0…${S - 1}`);
  }
  if (j === ref) throw new RangeError("compareOne: a strategy compared with itself");
  if (dc.length !== samples.nSamples || de.length !== samples.nSamples) {
    throw new RangeError("compareOne: the scratch arrays must have the samples' length");
  }
  increments(samples, j, ref, dc, de);
  const incCost = mean(dc);
  const incEffect = mean(de);
  const inmb = new Float64Array(wtp.length);
  const inmbLower = intervals ? new Float64Array(wtp.length) : null;
  const inmbUpper = intervals ? new Float64Array(wtp.length) : null;
  const probCostEffective = new Float64Array(wtp.length);
  probabilityPositive(de, dc, wtp, probCostEffective);
  for (let k = 0; k < wtp.length; k++) inmb[k] = (wtp[k] as number) * incEffect - incCost;
  if (inmbLower !== null && inmbUpper !== null) {
    linearQuantilePairs(de, dc, wtp, 0.025, 0.975, inmbLower, inmbUpper);
  }
  return {
    strategy: samples.strategies[j] as string,
    comparator: samples.strategies[ref] as string,
    incCost,
    incEffect,
    icer: incEffect === 0 ? null : incCost / incEffect,
    quadrants: quadrants(dc, de),
    inmb,
    inmbLower,
    inmbUpper,
    probCostEffective,
  };
}
