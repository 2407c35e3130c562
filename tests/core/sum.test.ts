import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CompensatedSum, mean, sd, sum } from "../../src/core/sum.js";

describe("sum", () => {
  it("sum keeps the 1 that a plain loop loses in [1e16, 1, -1e16]", () => {
    const x = [1e16, 1, -1e16];
    // A plain left-to-right loop: 1e16 + 1 rounds to 1e16 (ulp of 1e16 is 2), minus 1e16 gives 0.
    expect(x.reduce((a, b) => a + b, 0)).toBe(0);
    expect(sum(x)).toBe(1);
    expect(sum(new Float64Array(x))).toBe(1);
  });

  it("sum is Neumaier (not Kahan): [1, 1e100, 1, -1e100] sums to 2", () => {
    // Kahan's compensation is lost when the big term arrives after a small one; Neumaier keeps it.
    expect(sum([1, 1e100, 1, -1e100])).toBe(2);
  });

  it("sum of ten 0.1 is 1 exactly", () => {
    // 10 * 0.1 = 1.0000000000000000555 rounds to 1; a plain loop gives 0.9999999999999999.
    const x = new Array<number>(10).fill(0.1);
    expect(x.reduce((a, b) => a + b, 0)).toBe(0.9999999999999999);
    expect(sum(x)).toBe(1);
  });

  it("sum honours from/to and is 0 on an empty range", () => {
    const x = [1, 2, 3, 4, 5];
    expect(sum(x, 1, 4)).toBe(2 + 3 + 4);
    expect(sum(x, 2)).toBe(3 + 4 + 5);
    expect(sum(x, 3, 3)).toBe(0);
    expect(sum([])).toBe(0);
  });
});

describe("mean", () => {
  it("mean of small arrays matches hand values", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5); // 10 / 4
    expect(mean([7])).toBe(7);
    expect(mean([-3, 3])).toBe(0);
    // 0.1 + 0.2 + 0.3 = 0.6 (compensated), 0.6 / 3 = 0.2; the plain sum/3 is 0.20000000000000004.
    expect(mean([0.1, 0.2, 0.3])).toBe(0.2);
    expect(mean(new Array<number>(10).fill(0.1))).toBe(0.1);
  });

  it("mean of values with a large common offset is exact", () => {
    // (1e9+1 + 1e9+2 + 1e9+3) / 3 = 1e9 + 2, representable exactly.
    expect(mean([1e9 + 1, 1e9 + 2, 1e9 + 3])).toBe(1e9 + 2);
  });

  it("a tie in R is a tie here: the mean is the double nearest the exact mean", () => {
    // R's mean and colMeans refine in extended precision; the exact means here are 2/5 and 9/10,
    // whose nearest doubles are the literals 0.4 and 0.9. Refining in doubles gave
    // 0.40000000000000008 and 0.8999999999999999 (the residuals x − m were rounded).
    expect(mean([-1, -1, 1, 1, 2])).toBe(0.4);
    expect(mean([6, -1, 7, 8, 2, -3, -8, -8, 4, 2])).toBe(0.9);
    expect(mean([0.4, 0.4, 0.4, 0.4, 0.4])).toBe(0.4);
  });

  it("the mean of whole numbers is their exact sum divided by n, rounded once", () => {
    // A sum of small integers is exact in a double, and IEEE division rounds s / n correctly.
    const ints = fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), {
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(ints, (xs) => {
        const s = xs.reduce((a, b) => a + b, 0);
        expect(mean(xs)).toBe(s / xs.length);
      }),
      { numRuns: 5000 },
    );
  });

  it("the mean of doubles that do not cancel is the exact mean rounded to nearest (checked in exact arithmetic)", () => {
    /** The exact mean of doubles, rounded to the nearest double (ties to even), by BigInt. */
    const exactMean = (xs: readonly number[]): number => {
      // Each double is m · 2^e with e ≥ −1074: scale every value to a whole multiple of 2^−1074.
      const view = new DataView(new ArrayBuffer(8));
      let total = 0n;
      for (const v of xs) {
        view.setFloat64(0, v);
        const bits = view.getBigUint64(0);
        const exponent = Number((bits >> 52n) & 0x7ffn);
        const fraction = bits & ((1n << 52n) - 1n);
        const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
        const shift = BigInt(Math.max(exponent, 1) - 1);
        total += (bits >> 63n === 1n ? -1n : 1n) * (mantissa << shift);
      }
      // mean = total / (n · 2^1074): take 200 more bits, then round to 53 significant bits.
      const n = BigInt(xs.length);
      const negative = total < 0n;
      const scaled = ((negative ? -total : total) << 200n) / n;
      const exact = ((negative ? -total : total) << 200n) % n === 0n;
      if (scaled === 0n) return 0;
      const drop = BigInt(scaled.toString(2).length - 53);
      let kept = scaled >> drop;
      const rest = scaled - (kept << drop);
      const half = 1n << (drop - 1n);
      if (rest > half || (rest === half && (!exact || (kept & 1n) === 1n))) kept += 1n;
      const value = Number(kept) * 2 ** (Number(drop) - 1274);
      return negative ? -value : value;
    };
    const values = fc.array(
      fc.oneof(
        // Magnitudes within 1e-3 to 1e6: a value under 2⁻¹⁰⁶ of the others (1e-100 beside 1, say)
        // can decide a rounding only at an exact midpoint, which no double-precision sum sees.
        fc
          .double({ min: -1e6, max: 1e6, noNaN: true })
          .filter((v) => v === 0 || Math.abs(v) >= 1e-3),
        fc.integer({ min: -50, max: 50 }).map((k) => k / 10),
      ),
      { minLength: 1, maxLength: 80 },
    );
    // Values whose sum is at least 1e-6 of their absolute sum: a condition number of 10⁶ or less.
    // (Beyond about 10¹⁵ no double-precision sum can round correctly, R's extended one neither.)
    const conditioned = values.filter((xs) => {
      const total = xs.reduce((a, b) => a + Math.abs(b), 0);
      return Math.abs(exactMean(xs)) * xs.length >= 1e-6 * total || total === 0;
    });
    fc.assert(
      fc.property(conditioned, (xs) => {
        expect(mean(xs)).toBe(exactMean(xs));
      }),
      { numRuns: 3000 },
    );
  });

  it("mean honours from/to", () => {
    // x[1..4) = 2, 4, 6 → 12 / 3 = 4
    expect(mean(new Float64Array([100, 2, 4, 6, -100]), 1, 4)).toBe(4);
  });

  it("mean of an empty range throws RangeError naming mean", () => {
    expect(() => mean([])).toThrow(RangeError);
    expect(() => mean([])).toThrow(/^mean:/);
    expect(() => mean([1, 2, 3], 2, 2)).toThrow(/^mean:/);
    expect(() => mean([1, 2, 3], 3, 1)).toThrow(/^mean:/);
  });
});

describe("sd", () => {
  it("sd of [2,4,4,4,5,5,7,9] is sqrt(32/7)", () => {
    // mean 40/8 = 5; squared deviations 9,1,1,1,0,0,4,16 sum to 32; 32 / (8 - 1) = 32/7.
    expect(sd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(Math.sqrt(32 / 7));
    expect(sd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935299395, 15);
  });

  it("sd of two values is |a - b| / sqrt(2)", () => {
    // mean 2, deviations ±1, (1 + 1) / 1 = 2, sqrt(2).
    expect(sd([1, 3])).toBe(Math.SQRT2);
  });

  it("sd is two-pass: a large common offset does not matter", () => {
    // deviations -1, 0, 1 → 2 / 2 = 1. A one-pass Σx² − n·mean² formula loses this completely.
    expect(sd([1e9 + 1, 1e9 + 2, 1e9 + 3])).toBe(1);
    expect(sd([5, 5, 5, 5])).toBe(0);
  });

  it("sd honours from/to", () => {
    // x[1..3) = 1, 3 → sqrt(2)
    expect(sd([100, 1, 3, -100], 1, 3)).toBe(Math.SQRT2);
  });

  it("sd of fewer than two values is NaN (as R's sd gives NA)", () => {
    expect(sd([])).toBeNaN();
    expect(sd([4])).toBeNaN();
    expect(sd([1, 2, 3], 1, 2)).toBeNaN();
  });
});

describe("CompensatedSum", () => {
  it("CompensatedSum keeps the 1 in 1e16 + 1 - 1e16", () => {
    const acc = new CompensatedSum();
    expect(acc.value()).toBe(0);
    acc.add(1e16);
    acc.add(1);
    acc.add(-1e16);
    expect(acc.value()).toBe(1);
  });

  it("CompensatedSum agrees with sum", () => {
    const x = [0.1, 1e20, 0.2, -1e20, 0.3, 1, 1e-5];
    const acc = new CompensatedSum();
    for (const v of x) acc.add(v);
    expect(acc.value()).toBe(sum(x));
  });
});
