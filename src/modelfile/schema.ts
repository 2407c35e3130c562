/**
 * The model file format `ceakit-model/1` as zod schemas: `kind: markov` (a cohort
 * state-transition model) and `kind: formula` (each strategy's cost, effect and outcomes as
 * expressions). Field names are those of issue 14 and the README ("Write your own model").
 * Expressions are numbers or text in the derived-expression language; their names are checked
 * later, when the file is compiled (compile-model-file.ts).
 *
 * @module
 */

import { z } from "zod";
import {
  MAX_STRATEGIES,
  MAX_STRATEGY_NAME,
  MAX_WTP,
  MAX_WTP_POINTS,
  MIN_SAMPLES,
  TOO_MANY_STRATEGIES,
} from "../analysis/limits.js";
import { DISCOUNT_AT, type DiscountAt } from "../cohort/reward-timing.js";
import { DISCOUNT_RANGE } from "../core/discount-range.js";
import { MAX_NUMERIC_SEED } from "../core/seed.js";
import { MAX_CURRENCY_LENGTH } from "../model/model-factory.js";
import { EVIDENCE_TAGS } from "../model/provenance.js";
import { inputOverride, NUMBER_LIMIT, numericSeed, shownText } from "../scenario/schema.js";

/** The value of `format:` that marks a model file. */
export const MODEL_FORMAT = "ceakit-model/1";

/** Most cycles of a Markov model file (a monthly model over 100 years is 1,200). */
export const MAX_CYCLES = 10_000;

/** Longest horizon of a formula model file, in years. */
export const MAX_FORMULA_HORIZON = 1000;

/** Longest tunnel (time in state tracked up to this many cycles). */
export const MAX_TUNNEL = 1_000;

const finite = z.number().finite().min(-NUMBER_LIMIT).max(NUMBER_LIMIT);
const positive = finite.positive();
const wtpValue = finite.nonnegative().max(MAX_WTP);

/** A name usable in expressions: letters, digits and _, not starting with a digit. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const name = z.string().regex(NAME, "a name is letters, digits and _, not starting with a digit");
const strategyName = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]*$/,
    "a strategy name is letters, digits and _, starting with a letter",
  )
  .max(MAX_STRATEGY_NAME, `a strategy name has at most ${MAX_STRATEGY_NAME} characters`);

/** What a refinement reports its problems to (zod's refinement context, as used here). */
interface RefineContext {
  addIssue(issue: { code: "custom"; message: string; path: PropertyKey[] }): void;
}

/** Strategies as a scenario's are limited: at most {@link MAX_STRATEGIES}, reported at the first too many. */
function checkStrategyCount(
  strategies: Readonly<Record<string, unknown>>,
  ctx: RefineContext,
): void {
  const names = Object.keys(strategies);
  if (names.length <= MAX_STRATEGIES) return;
  ctx.addIssue({
    code: "custom",
    message: TOO_MANY_STRATEGIES,
    path: [names[MAX_STRATEGIES] as string],
  });
}

/** An expression: a number, or a formula in quotes. */
export const expression = z
  .union([finite, z.string().min(1)])
  .describe(
    'A number or a formula: inputs, derived names, t, + - * / ^, comparisons, and/or/not, c ? a : b, exp log sqrt pow min max abs floor ceil round, lookup(table, x[, "column"])',
  );

const provenance = {
  label: shownText().optional().describe("What it is"),
  unit: z.string().optional().describe("Unit, e.g. '£ per year'"),
  source: z.string().optional().describe("Where it comes from"),
  tag: z.enum(EVIDENCE_TAGS).optional().describe("Evidence tag"),
};

const derivedEntry = z.union([
  z.string().min(1).describe("A formula over inputs, other derived values, t and tables"),
  z
    .strictObject({ expression: z.string().min(1), ...provenance })
    .describe("A formula with its provenance"),
]);

/**
 * Bands must end in increasing years and the last must run to the end: each problem is reported
 * at the band's `until`, where the person can mend it.
 */
function checkBands(bands: readonly { until: number | "end" }[], ctx: RefineContext): void {
  let previous = 0;
  bands.forEach((band, k) => {
    const last = k === bands.length - 1;
    if (band.until === "end") {
      if (!last) {
        ctx.addIssue({
          code: "custom",
          message: `only the last band may run to the end; band ${k + 1} of ${bands.length} does`,
          path: [k, "until"],
        });
      }
      return;
    }
    // A year of 0 or less is reported by the band's own check (a positive number).
    if (!(band.until > 0)) return;
    if (!(band.until > previous)) {
      ctx.addIssue({
        code: "custom",
        message: `band ${k + 1} must end after ${previous} years (where the band before it ends), got ${band.until}`,
        path: [k, "until"],
      });
    }
    if (last) {
      ctx.addIssue({
        code: "custom",
        message: `the last band must run to the end (until: end): after ${band.until} years no rate would apply`,
        path: [k, "until"],
      });
    }
    previous = band.until;
  });
}

/**
 * Where rewards are discounted: each counted vector at its own time, or per cycle from the
 * cycle's start or end (heemod's `discount(first = FALSE)` or `first = TRUE`).
 */
const discountAt = z.enum(DISCOUNT_AT as unknown as readonly [DiscountAt, ...DiscountAt[]]);

/** A discount rate: a number, a named schedule or bands of `{ until, rate }`. */
const rate = z.union([
  finite.min(DISCOUNT_RANGE[0]).max(DISCOUNT_RANGE[1]).describe("Annual rate, e.g. 0.035"),
  z.enum(["green-book", "green-book-health"]).describe("HM Treasury Green Book schedules"),
  z
    .array(
      z.strictObject({
        until: z
          .union([positive, z.literal("end")])
          .describe("End of the band in years ('end': no end)"),
        rate: finite.min(DISCOUNT_RANGE[0]).max(DISCOUNT_RANGE[1]),
      }),
    )
    .min(1)
    .superRefine(checkBands)
    .describe("Stepped schedule: bands of { until, rate }"),
]);

const common = {
  format: z.literal(MODEL_FORMAT).describe("Marks a ceakit model file"),
  title: shownText().describe("Title of the model and its reports"),
  description: z.string().optional(),
  effect: z
    .strictObject({
      key: name.describe("Short name of the effect, e.g. qalys"),
      label: shownText().optional(),
      unit: z.string().optional(),
      per: z.string().optional().describe("One unit in words, for 'cost per …' (e.g. QALY gained)"),
    })
    .optional()
    .describe("What the ICER divides by"),
  cost: z
    .strictObject({
      label: shownText().optional(),
      unit: shownText()
        .max(MAX_CURRENCY_LENGTH)
        .optional()
        .describe(
          "Currency of costs, written before every amount in reports ('$', '€', 'CHF'); '£' when not given",
        ),
    })
    .optional()
    .describe("Label and currency of costs"),
  parameters: z
    .record(name, inputOverride)
    .optional()
    .describe("Inputs: a number, { value, … } or a distribution, with label, unit, source, tag"),
  derived: z.record(name, derivedEntry).optional().describe("Values computed by formulas"),
  tables: z
    .record(
      name,
      z.strictObject({
        file: z.string().min(1).describe("CSV file, relative to this model file"),
        key: z.string().min(1).optional().describe("Key column (default: the first)"),
        ...provenance,
      }),
    )
    .optional()
    .describe("Lookup tables: lookup(table, x) is the row with the largest key ≤ x"),
  psa: z
    .strictObject({
      samples: finite.int().min(MIN_SAMPLES).max(100_000_000).optional(),
      seed: z
        .union([z.string().min(1), numericSeed])
        .optional()
        .meta({ description: `Random seed: 0 to ${MAX_NUMERIC_SEED}, or a word` }),
    })
    .optional()
    .describe("Default PSA samples and seed"),
  wtp: z
    .union([
      z.strictObject({ from: wtpValue, to: wtpValue.positive(), by: positive }),
      z.array(wtpValue).min(1).max(MAX_WTP_POINTS),
    ])
    .optional()
    .describe("Default willingness-to-pay grid"),
  report_wtp: z.array(wtpValue).min(1).max(100).optional(),
  price_year: z
    .string()
    .regex(/^\d{4}\/\d{2}$/, 'expected a financial year such as "2023/24"')
    .optional()
    .describe("Price year of the model's money inputs"),
};

const labelled = { label: shownText().optional().describe("Name shown in reports") };

const markovStrategy = z.strictObject({
  ...labelled,
  transitions: z
    .record(name, z.record(name, expression))
    .describe("from-state: { to-state: probability | rest }"),
  state_costs: z.record(name, expression).optional().describe("Cost per cycle in each state"),
  state_effects: z.record(name, expression).optional().describe("Effect per cycle in each state"),
  transition_costs: z
    .record(z.string(), expression)
    .optional()
    .describe('Cost on flows: "A->B", "*->D" (any other state to D), "A->*"'),
  transition_effects: z.record(z.string(), expression).optional(),
  initial_costs: expression.optional().describe("Once at t = 0, undiscounted"),
  initial_effects: expression.optional(),
});

const formulaStrategy = z.strictObject({
  ...labelled,
  cost: expression.describe("Cost per person"),
  effect: expression.describe("Effect per person"),
  outcomes: z.record(name, expression).optional().describe("Other outcomes (cost-consequence)"),
});

/**
 * The schema of a `kind: markov` model file.
 *
 * @example
 * ```ts
 * markovFileSchema.safeParse(value).success;
 * ```
 */
export const markovFileSchema = z.strictObject({
  ...common,
  kind: z.literal("markov"),
  states: z.array(name).min(1).describe("Health states"),
  tunnels: z
    .record(name, finite.int().min(1).max(MAX_TUNNEL))
    .optional()
    .describe("Tunnel states and their length: time_in_state runs 1 … length"),
  initial: z.record(name, expression).describe("Shares at t = 0; omitted states start at 0"),
  cycles: finite.int().min(1).max(MAX_CYCLES).describe("Number of cycles (transitions)"),
  cycle_years: positive.max(100).describe("Cycle length in years"),
  rewards_on: z
    .enum(["start", "end", "all"])
    .describe("Vectors counted: m_0…m_{n-1} (start), m_1…m_n (end), m_0…m_n (all)"),
  correction: z
    .enum(["none", "half-cycle", "simpson", "darth-simpson"])
    .describe("Within-cycle correction"),
  discount: z
    .union([rate, z.strictObject({ costs: rate, effects: rate })])
    .describe("Annual discount rate (both) or { costs, effects }"),
  discount_at: z
    .union([discountAt, z.strictObject({ costs: discountAt, effects: discountAt })])
    .optional()
    .describe(
      "Where rewards are discounted (both, or { costs, effects }): vector (default), or per cycle as heemod: cycle-start (first = FALSE), cycle-end (first = TRUE)",
    ),
  strategies: z
    .record(strategyName, markovStrategy)
    .superRefine(checkStrategyCount)
    .describe("The first is the comparator"),
});

/**
 * The schema of a `kind: formula` model file.
 *
 * @example
 * ```ts
 * formulaFileSchema.safeParse(value).success;
 * ```
 */
export const formulaFileSchema = z.strictObject({
  ...common,
  kind: z.literal("formula"),
  discount: z
    .union([
      finite.min(0).max(0.2),
      z.strictObject({ costs: finite.min(0).max(0.2), effects: finite.min(0).max(0.2) }),
    ])
    .optional()
    .describe("Recorded for reports; formulas discount themselves"),
  horizon_years: finite
    .positive()
    .max(MAX_FORMULA_HORIZON)
    .optional()
    .describe("Recorded for reports"),
  strategies: z
    .record(strategyName, formulaStrategy)
    .superRefine(checkStrategyCount)
    .describe("The first is the comparator"),
});

/** A Markov model file as validated. */
export type MarkovFile = z.infer<typeof markovFileSchema>;
/** A formula model file as validated. */
export type FormulaFile = z.infer<typeof formulaFileSchema>;
/** Either kind. */
export type ModelFile = MarkovFile | FormulaFile;
/** A discount rate as written. */
export type RateInput = z.infer<typeof rate>;

/**
 * The JSON Schema of model files (draft 2020-12), for editors: scenarios/schema/model.schema.json.
 *
 * @example
 * ```ts
 * JSON.stringify(modelFileJsonSchema(), null, 2);
 * ```
 */
export function modelFileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(z.union([markovFileSchema, formulaFileSchema]), {
    io: "input",
    reused: "ref",
  }) as Record<string, unknown>;
  return {
    ...schema,
    $id: "https://ceakit.dev/schema/model.schema.json",
    title: "ceakit model file (ceakit-model/1)",
  };
}
