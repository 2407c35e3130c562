/**
 * The beta distribution, by shape parameters or by mean and SD; sampled from two gammas.
 *
 * @module
 */

import { fillGamma, type Rng } from "../core/rng.js";
import { betaI, invertCdf, logGamma } from "../core/special.js";
import { positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import { betaParams } from "./moments.js";
import type { BetaSpec } from "./spec.js";

/**
 * Fills `out` with Beta(α, β) draws as X/(X + Y), X ~ Gamma(α), Y ~ Gamma(β).
 *
 * @example
 * ```ts
 * fillBeta(Rng.create(1), 33, 67, new Float64Array(100));
 * ```
 */
export function fillBeta(rng: Rng, alpha: number, beta: number, out: Float64Array): Float64Array {
  const y = fillGamma(rng, beta, new Float64Array(out.length));
  fillGamma(rng, alpha, out);
  for (let i = 0; i < out.length; i++) {
    const x = out[i] as number;
    out[i] = x / (x + (y[i] as number));
  }
  return out;
}

/**
 * Beta(α, β) on [0, 1].
 *
 * @example
 * ```ts
 * beta({ type: "beta", mean: 0.8, sd: 0.1 }).mean; // 0.8 (α = 12, β = 3)
 * ```
 */
export function beta(spec: BetaSpec): Distribution {
  const { alpha, beta: b } =
    "mean" in spec
      ? betaParams(spec.mean, spec.sd)
      : { alpha: positive("beta", "alpha", spec.alpha), beta: positive("beta", "beta", spec.beta) };
  const logNorm = logGamma(alpha) + logGamma(b) - logGamma(alpha + b);
  const pdf = (x: number) =>
    x <= 0 || x >= 1 ? 0 : Math.exp((alpha - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logNorm);
  const total = alpha + b;
  return {
    spec,
    mean: alpha / total,
    variance: (alpha * b) / (total * total * (total + 1)),
    support: [0, 1],
    cdf: (x) => betaI(x, alpha, b),
    quantile(p) {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`beta.quantile: p must be in [0, 1], got ${p}`);
      if (p === 0) return 0;
      if (p === 1) return 1;
      return invertCdf(p, (x) => betaI(x, alpha, b), pdf, alpha / total, 0, 1);
    },
    sample: (rng, out) => fillBeta(rng, alpha, b, out),
  };
}
