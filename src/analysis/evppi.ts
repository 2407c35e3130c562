/**
 * Expected value of partial perfect information (EVPPI): what learning some parameters exactly
 * would be worth, per decision, at each willingness to pay. From PSA samples alone:
 *
 * - one parameter: Strong & Oakley's non-parametric estimator (Med Decis Making 2013): sort the
 *   samples by the parameter, cut them into bins of equal size, and take
 *   EVPPI = Σ_b (n_b / N) max_j mean_b(NB_j) − max_j mean(NB_j);
 * - a group: a regression estimator (Strong, Oakley & Brennan, Med Decis Making 2014, with a
 *   quadratic polynomial in place of their GAM): each strategy's incremental cost and effect are
 *   regressed on the parameters, and the fitted incremental net benefits g_j give
 *   EVPPI = mean_s max(0, max_j g_j(s)) − max(0, max_j mean g_j).
 *
 * Net benefit is linear in λ, so both work on means of cost and effect and cost little per WTP.
 *
 * @module
 */

import { cholesky } from "../core/cholesky.js";
import { sortedOrder } from "../core/sorted-order.js";
import { mean } from "../core/sum.js";
import type { CeSamples } from "./samples.js";
import { type StrategyMeans, strategyMeans } from "./summary.js";

/** Checks a parameter column against the samples: one finite draw per sample. */
function checkColumn(samples: CeSamples, x: Float64Array, what: string): void {
  if (x.length !== samples.nSamples) {
    throw new RangeError(
      `${what}: the parameter has ${x.length} draws for ${samples.nSamples} samples`,
    );
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new RangeError(`${what}: the parameter's draw ${i} is ${x[i]}, not a finite number`);
    }
  }
}

/**
 * EVPPI of one parameter by sort-and-bin, per WTP. `bins` defaults to √N (rounded), so each bin
 * holds about √N samples; when `bins` does not divide N, bin sizes differ by at most one and each
 * bin counts by its size (voi's `"so"` method refuses such a count). A parameter that takes one
 * value in every sample carries no information: its EVPPI is 0, as voi gives. `means` are the
 * strategies' mean costs and effects ({@link strategyMeans}), when the caller has them already
 * (many estimates on one PSA).
 *
 * @example
 * ```ts
 * const v = evppiSortBin(psa.samples, psa.parameters.irr_s47, [1000, 10000, 20000]);
 * ```
 */
export function evppiSortBin(
  samples: CeSamples,
  x: Float64Array,
  wtp: ArrayLike<number>,
  bins = Math.max(1, Math.round(Math.sqrt(samples.nSamples))),
  means: StrategyMeans = strategyMeans(samples),
): Float64Array {
  checkColumn(samples, x, "evppiSortBin");
  const n = samples.nSamples;
  if (!(Number.isInteger(bins) && bins >= 1 && bins <= n)) {
    throw new RangeError(`evppiSortBin: bins must be a whole number in [1, ${n}], got ${bins}`);
  }
  if (x.every((v) => v === x[0])) return new Float64Array(wtp.length);
  // By value, ties in sample order.
  return binnedEvppi(samples, sortedOrder(x), wtp, bins, means);
}

/**
 * The sort-and-bin estimate for samples taken in `order` and cut into `bins` consecutive groups
 * (bin b holds positions ⌊bN/B⌋ to ⌊(b+1)N/B⌋ − 1, so sizes differ by at most one):
 * Σ_b (n_b / N) max_j mean_b(NB_j) − max_j mean(NB_j), per WTP, floored at 0. With `order`
 * sorted by a parameter this is {@link evppiSortBin}; with a random permutation it is the
 * estimate for a parameter that carries no information (see evppi-floor.ts).
 *
 * @example
 * ```ts
 * binnedEvppi(samples, [2, 0, 1, 3], [20000], 2);
 * ```
 */
export function binnedEvppi(
  samples: CeSamples,
  order: ArrayLike<number>,
  wtp: ArrayLike<number>,
  bins: number,
  means: StrategyMeans = strategyMeans(samples),
): Float64Array {
  const { nSamples: n, strategies, cost, effect } = samples;
  const S = strategies.length;
  if (order.length !== n) {
    throw new RangeError(`binnedEvppi: the order has ${order.length} entries for ${n} samples`);
  }
  if (!(Number.isInteger(bins) && bins >= 1 && bins <= n)) {
    throw new RangeError(`binnedEvppi: bins must be a whole number in [1, ${n}], got ${bins}`);
  }
  // Means of cost and effect per bin and strategy: [b * S + j].
  const binCost = new Float64Array(bins * S);
  const binEffect = new Float64Array(bins * S);
  const weight = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins);
    const to = Math.floor(((b + 1) * n) / bins);
    weight[b] = (to - from) / n;
    for (let j = 0; j < S; j++) {
      let c = 0;
      let e = 0;
      for (let k = from; k < to; k++) {
        const s = order[k] as number;
        c += cost[j * n + s] as number;
        e += effect[j * n + s] as number;
      }
      binCost[b * S + j] = c / (to - from);
      binEffect[b * S + j] = e / (to - from);
    }
  }
  const overallCost = means.cost;
  const overallEffect = means.effect;
  const out = new Float64Array(wtp.length);
  for (let k = 0; k < wtp.length; k++) {
    const l = wtp[k] as number;
    let perfect = 0;
    for (let b = 0; b < bins; b++) {
      let best = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < S; j++) {
        best = Math.max(
          best,
          l * (binEffect[b * S + j] as number) - (binCost[b * S + j] as number),
        );
      }
      perfect += (weight[b] as number) * best;
    }
    let current = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < S; j++) {
      current = Math.max(current, l * (overallEffect[j] as number) - (overallCost[j] as number));
    }
    out[k] = Math.max(0, perfect - current);
  }
  return out;
}

/**
 * The number of terms of the quadratic regression on `k` parameters: the intercept, k linear
 * terms, k squares and k(k − 1)/2 products.
 *
 * @example
 * ```ts
 * quadraticTerms(2); // 6
 * ```
 */
export function quadraticTerms(k: number): number {
  return 1 + k + (k * (k + 1)) / 2;
}

/**
 * Standardised quadratic design: intercept, each parameter, its square, and every pairwise
 * product, columns z-scored (so the normal equations stay well conditioned).
 */
function quadraticDesign(xs: readonly Float64Array[], n: number): Float64Array[] {
  const z = xs.map((x) => {
    const m = mean(x);
    let v = 0;
    for (let i = 0; i < n; i++) v += ((x[i] as number) - m) ** 2;
    const sdev = Math.sqrt(v / n) || 1;
    return Float64Array.from(x, (xi) => (xi - m) / sdev);
  });
  const columns: Float64Array[] = [new Float64Array(n).fill(1), ...z];
  for (let a = 0; a < z.length; a++) {
    for (let b = a; b < z.length; b++) {
      const za = z[a] as Float64Array;
      const zb = z[b] as Float64Array;
      columns.push(Float64Array.from(za, (v, i) => v * (zb[i] as number)));
    }
  }
  return columns;
}

/** Least-squares fitted values of y on the design columns (normal equations, Cholesky). */
function fitted(columns: readonly Float64Array[], y: Float64Array): Float64Array {
  const p = columns.length;
  const n = y.length;
  const xtx: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    const ca = columns[a] as Float64Array;
    for (let b = 0; b <= a; b++) {
      const cb = columns[b] as Float64Array;
      let s = 0;
      for (let i = 0; i < n; i++) s += (ca[i] as number) * (cb[i] as number);
      (xtx[a] as number[])[b] = s;
      (xtx[b] as number[])[a] = s;
    }
    let t = 0;
    for (let i = 0; i < n; i++) t += (ca[i] as number) * (y[i] as number);
    xty[a] = t;
  }
  // A tiny ridge keeps a rank-deficient design (a constant parameter, say) solvable.
  let l = cholesky(xtx);
  for (let ridge = 1e-10; l === undefined && ridge < 1; ridge *= 100) {
    l = cholesky(xtx.map((row, i) => row.map((v, j) => (i === j ? v * (1 + ridge) + ridge : v))));
  }
  if (l === undefined) throw new RangeError("evppiRegression: the regression could not be solved");
  // Solve L Lᵀ β = Xᵀy.
  const w = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = xty[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] as number) * (w[k] as number);
    w[i] = s / (l[i * p + i] as number);
  }
  const beta = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = w[i] as number;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] as number) * (beta[k] as number);
    beta[i] = s / (l[i * p + i] as number);
  }
  const out = new Float64Array(n);
  for (let a = 0; a < p; a++) {
    const ca = columns[a] as Float64Array;
    const ba = beta[a] as number;
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + ba * (ca[i] as number);
  }
  return out;
}

/**
 * EVPPI of a group of parameters (one or more) by regression on a quadratic polynomial in the
 * parameters, per WTP, against `comparator` (default: the first strategy; the choice does not
 * change the result).
 *
 * @example
 * ```ts
 * const v = evppiRegression(psa.samples, [psa.parameters.irr_s47, psa.parameters.c_s47], [20000]);
 * ```
 */
export function evppiRegression(
  samples: CeSamples,
  xs: readonly Float64Array[],
  wtp: ArrayLike<number>,
  comparator = 0,
): Float64Array {
  if (xs.length === 0) throw new RangeError("evppiRegression: no parameters given");
  for (const x of xs) checkColumn(samples, x, "evppiRegression");
  const { nSamples: n, strategies, cost, effect } = samples;
  const design = quadraticDesign(xs, n);
  if (design.length >= n) {
    throw new RangeError(
      `evppiRegression: ${design.length} regression terms need more than ${n} samples`,
    );
  }
  const fits: { dc: Float64Array; de: Float64Array }[] = [];
  for (let j = 0; j < strategies.length; j++) {
    if (j === comparator) continue;
    const dc = Float64Array.from(
      { length: n },
      (_, i) => (cost[j * n + i] as number) - (cost[comparator * n + i] as number),
    );
    const de = Float64Array.from(
      { length: n },
      (_, i) => (effect[j * n + i] as number) - (effect[comparator * n + i] as number),
    );
    fits.push({ dc: fitted(design, dc), de: fitted(design, de) });
  }
  const out = new Float64Array(wtp.length);
  for (let k = 0; k < wtp.length; k++) {
    const l = wtp[k] as number;
    let perfect = 0;
    const sums = new Float64Array(fits.length);
    for (let i = 0; i < n; i++) {
      let best = 0; // the comparator's incremental net benefit
      for (let m = 0; m < fits.length; m++) {
        const f = fits[m] as { dc: Float64Array; de: Float64Array };
        const g = l * (f.de[i] as number) - (f.dc[i] as number);
        sums[m] = (sums[m] as number) + g;
        if (g > best) best = g;
      }
      perfect += best;
    }
    let current = 0;
    for (const s of sums) current = Math.max(current, s / n);
    out[k] = Math.max(0, perfect / n - current);
  }
  return out;
}
