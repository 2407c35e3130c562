import { describe, expect, it } from "vitest";
import { createBeta } from "../../src/distributions/beta.js";
import type { BetaSpec } from "../../src/distributions/spec.js";
import { InputError } from "../../src/errors.js";
import {
  expectRoundTrips,
  expectSamplesMatch,
  type Moments,
  mu4FromKurtosis,
} from "../helpers/distribution-checks.js";

/**
 * Beta(a, b): mean a/(a + b), variance ab/((a + b)²(a + b + 1)), excess kurtosis
 * 6[(a − b)²(a + b + 1) − ab(a + b + 2)] / [ab(a + b + 2)(a + b + 3)].
 */
function betaMoments(a: number, b: number): Moments {
  const c = a + b;
  const variance = (a * b) / (c * c * (c + 1));
  const kurtosis = (6 * ((a - b) ** 2 * (c + 1) - a * b * (c + 2))) / (a * b * (c + 2) * (c + 3));
  return { mean: a / c, variance, mu4: mu4FromKurtosis(variance, kurtosis) };
}

/** α, β of mean m and SD s by moments: k = m(1 − m)/s² − 1. */
function byMoments(m: number, s: number): [number, number] {
  const k = (m * (1 - m)) / (s * s) - 1;
  return [m * k, (1 - m) * k];
}

const CASES: [BetaSpec, number, number][] = [
  [{ type: "beta", alpha: 33, beta: 67 }, 33, 67], // p_icpc_given_s47
  [{ type: "beta", mean: 0.28, sd: 0.03 }, ...byMoments(0.28, 0.03)], // oncost_rate
  [{ type: "beta", mean: 0.1, sd: 0.08 }, ...byMoments(0.1, 0.08)], // supervision_ratio
  [{ type: "beta", alpha: 0.5, beta: 0.5 }, 0.5, 0.5], // U-shaped: the log-gamma path
];

describe("createBeta", () => {
  it.each(CASES.map(([s, a, b]) => [JSON.stringify(s), s, a, b] as const))(
    "createBeta %s samples with the beta's moments and CDF",
    (name, spec, a, b) => {
      expectSamplesMatch(createBeta(spec), betaMoments(a, b), name);
    },
  );

  it.each(CASES.map(([s]) => [JSON.stringify(s), s] as const))(
    "createBeta %s has quantile and CDF that invert each other",
    (name, spec) => {
      expectRoundTrips(createBeta(spec), name);
    },
  );

  it("createBeta by mean and sd matches TV13 (dampack beta_params(0.8, 0.1) = (12, 3))", () => {
    const d = createBeta({ type: "beta", mean: 0.8, sd: 0.1 });
    const { mean, variance } = betaMoments(12, 3);
    expect(d.mean).toBeCloseTo(mean, 14);
    expect(d.variance).toBeCloseTo(variance, 14);
    expect(d.support).toEqual([0, 1]);
    expect(d.cdf(0)).toBe(0);
    expect(d.cdf(1)).toBe(1);
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(1);
  });

  it("createBeta rejects impossible means and sds, bad shapes and mixed forms", () => {
    expect(() => createBeta({ type: "beta", mean: 0.3, sd: 0.6 })).toThrow(
      "beta: sd 0.6 is impossible for mean 0.3 (sd² must be below mean·(1 − mean) = 0.21)",
    );
    expect(() => createBeta({ type: "beta", mean: 1.2, sd: 0.1 })).toThrow(
      "beta: mean must be between 0 and 1 (exclusive), got 1.2",
    );
    expect(() => createBeta({ type: "beta", alpha: 0, beta: 1 })).toThrow(
      "beta: alpha must be positive, got 0",
    );
    const mixed = { type: "beta", alpha: 2, beta: 3, mean: 0.4 } as unknown as BetaSpec;
    expect(() => createBeta(mixed)).toThrow(
      "beta: give alpha and beta, or mean and sd (not a mix)",
    );
    expect(() => createBeta({ type: "beta" } as unknown as BetaSpec)).toThrow(InputError);
    const betaOnly = { type: "beta", beta: 3 } as unknown as BetaSpec;
    expect(() => createBeta(betaOnly)).toThrow(
      "beta: alpha must be a finite number, got undefined",
    );
  });
});
