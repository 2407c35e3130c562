import { describe, expect, it } from "vitest";
import { createDistribution } from "../../src/distributions/create.js";
import { scaleSpec } from "../../src/distributions/scale.js";
import type { DistributionSpec } from "../../src/distributions/spec.js";

const SPECS: DistributionSpec[] = [
  { type: "fixed", value: 100 },
  { type: "normal", mean: 100, sd: 10 },
  { type: "truncnormal", mean: 100, sd: 30, lower: 0 },
  { type: "lognormal", meanlog: 4, sdlog: 0.2 },
  { type: "lognormal", mean: 100, sd: 20 },
  { type: "lognormal", estimate: 100, lower: 80, upper: 125 },
  { type: "gamma", shape: 4, scale: 25 },
  { type: "gamma", shape: 4, rate: 0.04 },
  { type: "gamma", mean: 100, sd: 50 },
  { type: "uniform", min: 50, max: 150 },
  { type: "triangular", min: 50, mode: 90, max: 160 },
  { type: "pert", min: 50, mode: 90, max: 160 },
  { type: "empirical", values: [80, 100, 120] },
];

describe("scaleSpec", () => {
  it.each(SPECS.map((s) => [s.type, s] as const))(
    "scaleSpec(%s) is the distribution of c·X: mean × c, variance × c², quantiles × c",
    (_, spec) => {
      const c = 1.2147;
      const x = createDistribution(spec);
      const y = createDistribution(scaleSpec(spec, c));
      expect(y.mean).toBeCloseTo(c * x.mean, 9);
      expect(y.variance).toBeCloseTo(c * c * x.variance, 6);
      if (spec.type !== "fixed" && spec.type !== "empirical") {
        for (const p of [0.025, 0.5, 0.975]) {
          expect(y.quantile(p)).toBeCloseTo(c * x.quantile(p), 8);
        }
      }
    },
  );

  it("scaleSpec refuses a beta (a proportion) and a factor that is not positive", () => {
    expect(() => scaleSpec({ type: "beta", alpha: 2, beta: 3 }, 1.1)).toThrow(/cannot be uprated/);
    expect(() => scaleSpec({ type: "fixed", value: 1 }, 0)).toThrow(/^scaleSpec: factor/);
  });
});
