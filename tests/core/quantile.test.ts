import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  linearQuantilePair,
  linearQuantilePairs,
  quantilePair,
  quantileSorted,
  quantiles,
  quantilesInPlace,
  selectInPlace,
} from "../../src/core/quantile.js";

/** Ascending copy (typed-array sort is numeric). */
function sorted(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x).sort();
}

/** Finite doubles without -0 (selection treats -0 and 0 as equal, a full sort does not). */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
/** Small integers: arrays of these are full of duplicates. */
const dupes = fc.integer({ min: 0, max: 3 });
const values = fc.oneof(
  fc.array(dupes, { minLength: 1, maxLength: 60 }),
  fc.array(finite, { minLength: 1, maxLength: 60 }),
  fc.array(fc.constantFrom(-1, 0, 1e300, -1e-300), { minLength: 1, maxLength: 60 }),
);
/** Probabilities, biased to the ends and to the 2.5% / 97.5% pair. */
const prob = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((p) => p + 0),
  fc.constantFrom(0, 1, 0.025, 0.5, 0.975),
);

describe("quantileSorted", () => {
  it("quantileSorted matches R type 7 on worked examples", () => {
    // Type 7: h = (n - 1) p, result = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
    // 1:10, p = 0.1: h = 9 * 0.1 = 0.9 → 1 + 0.9 * (2 - 1) = 1.9   (R: quantile(1:10, 0.1) = 1.9)
    const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileSorted(oneToTen, 0.1)).toBeCloseTo(1.9, 14);
    // p = 0.33: h = 2.97 → x[2] + 0.97 (x[3] - x[2]) = 3 + 0.97 = 3.97
    expect(quantileSorted(oneToTen, 0.33)).toBeCloseTo(3.97, 14);
    // [1, 2, 3, 4], p = 0.5: h = 1.5 → 2 + 0.5 * 1 = 2.5
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    // sorted [1, 1, 2, 3, 4, 5, 6, 9] (n = 8):
    const s = [1, 1, 2, 3, 4, 5, 6, 9];
    // p = 0.25: h = 1.75 → 1 + 0.75 * (2 - 1) = 1.75
    expect(quantileSorted(s, 0.25)).toBe(1.75);
    // p = 0.9: h = 6.3 → 6 + 0.3 * (9 - 6) = 6.9   (R: 6.9)
    expect(quantileSorted(s, 0.9)).toBeCloseTo(6.9, 12);
    // p = 0.025: h = 0.175 → 1 + 0.175 * (1 - 1) = 1 (a tie interpolates to the tied value)
    expect(quantileSorted(s, 0.025)).toBe(1);
    // p = 0.975: h = 6.825 → 6 + 0.825 * 3 = 8.475
    expect(quantileSorted(s, 0.975)).toBeCloseTo(8.475, 12);
    // p = 0 and p = 1 are the minimum and maximum.
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(9);
    // One value: every quantile is that value.
    expect(quantileSorted([42], 0)).toBe(42);
    expect(quantileSorted([42], 0.3)).toBe(42);
    expect(quantileSorted([42], 1)).toBe(42);
  });

  it("quantileSorted of empty input throws RangeError naming quantileSorted", () => {
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
    expect(() => quantileSorted([], 0.5)).toThrow(/^quantileSorted:/);
  });

  it("quantileSorted rejects p outside [0, 1] with a RangeError naming quantileSorted", () => {
    for (const p of [-0.1, 1.0000001, Number.NaN, Number.POSITIVE_INFINITY, -1]) {
      expect(() => quantileSorted([1, 2, 3], p)).toThrow(RangeError);
      expect(() => quantileSorted([1, 2, 3], p)).toThrow(/^quantileSorted:/);
    }
  });
});

describe("quantilesInPlace", () => {
  it("quantilesInPlace matches R type 7 on unsorted input", () => {
    // [4, 1, 3, 2] sorted is [1, 2, 3, 4]; h = 3 p.
    // p = 0.025: h = 0.075 → 1 + 0.075 = 1.075; p = 0.975: h = 2.925 → 3 + 0.925 = 3.925.
    const [lo, hi] = quantilesInPlace(new Float64Array([4, 1, 3, 2]), [0.025, 0.975]);
    expect(lo).toBeCloseTo(1.075, 14);
    expect(hi).toBeCloseTo(3.925, 14);
    // [3, 1, 4, 1, 5, 9, 2, 6] (sorted 1 1 2 3 4 5 6 9): R gives 1.75, 3.5, 6.9 for .25, .5, .9;
    // the output follows the order of ps, not sorted order.
    const q = quantilesInPlace(new Float64Array([3, 1, 4, 1, 5, 9, 2, 6]), [0.9, 0.25, 0.5, 1, 0]);
    expect(q[0]).toBeCloseTo(6.9, 12);
    expect(q.slice(1)).toEqual([1.75, 3.5, 9, 1]);
  });

  it("quantilesInPlace with no probabilities returns []", () => {
    expect(quantilesInPlace(new Float64Array([1, 2]), [])).toEqual([]);
  });

  it("quantilesInPlace errors name quantilesInPlace", () => {
    expect(() => quantilesInPlace(new Float64Array(0), [0.5])).toThrow(RangeError);
    expect(() => quantilesInPlace(new Float64Array(0), [0.5])).toThrow(/^quantilesInPlace:/);
    expect(() => quantilesInPlace(new Float64Array([1, 2]), [0.5, 1.5])).toThrow(
      /^quantilesInPlace:/,
    );
    expect(() => quantilesInPlace(new Float64Array([1, 2]), [-0.5])).toThrow(RangeError);
    expect(() => quantilesInPlace(new Float64Array([1, 2]), [Number.NaN])).toThrow(
      /^quantilesInPlace:/,
    );
  });

  it("quantilesInPlace agrees with quantileSorted on a full sort (fast-check)", () => {
    fc.assert(
      fc.property(values, fc.array(prob, { maxLength: 8 }), (xs, ps) => {
        const ref = sorted(xs);
        const a = Float64Array.from(xs);
        const got = quantilesInPlace(a, ps);
        expect(got).toEqual(ps.map((p) => quantileSorted(ref, p)));
        // It only reorders.
        expect(sorted(a)).toEqual(ref);
      }),
      { numRuns: 400 },
    );
  });
});

/** Shapes of long arrays: random, sorted, reversed, few distinct values, spikes, periodic. */
type Shape = "random" | "sorted" | "reversed" | "dupes" | "spiked" | "periodic";

/**
 * A long array of `shape` from a seeded stream: `distinct` values for "dupes", and a period of
 * `period` for "periodic" (which an evenly spaced subsample can alias).
 */
function longArray(n: number, shape: Shape, seed: number, distinct: number, period: number) {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 48271) % 2147483647) >>> 0;
    return state / 2147483647;
  };
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] =
      shape === "dupes"
        ? Math.floor(next() * distinct)
        : shape === "spiked"
          ? next() < 0.05
            ? 1e12 * next()
            : next()
          : shape === "periodic"
            ? (i % period) + next() * 1e-3
            : next() * 1000 - 500;
  }
  if (shape === "sorted") a.sort();
  if (shape === "reversed") a.sort().reverse();
  return a;
}

describe("quantilesInPlace on long arrays (the bracketed path)", () => {
  const shapes = fc.constantFrom<Shape>(
    "random",
    "sorted",
    "reversed",
    "dupes",
    "spiked",
    "periodic",
  );
  const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });

  it("quantilesInPlace on 20k–60k values equals quantileSorted of a full sort (fast-check)", () => {
    const long = fc
      .tuple(fc.integer({ min: 20_000, max: 60_000 }), shapes, seeds)
      .map(([n, shape, seed]) => longArray(n, shape, seed, 4, 2048));
    fc.assert(
      fc.property(long, fc.array(prob, { minLength: 1, maxLength: 4 }), (a, ps) => {
        const ref = sorted(a);
        expect(quantilesInPlace(Float64Array.from(a), ps)).toEqual(
          ps.map((p) => quantileSorted(ref, p)),
        );
      }),
      { numRuns: 40 },
    );
  });

  it("quantilePair and quantilesInPlace on 120k–250k values (brackets of thousands, bracketed again) equal a full sort (fast-check)", () => {
    // From about 105,000 values the 2.5% bracket holds over 4,096 values, and the order
    // statistic inside it is found by a second bracketing (or, when that misses, selection).
    const longer = fc
      .tuple(fc.integer({ min: 120_000, max: 250_000 }), shapes, seeds)
      .map(([n, shape, seed]) => longArray(n, shape, seed, 40, 256));
    fc.assert(
      fc.property(longer, prob, prob, (a, p1, p2) => {
        const ref = sorted(a);
        expect(quantilePair(a, p1, p2)).toEqual([quantileSorted(ref, p1), quantileSorted(ref, p2)]);
        expect(quantilesInPlace(Float64Array.from(a), [p1, 0.025, p2])).toEqual(
          [p1, 0.025, p2].map((p) => quantileSorted(ref, p)),
        );
      }),
      { numRuns: 12 },
    );
  });
});

describe("linearQuantilePair", () => {
  /** Pairs of arrays, short and long, with ties (integer parts) and a scale for x. */
  const pair = fc
    .tuple(
      fc.constantFrom(1, 7, 500, 20_000, 45_000),
      fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      fc.constantFrom(0, 1, 1000, 20_000, -3),
      fc.boolean(),
    )
    .map(([n, seed, a, ties]) => {
      let state = seed;
      const next = () => {
        state = (Math.imul(state, 48271) % 2147483647) >>> 0;
        return state / 2147483647;
      };
      // With ties, x and y take a few values each, so many v equal the bracket edges.
      const x = Float64Array.from({ length: n }, () =>
        ties ? Math.floor(next() * 3) : next() * 10 - 5,
      );
      const y = Float64Array.from({ length: n }, () =>
        ties ? Math.floor(next() * 4) * 1000 : next() * 50_000,
      );
      return { x, y, a };
    });

  it("linearQuantilePair equals quantilesInPlace of a·x − y formed in full (fast-check)", () => {
    fc.assert(
      fc.property(
        pair,
        fc.constantFrom([0.025, 0.975], [0, 1], [0.5, 0.5], [0.1, 0.9]),
        ({ x, y, a }, [pl, ph]) => {
          const v = Float64Array.from(x, (xi, i) => a * xi - (y[i] as number));
          expect(linearQuantilePair(x, y, a, pl as number, ph as number)).toEqual(
            quantilesInPlace(v, [pl as number, ph as number]),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it("quantilePair equals quantilesInPlace of a copy and leaves its input alone (fast-check)", () => {
    fc.assert(
      fc.property(pair, ({ y }) => {
        const before = Float64Array.from(y);
        expect(quantilePair(y, 0.025, 0.975)).toEqual(quantilesInPlace(y.slice(), [0.025, 0.975]));
        expect(y).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });

  it("linearQuantilePair rejects unequal arrays and p outside [0, 1], naming itself", () => {
    expect(() => linearQuantilePair(new Float64Array(2), new Float64Array(3), 1, 0, 1)).toThrow(
      /^linearQuantilePair: /,
    );
    expect(() => linearQuantilePair(new Float64Array(2), new Float64Array(2), 1, -0.1, 1)).toThrow(
      RangeError,
    );
  });
});

describe("quantiles", () => {
  it("quantiles leaves its input alone and honours from/to", () => {
    const x = new Float64Array([100, 4, 1, 3, 2, -100]);
    const copy = x.slice();
    // x[1..5) = 4, 1, 3, 2 → median h = 1.5 → 2 + 0.5 * (3 - 2) = 2.5
    expect(quantiles(x, [0.5], 1, 5)).toEqual([2.5]);
    expect(quantiles(x, [0, 1])).toEqual([-100, 100]);
    expect(x).toEqual(copy);
  });

  it("quantiles agrees with quantileSorted on a sorted sub-range (fast-check)", () => {
    fc.assert(
      fc.property(values, fc.array(prob, { maxLength: 5 }), fc.nat(), fc.nat(), (xs, ps, i, j) => {
        const from = i % xs.length;
        const to = from + 1 + (j % (xs.length - from));
        const x = Float64Array.from(xs);
        const before = x.slice();
        const ref = sorted(x.subarray(from, to));
        expect(quantiles(x, ps, from, to)).toEqual(ps.map((p) => quantileSorted(ref, p)));
        expect(x).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it("quantiles errors name quantiles", () => {
    expect(() => quantiles(new Float64Array(0), [0.5])).toThrow(RangeError);
    expect(() => quantiles(new Float64Array(0), [0.5])).toThrow(/^quantiles:/);
    expect(() => quantiles(new Float64Array([1, 2, 3]), [0.5], 2, 2)).toThrow(/^quantiles:/);
    expect(() => quantiles(new Float64Array([1, 2, 3]), [2])).toThrow(RangeError);
    expect(() => quantiles(new Float64Array([1, 2, 3]), [2])).toThrow(/^quantiles:/);
  });
});

describe("selectInPlace", () => {
  it("selectInPlace puts the k-th smallest at k", () => {
    const a = new Float64Array([5, 1, 4, 2, 3]);
    selectInPlace(a, 2);
    expect(a[2]).toBe(3);
    const b = new Float64Array([2, 2, 2, 1, 2]);
    selectInPlace(b, 0);
    expect(b[0]).toBe(1);
  });

  it("selectInPlace agrees with a full sort, partition included (fast-check)", () => {
    fc.assert(
      fc.property(values, fc.nat(), (xs, i) => {
        const k = i % xs.length;
        const ref = sorted(xs);
        const a = Float64Array.from(xs);
        selectInPlace(a, k);
        const pivot = a[k] as number;
        expect(pivot).toBe(ref[k]);
        for (let t = 0; t < k; t++) expect(a[t] as number).toBeLessThanOrEqual(pivot);
        for (let t = k + 1; t < a.length; t++) expect(a[t] as number).toBeGreaterThanOrEqual(pivot);
        expect(sorted(a)).toEqual(ref);
      }),
      { numRuns: 400 },
    );
  });

  it("selectInPlace on a sub-range touches nothing outside it (fast-check)", () => {
    fc.assert(
      fc.property(values, fc.nat(), fc.nat(), fc.nat(), (xs, i, j, r) => {
        const lo = i % xs.length;
        const hi = lo + (j % (xs.length - lo));
        const k = lo + (r % (hi - lo + 1));
        const a = Float64Array.from(xs);
        selectInPlace(a, k, lo, hi);
        const ref = sorted(xs.slice(lo, hi + 1));
        expect(a[k]).toBe(ref[k - lo]);
        expect(Array.from(a.subarray(0, lo))).toEqual(xs.slice(0, lo));
        expect(Array.from(a.subarray(hi + 1))).toEqual(xs.slice(hi + 1));
        expect(sorted(a.subarray(lo, hi + 1))).toEqual(ref);
      }),
      { numRuns: 300 },
    );
  });

  it("selectInPlace rejects k outside [lo, hi] with a RangeError naming selectInPlace", () => {
    const a = new Float64Array([3, 1, 2]);
    expect(() => selectInPlace(a, 3)).toThrow(RangeError);
    expect(() => selectInPlace(a, -1)).toThrow(/^selectInPlace:/);
    expect(() => selectInPlace(a, 0, 1, 2)).toThrow(/^selectInPlace:/);
    expect(() => selectInPlace(new Float64Array(0), 0)).toThrow(/^selectInPlace:/);
  });
});

describe("linearQuantilePairs", () => {
  /** Samples of n ≥ 20,000 (the bracketing path), with ties and heavy tails in some. */
  const data = fc.record({
    n: fc.integer({ min: 20_000, max: 30_000 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    kind: fc.constantFrom("normal", "ties", "constant-x", "heavy", "correlated"),
    grid: fc.constantFrom("0:100000:1000", "-5000:5000:250", "list"),
    p: fc.constantFrom([0.025, 0.975], [0.05, 0.95], [0, 1], [0.5, 0.5], [0.9, 0.1]),
  });

  /** A small deterministic generator (xorshift) for the property's samples. */
  function uniforms(seed: number): () => number {
    let s = seed >>> 0 || 1;
    return () => {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      return s / 2 ** 32;
    };
  }

  it("linearQuantilePairs equals linearQuantilePair at every λ, bit for bit", () => {
    fc.assert(
      fc.property(data, ({ n, seed, kind, grid, p }) => {
        const u = uniforms(seed);
        const normal = () => Math.sqrt(-2 * Math.log(u() + 1e-300)) * Math.cos(2 * Math.PI * u());
        const x = new Float64Array(n);
        const y = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const z = normal();
          x[i] =
            kind === "constant-x" ? 0.1 : kind === "ties" ? Math.round(z * 3) / 10 : 0.1 + 0.1 * z;
          y[i] =
            kind === "ties"
              ? Math.round(normal() * 4) * 500
              : kind === "heavy"
                ? 1000 / (u() - 0.5)
                : kind === "correlated"
                  ? 8000 * (x[i] as number) + 300 * normal()
                  : 5000 + 1000 * normal();
        }
        const lambdas =
          grid === "list"
            ? [0, 1, 20000, 20001, 30000, 1e6, 1e9]
            : (() => {
                const [a, b, s] = grid.split(":").map(Number) as [number, number, number];
                return Array.from({ length: Math.round((b - a) / s) + 1 }, (_, k) => a + k * s);
              })();
        const lower = new Float64Array(lambdas.length);
        const upper = new Float64Array(lambdas.length);
        const [pLow, pHigh] = p as [number, number];
        linearQuantilePairs(x, y, lambdas, pLow, pHigh, lower, upper);
        lambdas.forEach((l, k) => {
          const [a, b] = linearQuantilePair(x, y, l, pLow, pHigh);
          expect(Object.is(lower[k], a), `λ ${l} low`).toBe(true);
          expect(Object.is(upper[k], b), `λ ${l} high`).toBe(true);
        });
      }),
      {
        numRuns: 40,
        // Ties at 0 and −0 (λ = 0): the same one of equal values must be picked.
        examples: [[{ n: 20_000, seed: 1, kind: "ties", grid: "0:100000:1000", p: [0.5, 0.5] }]],
      },
    );
  });

  it("linearQuantilePairs refuses empty input and p outside [0, 1]", () => {
    const out = new Float64Array(1);
    expect(() =>
      linearQuantilePairs(new Float64Array(0), new Float64Array(0), [1], 0.1, 0.9, out, out),
    ).toThrow(RangeError);
    expect(() =>
      linearQuantilePairs(new Float64Array(2), new Float64Array(2), [1], -0.1, 0.9, out, out),
    ).toThrow(/p must be in \[0, 1\]/);
  });
});
