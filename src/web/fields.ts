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
  /** The form's group it sits in (see {@link SWIS_GROUPS}). */
  readonly group: string;
  /** A choice among these (value, words) instead of a number. */
  readonly options?: readonly (readonly [string, string])[];
  /** A proportion (between 0 and 1), for the message when a percentage is typed. */
  readonly proportion?: boolean;
}

/**
 * The groups of the commissioners' form, in order, as the README's commissioner guide groups
 * the numbers a local authority owns.
 *
 * @example
 * ```ts
 * SWIS_GROUPS[0]; // "Schools and pupils"
 * ```
 */
export const SWIS_GROUPS = [
  "Schools and pupils",
  "Staffing and on-costs",
  "Grant, set-up and management",
  "Local rates",
  "Local unit costs",
  "Horizon and willingness to pay",
] as const;

/** The group of a model's inputs on a form built from a model file. */
export const MODEL_GROUP = "The model's inputs";
/** The group of the willingness to pay on a form built from a model file. */
export const WTP_GROUP = "Willingness to pay";

/** SWIS inputs on the form by group, with the words the form uses for them (label, unit). */
const INPUTS: readonly [group: number, name: string, label: string, unit: string][] = [
  [0, "pupils_per_school", "Pupils per school (average roll)", "pupils"],
  [1, "sw_fte_per_school", "Social workers per school", "full-time equivalents (FTE)"],
  [1, "sw_salary", "Social-worker salary", "£ per FTE per year"],
  [1, "oncost_rate", "Employer on-costs (National Insurance and pension)", "proportion of salary"],
  [1, "overhead_rate", "Overheads (management, admin, office)", "proportion of pay and on-costs"],
  [1, "travel_capital_per_fte", "Travel, training and equipment", "£ per FTE per year"],
  [1, "supervision_ratio", "Senior-practitioner supervision", "senior FTE per social worker"],
  [2, "grant_total", "External grant for the whole programme", "£"],
  [2, "setup_cost_per_school", "Set-up and recruitment (first year only)", "£ per school"],
  [2, "mgmt_cost_per_school_year", "Programme management", "£ per school per year"],
  [3, "rate_referral", "Referrals to children's social care", "per 1,000 pupils per year"],
  [3, "rate_s17", "Section 17 assessments", "per 1,000 pupils per year"],
  [3, "rate_s47", "Section 47 enquiries", "per 1,000 pupils per year"],
  [3, "cla_per1000", "Children looked after (31 March)", "per 1,000 pupils"],
  [4, "c_referral", "A referral", "£ per referral"],
  [4, "c_s17_assessment", "A Section 17 assessment", "£ per assessment"],
  [4, "c_s47", "A Section 47 enquiry", "£ per enquiry"],
  [4, "c_day_inhouse_foster", "A day in in-house foster care", "£ per day"],
  [4, "c_day_ifa", "A day with an independent fostering agency (IFA)", "£ per day"],
  [4, "c_day_residential", "A day in residential care", "£ per day"],
];

/** Whether a unit is a proportion or probability (a value between 0 and 1). */
const isProportion = (unit: string) => /proportion|probability/.test(unit);

/**
 * The commissioners' form for SWIS: the settings and inputs a local authority owns, grouped as
 * the README's commissioner guide groups them ({@link SWIS_GROUPS}), in plain words.
 *
 * @example
 * ```ts
 * formFields(swis).map((f) => f.id); // ["schools", "pupils_per_school", "sw_fte_per_school", …]
 * ```
 */
export function formFields(factory: ModelFactory): Field[] {
  const g = (i: number) => SWIS_GROUPS[i] as string;
  const settings: Field[] = [
    {
      id: "schools",
      label: "Number of schools",
      unit: "schools",
      path: ["settings", "schools"],
      integer: true,
      group: g(0),
    },
    {
      id: "perspective",
      label: "Whose costs count",
      unit: "perspective",
      path: ["perspective"],
      group: g(2),
      options: [
        ["public_sector", "The public sector: the whole programme cost, grant included"],
        ["local_authority", "Your authority: the programme cost net of the grant"],
      ],
    },
    {
      id: "costing",
      label: "Programme cost counted as",
      unit: "costing",
      path: ["settings", "costing"],
      group: g(2),
      options: [
        ["resource", "Staff, running, set-up and management costs"],
        ["grant", "The grant while it lasts, then staff and running costs"],
      ],
    },
    {
      id: "grant_years",
      label: "Years the grant covers",
      unit: "years",
      path: ["settings", "grant_years"],
      integer: true,
      group: g(2),
    },
    {
      id: "horizon_years",
      label: "Years evaluated",
      unit: "years",
      path: ["horizon_years"],
      integer: true,
      group: g(5),
    },
    {
      id: "wtp",
      label: "Willingness to pay",
      unit: "£ per Section 47 enquiry avoided",
      path: ["report_wtp"],
      group: g(5),
    },
  ];
  const inputs = INPUTS.flatMap(([group, name, label, unit]): Field[] => {
    const row = factory.inputs[name];
    if (row === undefined) return [];
    const proportion = isProportion(row.unit ?? "");
    return [
      {
        id: name,
        label,
        unit: proportion
          ? `${unit}, e.g. ${pointOf(row) ?? 0.25} for ${Number(((pointOf(row) ?? 0.25) * 100).toPrecision(4))}%`
          : unit,
        path: [row.table, name],
        row,
        group: g(group),
        ...(proportion ? { proportion } : {}),
      },
    ];
  });
  const order = (f: Field) => SWIS_GROUPS.indexOf(f.group as (typeof SWIS_GROUPS)[number]);
  // Stable: within a group, settings first (schools, then the perspective, …), then inputs.
  return [...settings, ...inputs].sort((a, b) => order(a) - order(b));
}

/** The point value a row shows in the form: a fixed value, or the distribution's mean. */
export function shownValue(spec: Record<string, unknown>): number | undefined {
  if (typeof spec.value === "number") return spec.value;
  if (typeof spec.mean === "number") return spec.mean;
  if (typeof spec.estimate === "number") return spec.estimate;
  return undefined;
}

/**
 * The provenance of a value typed into the form: the user's own audited figure (tag `local`,
 * listed under "your figures") when they mark it so, else an assumption.
 *
 * @example
 * ```ts
 * typedProvenance(true); // { source: "your own figure, entered on the web page", tag: "local" }
 * ```
 */
export function typedProvenance(mine: boolean): { source: string; tag: string } {
  return mine
    ? { source: "your own figure, entered on the web page", tag: "local" }
    : { source: "entered on the web page", tag: "assumption" };
}

/**
 * The override for a value typed into the form: a fixed input stays fixed; a gamma or normal
 * with mean and sd keeps its coefficient of variation; a beta keeps its sd (the schema checks
 * that the pair is possible). Provenance says the value was typed (see {@link typedProvenance}).
 *
 * @example
 * ```ts
 * overrideFor({ type: "gamma", mean: 37000, sd: 3000 }, 41000); // { type: "gamma", mean: 41000, sd: 3324.3… }
 * ```
 */
export function overrideFor(
  current: Record<string, unknown>,
  value: number,
  mine = false,
): Record<string, unknown> {
  const local = typedProvenance(mine);
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
    ...Object.entries(factory.inputs).map(([name, row]) => ({
      id: `p-${name}`,
      label: row.label ?? name,
      unit: row.unit ?? "",
      path: [row.table, name],
      row,
      group: MODEL_GROUP,
      ...(isProportion(row.unit ?? "") ? { proportion: true } : {}),
    })),
    {
      id: "wtp",
      label: "Willingness to pay",
      unit: `£ per ${per}`,
      path: ["report_wtp"],
      group: WTP_GROUP,
    },
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
export function modelOverride(
  current: unknown,
  value: number,
  mine = false,
): Record<string, unknown> {
  const c: Record<string, unknown> =
    current !== null && typeof current === "object"
      ? (current as Record<string, unknown>)
      : { value: current };
  const described = Object.fromEntries(DESCRIPTION.flatMap((k) => (k in c ? [[k, c[k]]] : [])));
  const local = typedProvenance(mine);
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
