/**
 * The triangular distribution.
 *
 * @module
 */

import { checkProbability, fail, finite } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { TriangularSpec } from "./spec.js";

/**
 * Triangular on [min, max] with peak at `mode`: mean (min + mode + max)/3, variance
 * (w² − uw + u²)/18 with w = max − min, u = mode − min. Sampled by inverting the CDF:
 * min + √(p·w·u) below F(mode) = u/w, and above it the same root as max − √((1 − p)·w·(w − u))
 * written without cancellation.
 *
 * @example
 * ```ts
 * const d = createTriangular({ type: "triangular", min: 0.5, mode: 0.83, max: 1.5 });
 * d.mean; // 0.9433…
 * ```
 */
export function createTriangular(spec: TriangularSpec): Distribution {
  const a = finite("triangular", "min", spec.min);
  const c = finite("triangular", "mode", spec.mode);
  const b = finite("triangular", "max", spec.max);
  if (!(a < b)) fail("triangular", `min must be below max, got min ${a} and max ${b}`);
  if (!(a <= c && c <= b)) {
    fail(
      "triangular",
      `mode must be between min and max, got mode ${c} with min ${a} and max ${b}`,
    );
  }
  const w = b - a;
  if (!Number.isFinite(w)) {
    fail("triangular", `max − min is too large, got min ${a} and max ${b}`);
  }
  const u = c - a;
  const v = b - c;
  const split = u / w; // F(mode)
  const left = w * u;
  const right = w * v;
  // Above the mode, F(x) = u/w + t(v + b − x)/(wv) with t = x − mode, and its inverse
  // t = (pw − u)v/(v + √((1 − p)wv)) (the stable root of t² − 2vt + (pw − u)v = 0): unlike
  // 1 − (b − x)²/(wv) and b − √((1 − p)wv), these keep their relative accuracy when the mode is
  // at (or near) min and x, p are small.
  const at = (p: number): number => {
    const x =
      p <= split
        ? a + Math.sqrt(p * left)
        : c + ((p * w - u) * v) / (v + Math.sqrt((1 - p) * right));
    return x < a ? a : x > b ? b : x;
  };
  return {
    spec,
    mean: a + (w + u) / 3,
    variance: (w * w - u * w + u * u) / 18,
    support: [a, b],
    cdf(x) {
      if (x <= a) return 0;
      if (x >= b) return 1;
      if (x <= c) return ((x - a) * (x - a)) / left;
      return split + ((x - c) * (v + b - x)) / right;
    },
    quantile(p) {
      checkProbability(p);
      return at(p);
    },
    sample(rng, out) {
      rng.fillUniform(out);
      for (let i = 0; i < out.length; i++) out[i] = at(out[i] as number);
      return out;
    },
  };
}
