/**
 * The normal distribution.
 *
 * @module
 */

import { normalCdf, normalQuantile } from "../core/special.js";
import { finite, positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { NormalSpec } from "./spec.js";

/**
 * Normal(mean, sd).
 *
 * @example
 * ```ts
 * normal({ type: "normal", mean: 8, sd: 0.5 }).quantile(0.975); // 8.98
 * ```
 */
export function normal(spec: NormalSpec): Distribution {
  const mu = finite("normal", "mean", spec.mean);
  const sigma = positive("normal", "sd", spec.sd);
  return {
    spec,
    mean: mu,
    variance: sigma * sigma,
    support: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    cdf: (x) => normalCdf((x - mu) / sigma),
    quantile: (p) => mu + sigma * normalQuantile(p),
    sample(rng, out) {
      rng.fillNormal(out);
      for (let i = 0; i < out.length; i++) out[i] = mu + sigma * (out[i] as number);
      return out;
    },
  };
}
