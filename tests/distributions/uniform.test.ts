import { describe, expect, it } from "vitest";
import { createUniform } from "../../src/distributions/uniform.js";
import { expectRoundTrips, expectSamplesMatch } from "../helpers/distribution-checks.js";

describe("createUniform", () => {
  it.each([
    [1.05, 1.3], // senior_cost_multiplier
    [400000, 600000], // grant_stockport
  ])("createUniform(%d, %d) samples with the uniform's moments and CDF", (min, max) => {
    const d = createUniform({ type: "uniform", min, max });
    const w = max - min;
    // variance w²/12, μ₄ = w⁴/80
    expectSamplesMatch(
      d,
      { mean: (min + max) / 2, variance: (w * w) / 12, mu4: w ** 4 / 80 },
      `uniform ${min} ${max}`,
    );
    expectRoundTrips(d, `uniform ${min} ${max}`);
  });

  it("createUniform has a linear CDF and quantile on [min, max]", () => {
    const d = createUniform({ type: "uniform", min: 2, max: 6 });
    expect(d.cdf(3)).toBe(0.25);
    expect(d.cdf(1)).toBe(0);
    expect(d.cdf(7)).toBe(1);
    expect(d.quantile(0.75)).toBe(5);
    expect(d.quantile(1)).toBe(6);
    expect(d.support).toEqual([2, 6]);
  });

  it("createUniform rejects min ≥ max and non-finite bounds", () => {
    expect(() => createUniform({ type: "uniform", min: 5, max: 3 })).toThrow(
      "uniform: min must be below max, got min 5 and max 3",
    );
    expect(() => createUniform({ type: "uniform", min: 1, max: 1 })).toThrow(
      /min must be below max/,
    );
    expect(() => createUniform({ type: "uniform", min: 0, max: Number.POSITIVE_INFINITY })).toThrow(
      "uniform: max must be a finite number, but it is infinity",
    );
    expect(() => createUniform({ type: "uniform", min: -1e308, max: 1e308 })).toThrow(
      "uniform: max − min is too large, got min -1e+308 and max 1e+308",
    );
  });
});
