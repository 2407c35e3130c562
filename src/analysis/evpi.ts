/**
 * Population EVPI: per-decision EVPI scaled to everyone the decision affects over its lifetime.
 *
 * @module
 */

import { power } from "../core/power.js";
import { DISCOUNT_RANGE, MAX_POPULATION, MAX_YEARS } from "./limits.js";

/** Who a decision affects: a yearly population over a number of years, discounted. */
export interface PopulationOptions {
  /** Units affected per year (e.g. pupils, patients or schools, in the effect's unit), 0 to {@link MAX_POPULATION}. */
  readonly annualPopulation: number;
  /** Years the decision applies for: a whole number from 1 to {@link MAX_YEARS}. */
  readonly years: number;
  /** Annual discount rate within {@link DISCOUNT_RANGE} (0 to 20%), e.g. 0.035; default 0. */
  readonly discountRate?: number;
}

/**
 * The discounted number of people affected: `annualPopulation × Σ_{t=0}^{years−1} (1 + r)^−t`.
 * Year 0 is undiscounted, as in ceakit's model discounting (costs of year t are divided by
 * (1 + r)^t). The inputs are held to the limits `ceakit analyse` holds its flags to (README,
 * "Limits"), so the result is always a finite number.
 *
 * @example
 * ```ts
 * effectivePopulation({ annualPopulation: 1000, years: 2, discountRate: 0.035 }); // 1966.18...
 * ```
 */
export function effectivePopulation(options: PopulationOptions): number {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("effectivePopulation: options { annualPopulation, years } are required");
  }
  const { annualPopulation, years } = options;
  const r: unknown = options.discountRate === undefined ? 0 : options.discountRate;
  if (
    typeof annualPopulation !== "number" ||
    !(annualPopulation >= 0 && annualPopulation <= MAX_POPULATION)
  ) {
    throw new RangeError(
      `effectivePopulation: annualPopulation must be a number from 0 to ${MAX_POPULATION.toExponential()}, got ${String(annualPopulation)}`,
    );
  }
  if (!Number.isInteger(years) || years < 1 || years > MAX_YEARS) {
    throw new RangeError(
      `effectivePopulation: years must be a whole number from 1 to ${MAX_YEARS}, got ${String(years)}`,
    );
  }
  if (typeof r !== "number" || !(r >= DISCOUNT_RANGE[0] && r <= DISCOUNT_RANGE[1])) {
    throw new RangeError(
      `effectivePopulation: discountRate must be a rate from ${DISCOUNT_RANGE[0]} to ${DISCOUNT_RANGE[1]}, got ${String(r)}`,
    );
  }
  let factor = 0;
  for (let t = 0; t < years; t++) factor += power(1 + r, -t);
  return annualPopulation * factor;
}

/**
 * Population EVPI at each WTP: per-decision EVPI × {@link effectivePopulation}.
 *
 * @example
 * ```ts
 * populationEvpi(curves.evpi, { annualPopulation: 278000, years: 10, discountRate: 0.035 });
 * ```
 */
export function populationEvpi(evpi: ArrayLike<number>, options: PopulationOptions): Float64Array {
  const scale = effectivePopulation(options);
  const out = new Float64Array(evpi.length);
  for (let k = 0; k < evpi.length; k++) out[k] = (evpi[k] as number) * scale;
  return out;
}
