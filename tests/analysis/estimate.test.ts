/**
 * `incrementEstimate` forms no array of the increments: its mean and interval must be, bit for
 * bit, `estimate` of that array (which the cost-consequence table used to form), and
 * `differenceSum` must be `sum` of the differences.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimate, estimateAll, incrementEstimate } from "../../src/analysis/estimate.js";
import { differenceSum, sum } from "../../src/core/sum.js";

/** The increments x − y, formed. */
const differences = (x: Float64Array, y: Float64Array) => x.map((v, i) => v - (y[i] as number));

/** Pairs of equal-length arrays of finite doubles, from a few values to past the bracketing size. */
const pairs = fc
  .integer({ min: 1, max: 6000 })
  .chain((n) =>
    fc.tuple(
      fc.float64Array({ minLength: n, maxLength: n, noNaN: true, noDefaultInfinity: true }),
      fc.float64Array({ minLength: n, maxLength: n, noNaN: true, noDefaultInfinity: true }),
    ),
  );

describe("estimates of increments without forming them", () => {
  it("differenceSum keeps what a plain loop loses, as sum does", () => {
    const x = new Float64Array([1e16, 1, 0]);
    const y = new Float64Array([0, 0, 1e16]);
    expect(differenceSum(x, y)).toBe(1);
    expect(sum(differences(x, y))).toBe(1);
  });

  it("differenceSum is sum of the differences, and incrementEstimate is estimate of them, bit for bit", () => {
    fc.assert(
      fc.property(pairs, ([x, y]) => {
        const d = differences(x, y);
        // Overflowing differences make ±Infinity; both must then agree as well.
        expect(Object.is(differenceSum(x, y), sum(d))).toBe(true);
        const got = incrementEstimate(x, y);
        const want = estimate(d);
        for (const key of ["mean", "lower", "upper"] as const) {
          expect(Object.is(got[key], want[key]), key).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("at the sizes a PSA has, with ties and realistic spreads", () => {
    const n = 200_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let s = 12345;
    const next = () => {
      s = (s * 16807) % 2147483647;
      return s / 2147483647;
    };
    for (let i = 0; i < n; i++) {
      y[i] = 20000 + Math.round(next() * 5000);
      x[i] = i % 7 === 0 ? (y[i] as number) : (y[i] as number) + 3000 * next() - 500;
    }
    const want = estimate(differences(x, y));
    expect(incrementEstimate(x, y)).toEqual(want);
    expect(estimateAll([{ x, reference: y }])[0]?.increment).toEqual(want);
  });

  it("refuses arrays of different lengths", () => {
    expect(() => incrementEstimate(new Float64Array(3), new Float64Array(2))).toThrow(RangeError);
  });
});
