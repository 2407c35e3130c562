/**
 * The lognormal distribution, given on the log scale, by its own mean and SD, or by a point
 * estimate with a confidence interval (a published ratio such as IRR 1.055 (0.955–1.166)).
 *
 * @module
 */

import { normalCdf, normalQuantile } from "../core/special.js";
import { checkProbability, finite, oneForm, positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import { type LognormalParams, lognormalFromInterval, lognormalParams } from "./moments.js";
import type { LognormalSpec } from "./spec.js";

const FORMS = [
  ["meanlog", "sdlog"],
  ["mean", "sd"],
  ["estimate", "lower", "upper"],
] as const;

/** (μ, σ) on the log scale of any lognormal spec form. */
function logScale(spec: LognormalSpec): LognormalParams {
  const form = oneForm("lognormal", spec, FORMS);
  const given = spec as Readonly<Record<string, unknown>>;
  if (form === 0) {
    return {
      meanlog: finite("lognormal", "meanlog", given.meanlog),
      sdlog: positive("lognormal", "sdlog", given.sdlog),
    };
  }
  if (form === 1) return lognormalParams(given.mean as number, given.sd as number);
  return lognormalFromInterval(
    given.estimate as number,
    given.lower as number,
    given.upper as number,
    given.level === undefined ? 0.95 : (given.level as number),
  );
}

/**
 * Lognormal: exp(Normal(μ, σ)). Mean e^(μ + σ²/2), variance (e^(σ²) − 1)·e^(2μ + σ²), median
 * e^μ (for the estimate-and-interval form, the estimate itself).
 *
 * @example
 * ```ts
 * const irr = createLognormal({ type: "lognormal", estimate: 1.055, lower: 0.955, upper: 1.166 });
 * irr.quantile(0.5);   // 1.055
 * irr.quantile(0.975); // 1.1657…, the published 1.166 to rounding
 * ```
 */
export function createLognormal(spec: LognormalSpec): Distribution {
  const { meanlog: mu, sdlog: sigma } = logScale(spec);
  const s2 = sigma * sigma;
  return {
    spec,
    mean: Math.exp(mu + s2 / 2),
    variance: Math.expm1(s2) * Math.exp(2 * mu + s2),
    support: [0, Number.POSITIVE_INFINITY],
    cdf: (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma)),
    quantile(p) {
      checkProbability(p);
      return Math.exp(mu + sigma * normalQuantile(p));
    },
    sample(rng, out) {
      rng.fillNormal(out);
      for (let i = 0; i < out.length; i++) out[i] = Math.exp(mu + sigma * (out[i] as number));
      return out;
    },
  };
}
