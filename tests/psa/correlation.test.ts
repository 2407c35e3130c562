import { describe, expect, test } from "vitest";
import { InputError } from "../../src/errors.js";
import { choleskyOfCorrelation } from "../../src/psa/correlation.js";

describe("choleskyOfCorrelation", () => {
  test("choleskyOfCorrelation returns the factor of a valid matrix", () => {
    const matrix = [
      [1, 0.6],
      [0.6, 1],
    ];
    expect(Array.from(choleskyOfCorrelation("staff", ["a", "b"], matrix, "normal"))).toEqual([
      1, 0, 0.6, 0.8,
    ]);
    // Spearman 0.6 is normal-scale 2 sin(0.1π) = 0.6180…; the diagonal stays exactly 1.
    const l = choleskyOfCorrelation("staff", ["a", "b"], matrix);
    expect(l[0]).toBe(1);
    expect(l[2]).toBeCloseTo(2 * Math.sin(Math.PI / 10), 15);
    expect(l[3]).toBeCloseTo(Math.sqrt(1 - (2 * Math.sin(Math.PI / 10)) ** 2), 15);
  });

  test.each([
    [
      ["a", "b"],
      [
        [1, 0.9, 0.9],
        [0.9, 1, -0.9],
        [0.9, -0.9, 1],
      ],
      "the matrix must be 2 × 2, one row and column per parameter (a, b)",
    ],
    [
      ["a", "b", "c"],
      [
        [1, 0.9, 0.9],
        [0.9, 1, -0.9],
        [0.9, -0.9, 1],
      ],
      "the matrix is not positive definite",
    ],
    [
      ["a", "b"],
      [
        [1, 0.5],
        [0.4, 1],
      ],
      "the matrix is not symmetric: [1, 2] = 0.5 but [2, 1] = 0.4",
    ],
    [
      ["a", "b"],
      [
        [2, 0.5],
        [0.5, 1],
      ],
      "the diagonal must be 1, but row 1 (a) has 2",
    ],
    [
      ["a", "b"],
      [
        [1, 1.5],
        [1.5, 1],
      ],
      "entry [1, 2] = 1.5 is not a correlation between -1 and 1",
    ],
    [["a"], [[1]], "a correlation needs at least two parameters"],
    [
      ["a", "a"],
      [
        [1, 0],
        [0, 1],
      ],
      "a parameter appears twice",
    ],
  ])(
    "choleskyOfCorrelation rejects %j / %j with a message naming the group",
    (names, matrix, message) => {
      let error: unknown;
      try {
        choleskyOfCorrelation("costs", names, matrix);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toContain(`correlations.costs: ${message}`);
    },
  );
});
