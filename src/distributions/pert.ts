/**
 * The PERT distribution: a beta scaled to [min, max] that peaks at the most likely value.
 *
 * @module
 */

import { createBeta } from "./beta.js";
import { checkProbability, fail, finite, positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { PertSpec } from "./spec.js";

/**
 * PERT(min, mode, max, λ = 4) = min + (max − min)·Beta(1 + λ(mode − min)/(max − min),
 * 1 + λ(max − mode)/(max − min)); its mean is (min + λ·mode + max)/(λ + 2).
 *
 * @example
 * ```ts
 * createPert({ type: "pert", min: 2000, mode: 3000, max: 5000 }).mean; // (2000 + 4·3000 + 5000)/6
 * ```
 */
export function createPert(spec: PertSpec): Distribution {
  const a = finite("pert", "min", spec.min);
  const m = finite("pert", "mode", spec.mode);
  const b = finite("pert", "max", spec.max);
  const lambda = spec.lambda === undefined ? 4 : positive("pert", "lambda", spec.lambda);
  if (!(a < b)) fail("pert", `min must be below max, got min ${a} and max ${b}`);
  if (!(a <= m && m <= b)) {
    fail("pert", `mode must be between min and max, got mode ${m} with min ${a} and max ${b}`);
  }
  const w = b - a;
  if (!Number.isFinite(w)) fail("pert", `max − min is too large, got min ${a} and max ${b}`);
  const unit = createBeta({
    type: "beta",
    alpha: 1 + (lambda * (m - a)) / w,
    beta: 1 + (lambda * (b - m)) / w,
  });
  return {
    spec,
    mean: a + w * unit.mean,
    variance: w * w * unit.variance,
    support: [a, b],
    cdf: (x) => (x <= a ? 0 : x >= b ? 1 : unit.cdf((x - a) / w)),
    quantile(p) {
      checkProbability(p);
      return Math.min(b, a + w * unit.quantile(p));
    },
    sample(rng, out) {
      unit.sample(rng, out);
      for (let i = 0; i < out.length; i++) out[i] = a + w * (out[i] as number);
      return out;
    },
  };
}
