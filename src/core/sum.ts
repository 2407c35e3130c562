/**
 * Compensated summation. Plain running sums of 1e6 values lose digits that cost-effectiveness
 * outputs need (EVPI is a small difference of large net benefits), so every mean in ceakit goes
 * through these.
 *
 * @module
 */

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
 * Mean of `x[from..to)` by compensated summation followed by one refinement pass
 * (the mean of the residuals is added back, as R's `mean` does).
 *
 * @example
 * ```ts
 * mean(new Float64Array([1, 2, 3, 4])); // 2.5
 * ```
 */
export function mean(x: ArrayLike<number>, from = 0, to: number = x.length): number {
  const n = to - from;
  if (n <= 0) throw new RangeError("mean: empty range");
  const m = sum(x, from, to) / n;
  let s = 0;
  let c = 0;
  for (let i = from; i < to; i++) {
    const v = (x[i] as number) - m;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return m + (s + c) / n;
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
