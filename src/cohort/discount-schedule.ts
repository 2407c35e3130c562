/**
 * Discount rates for cohort models: a constant annual rate, or a stepped schedule such as HM
 * Treasury's Green Book declining rates. The factor of a reward earned at time y years is
 * D(y) = Π_b (1 + r_b)^−(years of [0, y] inside band b): a constant rate gives (1 + r)^−y.
 *
 * @module
 */

import { DISCOUNT_RANGE } from "../core/discount-range.js";
import { power } from "../core/power.js";

/** One band of a stepped schedule: `rate` applies up to `until` years (from the previous band's end). */
export interface DiscountBand {
  /** End of the band in years from the start; `Infinity` for the last band. */
  readonly until: number;
  /** Annual rate inside the band, e.g. 0.035. */
  readonly rate: number;
}

/**
 * A discount rate: a constant annual rate, the name of a Green Book schedule, or a stepped
 * schedule of bands.
 */
export type DiscountRate = number | "green-book" | "green-book-health" | readonly DiscountBand[];

/**
 * HM Treasury Green Book (2022, Table 8; unchanged in the 2026 edition) standard declining
 * discount rates: 3.5% for years 0–30, 3.0% to 75, 2.5% to 125, 2.0% to 200, 1.5% to 300, 1.0%
 * after.
 *
 * @example
 * ```ts
 * discountFactorAt(GREEN_BOOK, 31); // 1.035^−30 × 1.03^−1
 * ```
 */
export const GREEN_BOOK: readonly DiscountBand[] = Object.freeze([
  { until: 30, rate: 0.035 },
  { until: 75, rate: 0.03 },
  { until: 125, rate: 0.025 },
  { until: 200, rate: 0.02 },
  { until: 300, rate: 0.015 },
  { until: Number.POSITIVE_INFINITY, rate: 0.01 },
]);

/**
 * The Green Book's reduced schedule for health and life values (the standard rate without its
 * wealth effect): 1.5% for years 0–30, 1.29% to 75, 1.07% to 125, 0.86% to 200, 0.64% to 300,
 * 0.43% after.
 *
 * @example
 * ```ts
 * discountFactorAt(GREEN_BOOK_HEALTH, 10); // 1.015^−10
 * ```
 */
export const GREEN_BOOK_HEALTH: readonly DiscountBand[] = Object.freeze([
  { until: 30, rate: 0.015 },
  { until: 75, rate: 0.0129 },
  { until: 125, rate: 0.0107 },
  { until: 200, rate: 0.0086 },
  { until: 300, rate: 0.0064 },
  { until: Number.POSITIVE_INFINITY, rate: 0.0043 },
]);

/**
 * The bands of a rate (one band for a constant), checked: rates within {@link DISCOUNT_RANGE}
 * (0 to 20%), bands increasing, the last one running to infinity.
 *
 * @example
 * ```ts
 * discountBands(0.035);        // [{ until: Infinity, rate: 0.035 }]
 * discountBands("green-book"); // GREEN_BOOK
 * ```
 */
export function discountBands(rate: DiscountRate): readonly DiscountBand[] {
  if (rate === "green-book") return GREEN_BOOK;
  if (rate === "green-book-health") return GREEN_BOOK_HEALTH;
  const bands = typeof rate === "number" ? [{ until: Number.POSITIVE_INFINITY, rate }] : rate;
  if (!Array.isArray(bands) || bands.length === 0) {
    throw new RangeError(
      `discountBands: a rate is a number, "green-book", "green-book-health" or a list of bands, got ${String(rate)}`,
    );
  }
  let previous = 0;
  bands.forEach((b: DiscountBand, k: number) => {
    if (
      typeof b.rate !== "number" ||
      !(b.rate >= DISCOUNT_RANGE[0] && b.rate <= DISCOUNT_RANGE[1])
    ) {
      throw new RangeError(
        `discountBands: band ${k + 1} rate must be a rate from ${DISCOUNT_RANGE[0]} to ${DISCOUNT_RANGE[1]}, got ${b.rate}`,
      );
    }
    if (!(b.until > previous)) {
      throw new RangeError(
        `discountBands: band ${k + 1} must end after ${previous} years, got ${b.until}`,
      );
    }
    previous = b.until;
  });
  if (previous !== Number.POSITIVE_INFINITY) {
    throw new RangeError("discountBands: the last band must run to Infinity");
  }
  return bands;
}

/**
 * The discount factor of a reward earned `years` from the start.
 *
 * @example
 * ```ts
 * discountFactorAt(0.06, 2);            // 1.06^−2 = 0.889996…
 * discountFactorAt("green-book", 40);   // 1.035^−30 × 1.03^−10
 * ```
 */
export function discountFactorAt(rate: DiscountRate, years: number): number {
  const bands = discountBands(rate);
  let factor = 1;
  let from = 0;
  for (const band of bands) {
    if (years <= from) break;
    const span = Math.min(years, band.until) - from;
    factor *= power(1 + band.rate, -span);
    from = band.until;
  }
  return factor;
}

/**
 * Discount factors d_t of the state vectors m_0 … m_n: d_t = D(t × cycle length).
 *
 * @example
 * ```ts
 * cycleDiscountFactors(0.03, 2, 1); // [1, 1.03^−1, 1.03^−2]
 * ```
 */
export function cycleDiscountFactors(
  rate: DiscountRate,
  cycles: number,
  cycleLength: number,
): Float64Array {
  discountBands(rate);
  const d = new Float64Array(cycles + 1);
  for (let t = 0; t <= cycles; t++) d[t] = discountFactorAt(rate, t * cycleLength);
  return d;
}
