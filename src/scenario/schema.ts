/**
 * The scenario file format as a zod schema, built for one model factory so that parameter,
 * unit-cost, setting, perspective and effect names are checked (and completed by editors through
 * the JSON Schema that `ceakit schema` prints).
 *
 * @module
 */

import { z } from "zod";
import { MAX_STRATEGY_NAME, MAX_WTP, MAX_WTP_POINTS, MIN_SAMPLES } from "../analysis/limits.js";
import { DISCOUNT_RANGE } from "../core/discount-range.js";
import { MAX_NUMERIC_SEED, seedProblem } from "../core/seed.js";
import { MAX_HORIZON_YEARS, type ModelFactory, type SettingSpec } from "../model/model-factory.js";
import { EVIDENCE_TAGS } from "../model/provenance.js";

/** A numeric seed: the rule `--seed` follows too (src/core/seed.ts). */
export const numericSeed = z
  .number()
  .superRefine((value, ctx) => {
    const problem = seedProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({ type: "integer", minimum: 0, maximum: MAX_NUMERIC_SEED });

/** Numbers in scenarios: finite, and within ±10¹² (beyond that, sums of costs lose meaning). */
export const NUMBER_LIMIT = 1e12;
const LIMIT = NUMBER_LIMIT;
const finite = z.number().finite().min(-LIMIT).max(LIMIT);
/** A discount rate: a new schema at each use, so the JSON Schema inlines it rather than naming it. */
const discountRate = () => finite.min(DISCOUNT_RANGE[0]).max(DISCOUNT_RANGE[1]);

/**
 * A text a report shows (a title, a label): not blank, or the report would have holes.
 *
 * @example
 * ```ts
 * shownText().safeParse("  ").success; // false
 * ```
 */
export function shownText() {
  return z.string().regex(/\S/, "expected a text that is not blank");
}
const positive = finite.positive();
const nonNegative = finite.nonnegative();
const probability = finite.min(0).max(1);
/** A willingness to pay per unit of effect: 0 to 10⁹ (see README, "Limits"). */
const wtpValue = nonNegative.max(MAX_WTP);
/**
 * Most reporting WTPs: each is a row of the summary table and a pass over the samples for its
 * INMB interval.
 */
const MAX_REPORT_WTP = 100;

/** Provenance fields any input override may carry. */
const provenance = {
  label: shownText().optional().describe("What the input is"),
  unit: z.string().optional().describe("Unit, e.g. '£ per year'"),
  source: z.string().optional().describe("Where the value comes from"),
  tag: z
    .enum(EVIDENCE_TAGS)
    .optional()
    .describe("Evidence tag; without one, an override is reported as an assumption"),
  price_year: z
    .string()
    .regex(/^\d{4}\/\d{2}$/, 'expected a financial year such as "2023/24"')
    .optional()
    .describe("Price year of a money amount, e.g. '2023/24'"),
  base: finite.optional().describe("Base-case value, when not the distribution's mean"),
};

/** Every distribution the PSA engine knows, as one object per type (forms checked later). */
const distributions = [
  z.strictObject({ type: z.literal("fixed"), value: finite, ...provenance }),
  z.strictObject({ type: z.literal("normal"), mean: finite, sd: positive, ...provenance }),
  z.strictObject({
    type: z.literal("truncnormal"),
    mean: finite,
    sd: positive,
    lower: finite.optional(),
    upper: finite.optional(),
    ...provenance,
  }),
  z.strictObject({
    type: z.literal("lognormal"),
    meanlog: finite.optional(),
    sdlog: positive.optional(),
    mean: positive.optional(),
    sd: positive.optional(),
    estimate: positive.optional(),
    lower: positive.optional(),
    upper: positive.optional(),
    level: finite.gt(0).lt(1).optional(),
    ...provenance,
  }),
  z.strictObject({
    type: z.literal("beta"),
    alpha: positive.optional(),
    beta: positive.optional(),
    mean: finite.gt(0).lt(1).optional(),
    sd: positive.optional(),
    ...provenance,
  }),
  z.strictObject({
    type: z.literal("gamma"),
    shape: positive.optional(),
    scale: positive.optional(),
    rate: positive.optional(),
    mean: positive.optional(),
    sd: positive.optional(),
    ...provenance,
  }),
  z.strictObject({ type: z.literal("uniform"), min: finite, max: finite, ...provenance }),
  z.strictObject({
    type: z.literal("triangular"),
    min: finite,
    mode: finite,
    max: finite,
    ...provenance,
  }),
  z.strictObject({
    type: z.literal("pert"),
    min: finite,
    mode: finite,
    max: finite,
    lambda: positive.optional(),
    ...provenance,
  }),
  z.strictObject({
    type: z.literal("empirical"),
    values: z.array(finite).min(1),
    ...provenance,
  }),
] as const;

/** The distribution type names, for messages. */
export const DISTRIBUTION_TYPES = distributions.map((d) => d.shape.type.value);

/**
 * An input override: a bare number, `{ value }`, or a distribution, each with provenance. The
 * order of the branches matters to zod-issues.ts, which explains a failed union by its branch.
 */
export const inputOverride = z.union([
  finite.describe("A fixed value"),
  z.strictObject({ value: finite, ...provenance }).describe("A fixed value with its provenance"),
  z.discriminatedUnion("type", distributions).describe("A distribution for the PSA"),
]);

/** A Dirichlet override (placement mixes): `alpha` per component, or `mean` per component with `sd`. */
const dirichletOverride = z.strictObject({
  type: z.literal("dirichlet"),
  alpha: z.record(z.string(), positive).optional(),
  mean: z.record(z.string(), probability).optional(),
  sd: positive.optional(),
  ...provenance,
});

function settingSchema(spec: SettingSpec) {
  if (spec.kind === "choice") {
    return z.enum(spec.choices as [string, ...string[]]).describe(spec.label);
  }
  let n = spec.kind === "integer" ? finite.int() : finite;
  if (spec.min !== undefined) n = n.min(spec.min);
  if (spec.max !== undefined) n = n.max(spec.max);
  return n.describe(`${spec.label} (default ${spec.default})`);
}

/**
 * The sections of a scenario that override model inputs: every input belongs to one, by its
 * row's `table` (`unit_costs`, or else `parameters`).
 *
 * @example
 * ```ts
 * INPUT_TABLES; // ["parameters", "unit_costs"]
 * ```
 */
export const INPUT_TABLES = ["parameters", "unit_costs"] as const;

/**
 * The scenario section in which an input of the model is overridden.
 *
 * @example
 * ```ts
 * inputTableOf({ table: "unit_costs" }); // "unit_costs"
 * inputTableOf({ table: "parameters" }); // "parameters"
 * ```
 */
export function inputTableOf(row: { readonly table: string }): (typeof INPUT_TABLES)[number] {
  return row.table === "unit_costs" ? "unit_costs" : "parameters";
}

/** An object of optional overrides, one key per input of `table`. */
function inputsOf(factory: ModelFactory, table: (typeof INPUT_TABLES)[number]) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, row] of Object.entries(factory.inputs)) {
    if (inputTableOf(row) !== table) continue;
    const schema = row.type === "dirichlet" ? dirichletOverride : inputOverride;
    shape[name] = schema.optional().describe(`${row.label ?? name} [${row.unit ?? ""}]`);
  }
  return z.strictObject(shape);
}

/** All inputs (any table), for per-strategy overrides. */
function anyInput(factory: ModelFactory) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, row] of Object.entries(factory.inputs)) {
    if (row.type === "dirichlet") continue;
    shape[name] = inputOverride.optional().describe(row.label ?? name);
  }
  return z.strictObject(shape);
}

/**
 * The zod schema of a scenario file for `factory` (before `extends` is applied, every field is
 * optional except where noted; after merging, `model` and `title` are required). Built once per
 * factory: zod schemas are immutable, and building one costs more than most files take to check.
 *
 * @example
 * ```ts
 * const schema = scenarioSchema(swis);
 * schema.safeParse({ model: "swis", title: "Base case" }).success; // true
 * ```
 */
export function scenarioSchema(factory: ModelFactory): ScenarioSchema {
  let schema = schemas.get(factory);
  if (schema === undefined) {
    schema = buildScenarioSchema(factory);
    schemas.set(factory, schema);
  }
  return schema;
}

/** The zod schema of scenario files for one model. */
export type ScenarioSchema = ReturnType<typeof buildScenarioSchema>;

/** Each factory's schema, once built. */
const schemas = new WeakMap<ModelFactory, ScenarioSchema>();

/** Builds {@link scenarioSchema}'s schema for `factory`. */
function buildScenarioSchema(factory: ModelFactory) {
  const names = <T extends Record<string, unknown>>(o: T) =>
    Object.keys(o) as [string, ...string[]];
  const settings: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(factory.settings)) {
    settings[name] = settingSchema(spec).optional();
  }
  const strategyName = z
    .string()
    .max(MAX_STRATEGY_NAME, `a strategy name has at most ${MAX_STRATEGY_NAME} characters`)
    .regex(
      /^[A-Za-z][A-Za-z0-9_]*$/,
      "a strategy name is letters, digits and _, starting with a letter",
    );
  return z.strictObject({
    model: z.literal(factory.name).describe("The model this scenario configures"),
    title: shownText().describe("Title shown at the top of the report"),
    description: z.string().optional(),
    extends: z
      .string()
      .optional()
      .describe("A scenario file this one changes, relative to this file"),
    psa: z
      .strictObject({
        samples: finite
          .int()
          .min(MIN_SAMPLES)
          .max(100_000_000)
          .optional()
          .describe("Monte Carlo samples (2 to 100,000,000)"),
        seed: z
          .union([z.string().min(1), numericSeed])
          .optional()
          .describe("Random seed: a whole number from 0 to 2^53 − 1, or a word"),
      })
      .optional(),
    wtp: z
      .union([
        z.strictObject({ from: wtpValue, to: wtpValue.positive(), by: positive }),
        z.array(wtpValue).min(1).max(MAX_WTP_POINTS),
      ])
      .optional()
      .describe("Willingness-to-pay grid per unit of effect: {from, to, by} or a list"),
    report_wtp: z
      .array(wtpValue)
      .min(1)
      .max(MAX_REPORT_WTP)
      .optional()
      .describe("WTP values whose acceptability is reported in the summary"),
    effect: z
      .enum(names(factory.effects))
      .optional()
      .describe("Effect measure for ICERs and net benefit"),
    price_year: z
      .string()
      .regex(/^\d{4}\/\d{2}$/, 'expected a financial year such as "2023/24"')
      .optional()
      .describe("Price year of the report"),
    price_index: z.enum(names(factory.priceIndices)).optional().describe("Index for uprating"),
    perspective: z.enum(names(factory.perspectives)).optional(),
    horizon_years: finite
      .int()
      .min(1)
      .max(factory.maxHorizonYears ?? MAX_HORIZON_YEARS)
      .optional()
      .describe("Years of programme"),
    discount: z
      .union([discountRate(), z.strictObject({ costs: discountRate(), outcomes: discountRate() })])
      .optional()
      .describe("Discount rate per year (both), or {costs, outcomes}"),
    settings: z.strictObject(settings).optional(),
    strategies: z
      .record(
        strategyName,
        z.strictObject({
          label: shownText().optional(),
          intervention: z.boolean().optional(),
          inputs: anyInput(factory).optional(),
        }),
      )
      .optional()
      .describe("Strategies; the first is the comparator (usual practice)"),
    parameters: inputsOf(factory, "parameters").optional(),
    unit_costs: inputsOf(factory, "unit_costs").optional(),
    derived: z
      .record(
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a name is letters, digits and _"),
        z.union([
          z.string().min(1).describe("A formula over inputs and other derived values"),
          z
            .strictObject({
              expression: z
                .string()
                .min(1)
                .describe("A formula over inputs and other derived values"),
              label: provenance.label,
              unit: provenance.unit,
              source: provenance.source,
              tag: provenance.tag,
            })
            .describe("A formula with its provenance"),
        ]),
      )
      .optional()
      .describe(
        "Derived inputs: formulas such as 'fte * salary' (numbers, inputs, + - * / ^, comparisons, and/or/not, c ? a : b, abs exp log sqrt pow min max round floor ceil…); a derived name that is a model input replaces it and must stay in that input's range",
      ),
    dsa: z
      .strictObject({
        ranges: z
          .record(z.string(), z.tuple([finite, finite]))
          .optional()
          .describe("Low and high value per parameter for one-way sensitivity analysis"),
      })
      .optional()
      .describe("Deterministic sensitivity analysis (default ranges: 2.5% and 97.5% quantiles)"),
    correlations: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          parameters: z.array(z.string()).min(2),
          matrix: z.array(z.array(finite)),
          scale: z.enum(["spearman", "normal"]).optional(),
          source: z.string().optional().describe("Where the correlation comes from"),
          tag: z
            .enum(EVIDENCE_TAGS)
            .optional()
            .describe("Evidence tag; without one, a correlation is reported as an assumption"),
        }),
      )
      .optional()
      .describe(
        "Correlated inputs: a rank (spearman) or normal-scale correlation matrix per group; reported with its source and tag (an assumption unless tagged)",
      ),
  });
}

/** A scenario as validated (after `extends` is applied). */
export type ScenarioInput = z.infer<ScenarioSchema>;

/**
 * The JSON Schema of scenario files for `factory` (draft 2020-12), for editors.
 *
 * @example
 * ```ts
 * JSON.stringify(scenarioJsonSchema(swis), null, 2);
 * ```
 */
export function scenarioJsonSchema(factory: ModelFactory): Record<string, unknown> {
  const { required: _required, ...schema } = z.toJSONSchema(scenarioSchema(factory), {
    io: "input",
    reused: "ref",
  }) as Record<string, unknown>;
  return {
    ...schema,
    // A file that extends another inherits model and title from it.
    anyOf: [{ required: ["extends"] }, { required: ["model", "title"] }],
    $id: `https://ceakit.dev/schema/${factory.name}.scenario.json`,
    title: `ceakit scenario for the ${factory.title} model`,
  };
}
