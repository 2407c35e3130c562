/**
 * The inputs the page lets a commissioner change, and how a value typed into the form becomes
 * a scenario override (keeping the default's distribution shape and relative uncertainty).
 *
 * @module
 */

import { createDistribution } from "../distributions/create.js";
import type { DistributionSpec } from "../distributions/spec.js";
import type { ParameterSpec } from "../model/define-model.js";
import type { InputRow, ModelFactory } from "../model/model-factory.js";
import { pointValue } from "../model/point-value.js";
import { PROVENANCE_KEYS, splitProvenance } from "../model/provenance.js";

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

/**
 * The form's fields for a model that is not SWIS (a model file, or a scenario running one): the
 * willingness to pay the answer is given at, then every input of the model in its file's order,
 * with its label, unit, source and evidence tag. Element ids are `p-<name>`, so no input name
 * can clash with the page's own elements.
 *
 * @example
 * ```ts
 * modelFields(hivFactory).map((f) => f.id); // ["wtp", "p-rr", "p-c_dmed_A", …]
 * ```
 */
export function modelFields(factory: ModelFactory): Field[] {
  const per = Object.values(factory.effects)[0]?.per ?? "unit of effect";
  return [
    { id: "wtp", label: "Willingness to pay", unit: `£ per ${per}`, path: ["report_wtp"] },
    ...Object.entries(factory.inputs).map(([name, row]) => ({
      id: `p-${name}`,
      label: row.label ?? name,
      unit: row.unit ?? "",
      path: [row.table, name],
      row,
    })),
  ];
}

/**
 * The base-case value of an input as written in a file: a fixed value, else its distribution's
 * point value (`base:`, a lognormal's median, or the mean), as the base case uses it; undefined
 * when the input is not a valid univariate input (validation then says why).
 *
 * @example
 * ```ts
 * pointOf({ type: "beta", alpha: 30, beta: 170 }); // 0.15
 * pointOf({ type: "gamma", shape: 100, scale: 20, base: 1900 }); // 1900
 * ```
 */
export function pointOf(spec: unknown): number | undefined {
  if (typeof spec === "number") return spec;
  if (spec === null || typeof spec !== "object") return undefined;
  const s = spec as Record<string, unknown>;
  if (typeof s.value === "number" && (s.type === undefined || s.type === "fixed")) return s.value;
  try {
    return pointValue(
      s as unknown as ParameterSpec,
      createDistribution(s as unknown as DistributionSpec),
    );
  } catch {
    return undefined;
  }
}

/** The keys of a model file's input that say what it is, kept when its value changes. */
const DESCRIPTION = PROVENANCE_KEYS.filter((k) => k !== "source" && k !== "tag");

/**
 * The input for a value typed into a model's field, keeping the distribution's shape: its
 * point value becomes `value` and its uncertainty moves with it (a gamma or lognormal keeps its
 * coefficient of variation or interval ratio, a beta given by alpha and beta keeps alpha + beta,
 * mean and sd as {@link overrideFor}); a stated `base:` becomes `value`. A value the shape
 * cannot be moved to (not positive for a gamma or lognormal, not strictly between 0 and 1 for a
 * beta), and any other shape (uniform, triangular, …), keeps the distribution with `value` as
 * its `base:`, which the loader checks with its own located message. Label, unit and price year stay; provenance says the value is local.
 *
 * @example
 * ```ts
 * modelOverride({ type: "lognormal", estimate: 0.5, lower: 0.4, upper: 0.6, label: "RR" }, 0.6);
 * // { type: "lognormal", estimate: 0.6, lower: 0.48, upper: 0.72, label: "RR", source: …, tag: "assumption" }
 * ```
 */
export function modelOverride(current: unknown, value: number): Record<string, unknown> {
  const c: Record<string, unknown> =
    current !== null && typeof current === "object"
      ? (current as Record<string, unknown>)
      : { value: current };
  const described = Object.fromEntries(DESCRIPTION.flatMap((k) => (k in c ? [[k, c[k]]] : [])));
  const local = { source: "entered on the web page", tag: "assumption" };
  const point = pointOf(c);
  const k = point === undefined || point === 0 ? Number.NaN : value / point;
  const num = (key: string) => (typeof c[key] === "number" ? (c[key] as number) : Number.NaN);
  const type = c.type;
  let shape: Record<string, unknown> | undefined;
  if (type === undefined || type === "fixed" || point === undefined) shape = { value };
  else if (typeof c.mean === "number" && typeof c.sd === "number" && type !== "lognormal") {
    const { type: t, mean, sd } = overrideFor(c, value);
    shape = { type: t, mean, sd };
  } else if (type === "beta" && "alpha" in c && value > 0 && value < 1) {
    const n = num("alpha") + num("beta");
    shape = { type, alpha: value * n, beta: (1 - value) * n };
  } else if (type === "gamma" && "shape" in c && k > 0) {
    shape = { type, shape: c.shape, scale: num("scale") * k };
  } else if (type === "lognormal" && "estimate" in c && k > 0) {
    shape = { type, estimate: value, lower: num("lower") * k, upper: num("upper") * k };
  } else if (type === "lognormal" && "meanlog" in c && k > 0) {
    shape = { type, meanlog: num("meanlog") + Math.log(k), sdlog: c.sdlog };
  } else if (type === "lognormal" && "mean" in c && k > 0) {
    shape = { type, mean: value, sd: num("sd") * k };
  }
  if (shape === undefined) {
    // A shape that cannot move there: keep it, and let the loader judge the value as its base.
    return { ...splitProvenance(c).rest, ...described, base: value, ...local };
  }
  if (shape.type !== undefined && typeof c.base === "number") shape.base = value;
  return { ...shape, ...described, ...local };
}
