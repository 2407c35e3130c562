import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cholesky } from "../../src/core/cholesky.js";

describe("cholesky", () => {
  test("cholesky factors a 2 × 2 correlation: [[1, 0], [ρ, sqrt(1 − ρ²)]]", () => {
    // 1 − 0.6² = 0.64, sqrt = 0.8.
    expect(
      Array.from(
        cholesky([
          [1, 0.6],
          [0.6, 1],
        ]) ?? [],
      ),
    ).toEqual([1, 0, 0.6, 0.8]);
  });

  test("cholesky returns undefined for a matrix that is not positive definite", () => {
    // Pairwise correlations 0.9, 0.9 and -0.9 cannot hold together (determinant < 0).
    expect(
      cholesky([
        [1, 0.9, 0.9],
        [0.9, 1, -0.9],
        [0.9, -0.9, 1],
      ]),
    ).toBeUndefined();
    expect(
      cholesky([
        [1, 1],
        [1, 1],
      ]),
    ).toBeUndefined();
  });

  test("cholesky rejects a non-square matrix", () => {
    expect(() => cholesky([[1, 0], [0]])).toThrow("cholesky: the matrix must be square");
  });

  test("cholesky reproduces A = L·Lᵀ for random positive-definite matrices", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((m) =>
          fc
            .array(fc.double({ min: -1, max: 1, noNaN: true }), {
              minLength: m * m,
              maxLength: m * m,
            })
            .map((b) => ({ m, b })),
        ),
        ({ m, b }) => {
          // A = B·Bᵀ + m·I is symmetric positive definite.
          const a = Array.from({ length: m }, (_, i) =>
            Array.from({ length: m }, (_, j) => {
              let s = i === j ? m : 0;
              for (let k = 0; k < m; k++) s += (b[i * m + k] as number) * (b[j * m + k] as number);
              return s;
            }),
          );
          const l = cholesky(a) as Float64Array;
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < m; j++) {
              let s = 0;
              for (let k = 0; k < m; k++) s += (l[i * m + k] as number) * (l[j * m + k] as number);
              expect(Math.abs(s - (a[i]?.[j] as number))).toBeLessThan(
                1e-10 * (1 + Math.abs(a[i]?.[j] as number)),
              );
              if (j > i) expect(l[i * m + j]).toBe(0);
            }
          }
        },
      ),
    );
  });
});
