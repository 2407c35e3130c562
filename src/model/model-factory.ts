/**
 * Models that scenarios configure. A {@link ModelFactory} carries the model's input tables
 * (every default with its provenance), its settings, perspectives and effect measures, and
 * builds a {@link Model} for one configuration. Scenario files (src/scenario) are checked
 * against a factory and turned into a {@link ModelConfig}.
 *
 * @module
 */

import type { CorrelationSpec, Model, ParameterSpec } from "./define-model.js";
import type { DerivedDefinition } from "./expressions.js";
import type { PriceIndex } from "./uprating.js";

/** A setting that is not sampled (e.g. number of schools), with its allowed values. */
export type SettingSpec =
  | {
      readonly kind: "integer" | "number";
      readonly label: string;
      readonly default: number;
      readonly min?: number;
      readonly max?: number;
    }
  | {
      readonly kind: "choice";
      readonly label: string;
      readonly default: string;
      readonly choices: readonly string[];
    };

/** Longest horizon a scenario may set, in years, unless its model allows another. */
export const MAX_HORIZON_YEARS = 50;

/** One row of a model's input tables. */
export type InputRow = ParameterSpec & {
  /** Which table the row belongs to, e.g. "parameters" or "unit_costs". */
  readonly table: string;
  /**
   * The values the input can take, inclusive (e.g. [0, 1] for a probability, [0, ∞) for a
   * cost); a scenario's value or distribution outside them is refused.
   */
  readonly bounds?: readonly [number, number];
};

/** One strategy of a configured model. */
export interface StrategyConfig {
  readonly name: string;
  readonly label: string;
  /** False for usual practice: no programme cost and baseline event rates. */
  readonly intervention: boolean;
  /** Inputs that take a different distribution in this strategy (sampled separately). */
  readonly inputs: Readonly<Record<string, ParameterSpec>>;
}

/** Everything a factory needs to build a model. Money inputs are already in `priceYear` prices. */
export interface ModelConfig {
  readonly inputs: Readonly<Record<string, ParameterSpec>>;
  readonly strategies: readonly StrategyConfig[];
  readonly settings: Readonly<Record<string, number | string>>;
  readonly priceYear: string;
  readonly horizonYears: number;
  readonly discount: { readonly costs: number; readonly outcomes: number };
  /**
   * Whether the scenario set `discount`; when it did not, a model with discounting of its own
   * (a model file's schedule, say) applies that instead of `discount`.
   */
  readonly discountGiven?: boolean;
  readonly perspective: string;
  readonly effect: string;
  /** Derived values by name; one that replaces an input carries the input's bounds. */
  readonly derived: Readonly<Record<string, DerivedDefinition>>;
  readonly correlations: readonly CorrelationSpec[];
}

/** One year of a budget-impact table: undiscounted amounts for one strategy vs the comparator. */
export interface BudgetImpactRow {
  readonly strategy: string;
  /** 1-based year of the programme. */
  readonly year: number;
  readonly interventionCost: number;
  readonly downstreamChange: number;
  readonly net: number;
}

/**
 * Outcome names of one year's undiscounted amounts, per strategy and sample: the programme's
 * cost, the cashable part of the children's social care cost (placement spend) and that cost in
 * full; released staff time is the part that is not cashable (downstream − cashable).
 */
export interface CommissionerYear {
  readonly programme: string;
  readonly cashable: string;
  readonly downstream: string;
}

/**
 * What a model declares so that reports answer a commissioner's questions: cashable savings
 * apart from released staff time, net budget impact per year, return on investment and payback
 * (with their uncertainty, from the per-sample outcomes named here) and the break-even effect.
 * The outcomes named need not be shown in the tables (`table: false`), but the model must emit
 * them for every year of the horizon.
 *
 * @example
 * ```ts
 * commissioner: {
 *   yearly: (y) => ({ programme: `programme_cost_year_${y}`, cashable: `cashable_cost_year_${y}`,
 *     downstream: `downstream_cost_year_${y}` }),
 *   discounted: { programme: "intervention_cost", cashable: "cashable_cost", downstream: "downstream_cost" },
 *   cashable: "placement spend in care",
 *   staffTime: "social-work time on referrals, assessments, enquiries and plans",
 *   breakEven: { parameter: "irr_s47", label: "rate ratio of Section 47 enquiries", range: [0, 2] },
 * }
 * ```
 */
export interface CommissionerSpec {
  /** Undiscounted amounts of year y (1-based, y ≤ the horizon). */
  yearly(year: number): CommissionerYear;
  /** The same amounts discounted over the horizon, when the model emits them. */
  readonly discounted?: CommissionerYear;
  /** What is cashable, in words (e.g. "placement spend in care"). */
  readonly cashable: string;
  /** What released staff time is, in words. */
  readonly staffTime: string;
  /**
   * What the reports must say beside the answers (e.g. that a cost per event avoided has no
   * accepted threshold).
   */
  readonly caveats?: readonly string[];
  /**
   * The effect parameter whose break-even value the reports give: at WTP 0 the value at which
   * the programme is cost-neutral, at each reporting WTP the value at which it becomes
   * cost-effective (found by threshold analysis within `range`, every other input at its point
   * value). A strategy's own draw of the parameter (`name__strategy`) is set to the same value.
   */
  readonly breakEven?: {
    readonly parameter: string;
    /** e.g. "rate ratio of Section 47 enquiries (SWIS vs usual practice)". */
    readonly label: string;
    readonly range: readonly [number, number];
    /** Read as a percentage reduction, 1 − value (true for a rate ratio). */
    readonly ratio?: boolean;
    /** What the break-even value holds fixed, in words. */
    readonly note?: string;
  };
}

/** The currency of a model that states none ({@link ModelFactory.currency}): pounds sterling. */
export const DEFAULT_CURRENCY = "£";

/** Longest currency a model file or `analyse --currency` may give, e.g. "US$" or "CHF". */
export const MAX_CURRENCY_LENGTH = 8;

/**
 * The currency of a model's costs: its own, else {@link DEFAULT_CURRENCY}.
 *
 * @example
 * ```ts
 * currencyOf(factory); // "£" for SWIS, "$" for a model file with `cost: { unit: $ }`
 * ```
 */
export function currencyOf(factory: Pick<ModelFactory, "currency">): string {
  return factory.currency ?? DEFAULT_CURRENCY;
}

/** A scenario-configurable model. */
export interface ModelFactory {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Default inputs by name, each with value or distribution, unit, source, tag, price year. */
  readonly inputs: Readonly<Record<string, InputRow>>;
  readonly priceIndices: Readonly<Record<string, PriceIndex>>;
  /** Index used unless a scenario names another. */
  readonly defaultPriceIndex: string;
  /** Price year of reports unless a scenario names another. */
  readonly defaultPriceYear: string;
  readonly defaultHorizonYears: number;
  /** Longest `horizon_years` a scenario may set (default {@link MAX_HORIZON_YEARS}). */
  readonly maxHorizonYears?: number;
  readonly defaultDiscount: number;
  /** Perspective name → description; the first is the default. */
  readonly perspectives: Readonly<Record<string, string>>;
  /**
   * The currency of its costs, written before amounts in reports ("$", "€", "CHF"); pounds
   * sterling, "£", when not given. The commissioner answers ({@link ModelFactory.commissioner},
   * written for English local authorities) keep pounds.
   */
  readonly currency?: string;
  /** Effect measure name → label and unit; the first is the default. */
  readonly effects: Readonly<
    Record<string, { readonly label: string; readonly unit: string; readonly per: string }>
  >;
  readonly settings: Readonly<Record<string, SettingSpec>>;
  /** Strategies when a scenario names none; the first is the comparator. */
  readonly strategies: readonly StrategyConfig[];
  /** Outcome name → label and unit, for cost-consequence tables. */
  readonly outcomes: Readonly<
    Record<
      string,
      {
        readonly label: string;
        readonly unit: string;
        /** False for an outcome only used to compute other tables (e.g. budget impact). */
        readonly table?: boolean;
      }
    >
  >;
  /** Builds the model for one configuration. */
  create(config: ModelConfig): Model;
  /** Commissioner answers (cashable savings, ROI, payback, break-even), when the model gives them. */
  readonly commissioner?: CommissionerSpec;
  /** Discount rates of costs and outcomes when a scenario states none (default: `defaultDiscount`). */
  readonly defaultDiscountRates?: { readonly costs: number; readonly outcomes: number };
  /** PSA samples and seed when a scenario states none (default: 10,000 and 1). */
  readonly defaultPsa?: { readonly samples?: number; readonly seed?: string | number };
  /** WTP grid and reporting WTPs when a scenario states none. */
  readonly defaultWtp?:
    | readonly number[]
    | { readonly from: number; readonly to: number; readonly by: number };
  readonly defaultReportWtp?: readonly number[];
  /**
   * What worker threads load to build the same model (a module whose default export has
   * `create`, and the configuration to call it with); by default the shipped model of this name.
   */
  workerReference?(config: ModelConfig): { readonly module: string; readonly config: ModelConfig };
  /**
   * The parameter columns whose draws the reports need (e.g. for {@link ModelFactory.budgetImpact});
   * the PSA drops the others to save memory. Default: all.
   */
  keepParameters?(config: ModelConfig): string[];
  /**
   * Budget impact per year from mean outcomes (`means[outcome][strategy]`) and the mean draw
   * of a parameter column, when the model defines one.
   */
  budgetImpact?(
    config: ModelConfig,
    means: Readonly<Record<string, Readonly<Record<string, number>>>>,
    parameterMean: (column: string) => number,
  ): BudgetImpactRow[];
}

/**
 * Declares a model factory (an identity function that checks the shape at compile time).
 *
 * @example
 * ```ts
 * export default defineModelFactory({ name: "swis", ..., create: (config) => defineModel({...}) });
 * ```
 */
export function defineModelFactory(factory: ModelFactory): ModelFactory {
  return Object.freeze(factory);
}
