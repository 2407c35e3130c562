import { describe, expect, it } from "vitest";
import { createGamma } from "../../src/distributions/gamma.js";
import type { GammaSpec } from "../../src/distributions/spec.js";
import { InputError } from "../../src/errors.js";
import {
  expectRoundTrips,
  expectSamplesMatch,
  type Moments,
} from "../helpers/distribution-checks.js";

/** Gamma(k, θ): mean kθ, variance kθ², μ₄ = 3k(k + 2)θ⁴ (excess kurtosis 6/k). */
function gammaMoments(k: number, theta: number): Moments {
  return { mean: k * theta, variance: k * theta * theta, mu4: 3 * k * (k + 2) * theta ** 4 };
}

const CASES: [GammaSpec, number, number][] = [
  [{ type: "gamma", mean: 37000, sd: 3000 }, (37000 / 3000) ** 2, 3000 ** 2 / 37000], // sw_salary
  [{ type: "gamma", mean: 0.83, sd: 0.3 }, (0.83 / 0.3) ** 2, 0.09 / 0.83], // cpp_duration_yr
  [{ type: "gamma", shape: 0.3, scale: 2 }, 0.3, 2],
  [{ type: "gamma", shape: 2.5, rate: 0.5 }, 2.5, 2],
];

describe("createGamma", () => {
  it.each(CASES.map(([s, k, t]) => [JSON.stringify(s), s, k, t] as const))(
    "createGamma %s samples with the gamma's moments and CDF",
    (name, spec, k, theta) => {
      expectSamplesMatch(createGamma(spec), gammaMoments(k, theta), name);
    },
  );

  it.each(CASES.map(([s]) => [JSON.stringify(s), s] as const))(
    "createGamma %s has quantile and CDF that invert each other",
    (name, spec) => {
      expectRoundTrips(createGamma(spec), name);
    },
  );

  it("createGamma from mean and sd keeps them, and has support [0, ∞)", () => {
    const d = createGamma({ type: "gamma", mean: 350, sd: 150 });
    expect(d.mean).toBeCloseTo(350, 10);
    expect(Math.sqrt(d.variance)).toBeCloseTo(150, 10);
    expect(d.support).toEqual([0, Number.POSITIVE_INFINITY]);
    expect(d.cdf(0)).toBe(0);
    expect(d.cdf(-1)).toBe(0);
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(Number.POSITIVE_INFINITY);
    // shape 1 is the exponential: quantile = −θ ln(1 − p)
    const e = createGamma({ type: "gamma", shape: 1, scale: 3 });
    expect(e.quantile(0.5)).toBeCloseTo(3 * Math.LN2, 13);
  });

  it("createGamma rejects bad parameters and mixed forms", () => {
    expect(() => createGamma({ type: "gamma", mean: 1000, sd: 0 })).toThrow(
      "gamma: sd must be positive, got 0",
    );
    expect(() => createGamma({ type: "gamma", mean: -5, sd: 1 })).toThrow(
      "gamma: mean must be positive, got -5",
    );
    expect(() => createGamma({ type: "gamma", shape: 0, scale: 1 })).toThrow(
      "gamma: shape must be positive, got 0",
    );
    expect(() => createGamma({ type: "gamma", shape: 2, rate: Number.NaN })).toThrow(
      "gamma: rate must be a finite number, but it is not a number",
    );
    const both = { type: "gamma", shape: 2, scale: 1, rate: 1 } as unknown as GammaSpec;
    expect(() => createGamma(both)).toThrow(
      "gamma: give shape and scale, or shape and rate, or mean and sd (not a mix)",
    );
    const mixed = { type: "gamma", shape: 2, mean: 1, sd: 1 } as unknown as GammaSpec;
    expect(() => createGamma(mixed)).toThrow(/\(not a mix\)$/);
    const shapeOnly = { type: "gamma", shape: 2 } as unknown as GammaSpec;
    expect(() => createGamma(shapeOnly)).toThrow("gamma: shape needs a scale or a rate");
    expect(() => createGamma({ type: "gamma" } as unknown as GammaSpec)).toThrow(InputError);
  });
});
