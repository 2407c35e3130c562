import { describe, expect, test } from "vitest";
import { normalCdf } from "../../src/core/special.js";
import { createDistribution } from "../../src/distributions/create.js";
import type { DistributionSpec } from "../../src/distributions/spec.js";
import { normalScoreQuantile } from "../../src/psa/quantile-table.js";

const SPECS: DistributionSpec[] = [
  { type: "gamma", mean: 37000, sd: 3000 },
  { type: "gamma", shape: 0.3, scale: 2 },
  { type: "beta", mean: 0.28, sd: 0.03 },
  { type: "beta", alpha: 0.5, beta: 0.5 },
  { type: "lognormal", estimate: 1.055, lower: 0.955, upper: 1.166 },
  { type: "normal", mean: 8, sd: 0.5 },
  { type: "triangular", min: 0.5, mode: 0.83, max: 1.5 },
  { type: "uniform", min: 1.05, max: 1.3 },
];

describe("normalScoreQuantile", () => {
  test.each(SPECS.map((s) => [s.type, s] as const))(
    "normalScoreQuantile matches the exact quantile of %s within 1e-6 of the marginal's SD",
    (_name, spec) => {
      const dist = createDistribution(spec);
      const table = normalScoreQuantile(dist);
      const scale = Math.sqrt(dist.variance);
      let worst = 0;
      for (let k = 0; k <= 20000; k++) {
        // Off the nodes. Above y ≈ 5.5 the probability 1 − Φ(y) < 2e-8 has few significant
        // digits left in p, so the "exact" F⁻¹(p) itself is no longer a sharp reference there.
        const y = -7.9 + (13.4 * k) / 20000 + 1e-4 * Math.sin(k);
        const exact = dist.quantile(y < 0 ? normalCdf(y) : 1 - normalCdf(-y));
        worst = Math.max(worst, Math.abs(table.at(y) - exact) / scale);
      }
      // Smooth quantile functions interpolate to ~1e-9 SD; the triangular's kink at its mode to
      // 2e-7. Either is far below Monte Carlo noise (a quantile's SE at 1e7 samples is ~1e-3 SD).
      expect(worst).toBeLessThan(1e-6);
    },
  );

  test("normalScoreQuantile is increasing and uses the exact quantile beyond the table", () => {
    const dist = createDistribution({ type: "gamma", shape: 2, scale: 1 });
    const table = normalScoreQuantile(dist);
    let previous = Number.NEGATIVE_INFINITY;
    for (let y = -7.99; y < 5.5; y += 0.001) {
      const v = table.at(y);
      expect(v).toBeGreaterThanOrEqual(previous);
      previous = v;
    }
    expect(table.at(9)).toBe(dist.quantile(1 - normalCdf(-9)));
  });
});
