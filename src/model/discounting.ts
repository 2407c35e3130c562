/**
 * Discounting over a horizon of whole years, the first year undiscounted (HM Treasury Green
 * Book convention: year t = 0 … H − 1 is weighted by D_t = (1 + r)^−t).
 *
 * @module
 */

import { power } from "../core/power.js";

/**
 * Discount factor of year `t` (0 = the first year): (1 + rate)^−t.
 *
 * @example
 * ```ts
 * discountFactor(0.035, 1); // 0.966183…
 * ```
 */
export function discountFactor(rate: number, t: number): number {
  if (!(rate > -1 && Number.isFinite(rate))) {
    throw new RangeError(`discountFactor: rate must be a finite number above −1, got ${rate}`);
  }
  return power(1 + rate, -t);
}

/**
 * Sum of the discount factors of years 0 … years − 1: what a constant yearly amount over the
 * horizon is worth today, per unit. Equals `years` at rate 0.
 *
 * @example
 * ```ts
 * annuityFactor(0.035, 2); // 1 + 1/1.035 = 1.966183…
 * annuityFactor(0.035, 3); // 2.899694…
 * ```
 */
export function annuityFactor(rate: number, years: number): number {
  if (!(Number.isInteger(years) && years >= 1)) {
    throw new RangeError(`annuityFactor: years must be a whole number of at least 1, got ${years}`);
  }
  let total = 0;
  for (let t = 0; t < years; t++) total += discountFactor(rate, t);
  return total;
}
