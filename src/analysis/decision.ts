/**
 * Decision curves over a WTP grid in one pass over the samples: expected net benefit (ENB), the
 * multi-strategy acceptability curve (CEAC), the acceptability frontier (CEAF), the expected
 * value of perfect information (EVPI) and each strategy's expected loss.
 *
 * Net benefit is linear in λ, so in each sample the optimal strategy as λ grows is the upper
 * envelope of S lines. The kernel walks that envelope once per sample, finding the grid index
 * where each next line takes over (checked with the same `λe − c` comparison a direct
 * evaluation makes, ties to the lowest index), and records the segments in difference arrays.
 * The cost is O(N·S·h + K·S) for h envelope segments, instead of O(N·S·K).
 *
 * EVPI is accumulated in its loss form, mean over samples of NB(optimal) − NB(expected-best),
 * with compensated sums: it is a small difference of large numbers and must stay accurate.
 *
 * @module
 */

import { argmax } from "../core/argmax.js";
import { settleNearTies } from "./enb-ties.js";
import { expectedNetBenefit } from "./nmb.js";
import type { CeSamples } from "./samples.js";
import { type StrategyMeans, strategyMeans } from "./summary.js";
import type { WtpGrid } from "./wtp.js";

/** Decision curves on a WTP grid. Per-WTP, per-strategy arrays are WTP-major: `[k * S + j]`. */
export interface DecisionCurves {
  readonly strategies: readonly string[];
  readonly wtp: Float64Array;
  /** Expected net benefit, `enb[k * S + j]`. */
  readonly enb: Float64Array;
  /** Probability each strategy has the highest net benefit (ties: lowest index), `[k * S + j]`. */
  readonly ceac: Float64Array;
  /** Index of the strategy with the highest expected net benefit at each WTP (ties: lowest). */
  readonly ceafStrategy: Int32Array;
  /** Probability that the CEAF strategy is optimal in a sample (its CEAC value). */
  readonly ceaf: Float64Array;
  /** EVPI = E[max_j NB_j] − max_j E[NB_j], per WTP, per decision. */
  readonly evpi: Float64Array;
  /** Expected loss E[max NB − NB_j], `[k * S + j]`; its minimum over j is the EVPI. */
  readonly expectedLoss: Float64Array;
}

/**
 * Checks a grid is non-empty, finite and strictly increasing, as {@link decisionCurves} does
 * (the same RangeError), for a caller that must refuse a grid before starting the work.
 *
 * @example
 * ```ts
 * checkGrid([0, 20000, 10000]); // RangeError: decisionCurves: the WTP grid must be strictly increasing
 * ```
 */
export function checkGrid(wtp: ArrayLike<number>): void {
  if (wtp.length === 0) throw new RangeError("decisionCurves: the WTP grid is empty");
  for (let k = 0; k < wtp.length; k++) {
    const v = wtp[k] as number;
    if (!Number.isFinite(v)) throw new RangeError(`decisionCurves: WTP ${k} is not finite`);
    if (k > 0 && !(v > (wtp[k - 1] as number))) {
      throw new RangeError("decisionCurves: the WTP grid must be strictly increasing");
    }
  }
}

/** The step of a grid built as `start + k * step`, or 0 when the grid is not of that form. */
function uniformStep(wtp: Float64Array): number {
  if (wtp.length < 2) return 0;
  const start = wtp[0] as number;
  const step = (wtp[1] as number) - start;
  for (let k = 2; k < wtp.length; k++) if (wtp[k] !== start + k * step) return 0;
  return step;
}

/**
 * For each grid index, the first later index where the expected-best strategy differs
 * (or K). Lets the kernel split an owner's segment where the EVPI reference strategy changes.
 */
function nextChange(best: Int32Array): Int32Array {
  const k = best.length;
  const next = new Int32Array(k);
  let change = k;
  for (let w = k - 1; w >= 0; w--) {
    if (w + 1 < k && best[w + 1] !== best[w]) change = w + 1;
    next[w] = change;
  }
  return next;
}

/** Strategy with the highest λe − c (ties: lowest index). */
function ownerAt(e: Float64Array, c: Float64Array, lambda: number): number {
  let best = 0;
  let value = lambda * (e[0] as number) - (c[0] as number);
  for (let j = 1; j < e.length; j++) {
    const v = lambda * (e[j] as number) - (c[j] as number);
    if (v > value) {
      value = v;
      best = j;
    }
  }
  return best;
}

/** Whether line i beats line j at λ: strictly higher λe − c, or equal with the lower index. */
function beats(
  lambda: number,
  ei: number,
  ci: number,
  i: number,
  ej: number,
  cj: number,
  j: number,
): boolean {
  const a = lambda * ei - ci;
  const b = lambda * ej - cj;
  return a > b || (a === b && i < j);
}

/** First index in [from, to) with grid[index] >= x, or `to`. */
function lowerBound(grid: Float64Array, x: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((grid[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Adds `v` at index `a` and `−v` at index `b` of a compensated difference array (hi/lo pairs).
 * The rounding error of each sum is found by Knuth's branch-free two-sum: the same exact error
 * a comparison of magnitudes and Dekker's fast two-sum give, without a branch to mispredict.
 */
function addRange(hi: Float64Array, lo: Float64Array, a: number, b: number, v: number): void {
  let s = hi[a] as number;
  let t = s + v;
  let z = t - s;
  lo[a] = (lo[a] as number) + (s - (t - z) + (v - z));
  hi[a] = t;
  s = hi[b] as number;
  t = s - v;
  z = t - s;
  lo[b] = (lo[b] as number) + (s - (t - z) + (-v - z));
  hi[b] = t;
}

/** Prefix sums of a compensated difference array, compensated again. */
function prefixSums(hi: Float64Array, lo: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k);
  let s = 0;
  let c = 0;
  for (let w = 0; w < k; w++) {
    const h = hi[w] as number;
    let t = s + h;
    c += Math.abs(s) >= Math.abs(h) ? s - t + h : h - t + s;
    s = t;
    const l = lo[w] as number;
    t = s + l;
    c += Math.abs(s) >= Math.abs(l) ? s - t + l : l - t + s;
    s = t;
    out[w] = s + c;
  }
  return out;
}

/**
 * Computes ENB, CEAC, CEAF, EVPI and expected loss for every strategy on a WTP grid.
 *
 * Conventions (see README): NB = λ·effect − cost; the optimal strategy in a sample is the strict
 * arg-max with the lowest index winning exact ties; the CEAF strategy is the one with the highest
 * *expected* NB and its probability is that strategy's CEAC value (not the maximum CEAC).
 * Expected NBs within rounding of each other at a WTP are recomputed as R computes them (the mean
 * of per-sample NBs, {@link settleNearTies}), so that R's exact ties are ties here.
 * `means` are the strategies' mean costs and effects ({@link strategyMeans}), when the caller
 * has them already.
 *
 * @example
 * ```ts
 * const curves = decisionCurves(samples, wtpRange(0, 100000, 1000));
 * curves.ceac[34 * 3 + 1]; // P(strategy 1 is optimal at λ = 34000)
 * curves.evpi[34];
 * ```
 */
export function decisionCurves(
  samples: CeSamples,
  wtp: WtpGrid | readonly number[],
  means: StrategyMeans = strategyMeans(samples),
): DecisionCurves {
  const grid = wtp instanceof Float64Array ? wtp : Float64Array.from(wtp);
  checkGrid(grid);
  const { cost, effect, nSamples: n, strategies } = samples;
  const S = strategies.length;
  const K = grid.length;
  const enb = expectedNetBenefit(means.cost, means.effect, grid);
  settleNearTies(samples, grid, enb, means);
  const best = new Int32Array(K);
  for (let k = 0; k < K; k++) best[k] = argmax(enb.subarray(k * S, (k + 1) * S));
  const bestChange = nextChange(best);

  const counts = new Int32Array((K + 1) * S);
  const eHi = new Float64Array(K + 1);
  const eLo = new Float64Array(K + 1);
  const cHi = new Float64Array(K + 1);
  const cLo = new Float64Array(K + 1);
  const lambda0 = grid[0] as number;
  const step = uniformStep(grid);
  const e = new Float64Array(S); // this sample's effects and costs
  const c = new Float64Array(S);

  for (let s = 0; s < n; s++) {
    for (let j = 0; j < S; j++) {
      e[j] = effect[j * n + s] as number;
      c[j] = cost[j * n + s] as number;
    }
    let j = ownerAt(e, c, lambda0);
    let k = 0;
    for (;;) {
      // The next grid index where a steeper line overtakes j, by the direct comparison.
      let next = K;
      const ej = e[j] as number;
      const cj = c[j] as number;
      for (let i = 0; i < S; i++) {
        const ei = e[i] as number;
        if (!(ei > ej)) continue;
        const ci = c[i] as number;
        const x = (ci - cj) / (ei - ej);
        let g: number;
        if (step > 0) {
          g = Math.ceil((x - lambda0) / step);
          if (!(g > k)) g = k + 1;
          else if (g > K) g = K;
        } else {
          g = lowerBound(grid, x, k + 1, K);
        }
        if (g > next) continue;
        while (g > k + 1 && beats(grid[g - 1] as number, ei, ci, i, ej, cj, j)) g--;
        while (g < K && !beats(grid[g] as number, ei, ci, i, ej, cj, j)) g++;
        if (g < next) next = g;
      }
      counts[k * S + j] = (counts[k * S + j] as number) + 1;
      counts[next * S + j] = (counts[next * S + j] as number) - 1;
      // Loss against the expected-best strategy, split where that strategy changes.
      for (let p = k; p < next; ) {
        const b = best[p] as number;
        const q = (bestChange[p] as number) < next ? (bestChange[p] as number) : next;
        if (b !== j) {
          addRange(eHi, eLo, p, q, ej - (e[b] as number));
          addRange(cHi, cLo, p, q, cj - (c[b] as number));
        }
        p = q;
      }
      if (next === K) break;
      k = next;
      j = ownerAt(e, c, grid[k] as number);
    }
  }

  const ceac = new Float64Array(K * S);
  const running = new Int32Array(S);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < S; j++) {
      running[j] = (running[j] as number) + (counts[k * S + j] as number);
      ceac[k * S + j] = (running[j] as number) / n;
    }
  }
  const dE = prefixSums(eHi, eLo, K);
  const dC = prefixSums(cHi, cLo, K);
  const evpi = new Float64Array(K);
  const ceaf = new Float64Array(K);
  const expectedLoss = new Float64Array(K * S);
  for (let k = 0; k < K; k++) {
    const b = best[k] as number;
    const lossE = (grid[k] as number) * (dE[k] as number);
    let v = (lossE - (dC[k] as number)) / n;
    // Rounding can leave a few ulps below zero where EVPI is exactly zero. The ulps are those of
    // the accumulated terms, which can be far larger than the expected NB itself.
    const scale =
      (Math.abs(lossE) + Math.abs(dC[k] as number)) / n + Math.abs(enb[k * S + b] as number) + 1;
    if (v < 0 && v > -1e-12 * scale) v = 0;
    evpi[k] = v;
    ceaf[k] = ceac[k * S + b] as number;
    for (let j = 0; j < S; j++) {
      expectedLoss[k * S + j] = v + ((enb[k * S + b] as number) - (enb[k * S + j] as number));
    }
  }
  return { strategies, wtp: grid, enb, ceac, ceafStrategy: best, ceaf, evpi, expectedLoss };
}
