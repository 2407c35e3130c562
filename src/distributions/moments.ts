/**
 * Method-of-moments parameters: the shape parameters that give a stated mean and SD (dampack's
 * `beta_params`, `gamma_params`, `lnorm_params` and `dirichlet_params`), the lognormal behind a
 * published point estimate and confidence interval, and clear errors when no distribution of
 * the family has the stated values.
 *
 * @module
 */

import { normalQuantile } from "../core/special.js";
import { valueText } from "../core/value-text.js";
import { fail, finite, formatNumber, positive } from "./check.js";

/** Shape parameters of a beta distribution. */
export interface BetaParams {
  readonly alpha: number;
  readonly beta: number;
}

/** Parameters of a gamma distribution (scale = 1/rate). */
export interface GammaParams {
  readonly shape: number;
  readonly scale: number;
  readonly rate: number;
}

/** Parameters of a lognormal distribution: the mean and SD of its logarithm. */
export interface LognormalParams {
  readonly meanlog: number;
  readonly sdlog: number;
}

/**
 * Beta(α, β) with mean m and SD s: with k = m(1 − m)/s² − 1, α = m·k and β = (1 − m)·k (the
 * same as dampack's α = ((1 − m)/s² − 1/m)·m², β = α(1/m − 1)). Needs 0 < m < 1 and
 * s² < m(1 − m).
 *
 * @example
 * ```ts
 * betaParams(0.3, 0.05); // { alpha: 24.9, beta: 58.1 }
 * betaParams(0.3, 0.6);  // InputError "beta: sd 0.6 is impossible for mean 0.3 (sd² must be below mean·(1 − mean) = 0.21)"
 * ```
 */
export function betaParams(mean: number, sd: number): BetaParams {
  const m = finite("beta", "mean", mean);
  if (!(m > 0 && m < 1)) fail("beta", `mean must be between 0 and 1 (exclusive), got ${m}`);
  const s = positive("beta", "sd", sd);
  const limit = m * (1 - m);
  if (!(s * s < limit)) {
    fail(
      "beta",
      `sd ${s} is impossible for mean ${m} (sd² must be below mean·(1 − mean) = ${formatNumber(limit)})`,
    );
  }
  const k = limit / (s * s) - 1;
  return usable("beta", { alpha: m * k, beta: (1 - m) * k });
}

/**
 * Checks that method-of-moments parameters are positive finite numbers: a mean and sd of very
 * different magnitudes (1e-300 and 3,000, say) underflow or overflow them.
 */
function usable<T extends Record<string, number>>(dist: string, params: T): T {
  for (const [name, value] of Object.entries(params)) {
    if (!(value > 0 && value < Number.POSITIVE_INFINITY)) {
      fail(
        dist,
        `mean and sd give ${name} = ${valueText(value)}, outside what can be computed; check their magnitudes`,
      );
    }
  }
  return params;
}

/**
 * Gamma with mean m and SD s: shape = m²/s², scale = s²/m, rate = m/s².
 *
 * @example
 * ```ts
 * gammaParams(1000, 250); // { shape: 16, scale: 62.5, rate: 0.016 }
 * gammaParams(1000, 0);   // InputError "gamma: sd must be positive, got 0"
 * ```
 */
export function gammaParams(mean: number, sd: number): GammaParams {
  const m = positive("gamma", "mean", mean);
  const s = positive("gamma", "sd", sd);
  const ratio = m / s;
  return usable("gamma", { shape: ratio * ratio, scale: (s * s) / m, rate: m / (s * s) });
}

/**
 * Lognormal whose own mean is m and SD is s: σ² = ln(1 + s²/m²), μ = ln m − σ²/2. (dampack's
 * `lnorm_params` takes the variance s² instead of s.)
 *
 * @example
 * ```ts
 * lognormalParams(1.5, 0.5); // { meanlog: 0.35278485027925…, sdlog: 0.32459284597450… }
 * ```
 */
export function lognormalParams(mean: number, sd: number): LognormalParams {
  const m = positive("lognormal", "mean", mean);
  const s = positive("lognormal", "sd", sd);
  const r = s / m;
  const variance = Math.log1p(r * r);
  const sdlog = Math.sqrt(variance);
  usable("lognormal", { sdlog });
  return { meanlog: Math.log(m) - variance / 2, sdlog };
}

/**
 * The lognormal behind a published ratio and its confidence interval, e.g. IRR 1.055
 * (0.955–1.166): μ = ln(estimate) (the estimate is the median) and
 * σ = (ln upper − ln lower)/(2·z) with z = Φ⁻¹((1 + level)/2), so σ comes from the width of the
 * interval alone.
 *
 * @example
 * ```ts
 * lognormalFromInterval(1.055, 0.955, 1.166); // { meanlog: 0.05354…, sdlog: 0.05092… }
 * ```
 */
export function lognormalFromInterval(
  estimate: number,
  lower: number,
  upper: number,
  level = 0.95,
): LognormalParams {
  const e = positive("lognormal", "estimate", estimate);
  const lo = positive("lognormal", "lower", lower);
  const hi = positive("lognormal", "upper", upper);
  const l = finite("lognormal", "level", level);
  if (!(l > 0 && l < 1)) {
    fail("lognormal", `level must be between 0 and 1 (e.g. 0.95), got ${l}`);
  }
  if (!(lo < e && e < hi)) {
    fail(
      "lognormal",
      `the interval must contain the estimate: got lower ${lo}, estimate ${e}, upper ${hi}`,
    );
  }
  const z = normalQuantile((1 + l) / 2);
  return { meanlog: Math.log(e), sdlog: Math.log(hi / lo) / (2 * z) };
}

/**
 * Dirichlet concentrations from mean shares m_i and the SD s of the first share (dampack's
 * `dirichlet_params`, which uses only the first SD): α_i = m_i·(m₁(1 − m₁)/s² − 1), the same as
 * α_i = (m₁ − E[p₁²])·m_i/(E[p₁²] − m₁²) with E[p₁²] = s² + m₁². The shares must each be in
 * (0, 1) and sum to 1 (within 1e-9, for decimal rounding). `names` only label the messages.
 *
 * @example
 * ```ts
 * dirichletParams([0.2, 0.3, 0.5], 0.05); // [12.6, 18.9, 31.5]
 * ```
 */
export function dirichletParams(
  means: readonly number[],
  sdOfFirst: number,
  names?: readonly string[],
): number[] {
  const label = (i: number) => (names?.[i] !== undefined ? `"${names[i]}"` : `${i + 1}`);
  if (!Array.isArray(means) || means.length < 2) {
    fail(
      "dirichlet",
      `needs at least two components, got ${Array.isArray(means) ? means.length : 0}`,
    );
  }
  const m = means.map((v, i) => finite("dirichlet", `mean of ${label(i)}`, v));
  m.forEach((v, i) => {
    if (!(v > 0 && v < 1)) {
      fail("dirichlet", `mean of ${label(i)} must be between 0 and 1 (exclusive), got ${v}`);
    }
  });
  let total = 0;
  for (const v of m) total += v;
  if (!(Math.abs(total - 1) <= 1e-9)) {
    fail("dirichlet", `mean shares must sum to 1, got ${formatNumber(total)}`);
  }
  const s = positive("dirichlet", "sd", sdOfFirst);
  const m1 = m[0] as number;
  const limit = m1 * (1 - m1);
  if (!(s * s < limit)) {
    fail(
      "dirichlet",
      `sd ${s} is impossible for the first share ${label(0)} with mean ${m1} (sd² must be below mean·(1 − mean) = ${formatNumber(limit)})`,
    );
  }
  const k = limit / (s * s) - 1;
  return m.map((v) => v * k);
}
