/**
 * Multiplying a distribution by a positive constant, as plain data: the spec of c·X for the spec
 * of X. Used to uprate unit costs between price years before sampling, so that draws, base case
 * and reports are all in the target prices.
 *
 * @module
 */

import { InputError } from "../errors.js";
import type { DistributionSpec } from "./spec.js";

/**
 * The spec of `factor` × X, where X has distribution `spec`. Defined for every distribution
 * that can describe an amount of money; a beta (a proportion) cannot be scaled.
 *
 * @example
 * ```ts
 * scaleSpec({ type: "gamma", mean: 646, sd: 100 }, 1.2147); // { type: "gamma", mean: 784.7…, sd: 121.47 }
 * ```
 */
export function scaleSpec<T extends DistributionSpec>(spec: T, factor: number): T {
  if (!(factor > 0 && Number.isFinite(factor))) {
    throw new RangeError(`scaleSpec: factor must be positive and finite, got ${factor}`);
  }
  const s = spec as DistributionSpec;
  const f = factor;
  const scaled = ((): DistributionSpec => {
    switch (s.type) {
      case "fixed":
        return { ...s, value: s.value * f };
      case "normal":
        return { ...s, mean: s.mean * f, sd: s.sd * f };
      case "truncnormal":
        return {
          ...s,
          mean: s.mean * f,
          sd: s.sd * f,
          ...(s.lower === undefined ? {} : { lower: s.lower * f }),
          ...(s.upper === undefined ? {} : { upper: s.upper * f }),
        };
      case "lognormal":
        if ("meanlog" in s) return { ...s, meanlog: s.meanlog + Math.log(f) };
        if ("estimate" in s) {
          return { ...s, estimate: s.estimate * f, lower: s.lower * f, upper: s.upper * f };
        }
        return { ...s, mean: s.mean * f, sd: s.sd * f };
      case "gamma":
        if ("scale" in s) return { ...s, scale: s.scale * f };
        if ("rate" in s) return { ...s, rate: s.rate / f };
        return { ...s, mean: s.mean * f, sd: s.sd * f };
      case "uniform":
        return { ...s, min: s.min * f, max: s.max * f };
      case "triangular":
      case "pert":
        return { ...s, min: s.min * f, mode: s.mode * f, max: s.max * f };
      case "empirical":
        return { ...s, values: s.values.map((v) => v * f) };
      case "beta":
        throw new InputError({ message: "a beta distribution (a proportion) cannot be uprated" });
    }
  })();
  return scaled as T;
}
