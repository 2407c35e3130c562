import { describe, expect, it } from "vitest";
import { createTriangular } from "../../src/distributions/triangular.js";
import {
  expectRoundTrips,
  expectSamplesMatch,
  mu4FromKurtosis,
} from "../helpers/distribution-checks.js";

describe("createTriangular", () => {
  it.each([
    [0.5, 0.83, 1.5],
    [0, 0, 1], // mode at min
    [0, 1, 1], // mode at max
    [2000, 3000, 5000],
  ])("createTriangular(%d, %d, %d) samples with the triangular's moments and CDF", (a, c, b) => {
    const d = createTriangular({ type: "triangular", min: a, mode: c, max: b });
    // variance (a² + b² + c² − ab − ac − bc)/18; excess kurtosis −3/5 for every shape
    const variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    const name = `triangular(${a}, ${c}, ${b})`;
    expectSamplesMatch(
      d,
      { mean: (a + b + c) / 3, variance, mu4: mu4FromKurtosis(variance, -0.6) },
      name,
    );
    expectRoundTrips(d, name);
  });

  it("createTriangular has the piecewise-quadratic CDF", () => {
    const d = createTriangular({ type: "triangular", min: 0, mode: 1, max: 4 });
    expect(d.cdf(1)).toBeCloseTo(1 / 4, 15); // (c − a)/(b − a)
    expect(d.cdf(0.5)).toBeCloseTo(0.25 / 4, 15); // (x − a)²/((b − a)(c − a))
    expect(d.cdf(3)).toBeCloseTo(1 - 1 / 12, 15); // 1 − (b − x)²/((b − a)(b − c))
    expect(d.cdf(-1)).toBe(0);
    expect(d.cdf(5)).toBe(1);
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(4);
  });

  it("createTriangular rejects a mode outside [min, max] and min ≥ max", () => {
    expect(() => createTriangular({ type: "triangular", min: 0, mode: 7, max: 5 })).toThrow(
      "triangular: mode must be between min and max, got mode 7 with min 0 and max 5",
    );
    expect(() => createTriangular({ type: "triangular", min: 5, mode: 5, max: 5 })).toThrow(
      "triangular: min must be below max, got min 5 and max 5",
    );
    expect(() =>
      createTriangular({ type: "triangular", min: 0, mode: Number.NaN, max: 5 }),
    ).toThrow("triangular: mode must be a finite number, but it is not a number");
  });
});
