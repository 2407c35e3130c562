/**
 * The continuous uniform distribution.
 *
 * @module
 */

import { checkProbability, fail, finite } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { UniformSpec } from "./spec.js";

/**
 * Uniform on [min, max]: mean (min + max)/2, variance (max − min)²/12.
 *
 * @example
 * ```ts
 * const d = createUniform({ type: "uniform", min: 1.05, max: 1.3 });
 * d.quantile(0.5); // 1.175
 * ```
 */
export function createUniform(spec: UniformSpec): Distribution {
  const a = finite("uniform", "min", spec.min);
  const b = finite("uniform", "max", spec.max);
  if (!(a < b)) fail("uniform", `min must be below max, got min ${a} and max ${b}`);
  const width = b - a;
  if (!Number.isFinite(width)) fail("uniform", `max − min is too large, got min ${a} and max ${b}`);
  return {
    spec,
    mean: a + width / 2,
    variance: (width * width) / 12,
    support: [a, b],
    cdf: (x) => (x <= a ? 0 : x >= b ? 1 : (x - a) / width),
    quantile(p) {
      checkProbability(p);
      return Math.min(b, a + p * width);
    },
    sample(rng, out) {
      rng.fillUniform(out);
      for (let i = 0; i < out.length; i++) out[i] = a + width * (out[i] as number);
      return out;
    },
  };
}
