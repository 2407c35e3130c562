/**
 * The beta distribution, by shape parameters or by mean and SD (method of moments).
 *
 * @module
 */

import { betaQuantile, incompleteBeta } from "../core/special.js";
import { checkProbability, oneForm, positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import { betaParams } from "./moments.js";
import type { BetaSpec } from "./spec.js";

const FORMS = [
  ["alpha", "beta"],
  ["mean", "sd"],
] as const;

/**
 * Beta(α, β) on [0, 1]: mean α/(α + β), variance αβ/((α + β)²(α + β + 1)); CDF the regularised
 * incomplete beta function; sampled as X/(X + Y) from two gammas ({@link Rng.fillBeta}).
 *
 * @example
 * ```ts
 * createBeta({ type: "beta", mean: 0.8, sd: 0.1 }).mean;   // 0.8 (α = 12, β = 3)
 * createBeta({ type: "beta", alpha: 33, beta: 67 }).cdf(0.33);
 * ```
 */
export function createBeta(spec: BetaSpec): Distribution {
  const form = oneForm("beta", spec, FORMS);
  const given = spec as Readonly<Record<string, unknown>>;
  const { alpha, beta } =
    form === 0
      ? {
          alpha: positive("beta", "alpha", given.alpha),
          beta: positive("beta", "beta", given.beta),
        }
      : betaParams(given.mean as number, given.sd as number);
  const total = alpha + beta;
  let scratch = new Float64Array(0);
  return {
    spec,
    mean: alpha / total,
    variance: (alpha * beta) / (total * total * (total + 1)),
    support: [0, 1],
    cdf: (x) => (x <= 0 ? 0 : x >= 1 ? 1 : incompleteBeta(x, alpha, beta)),
    quantile(p) {
      checkProbability(p);
      return betaQuantile(p, alpha, beta);
    },
    sample(rng, out) {
      if (scratch.length < out.length) scratch = new Float64Array(out.length);
      return rng.fillBeta(alpha, beta, out, scratch);
    },
  };
}
