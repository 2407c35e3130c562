/**
 * The lognormal distribution, given on the log scale, by its mean and SD, or by a point
 * estimate with a confidence interval.
 *
 * @module
 */

import { normalCdf, normalQuantile } from "../core/special.js";
import { finite, positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import { lognormalFromInterval, lognormalParams } from "./moments.js";
import type { LognormalSpec } from "./spec.js";

/** (μ, σ) on the log scale for any lognormal spec form. */
export function lognormalLogScale(spec: LognormalSpec): { meanlog: number; sdlog: number } {
  if ("meanlog" in spec) {
    return {
      meanlog: finite("lognormal", "meanlog", spec.meanlog),
      sdlog: positive("lognormal", "sdlog", spec.sdlog),
    };
  }
  if ("estimate" in spec)
    return lognormalFromInterval(spec.estimate, spec.lower, spec.upper, spec.level ?? 0.95);
  return lognormalParams(spec.mean, spec.sd);
}

/**
 * Lognormal: exp of Normal(μ, σ).
 *
 * @example
 * ```ts
 * lognormal({ type: "lognormal", estimate: 1.055, lower: 0.955, upper: 1.166 }).quantile(0.5); // 1.055
 * ```
 */
export function lognormal(spec: LognormalSpec): Distribution {
  const { meanlog: mu, sdlog: sigma } = lognormalLogScale(spec);
  const s2 = sigma * sigma;
  return {
    spec,
    mean: Math.exp(mu + s2 / 2),
    variance: Math.expm1(s2) * Math.exp(2 * mu + s2),
    support: [0, Number.POSITIVE_INFINITY],
    cdf: (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma)),
    quantile: (p) => Math.exp(mu + sigma * normalQuantile(p)),
    sample(rng, out) {
      rng.fillNormal(out);
      for (let i = 0; i < out.length; i++) out[i] = Math.exp(mu + sigma * (out[i] as number));
      return out;
    },
  };
}
