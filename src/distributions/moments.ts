/**
 * Method-of-moments parameters: the shape parameters that give a stated mean and SD (dampack's
 * `beta_params`, `gamma_params`, `lnorm_params` and `dirichlet_params` formulas), with clear
 * errors when no distribution of that family has them.
 *
 * @module
 */

import { normalQuantile } from "../core/special.js";
import { fail, finite, positive } from "./check.js";

/**
 * Beta(α, β) with the given mean and SD: α = m²(1 − m)/s² − m, β = α(1/m − 1).
 * Needs 0 < m < 1 and s² < m(1 − m).
 *
 * @example
 * ```ts
 * betaParams(0.8, 0.1); // { alpha: 12, beta: 3 }
 * ```
 */
export function betaParams(mean: number, sd: number): { alpha: number; beta: number } {
  const m = finite("beta", "mean", mean);
  const s = positive("beta", "sd", sd);
  if (!(m > 0 && m < 1)) fail("beta", `mean must be between 0 and 1, got ${m}`);
  const limit = m * (1 - m);
  if (!(s * s < limit)) {
    fail(
      "beta",
      `sd ${s} is impossible for mean ${m} (sd² must be below mean·(1 − mean) = ${limit})`,
    );
  }
  const alpha = ((1 - m) / (s * s) - 1 / m) * m * m;
  return { alpha, beta: alpha * (1 / m - 1) };
}

/**
 * Gamma with the given mean and SD: shape = m²/s², scale = s²/m, rate = m/s².
 *
 * @example
 * ```ts
 * gammaParams(1000, 250); // { shape: 16, scale: 62.5, rate: 0.016 }
 * ```
 */
export function gammaParams(
  mean: number,
  sd: number,
): { shape: number; scale: number; rate: number } {
  const m = positive("gamma", "mean", mean);
  const s = positive("gamma", "sd", sd);
  return { shape: (m * m) / (s * s), scale: (s * s) / m, rate: m / (s * s) };
}

/**
 * Lognormal with the given mean and SD (of the variable itself):
 * σ = √ln(1 + s²/m²), μ = ln(m / √(1 + s²/m²)).
 *
 * @example
 * ```ts
 * lognormalParams(1.5, 0.5); // { meanlog: 0.3527848502792511, sdlog: 0.32459284597450133 }
 * ```
 */
export function lognormalParams(mean: number, sd: number): { meanlog: number; sdlog: number } {
  const m = positive("lognormal", "mean", mean);
  const s = positive("lognormal", "sd", sd);
  const ratio = 1 + (s * s) / (m * m);
  return { meanlog: Math.log(m / Math.sqrt(ratio)), sdlog: Math.sqrt(Math.log(ratio)) };
}

/**
 * Lognormal from a point estimate (its median, e.g. a rate ratio) and a confidence interval:
 * μ = ln(estimate), σ = (ln upper − ln lower) / (2·z), z = Φ⁻¹((1 + level)/2).
 *
 * @example
 * ```ts
 * lognormalFromInterval(1.055, 0.955, 1.166); // { meanlog: 0.0535…, sdlog: 0.0509… }
 * ```
 */
export function lognormalFromInterval(
  estimate: number,
  lower: number,
  upper: number,
  level = 0.95,
): { meanlog: number; sdlog: number } {
  const e = positive("lognormal", "estimate", estimate);
  const lo = positive("lognormal", "lower", lower);
  const hi = positive("lognormal", "upper", upper);
  const l = finite("lognormal", "level", level);
  if (!(l > 0 && l < 1)) fail("lognormal", `level must be between 0 and 1, got ${l}`);
  if (!(lo < e && e < hi)) {
    fail(
      "lognormal",
      `the interval must contain the estimate: lower ${lo} < estimate ${e} < upper ${hi}`,
    );
  }
  const z = normalQuantile((1 + l) / 2);
  return { meanlog: Math.log(e), sdlog: (Math.log(hi) - Math.log(lo)) / (2 * z) };
}

/**
 * Dirichlet concentrations from mean shares and the SD of the first share (dampack's
 * `dirichlet_params`): α_i = m_i·(m₁ − E[p₁²]) / (E[p₁²] − m₁²), E[p₁²] = s₁² + m₁².
 *
 * @example
 * ```ts
 * dirichletParams([0.2, 0.3, 0.5], 0.05); // [12.6, 18.9, 31.5]
 * ```
 */
export function dirichletParams(means: readonly number[], sdFirst: number): number[] {
  if (means.length < 2) fail("dirichlet", "needs at least two components");
  const m = means.map((v, i) => finite("dirichlet", `mean ${i + 1}`, v));
  for (const [i, v] of m.entries()) {
    if (!(v > 0 && v < 1)) fail("dirichlet", `mean ${i + 1} must be between 0 and 1, got ${v}`);
  }
  const total = m.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-9) fail("dirichlet", `the means must sum to 1, got ${total}`);
  const s = positive("dirichlet", "sd", sdFirst);
  const m1 = m[0] as number;
  if (!(s * s < m1 * (1 - m1))) {
    fail(
      "dirichlet",
      `sd ${s} is impossible for a first share of ${m1} (sd² must be below ${m1 * (1 - m1)})`,
    );
  }
  const second = s * s + m1 * m1;
  const alpha0 = (m1 - second) / (second - m1 * m1);
  return m.map((v) => v * alpha0);
}
