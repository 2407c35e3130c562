/**
 * The inputs the page lets a commissioner change, and how a value typed into the form becomes
 * a scenario override (keeping the default's distribution shape and relative uncertainty).
 *
 * @module
 */

import type { InputRow, ModelFactory } from "../model/model-factory.js";

/** One form field. */
export interface Field {
  /** Element id and key. */
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  /** Where the scenario keeps the value, e.g. ["parameters", "sw_salary"]. */
  readonly path: readonly string[];
  /** The input row behind it, when it is a model input. */
  readonly row?: InputRow;
  readonly integer?: boolean;
}

/** Model inputs shown on the form, in order. */
const INPUTS: readonly [string, string][] = [
  ["pupils_per_school", "parameters"],
  ["sw_fte_per_school", "parameters"],
  ["sw_salary", "parameters"],
  ["oncost_rate", "parameters"],
  ["overhead_rate", "parameters"],
  ["travel_capital_per_fte", "parameters"],
  ["rate_s47", "parameters"],
  ["rate_s17", "parameters"],
  ["cla_per1000", "parameters"],
  ["c_s47", "unit_costs"],
  ["c_s17_assessment", "unit_costs"],
  ["c_day_residential", "unit_costs"],
  ["c_day_ifa", "unit_costs"],
];

/**
 * The form's fields for a model factory.
 *
 * @example
 * ```ts
 * formFields(swis).map((f) => f.id); // ["schools", "horizon_years", "wtp", "pupils_per_school", …]
 * ```
 */
export function formFields(factory: ModelFactory): Field[] {
  const fields: Field[] = [
    {
      id: "schools",
      label: "Number of schools",
      unit: "schools",
      path: ["settings", "schools"],
      integer: true,
    },
    {
      id: "horizon_years",
      label: "Years evaluated",
      unit: "years",
      path: ["horizon_years"],
      integer: true,
    },
    {
      id: "wtp",
      label: "Willingness to pay",
      unit: "£ per Section 47 enquiry avoided",
      path: ["report_wtp"],
    },
  ];
  for (const [name] of INPUTS) {
    const row = factory.inputs[name];
    if (row === undefined) continue;
    fields.push({
      id: name,
      label: row.label ?? name,
      unit: row.unit ?? "",
      path: [row.table, name],
      row,
    });
  }
  return fields;
}

/** The point value a row shows in the form: a fixed value, or the distribution's mean. */
export function shownValue(spec: Record<string, unknown>): number | undefined {
  if (typeof spec.value === "number") return spec.value;
  if (typeof spec.mean === "number") return spec.mean;
  if (typeof spec.estimate === "number") return spec.estimate;
  return undefined;
}

/**
 * The override for a value typed into the form: a fixed input stays fixed; a gamma or normal
 * with mean and sd keeps its coefficient of variation; a beta keeps its sd (the schema checks
 * that the pair is possible). Provenance says the value is local.
 *
 * @example
 * ```ts
 * overrideFor({ type: "gamma", mean: 37000, sd: 3000 }, 41000); // { type: "gamma", mean: 41000, sd: 3324.3… }
 * ```
 */
export function overrideFor(
  current: Record<string, unknown>,
  value: number,
): Record<string, unknown> {
  const local = { source: "entered on the web page", tag: "assumption" };
  if (
    typeof current.mean === "number" &&
    typeof current.sd === "number" &&
    current.type !== undefined
  ) {
    const sd =
      current.type === "beta"
        ? current.sd
        : (current.sd * value) / (current.mean === 0 ? 1 : current.mean);
    return { type: current.type, mean: value, sd, ...local };
  }
  return {
    value,
    ...(typeof current.price_year === "string" ? { price_year: current.price_year } : {}),
    ...local,
  };
}
