/**
 * The gamma distribution, by shape and scale, shape and rate, or mean and SD.
 *
 * @module
 */

import { gammaQuantile, incompleteGammaP } from "../core/special.js";
import { checkProbability, fail, positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import { gammaParams } from "./moments.js";
import type { GammaSpec } from "./spec.js";

/** Shape and scale of any gamma spec form. */
function shapeScale(spec: GammaSpec): { shape: number; scale: number } {
  const given = spec as Readonly<Record<string, unknown>>;
  const has = (key: string) => given[key] !== undefined;
  const byMoments = has("mean") || has("sd");
  const byShape = has("shape") || has("scale") || has("rate");
  if (byMoments === byShape || (has("scale") && has("rate"))) {
    const mixed = byMoments || has("scale");
    fail(
      "gamma",
      `give shape and scale, or shape and rate, or mean and sd${mixed ? " (not a mix)" : ""}`,
    );
  }
  if (byMoments) return gammaParams(given.mean as number, given.sd as number);
  const shape = positive("gamma", "shape", given.shape);
  if (has("scale")) return { shape, scale: positive("gamma", "scale", given.scale) };
  if (has("rate")) return { shape, scale: 1 / positive("gamma", "rate", given.rate) };
  return fail("gamma", "shape needs a scale or a rate");
}

/**
 * Gamma(shape k, scale θ): mean kθ, variance kθ², CDF the regularised incomplete gamma
 * function P(k, x/θ); sampled by Marsaglia & Tsang ({@link Rng.fillGamma}).
 *
 * @example
 * ```ts
 * createGamma({ type: "gamma", mean: 37000, sd: 3000 }).variance; // 9e6
 * createGamma({ type: "gamma", shape: 2, rate: 0.5 }).mean;        // 4
 * ```
 */
export function createGamma(spec: GammaSpec): Distribution {
  const { shape, scale } = shapeScale(spec);
  return {
    spec,
    mean: shape * scale,
    variance: shape * scale * scale,
    support: [0, Number.POSITIVE_INFINITY],
    cdf: (x) => (x <= 0 ? 0 : incompleteGammaP(shape, x / scale)),
    quantile(p) {
      checkProbability(p);
      return scale * gammaQuantile(p, shape);
    },
    sample(rng, out) {
      rng.fillGamma(shape, out);
      for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * scale;
      return out;
    },
  };
}
