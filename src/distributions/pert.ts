/**
 * The PERT distribution: a beta scaled to [min, max] whose mode is the most likely value.
 *
 * @module
 */

import { beta } from "./beta.js";
import { fail, finite, positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { PertSpec } from "./spec.js";

/**
 * PERT(min, mode, max, λ = 4) = min + (max − min)·Beta(1 + λ(mode − min)/(max − min),
 * 1 + λ(max − mode)/(max − min)).
 *
 * @example
 * ```ts
 * pert({ type: "pert", min: 2000, mode: 3000, max: 5000 }).mean; // (2000 + 4·3000 + 5000) / 6
 * ```
 */
export function pert(spec: PertSpec): Distribution {
  const a = finite("pert", "min", spec.min);
  const m = finite("pert", "mode", spec.mode);
  const b = finite("pert", "max", spec.max);
  const lambda = spec.lambda === undefined ? 4 : positive("pert", "lambda", spec.lambda);
  if (!(a < b)) fail("pert", `min ${a} must be below max ${b}`);
  if (!(a <= m && m <= b)) fail("pert", `mode ${m} must lie between min ${a} and max ${b}`);
  const width = b - a;
  const unit = beta({
    type: "beta",
    alpha: 1 + (lambda * (m - a)) / width,
    beta: 1 + (lambda * (b - m)) / width,
  });
  return {
    spec,
    mean: a + width * unit.mean,
    variance: width * width * unit.variance,
    support: [a, b],
    cdf: (x) => unit.cdf((x - a) / width),
    quantile: (p) => a + width * unit.quantile(p),
    sample(rng, out) {
      unit.sample(rng, out);
      for (let i = 0; i < out.length; i++) out[i] = a + width * (out[i] as number);
      return out;
    },
  };
}
