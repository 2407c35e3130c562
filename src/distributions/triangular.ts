/**
 * The triangular distribution.
 *
 * @module
 */

import { fail, finite } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { TriangularSpec } from "./spec.js";

/**
 * Triangular on [min, max] with the given mode; sampled by inverting its CDF.
 *
 * @example
 * ```ts
 * triangular({ type: "triangular", min: 0, mode: 1, max: 2 }).quantile(0.5); // 1
 * ```
 */
export function triangular(spec: TriangularSpec): Distribution {
  const a = finite("triangular", "min", spec.min);
  const c = finite("triangular", "mode", spec.mode);
  const b = finite("triangular", "max", spec.max);
  if (!(a < b)) fail("triangular", `min ${a} must be below max ${b}`);
  if (!(a <= c && c <= b)) fail("triangular", `mode ${c} must lie between min ${a} and max ${b}`);
  const width = b - a;
  const split = (c - a) / width;
  const quantile = (p: number) =>
    p < split ? a + Math.sqrt(p * width * (c - a)) : b - Math.sqrt((1 - p) * width * (b - c));
  return {
    spec,
    mean: (a + b + c) / 3,
    variance: (a * a + b * b + c * c - a * b - a * c - b * c) / 18,
    support: [a, b],
    cdf(x) {
      if (x <= a) return 0;
      if (x >= b) return 1;
      return x <= c
        ? ((x - a) * (x - a)) / (width * (c - a))
        : 1 - ((b - x) * (b - x)) / (width * (b - c));
    },
    quantile(p) {
      if (!(p >= 0 && p <= 1))
        throw new RangeError(`triangular.quantile: p must be in [0, 1], got ${p}`);
      return quantile(p);
    },
    sample(rng, out) {
      rng.fillUniform(out);
      for (let i = 0; i < out.length; i++) out[i] = quantile(out[i] as number);
      return out;
    },
  };
}
