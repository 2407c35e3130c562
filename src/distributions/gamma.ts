/**
 * The gamma distribution, by shape and scale, shape and rate, or mean and SD.
 *
 * @module
 */

import { fillGamma } from "../core/rng.js";
import { gammaP, invertCdf, logGamma, normalQuantile } from "../core/special.js";
import { positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import { gammaParams } from "./moments.js";
import type { GammaSpec } from "./spec.js";

/** Shape and scale for any gamma spec form. */
function shapeScale(spec: GammaSpec): { shape: number; scale: number } {
  if ("mean" in spec) return gammaParams(spec.mean, spec.sd);
  const shape = positive("gamma", "shape", spec.shape);
  return "scale" in spec
    ? { shape, scale: positive("gamma", "scale", spec.scale) }
    : { shape, scale: 1 / positive("gamma", "rate", spec.rate) };
}

/**
 * Gamma(shape, scale): mean shape·scale, variance shape·scale².
 *
 * @example
 * ```ts
 * gamma({ type: "gamma", mean: 37000, sd: 3000 }).variance; // 9e6
 * ```
 */
export function gamma(spec: GammaSpec): Distribution {
  const { shape, scale } = shapeScale(spec);
  const logNorm = logGamma(shape);
  const pdf = (x: number) => (x <= 0 ? 0 : Math.exp((shape - 1) * Math.log(x) - x - logNorm));
  return {
    spec,
    mean: shape * scale,
    variance: shape * scale * scale,
    support: [0, Number.POSITIVE_INFINITY],
    cdf: (x) => gammaP(shape, x / scale),
    quantile(p) {
      if (!(p >= 0 && p <= 1))
        throw new RangeError(`gamma.quantile: p must be in [0, 1], got ${p}`);
      if (p === 0) return 0;
      if (p === 1) return Number.POSITIVE_INFINITY;
      // Wilson–Hilferty start, then safeguarded Newton on the unit-scale CDF.
      const z = normalQuantile(p);
      const c = 1 / (9 * shape);
      const guess = shape * (1 - c + z * Math.sqrt(c)) ** 3;
      const start = guess > 0 ? guess : Math.exp((Math.log(p) + logGamma(shape + 1)) / shape);
      return scale * invertCdf(p, (x) => gammaP(shape, x), pdf, start, 0, Number.POSITIVE_INFINITY);
    },
    sample(rng, out) {
      fillGamma(rng, shape, out);
      for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * scale;
      return out;
    },
  };
}
