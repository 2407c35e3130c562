/**
 * The SWIS models' input tables (parameters.json, unit-costs.json) as model input rows, and the
 * perspectives both SWIS models offer: one reader for the trial replication and the care-pathway
 * model.
 *
 * @module
 */

import type { InputRow, ParameterSpec, PriceIndex } from "ceakit";
import priceIndexTable from "./price-indices.json" with { type: "json" };

/**
 * The values an input can take: probabilities and proportions lie in [0, 1]; a school has at
 * least one pupil; every other input (costs, rates, durations, FTE, ratios) is at least 0.
 */
function boundsOf(name: string, unit: string): readonly [number, number] {
  if (/probability|proportion/.test(unit)) return [0, 1];
  if (name === "pupils_per_school") return [1, Number.POSITIVE_INFINITY];
  return [0, Number.POSITIVE_INFINITY];
}

/** JSON rows use `price_year`; the library's ParameterSpec uses `priceYear`. */
function rows(table: string, json: Record<string, Record<string, unknown>>) {
  const out: Record<string, InputRow> = {};
  for (const [name, row] of Object.entries(json)) {
    const { price_year, ...rest } = row;
    out[name] = {
      ...(rest as unknown as ParameterSpec),
      ...(price_year === undefined ? {} : { priceYear: price_year as string }),
      table,
      bounds: boundsOf(name, String(row.unit ?? "")),
    } as InputRow;
  }
  return out;
}

/**
 * A SWIS model's inputs from its two tables: `parameters` and `unit_costs` rows with their
 * bounds and price years.
 *
 * @example
 * ```ts
 * const INPUTS = inputRows(parameterTable, unitCostTable);
 * INPUTS.sw_salary.table; // "parameters"
 * ```
 */
export function inputRows(
  parameters: Record<string, Record<string, unknown>>,
  unitCosts: Record<string, Record<string, unknown>>,
): Record<string, InputRow> {
  return { ...rows("parameters", parameters), ...rows("unit_costs", unitCosts) };
}

/**
 * The perspectives of both SWIS models; the first is the default.
 *
 * @example
 * ```ts
 * Object.keys(SWIS_PERSPECTIVES); // ["public_sector", "local_authority"]
 * ```
 */
export const SWIS_PERSPECTIVES = {
  public_sector:
    "Public sector: local-authority children's social care plus external (DfE) grant; the grant is counted once",
  local_authority:
    "Local authority children's social care only: programme cost net of any external grant",
} as const;

/**
 * What both SWIS factories declare alike: the price indices and default price year, the default
 * horizon and discount rate, the perspectives, and the number of schools.
 *
 * @example
 * ```ts
 * defineModelFactory({ name: "swis", ...SWIS_SHARED, settings: { schools: SCHOOLS_SETTING } });
 * ```
 */
export const SWIS_SHARED = {
  priceIndices: priceIndexTable as unknown as Record<string, PriceIndex>,
  defaultPriceIndex: "nhscii",
  defaultPriceYear: "2023/24",
  defaultHorizonYears: 2,
  defaultDiscount: 0.035,
  perspectives: SWIS_PERSPECTIVES,
} as const;

/** The `schools` setting of both SWIS models. */
export const SCHOOLS_SETTING = {
  kind: "integer",
  label: "Number of schools in the programme",
  default: 1,
  min: 1,
} as const;

/** What both SWIS models' commissioner answers say beside them. */
export const SWIS_CAVEATS = [
  "A cost per Section 47 enquiry avoided has no accepted threshold: the reporting WTPs are illustrative, not a decision rule.",
  "Fewer enquiries is not unambiguously good: an enquiry avoided may be harm prevented, or a child at risk not protected.",
];

/** The break-even parameter of both SWIS models (each adds its own note). */
export const SWIS_BREAK_EVEN = {
  parameter: "irr_s47",
  label: "rate ratio of Section 47 enquiries (SWIS vs usual practice)",
  range: [0, 2] as [number, number],
  ratio: true,
};
