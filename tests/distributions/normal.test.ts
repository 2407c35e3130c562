import { describe, expect, it } from "vitest";
import { createNormal } from "../../src/distributions/normal.js";
import { InputError } from "../../src/errors.js";
import { expectRoundTrips, expectSamplesMatch } from "../helpers/distribution-checks.js";

describe("createNormal", () => {
  it.each([
    [37000, 3000],
    [0.15, 0.1],
  ])("createNormal(%d, %d) samples with the normal's moments and CDF", (mean, sd) => {
    const d = createNormal({ type: "normal", mean, sd });
    // μ₄ = 3σ⁴
    expectSamplesMatch(d, { mean, variance: sd * sd, mu4: 3 * sd ** 4 }, `normal ${mean} ${sd}`);
  });

  it("createNormal's quantile and CDF invert each other", () => {
    expectRoundTrips(createNormal({ type: "normal", mean: 37000, sd: 3000 }), "normal");
    expectRoundTrips(createNormal({ type: "normal", mean: 0, sd: 2 }), "normal 0 2");
  });

  it("createNormal gives the known percentage points and infinite support", () => {
    const d = createNormal({ type: "normal", mean: 8, sd: 0.5 });
    expect(d.quantile(0.975)).toBeCloseTo(8 + 0.5 * 1.959963984540054, 14);
    expect(d.cdf(8)).toBe(0.5);
    expect(d.quantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(d.quantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(d.support).toEqual([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]);
  });

  it("createNormal rejects a non-positive sd and a non-finite mean", () => {
    expect(() => createNormal({ type: "normal", mean: 1, sd: 0 })).toThrow(
      "normal: sd must be positive, got 0",
    );
    expect(() => createNormal({ type: "normal", mean: Number.NaN, sd: 1 })).toThrow(InputError);
    expect(() => createNormal({ type: "normal", mean: 1, sd: -2 })).toThrow(
      "normal: sd must be positive, got -2",
    );
  });
});
