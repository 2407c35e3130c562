import { describe, expect, it } from "vitest";
import { createLognormal } from "../../src/distributions/lognormal.js";
import type { LognormalSpec } from "../../src/distributions/spec.js";
import { InputError } from "../../src/errors.js";
import {
  expectRoundTrips,
  expectSamplesMatch,
  type Moments,
} from "../helpers/distribution-checks.js";

/**
 * Lognormal(μ, σ): mean e^(μ + σ²/2), variance (e^(σ²) − 1)e^(2μ + σ²), and
 * μ₄ = Var²·(e^(4σ²) + 2e^(3σ²) + 3e^(2σ²) − 3) (kurtosis e^(4σ²) + 2e^(3σ²) + 3e^(2σ²) − 3).
 */
function lognormalMoments(mu: number, sigma: number): Moments {
  const s2 = sigma * sigma;
  const variance = Math.expm1(s2) * Math.exp(2 * mu + s2);
  return {
    mean: Math.exp(mu + s2 / 2),
    variance,
    mu4: variance * variance * (Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 3),
  };
}

describe("createLognormal", () => {
  it("createLognormal on the log scale samples with the lognormal's moments and CDF", () => {
    const spec: LognormalSpec = { type: "lognormal", meanlog: 0, sdlog: 0.15 }; // age_factor
    expectSamplesMatch(createLognormal(spec), lognormalMoments(0, 0.15), "lognormal 0 0.15");
    expectRoundTrips(createLognormal(spec), "lognormal 0 0.15");
  });

  it("createLognormal from mean and sd has that mean and sd", () => {
    const d = createLognormal({ type: "lognormal", mean: 1.5, sd: 0.5 });
    expect(d.mean).toBeCloseTo(1.5, 14);
    expect(Math.sqrt(d.variance)).toBeCloseTo(0.5, 14);
    // dampack lnorm_params(1.5, 0.25) (TV13): meanlog 0.352784850279251, sdlog 0.324592845974501
    expectSamplesMatch(
      d,
      lognormalMoments(0.352784850279251, 0.324592845974501),
      "lognormal 1.5 0.5",
    );
    expectRoundTrips(d, "lognormal 1.5 0.5");
  });

  it("createLognormal reproduces the SWIS effect IRR 1.055 (0.955–1.166) to the published rounding", () => {
    const [e, l, u] = [1.055, 0.955, 1.166];
    const d = createLognormal({ type: "lognormal", estimate: e, lower: l, upper: u });
    // The median is the estimate.
    expect(Math.abs(d.quantile(0.5) - e)).toBeLessThanOrEqual(2 * 2.220446049250313e-16 * e);
    // At level 0.95 the quantiles are e·√(u/l) and e·√(l/u) (z cancels). Each published number
    // is rounded to ±0.0005; propagated to first order, and allowing for the bound's own
    // rounding, the 97.5% point may differ from u by
    // 0.0005·(√(u/l) + e/(2√(ul)) + e√u/(2 l^1.5) + 1), and the 2.5% point from l by the mirror.
    const h = 0.0005;
    const upperSlack =
      h * (Math.sqrt(u / l) + e / (2 * Math.sqrt(u * l)) + (e * Math.sqrt(u)) / (2 * l ** 1.5) + 1);
    const lowerSlack =
      h * (Math.sqrt(l / u) + e / (2 * Math.sqrt(u * l)) + (e * Math.sqrt(l)) / (2 * u ** 1.5) + 1);
    expect(Math.abs(d.quantile(0.975) - u)).toBeLessThanOrEqual(upperSlack);
    expect(Math.abs(d.quantile(0.025) - l)).toBeLessThanOrEqual(lowerSlack);
    // domain.md 3.1: LogN(0.0535, 0.0509)
    const sigma = Math.log(u / l) / (2 * 1.959963984540054);
    expectSamplesMatch(d, lognormalMoments(Math.log(e), sigma), "lognormal SWIS");
    expectRoundTrips(d, "lognormal SWIS");
  });

  it("createLognormal has support [0, ∞) and CDF 0 at and below 0", () => {
    const d = createLognormal({ type: "lognormal", meanlog: 1, sdlog: 2 });
    expect(d.support).toEqual([0, Number.POSITIVE_INFINITY]);
    expect(d.cdf(0)).toBe(0);
    expect(d.cdf(-3)).toBe(0);
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(d.cdf(Math.E)).toBe(0.5);
  });

  it("createLognormal rejects bad parameters and mixed forms", () => {
    expect(() => createLognormal({ type: "lognormal", meanlog: 0, sdlog: 0 })).toThrow(
      "lognormal: sdlog must be positive, got 0",
    );
    expect(() => createLognormal({ type: "lognormal", mean: -1, sd: 1 })).toThrow(
      "lognormal: mean must be positive, got -1",
    );
    expect(() =>
      createLognormal({ type: "lognormal", estimate: 1.2, lower: 0.955, upper: 1.166 }),
    ).toThrow(
      "lognormal: the interval must contain the estimate: got lower 0.955, estimate 1.2, upper 1.166",
    );
    expect(() =>
      createLognormal({ type: "lognormal", estimate: 1, lower: 0.9, upper: 1.1, level: 95 }),
    ).toThrow("lognormal: level must be between 0 and 1 (e.g. 0.95), got 95");
    const mixed = {
      type: "lognormal",
      meanlog: 0,
      sdlog: 1,
      mean: 2,
      sd: 1,
    } as unknown as LognormalSpec;
    expect(() => createLognormal(mixed)).toThrow(
      "lognormal: give meanlog and sdlog, or mean and sd, or estimate and lower and upper (not a mix)",
    );
    expect(() => createLognormal({ type: "lognormal" } as unknown as LognormalSpec)).toThrow(
      InputError,
    );
    const sdlogOnly = { type: "lognormal", sdlog: 0.1 } as unknown as LognormalSpec;
    expect(() => createLognormal(sdlogOnly)).toThrow(
      "lognormal: meanlog must be a finite number, got undefined",
    );
    const noUpper = { type: "lognormal", estimate: 1, lower: 0.9 } as unknown as LognormalSpec;
    expect(() => createLognormal(noUpper)).toThrow(
      "lognormal: upper must be a finite number, got undefined",
    );
  });
});
