import { describe, expect, it } from "vitest";
import { createPert } from "../../src/distributions/pert.js";
import type { PertSpec } from "../../src/distributions/spec.js";
import {
  expectRoundTrips,
  expectSamplesMatch,
  type Moments,
  mu4FromKurtosis,
} from "../helpers/distribution-checks.js";

/**
 * PERT = min + w·Beta(α, β), w = max − min, α = 1 + λ(mode − min)/w, β = 1 + λ(max − mode)/w:
 * mean min + wα/(α + β), variance w²·αβ/((α + β)²(α + β + 1)), and the beta's excess kurtosis
 * (scale-free).
 */
function pertMoments(min: number, mode: number, max: number, lambda = 4): Moments {
  const w = max - min;
  const a = 1 + (lambda * (mode - min)) / w;
  const b = 1 + (lambda * (max - mode)) / w;
  const c = a + b;
  const variance = (w * w * a * b) / (c * c * (c + 1));
  const kurtosis = (6 * ((a - b) ** 2 * (c + 1) - a * b * (c + 2))) / (a * b * (c + 2) * (c + 3));
  return { mean: min + (w * a) / c, variance, mu4: mu4FromKurtosis(variance, kurtosis) };
}

const CASES: PertSpec[] = [
  { type: "pert", min: 2000, mode: 3000, max: 5000 },
  { type: "pert", min: 0, mode: 0, max: 1 },
  { type: "pert", min: 1, mode: 2, max: 3, lambda: 10 },
];

describe("createPert", () => {
  it.each(CASES.map((s) => [JSON.stringify(s), s] as const))(
    "createPert %s samples with the scaled beta's moments and CDF",
    (name, spec) => {
      const d = createPert(spec);
      expectSamplesMatch(d, pertMoments(spec.min, spec.mode, spec.max, spec.lambda), name);
      expectRoundTrips(d, name);
    },
  );

  it("createPert has mean (min + λ·mode + max)/(λ + 2)", () => {
    const d = createPert({ type: "pert", min: 2000, mode: 3000, max: 5000 });
    expect(d.mean).toBeCloseTo((2000 + 4 * 3000 + 5000) / 6, 10);
    const d10 = createPert({ type: "pert", min: 0, mode: 1, max: 5, lambda: 10 });
    expect(d10.mean).toBeCloseTo((0 + 10 * 1 + 5) / 12, 14);
    expect(d.support).toEqual([2000, 5000]);
    expect(d.cdf(2000)).toBe(0);
    expect(d.cdf(5000)).toBe(1);
  });

  it("createPert rejects a mode outside [min, max], min ≥ max and λ ≤ 0", () => {
    expect(() => createPert({ type: "pert", min: 0, mode: -1, max: 5 })).toThrow(
      "pert: mode must be between min and max, got mode -1 with min 0 and max 5",
    );
    expect(() => createPert({ type: "pert", min: 3, mode: 3, max: 2 })).toThrow(
      "pert: min must be below max, got min 3 and max 2",
    );
    expect(() => createPert({ type: "pert", min: 0, mode: 1, max: 2, lambda: 0 })).toThrow(
      "pert: lambda must be positive, got 0",
    );
  });
});
