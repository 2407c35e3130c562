/**
 * Arg-max with ceakit's tie rule: the lowest index wins an exact tie, never a random one.
 *
 * @module
 */

/**
 * Index of the largest of `values[0..n)`; exact ties go to the lowest index.
 * NaN never wins (it compares false).
 *
 * @example
 * ```ts
 * argmax([3, 7, 7, 1]); // 1
 * ```
 */
export function argmax(values: ArrayLike<number>, n: number = values.length): number {
  if (n <= 0) throw new RangeError("argmax: empty input");
  let best = 0;
  let bestValue = values[0] as number;
  for (let j = 1; j < n; j++) {
    const v = values[j] as number;
    if (v > bestValue || (Number.isNaN(bestValue) && !Number.isNaN(v))) {
      best = j;
      bestValue = v;
    }
  }
  return best;
}
