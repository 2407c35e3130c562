/**
 * Compensated summation. Plain running sums of 1e6 values lose digits that cost-effectiveness
 * outputs need (EVPI is a small difference of large net benefits), so every mean in ceakit goes
 * through these.
 *
 * @module
 */

import { productError } from "./product-error.js";

/**
 * Neumaier-compensated sum of `x[from..to)`.
 *
 * @example
 * ```ts
 * sum(new Float64Array([1e16, 1, -1e16])); // 1 (a plain loop gives 0)
 * ```
 */
export function sum(x: ArrayLike<number>, from = 0, to: number = x.length): number {
  let s = 0;
  let c = 0;
  for (let i = from; i < to; i++) {
    const v = x[i] as number;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/**
 * Neumaier-compensated sum of the differences `x[i] − y[i]`, in order, without forming them: the
 * same double as {@link sum} of an array holding the differences.
 *
 * @example
 * ```ts
 * differenceSum(new Float64Array([1e16, 1, 0]), new Float64Array([0, 0, 1e16])); // 1 (a plain loop gives 0)
 * ```
 */
export function differenceSum(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = (x[i] as number) - (y[i] as number);
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/**
 * Mean of `x[from..to)`, as near the exact mean as doubles allow: the sum is carried as two
 * doubles (a running sum and the exact errors of its additions, found by Knuth's two-sum) and
 * divided by n with the division's own error taken back (Dekker's exact product). For values
 * below 1e290 in size (beyond, the plain quotient) the result is the double nearest the exact
 * mean unless the values cancel to within about 10⁻¹⁵ of their size, or the mean lies within about 2⁻¹⁰⁶ of it of a midpoint between two doubles (there no
 * double-precision method can tell). R's `mean` and `colMeans` sum in extended precision, so a
 * tie in R is a tie here: `mean([-1, -1, 1, 1, 2])` is 0.4, not 0.4 plus one unit in the last
 * place, which a refinement pass in doubles gave.
 *
 * @example
 * ```ts
 * mean(new Float64Array([1, 2, 3, 4])); // 2.5
 * mean([-1, -1, 1, 1, 2]); // 0.4
 * ```
 */
export function mean(x: ArrayLike<number>, from = 0, to: number = x.length): number {
  return meanAndScale(x, from, to).mean;
}

/**
 * {@link mean} of `x[from..to)` (the same double) and, from the same reading, the mean of the
 * absolute values: the scale of the rounding in anything computed value by value from `x`.
 *
 * @example
 * ```ts
 * meanAndScale([-1, -1, 1, 1, 2]); // { mean: 0.4, scale: 1.2 }
 * ```
 */
export function meanAndScale(
  x: ArrayLike<number>,
  from = 0,
  to: number = x.length,
): { readonly mean: number; readonly scale: number } {
  const n = to - from;
  if (n <= 0) throw new RangeError("mean: empty range");
  let s = 0;
  let c = 0;
  let size = 0;
  // Knuth's branch-free two-sum: the exact error of each addition, as Neumaier's magnitude test
  // finds it, without a branch to mispredict.
  for (let i = from; i < to; i++) {
    const v = x[i] as number;
    size += Math.abs(v);
    const t = s + v;
    const z = t - s;
    c += s - (t - z) + (v - z);
    s = t;
  }
  const q = s / n;
  // Dekker's split would overflow near the largest doubles; there the plain quotient serves.
  if (!(Math.abs(q) < 1e290)) return { mean: (s + c) / n, scale: size / n };
  // s + c − q·n exactly (s − fl(q·n) is exact: the two are within a factor of two), over n.
  const p = q * n;
  return { mean: q + (s - p - productError(q, n, p) + c) / n, scale: size / n };
}

/**
 * Sample standard deviation (denominator n − 1) of `x[from..to)`, two-pass and compensated.
 * Returns NaN for fewer than two values, as R's `sd` returns NA.
 *
 * @example
 * ```ts
 * sd(new Float64Array([2, 4, 4, 4, 5, 5, 7, 9])); // 2.138089935299395
 * ```
 */
export function sd(x: ArrayLike<number>, from = 0, to: number = x.length): number {
  const n = to - from;
  if (n < 2) return Number.NaN;
  const m = mean(x, from, to);
  let s = 0;
  let c = 0;
  for (let i = from; i < to; i++) {
    const d = (x[i] as number) - m;
    const v = d * d;
    const t = s + v;
    c += s >= v ? s - t + v : v - t + s;
    s = t;
  }
  return Math.sqrt((s + c) / (n - 1));
}

/**
 * A running double-double accumulator: `add` many values, read `value()` once.
 * Used where sums are built incrementally (difference arrays, prefix sums).
 *
 * @example
 * ```ts
 * const acc = new CompensatedSum();
 * acc.add(1e16); acc.add(1); acc.add(-1e16);
 * acc.value(); // 1
 * ```
 */
export class CompensatedSum {
  private s = 0;
  private c = 0;

  /** Adds one value. */
  add(v: number): void {
    const t = this.s + v;
    this.c += Math.abs(this.s) >= Math.abs(v) ? this.s - t + v : v - t + this.s;
    this.s = t;
  }

  /** The sum of everything added so far. */
  value(): number {
    return this.s + this.c;
  }
}
