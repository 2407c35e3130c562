import { describe, expect, it } from "vitest";
import { normalCdf } from "../../src/core/special.js";
import type { TruncatedNormalSpec } from "../../src/distributions/spec.js";
import { createTruncatedNormal } from "../../src/distributions/truncated-normal.js";
import { InputError } from "../../src/errors.js";
import {
  expectRoundTrips,
  expectSamplesMatch,
  type Moments,
} from "../helpers/distribution-checks.js";

/** Standard normal density, 0 at ±∞. */
const phi = (z: number) =>
  Number.isFinite(z) ? Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) : 0;

/**
 * Moments of Normal(μ, σ) truncated to [l, u], from the raw moments of the standard truncated
 * normal on [α, β]: m₀ = 1, m₁ = (φ(α) − φ(β))/Z and
 * m_k = (k − 1)m_{k−2} − (β^(k−1)φ(β) − α^(k−1)φ(α))/Z (integration by parts of z^(k−1)·zφ(z);
 * the boundary term vanishes at an infinite bound), with Z = Φ(β) − Φ(α) (taken as
 * Φ(−α) − Φ(−β) above the mean, where that is precise). Central moments scale by σ², σ⁴.
 */
function truncatedMoments(spec: TruncatedNormalSpec): Moments {
  const alpha = ((spec.lower ?? Number.NEGATIVE_INFINITY) - spec.mean) / spec.sd;
  const beta = ((spec.upper ?? Number.POSITIVE_INFINITY) - spec.mean) / spec.sd;
  const z = alpha > 0 ? normalCdf(-alpha) - normalCdf(-beta) : normalCdf(beta) - normalCdf(alpha);
  const boundary = (k: number) =>
    ((Number.isFinite(beta) ? beta ** (k - 1) * phi(beta) : 0) -
      (Number.isFinite(alpha) ? alpha ** (k - 1) * phi(alpha) : 0)) /
    z;
  const m = [1, (phi(alpha) - phi(beta)) / z];
  for (let k = 2; k <= 4; k++) m.push((k - 1) * (m[k - 2] as number) - boundary(k));
  const [, m1, m2, m3, m4] = m as [number, number, number, number, number];
  const mu2 = m2 - m1 * m1;
  const mu4 = m4 - 4 * m3 * m1 + 6 * m2 * m1 * m1 - 3 * m1 ** 4;
  return { mean: spec.mean + spec.sd * m1, variance: spec.sd ** 2 * mu2, mu4: spec.sd ** 4 * mu4 };
}

const SPECS: TruncatedNormalSpec[] = [
  { type: "truncnormal", mean: 0.3, sd: 0.2, lower: 0 }, // lower bound only
  { type: "truncnormal", mean: 0.3, sd: 0.2, lower: 0, upper: 1 }, // both bounds
  { type: "truncnormal", mean: 5, sd: 2, upper: 4 }, // upper bound only
  { type: "truncnormal", mean: 0, sd: 1, lower: 2 }, // above the mean: the mirrored branch
  { type: "truncnormal", mean: 10, sd: 1, lower: 12, upper: 13 },
  { type: "truncnormal", mean: 0, sd: 1, lower: 8 }, // far upper tail, Z = 6e-16
  { type: "truncnormal", mean: 0, sd: 1, upper: -8 }, // far lower tail
];

describe("createTruncatedNormal", () => {
  it.each(SPECS.map((s) => [JSON.stringify(s), s] as const))(
    "createTruncatedNormal %s samples with the analytic moments and CDF",
    (name, spec) => {
      expectSamplesMatch(createTruncatedNormal(spec), truncatedMoments(spec), name);
    },
  );

  it.each(SPECS.map((s) => [JSON.stringify(s), s] as const))(
    "createTruncatedNormal %s has quantile and CDF that invert each other",
    (name, spec) => {
      // The CDF is a difference F(z) − F(α) over Z of normal tail probabilities (F = Φ, or
      // Φ(−·) above the mean), each good to 8ε(1 + z²) relative (tests/core/special.test.ts),
      // so near the lower bound cdf(x) carries an absolute error up to about
      // 16ε(1 + α²)·F(α)/Z.
      const eps = 2.220446049250313e-16;
      const alpha = ((spec.lower ?? Number.NEGATIVE_INFINITY) - spec.mean) / spec.sd;
      const beta = ((spec.upper ?? Number.POSITIVE_INFINITY) - spec.mean) / spec.sd;
      const fa = alpha > 0 ? normalCdf(-alpha) : normalCdf(alpha);
      const z = alpha > 0 ? fa - normalCdf(-beta) : normalCdf(beta) - fa;
      const cdfError = Number.isFinite(alpha) ? (16 * eps * (1 + alpha * alpha) * fa) / z : 0;
      expectRoundTrips(createTruncatedNormal(spec), name, { cdfError });
    },
  );

  it("createTruncatedNormal stays within its bounds and has 0 and 1 at them", () => {
    const d = createTruncatedNormal({ type: "truncnormal", mean: 0, sd: 1, lower: -1, upper: 2 });
    expect(d.support).toEqual([-1, 2]);
    expect(d.cdf(-1)).toBe(0);
    expect(d.cdf(2)).toBe(1);
    expect(d.quantile(0)).toBe(-1);
    expect(d.quantile(1)).toBe(2);
    // Without bounds it is the normal.
    const n = createTruncatedNormal({ type: "truncnormal", mean: 3, sd: 2 });
    expect(n.mean).toBe(3);
    expect(n.variance).toBeCloseTo(4, 14);
  });

  it("createTruncatedNormal rejects empty intervals and bad parameters", () => {
    expect(() =>
      createTruncatedNormal({ type: "truncnormal", mean: 0, sd: 1, lower: 2, upper: 1 }),
    ).toThrow("truncnormal: lower must be below upper, got lower 2 and upper 1");
    expect(() =>
      createTruncatedNormal({ type: "truncnormal", mean: 0, sd: 1, lower: 50, upper: 60 }),
    ).toThrow("truncnormal: the interval [50, 60] has probability 0 under Normal(0, 1)");
    expect(() => createTruncatedNormal({ type: "truncnormal", mean: 0, sd: 0 })).toThrow(
      "truncnormal: sd must be positive, got 0",
    );
    expect(() =>
      createTruncatedNormal({ type: "truncnormal", mean: 0, sd: 1, lower: Number.NaN }),
    ).toThrow(InputError);
  });
});
