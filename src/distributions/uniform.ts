/**
 * The continuous uniform distribution.
 *
 * @module
 */

import { fail, finite } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { UniformSpec } from "./spec.js";

/**
 * Uniform on [min, max].
 *
 * @example
 * ```ts
 * uniform({ type: "uniform", min: 1.05, max: 1.3 }).mean; // 1.175
 * ```
 */
export function uniform(spec: UniformSpec): Distribution {
  const lo = finite("uniform", "min", spec.min);
  const hi = finite("uniform", "max", spec.max);
  if (!(lo < hi)) fail("uniform", `min ${lo} must be below max ${hi}`);
  const width = hi - lo;
  return {
    spec,
    mean: (lo + hi) / 2,
    variance: (width * width) / 12,
    support: [lo, hi],
    cdf: (x) => (x <= lo ? 0 : x >= hi ? 1 : (x - lo) / width),
    quantile(p) {
      if (!(p >= 0 && p <= 1))
        throw new RangeError(`uniform.quantile: p must be in [0, 1], got ${p}`);
      return lo + p * width;
    },
    sample(rng, out) {
      rng.fillUniform(out);
      for (let i = 0; i < out.length; i++) out[i] = lo + (out[i] as number) * width;
      return out;
    },
  };
}
