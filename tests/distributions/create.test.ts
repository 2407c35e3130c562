import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { createDistribution } from "../../src/distributions/create.js";
import type { DistributionSpec } from "../../src/distributions/spec.js";
import { InputError } from "../../src/errors.js";

/** One spec of every type with its mean, worked out by hand. */
const SPECS: [DistributionSpec, number][] = [
  [{ type: "fixed", value: 1040 }, 1040],
  [{ type: "normal", mean: 8, sd: 0.5 }, 8],
  [{ type: "truncnormal", mean: 0, sd: 1, lower: 0 }, Math.sqrt(2 / Math.PI)], // half-normal
  [{ type: "lognormal", meanlog: 0, sdlog: 0.1 }, Math.exp(0.005)],
  [{ type: "beta", alpha: 8, beta: 2 }, 0.8],
  [{ type: "gamma", mean: 37000, sd: 3000 }, 37000],
  [{ type: "uniform", min: 1.05, max: 1.3 }, 1.175],
  [{ type: "triangular", min: 0, mode: 3, max: 6 }, 3],
  [{ type: "pert", min: 2000, mode: 3000, max: 5000 }, 19000 / 6],
  [{ type: "empirical", values: [1, 2, 3, 6] }, 3],
];

describe("createDistribution", () => {
  it.each(SPECS.map(([s, m]) => [s.type, s, m] as const))(
    "createDistribution dispatches %s to its factory",
    (_type, spec, mean) => {
      const d = createDistribution(spec);
      expect(d.spec).toBe(spec);
      expect(d.mean).toBeCloseTo(mean, 10);
      const x = d.sample(Rng.create(1), new Float64Array(100));
      expect(x.every((v) => Number.isFinite(v) && v >= d.support[0] && v <= d.support[1])).toBe(
        true,
      );
    },
  );

  it("createDistribution accepts specs carrying extra keys (a model parameter's base, tag)", () => {
    const spec = { type: "gamma", mean: 800, sd: 400, base: 800, tag: "M" } as DistributionSpec;
    expect(createDistribution(spec).mean).toBeCloseTo(800, 10);
  });

  it("createDistribution rejects unknown types, naming the known ones", () => {
    const spec = { type: "weibull", shape: 2 } as unknown as DistributionSpec;
    expect(() => createDistribution(spec)).toThrow(InputError);
    expect(() => createDistribution(spec)).toThrow(
      'distribution: unknown type "weibull" (expected one of fixed, normal, truncnormal, lognormal, beta, gamma, uniform, triangular, pert, empirical)',
    );
    expect(() => createDistribution(null as unknown as DistributionSpec)).toThrow(
      "distribution: expected a distribution spec, got null",
    );
  });

  it("createDistribution checks every numeric field with a message naming the distribution and parameter", () => {
    const bad: [unknown, string][] = [
      [{ type: "fixed", value: "x" }, "fixed: value must be a finite number, got x"],
      [{ type: "normal", mean: 1, sd: 0 }, "normal: sd must be positive, got 0"],
      [
        { type: "normal", mean: Number.NaN, sd: 1 },
        "normal: mean must be a finite number, but it is not a number",
      ],
      [
        { type: "truncnormal", mean: 0, sd: 1, lower: 1, upper: 1 },
        "truncnormal: lower must be below upper, got lower 1 and upper 1",
      ],
      [{ type: "lognormal", meanlog: 0, sdlog: -1 }, "lognormal: sdlog must be positive, got -1"],
      [
        { type: "beta", mean: 0.3, sd: 0.6 },
        "beta: sd 0.6 is impossible for mean 0.3 (sd² must be below mean·(1 − mean) = 0.21)",
      ],
      [
        { type: "beta", alpha: 1, beta: Number.POSITIVE_INFINITY },
        "beta: beta must be a finite number, but it is infinity",
      ],
      [{ type: "gamma", mean: 1000, sd: 0 }, "gamma: sd must be positive, got 0"],
      [{ type: "uniform", min: 3, max: 2 }, "uniform: min must be below max, got min 3 and max 2"],
      [
        { type: "triangular", min: 0, mode: -1, max: 2 },
        "triangular: mode must be between min and max, got mode -1 with min 0 and max 2",
      ],
      [
        { type: "pert", min: 0, mode: 1, max: 2, lambda: -4 },
        "pert: lambda must be positive, got -4",
      ],
      [{ type: "empirical", values: [] }, "empirical: values must be a non-empty list of numbers"],
    ];
    for (const [spec, message] of bad) {
      expect(() => createDistribution(spec as DistributionSpec), message).toThrow(message);
    }
  });
});
