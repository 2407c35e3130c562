/**
 * Cholesky factorisation of a small symmetric matrix, used to correlate normal draws.
 *
 * @module
 */

/**
 * Lower-triangular L with L·Lᵀ = A for a symmetric positive-definite A (row-major m × m), or
 * `undefined` when A is not positive definite (a pivot is not strictly positive).
 *
 * @example
 * ```ts
 * cholesky([[1, 0.6], [0.6, 1]]); // Float64Array [1, 0, 0.6, 0.8]
 * ```
 */
export function cholesky(a: readonly (readonly number[])[]): Float64Array | undefined {
  const m = a.length;
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const row = a[i];
    if (row === undefined || row.length !== m) {
      throw new RangeError(`cholesky: the matrix must be square (${m} × ${m})`);
    }
    for (let j = 0; j <= i; j++) {
      let s = row[j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * m + k] as number) * (l[j * m + k] as number);
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i * m + i] = Math.sqrt(s);
      } else {
        l[i * m + j] = s / (l[j * m + j] as number);
      }
    }
  }
  return l;
}
