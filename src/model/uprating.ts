/**
 * Uprating costs between price years with a price index: cost × I(target) / I(source).
 *
 * Price years are written as financial years, "2023/24". An index is either financial-year
 * (NHS Cost Inflation Index) or calendar-year (GDP deflator); a calendar-year index reads
 * financial year "2023/24" as calendar year 2023, the year it starts in (an approximation that
 * reports state).
 *
 * @module
 */

import { InputError } from "../errors.js";

/** A price index series with its provenance. */
export interface PriceIndex {
  /** Short name, e.g. "nhscii". */
  readonly name: string;
  /** Human-readable name. */
  readonly label: string;
  /** Where the series comes from. */
  readonly source: string;
  /** Whether the keys are financial years ("2023/24") or calendar years ("2023"). */
  readonly basis: "financial" | "calendar";
  /** Index value per year. */
  readonly values: Readonly<Record<string, number>>;
}

const FINANCIAL_YEAR = /^(\d{4})\/(\d{2})$/;

/**
 * Checks that a price year is written as a financial year, e.g. "2023/24", and returns it.
 *
 * @example
 * ```ts
 * parsePriceYear("2023/24"); // "2023/24"
 * parsePriceYear("2023-24"); // throws InputError
 * ```
 */
export function parsePriceYear(year: string, field = "price_year"): string {
  const m = FINANCIAL_YEAR.exec(year);
  const start = m === null ? Number.NaN : Number(m[1]);
  if (m === null || (start + 1) % 100 !== Number(m[2])) {
    throw new InputError({
      field,
      message: `expected a financial year such as "2023/24", got "${year}"`,
    });
  }
  return year;
}

/** The index value for a financial year, or an error naming the years the index has. */
function indexValue(index: PriceIndex, year: string, field: string): number {
  parsePriceYear(year, field);
  const key = index.basis === "financial" ? year : year.slice(0, 4);
  const value = index.values[key];
  if (value === undefined) {
    const years = Object.keys(index.values);
    throw new InputError({
      field,
      message: `${index.label} has no value for ${year}; it covers ${years[0]} to ${years.at(-1)}`,
    });
  }
  return value;
}

/**
 * The factor that takes a cost from price year `from` to price year `to`.
 *
 * @example
 * ```ts
 * upratingFactor(nhscii, "2016/17", "2023/24"); // 124.50 / 102.50 = 1.2146…
 * ```
 */
export function upratingFactor(
  index: PriceIndex,
  from: string,
  to: string,
  field = "price_year",
): number {
  return indexValue(index, to, "price_year") / indexValue(index, from, field);
}
