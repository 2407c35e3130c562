/**
 * Population EVPI: per-decision EVPI scaled to everyone the decision affects over its lifetime.
 *
 * @module
 */

import { power } from "../core/power.js";

/** Who a decision affects: a yearly population over a number of years, discounted. */
export interface PopulationOptions {
  /** Units affected per year (e.g. pupils, patients or schools, in the effect's unit). */
  readonly annualPopulation: number;
  /** Years the decision applies for (a positive integer). */
  readonly years: number;
  /** Annual discount rate, e.g. 0.035; default 0. */
  readonly discountRate?: number;
}

/**
 * The discounted number of people affected: `annualPopulation × Σ_{t=0}^{years−1} (1 + r)^−t`.
 * Year 0 is undiscounted, as in ceakit's model discounting (costs of year t are divided by
 * (1 + r)^t).
 *
 * @example
 * ```ts
 * effectivePopulation({ annualPopulation: 1000, years: 2, discountRate: 0.035 }); // 1966.18...
 * ```
 */
export function effectivePopulation(options: PopulationOptions): number {
  const { annualPopulation, years } = options;
  const r = options.discountRate ?? 0;
  if (!(annualPopulation >= 0) || !Number.isFinite(annualPopulation)) {
    throw new RangeError("effectivePopulation: annualPopulation must be a finite number >= 0");
  }
  if (!Number.isInteger(years) || years < 1) {
    throw new RangeError("effectivePopulation: years must be a positive integer");
  }
  if (!(r > -1) || !Number.isFinite(r)) {
    throw new RangeError("effectivePopulation: discountRate must be a finite number above -1");
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
