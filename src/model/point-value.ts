/**
 * The base-case (point) value of a parameter: what a deterministic run uses.
 *
 * @module
 */

import type { Distribution } from "../distributions/distribution.js";
import type { ParameterSpec } from "./define-model.js";

/**
 * The base-case value of a univariate parameter: its stated `base` if given; a lognormal's
 * median when it was given on the log scale or as an estimate with an interval (a rate ratio's
 * point estimate, e.g. IRR 1.055); otherwise the distribution's mean.
 *
 * @example
 * ```ts
 * pointValue({ type: "lognormal", estimate: 1.055, lower: 0.955, upper: 1.166 }, dist); // 1.055
 * pointValue({ type: "gamma", mean: 37000, sd: 3000 }, dist);                           // 37000
 * ```
 */
export function pointValue(spec: ParameterSpec, distribution: Distribution): number {
  if (spec.base !== undefined) return spec.base;
  if (spec.type === "lognormal") {
    if ("estimate" in spec) return spec.estimate;
    if ("meanlog" in spec) return Math.exp(spec.meanlog);
  }
  return distribution.mean;
}
