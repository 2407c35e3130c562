/**
 * Checking a named correlation matrix before it is used by the Gaussian copula.
 *
 * @module
 */

import { cholesky } from "../core/cholesky.js";
import { InputError } from "../errors.js";

/** Smallest pivot (squared diagonal of L) of a correlation matrix taken as positive definite. */
const SINGULAR_PIVOT = 1e-10;

/**
 * The correlation of the underlying normals that gives rank (Spearman) correlation `rho` after
 * any continuous marginals: 2·sin(π·ρ/6) (Pearson's relation for the bivariate normal).
 *
 * @example
 * ```ts
 * normalCorrelationForSpearman(0.6); // 0.6180339887498948
 * ```
 */
export function normalCorrelationForSpearman(rho: number): number {
  return 2 * Math.sin((Math.PI * rho) / 6);
}

/**
 * Checks that `matrix` is a valid correlation matrix for `names` (square, one row per name,
 * symmetric, unit diagonal, entries in [−1, 1], positive definite) and returns the Cholesky
 * factor of the normal-scale matrix the Gaussian copula uses. With `scale: "spearman"` (the
 * default) the entries are rank correlations, converted entry by entry with
 * {@link normalCorrelationForSpearman}; with `"normal"` they are used as they are. Every problem
 * is an {@link InputError} naming the correlation group.
 *
 * @example
 * ```ts
 * choleskyOfCorrelation("costs", ["a", "b"], [[1, 0.6], [0.6, 1]], "normal"); // [1, 0, 0.6, 0.8]
 * ```
 */
export function choleskyOfCorrelation(
  group: string,
  names: readonly string[],
  matrix: readonly (readonly number[])[],
  scale: "spearman" | "normal" = "spearman",
): Float64Array {
  const m = names.length;
  const fail = (message: string): never => {
    throw new InputError({ field: `correlations.${group}`, message });
  };
  if (m < 2) fail("a correlation needs at least two parameters");
  if (new Set(names).size !== m) fail("a parameter appears twice");
  if (matrix.length !== m || matrix.some((row) => row.length !== m)) {
    fail(`the matrix must be ${m} × ${m}, one row and column per parameter (${names.join(", ")})`);
  }
  for (let i = 0; i < m; i++) {
    const row = matrix[i] as readonly number[];
    if (row[i] !== 1) fail(`the diagonal must be 1, but row ${i + 1} (${names[i]}) has ${row[i]}`);
    for (let j = 0; j < m; j++) {
      const v = row[j] as number;
      if (!Number.isFinite(v) || v < -1 || v > 1) {
        fail(`entry [${i + 1}, ${j + 1}] = ${v} is not a correlation between -1 and 1`);
      }
      const t = (matrix[j] as readonly number[])[i] as number;
      if (Math.abs(v - t) > 1e-12) {
        fail(
          `the matrix is not symmetric: [${i + 1}, ${j + 1}] = ${v} but [${j + 1}, ${i + 1}] = ${t}`,
        );
      }
    }
  }
  const normal =
    scale === "normal"
      ? matrix
      : matrix.map((row, i) => row.map((v, j) => (i === j ? 1 : normalCorrelationForSpearman(v))));
  const l = cholesky(normal);
  // A pivot that is rounding noise is a singular matrix (correlations of ±1, or one variable a
  // combination of others): not positive definite, though rounding may leave it just above 0.
  const singular =
    l !== undefined &&
    Array.from({ length: m }, (_, i) => l[i * m + i] as number).some(
      (d) => !(d * d > SINGULAR_PIVOT),
    );
  if (singular) {
    fail(
      "the matrix is singular (a correlation of 1 or −1, or a parameter that the others determine), so no parameters can be drawn with exactly these correlations; keep each correlation strictly between −1 and 1",
    );
  }
  if (l === undefined) {
    fail(
      "the matrix is not positive definite, so no set of variables can have these correlations; check for pairs that contradict each other",
    );
  }
  return l as Float64Array;
}
