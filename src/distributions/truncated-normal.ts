/**
 * The truncated normal distribution, sampled by inverting its CDF.
 *
 * @module
 */

import { normalCdf, normalQuantile } from "../core/special.js";
import { checkProbability, fail, finite, positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { TruncatedNormalSpec } from "./spec.js";

/** 1/√(2π). */
const INV_SQRT_2PI = 0.3989422804014327;

/** Standard normal density (0 at ±∞). */
function phi(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/** z·φ(z), taken as 0 at ±∞. */
function zPhi(z: number): number {
  return Number.isFinite(z) ? z * phi(z) : 0;
}

/**
 * Normal(mean, sd) restricted to [lower, upper] (either bound may be left out). With
 * α = (lower − mean)/sd, β = (upper − mean)/sd and Z = Φ(β) − Φ(α): mean + sd·(φ(α) − φ(β))/Z,
 * variance sd²·[1 + (αφ(α) − βφ(β))/Z − ((φ(α) − φ(β))/Z)²]. Draws are Φ⁻¹ of uniforms on
 * [Φ(α), Φ(β)]; when the interval lies above the mean (α > 0) everything is done with the upper
 * tail Φ(−z) instead, whose small values keep their precision, so bounds far out in either tail
 * still sample correctly.
 *
 * @example
 * ```ts
 * const d = createTruncatedNormal({ type: "truncnormal", mean: 0.3, sd: 0.2, lower: 0 });
 * d.cdf(0); // 0
 * ```
 */
export function createTruncatedNormal(spec: TruncatedNormalSpec): Distribution {
  const mu = finite("truncnormal", "mean", spec.mean);
  const sigma = positive("truncnormal", "sd", spec.sd);
  const lower =
    spec.lower === undefined
      ? Number.NEGATIVE_INFINITY
      : finite("truncnormal", "lower", spec.lower);
  const upper =
    spec.upper === undefined
      ? Number.POSITIVE_INFINITY
      : finite("truncnormal", "upper", spec.upper);
  if (!(lower < upper)) {
    fail("truncnormal", `lower must be below upper, got lower ${lower} and upper ${upper}`);
  }
  const alpha = (lower - mu) / sigma;
  const beta = (upper - mu) / sigma;
  // upperTail: work with S(z) = Φ(−z); F(x) = (S(α) − S(z))/Z, Z = S(α) − S(β).
  const upperTail = alpha > 0;
  const fa = upperTail ? normalCdf(-alpha) : normalCdf(alpha);
  const fb = upperTail ? normalCdf(-beta) : normalCdf(beta);
  const mass = upperTail ? fa - fb : fb - fa;
  if (!(mass > 0)) {
    fail(
      "truncnormal",
      `the interval [${lower}, ${upper}] has probability 0 under Normal(${mu}, ${sigma})`,
    );
  }
  const lambda = (phi(alpha) - phi(beta)) / mass;
  const mean = mu + sigma * lambda;
  const variance = sigma * sigma * (1 + (zPhi(alpha) - zPhi(beta)) / mass - lambda * lambda);
  /** x for a probability p of the truncated distribution, clamped into [lower, upper]. */
  const at = (p: number): number => {
    const z = upperTail ? -normalQuantile(fa - p * mass) : normalQuantile(fa + p * mass);
    const x = mu + sigma * z;
    return x < lower ? lower : x > upper ? upper : x;
  };
  return {
    spec,
    mean,
    variance,
    support: [lower, upper],
    cdf(x) {
      if (x <= lower) return 0;
      if (x >= upper) return 1;
      const z = (x - mu) / sigma;
      const f = upperTail ? (fa - normalCdf(-z)) / mass : (normalCdf(z) - fa) / mass;
      return f < 0 ? 0 : f > 1 ? 1 : f;
    },
    quantile(p) {
      checkProbability(p);
      if (p === 0) return lower;
      if (p === 1) return upper;
      return at(p);
    },
    sample(rng, out) {
      rng.fillUniform(out);
      for (let i = 0; i < out.length; i++) out[i] = at(out[i] as number);
      return out;
    },
  };
}
