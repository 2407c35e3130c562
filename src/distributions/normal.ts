/**
 * The normal distribution.
 *
 * @module
 */

import { normalCdf, normalQuantile } from "../core/special.js";
import { checkProbability, finite, positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { NormalSpec } from "./spec.js";

/**
 * Normal(mean, sd), sampled with the ziggurat of {@link Rng.fillNormal}.
 *
 * @example
 * ```ts
 * const d = createNormal({ type: "normal", mean: 8, sd: 0.5 });
 * d.quantile(0.975); // 8 + 0.5 · 1.959963984540054
 * ```
 */
export function createNormal(spec: NormalSpec): Distribution {
  const mu = finite("normal", "mean", spec.mean);
  const sigma = positive("normal", "sd", spec.sd);
  return {
    spec,
    mean: mu,
    variance: sigma * sigma,
    support: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    cdf: (x) => normalCdf((x - mu) / sigma),
    quantile(p) {
      checkProbability(p);
      return mu + sigma * normalQuantile(p);
    },
    sample(rng, out) {
      rng.fillNormal(out);
      for (let i = 0; i < out.length; i++) out[i] = mu + sigma * (out[i] as number);
      return out;
    },
  };
}
