import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { incompleteBeta, incompleteGammaP, logGamma } from "../../src/core/special.js";
import {
  expectKs,
  expectMoments,
  type Moments,
  mu4FromKurtosis,
  N,
} from "../helpers/distribution-checks.js";

const EPS = 2.220446049250313e-16;

/** Gamma(k, 1): mean k, variance k, μ₄ = 3k(k + 2) (excess kurtosis 6/k). */
function gammaMoments(k: number): Moments {
  return { mean: k, variance: k, mu4: 3 * k * (k + 2) };
}

/**
 * Beta(a, b): mean a/(a + b), variance ab/((a + b)²(a + b + 1)), excess kurtosis
 * 6[(a − b)²(a + b + 1) − ab(a + b + 2)] / [ab(a + b + 2)(a + b + 3)].
 */
function betaMoments(a: number, b: number): Moments {
  const c = a + b;
  const variance = (a * b) / (c * c * (c + 1));
  const kurtosis =
    (6 * ((a - b) * (a - b) * (c + 1) - a * b * (c + 2))) / (a * b * (c + 2) * (c + 3));
  return { mean: a / c, variance, mu4: mu4FromKurtosis(variance, kurtosis) };
}

describe("Rng.fillGamma", () => {
  it.each([0.3, 1, 2.5, 152.1])(
    "fillGamma(%d) has the Gamma moments and passes Kolmogorov–Smirnov",
    (shape) => {
      const x = Rng.create(`fillGamma ${shape}`).fillGamma(shape, new Float64Array(N));
      expectMoments(x, gammaMoments(shape), `Gamma(${shape})`);
      expectKs(x, (v) => incompleteGammaP(shape, v), `Gamma(${shape})`);
    },
  );

  it("fillGamma is reproducible and advances the stream", () => {
    const a = Rng.create(42).fillGamma(2.5, new Float64Array(100));
    const b = Rng.create(42).fillGamma(2.5, new Float64Array(100));
    expect(b).toEqual(a);
    const rng = Rng.create(42);
    const first = rng.fillGamma(2.5, new Float64Array(100));
    const second = rng.fillGamma(2.5, new Float64Array(100));
    expect(second).not.toEqual(first);
    expect(first.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
  });

  it("fillGamma throws a RangeError naming itself for a shape that is not positive and finite", () => {
    const rng = Rng.create(1);
    const out = new Float64Array(3);
    expect(() => rng.fillGamma(0, out)).toThrow(/^Rng\.fillGamma: shape must be positive/);
    expect(() => rng.fillGamma(Number.NaN, out)).toThrow(RangeError);
    expect(() => rng.fillGamma(Number.POSITIVE_INFINITY, out)).toThrow(RangeError);
  });
});

describe("Rng.fillLogGamma", () => {
  it.each([0.01, 0.3, 2.5, 40])(
    "fillLogGamma(%d) gives the logarithms of fillGamma's draws from the same stream",
    (shape) => {
      const a = Rng.create(7);
      const b = Rng.create(7);
      const g = a.fillGamma(shape, new Float64Array(2000));
      const l = b.fillLogGamma(shape, new Float64Array(2000));
      for (let i = 0; i < g.length; i++) {
        const gi = g[i] as number;
        const li = l[i] as number;
        if (gi === 0) continue; // underflowed in fillGamma; the logarithm is still finite
        // Both forms round a handful of terms of size up to |ln g|.
        expect(Math.abs(Math.exp(li) / gi - 1)).toBeLessThanOrEqual(8 * EPS * (1 + Math.abs(li)));
      }
      expect(a.nextUint32()).toBe(b.nextUint32());
    },
  );

  it("fillLogGamma stays finite for a shape so small that half of fillGamma's draws underflow", () => {
    // P(G < 2.2e-308) ≈ (2.2e-308)^0.001 / Γ(1.001) ≈ 0.49 for shape 0.001.
    const shape = 0.001;
    const g = Rng.create(3).fillGamma(shape, new Float64Array(N));
    const l = Rng.create(3).fillLogGamma(shape, new Float64Array(N));
    expect(g.filter((v) => v === 0).length).toBeGreaterThan(N / 3);
    expect(l.every((v) => Number.isFinite(v))).toBe(true);
    // ln G of Gamma(k) has CDF P(k, e^y); check the whole law, including the underflowed part,
    // where e^y is 0 in doubles and P(k, x) = x^k/Γ(k + 1)·(1 + O(x)) = e^(ky − ln Γ(k + 1)).
    const cdf = (y: number) =>
      y < -700 ? Math.exp(shape * y - logGamma(shape + 1)) : incompleteGammaP(shape, Math.exp(y));
    expectKs(l, cdf, "ln Gamma(0.001)");
  });

  it("fillLogGamma throws a RangeError naming itself", () => {
    expect(() => Rng.create(1).fillLogGamma(-1, new Float64Array(1))).toThrow(
      /^Rng\.fillLogGamma: shape must be positive/,
    );
  });
});

describe("Rng.fillBeta", () => {
  it.each([
    [33, 67],
    [8, 2],
    [0.5, 0.5],
    [0.2, 3],
  ])("fillBeta(%d, %d) has the Beta moments and passes Kolmogorov–Smirnov", (a, b) => {
    const x = Rng.create(`beta ${a} ${b}`).fillBeta(a, b, new Float64Array(N));
    expectMoments(x, betaMoments(a, b), `Beta(${a}, ${b})`);
    expectKs(x, (v) => incompleteBeta(Math.min(1, Math.max(0, v)), a, b), `Beta(${a}, ${b})`);
  });

  it("fillBeta never gives NaN, even for shapes whose gammas underflow together", () => {
    const x = Rng.create(11).fillBeta(0.01, 0.01, new Float64Array(N));
    expect(x.every((v) => v >= 0 && v <= 1)).toBe(true);
    // Beta(0.01, 0.01) puts half its mass near each end.
    const low = x.filter((v) => v < 0.5).length / N;
    expect(Math.abs(low - 0.5)).toBeLessThanOrEqual(4 * Math.sqrt(0.25 / N));
  });

  it("fillBeta gives the same draws with a caller's scratch array as without", () => {
    const a = Rng.create(5).fillBeta(3, 4, new Float64Array(500));
    const b = Rng.create(5).fillBeta(3, 4, new Float64Array(500), new Float64Array(800));
    expect(b).toEqual(a);
  });

  it("fillBeta throws RangeErrors naming itself", () => {
    const rng = Rng.create(1);
    expect(() => rng.fillBeta(1, -1, new Float64Array(2))).toThrow(
      /^Rng\.fillBeta: beta must be positive/,
    );
    expect(() => rng.fillBeta(0, 1, new Float64Array(2))).toThrow(
      /^Rng\.fillBeta: alpha must be positive/,
    );
    expect(() => rng.fillBeta(1, 1, new Float64Array(4), new Float64Array(3))).toThrow(
      /^Rng\.fillBeta: scratch has length 3, below out's 4/,
    );
  });
});
