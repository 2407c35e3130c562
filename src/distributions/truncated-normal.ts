/**
 * The truncated normal distribution, sampled by inverting its CDF.
 *
 * @module
 */

import { normalCdf, normalQuantile } from "../core/special.js";
import { fail, finite, positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { TruncatedNormalSpec } from "./spec.js";

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Standard normal density. */
function phi(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/**
 * Normal(mean, sd) restricted to [lower, upper]. When both bounds sit in the upper tail the
 * inversion works on the mirrored variable, so it keeps its precision far out in the tails.
 *
 * @example
 * ```ts
 * truncatedNormal({ type: "truncnormal", mean: 2592, sd: 300, lower: 0 }).mean; // ≈ 2592
 * ```
 */
export function truncatedNormal(spec: TruncatedNormalSpec): Distribution {
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
  if (!(lower < upper)) fail("truncnormal", `lower ${lower} must be below upper ${upper}`);
  // Mirror when the interval lies above the mean, so the CDF values stay small and precise.
  const flip = (lower - mu) / sigma > 0;
  const a = flip ? -(upper - mu) / sigma : (lower - mu) / sigma;
  const b = flip ? -(lower - mu) / sigma : (upper - mu) / sigma;
  const fa = normalCdf(a);
  const fb = normalCdf(b);
  const mass = fb - fa;
  if (!(mass > 0))
    fail("truncnormal", `[${lower}, ${upper}] has no probability under Normal(${mu}, ${sigma})`);
  const pa = Number.isFinite(a) ? phi(a) : 0;
  const pb = Number.isFinite(b) ? phi(b) : 0;
  const ta = Number.isFinite(a) ? a * pa : 0;
  const tb = Number.isFinite(b) ? b * pb : 0;
  const zMean = (pa - pb) / mass;
  const zVar = 1 + (ta - tb) / mass - zMean * zMean;
  const toX = (z: number) => (flip ? mu - sigma * z : mu + sigma * z);
  const standardQuantile = (p: number) => {
    const z = normalQuantile(fa + p * mass);
    return z < a ? a : z > b ? b : z;
  };
  return {
    spec,
    mean: toX(zMean),
    variance: sigma * sigma * zVar,
    support: [lower, upper],
    cdf(x) {
      if (x <= lower) return 0;
      if (x >= upper) return 1;
      const z = (x - mu) / sigma;
      return flip ? (fb - normalCdf(-z)) / mass : (normalCdf(z) - fa) / mass;
    },
    quantile(p) {
      if (!(p >= 0 && p <= 1))
        throw new RangeError(`truncatedNormal.quantile: p must be in [0, 1], got ${p}`);
      return toX(standardQuantile(flip ? 1 - p : p));
    },
    sample(rng, out) {
      rng.fillUniform(out);
      for (let i = 0; i < out.length; i++) out[i] = toX(standardQuantile(out[i] as number));
      return out;
    },
  };
}
