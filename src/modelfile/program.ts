/**
 * A compiled model file as plain data: every expression checked and transpiled, tables read,
 * names resolved. Plain data so that worker threads can rebuild the same model from it (see
 * model-file-model.ts) without parsing YAML or loading mathjs.
 *
 * @module
 */

import type { DiscountRate } from "../cohort/discount-schedule.js";
import type { DiscountTiming } from "../cohort/reward-timing.js";
import type { SourceLocation } from "../errors.js";
import type { InputRow } from "../model/model-factory.js";
import type { TableData } from "./lookup-csv.js";
import type { EntryCode, HOISTED, LookupRef } from "./model-expressions.js";

/** How far a row without `rest` may stray from summing to 1 (and a rest below 0). */
export const ROW_SUM_TOLERANCE = 1e-9;

/** A value: a number known when compiling, or an entry of {@link ModelProgram.entries}. */
export type ValueRef = { readonly value: number } | { readonly entry: number };

/** An expression of a transition, reward or outcome, with where it was written. */
export interface EntryProgram extends EntryCode {
  /** Where it was written (file, line, column, field). */
  readonly at: SourceLocation;
  /** What it is, for messages: `strategy "mono", A → B`. */
  readonly what: string;
  /** Whether it must be a probability (in [0, 1]). */
  readonly probability: boolean;
  /** Values time_in_state takes where it is written (1 outside tunnels). */
  readonly tunnelLength: number;
  /** The strategy it is written under; undefined for the initial shares. */
  readonly strategy?: string;
  /**
   * The same expression reading its time-dependent derived values as columns ({@link HOISTED}
   * inputs, see {@link ModelProgram.hoisted}) instead of computing them in every entry, cycle
   * and time in state; when it uses any. The same bits: the fast path of a run.
   */
  readonly fast?: EntryCode;
}

/**
 * A time-dependent derived value as a column of its own, computed once per block of samples and
 * cycle (if it uses t) and time in state (if it uses time_in_state), and shared by the entries
 * that read it.
 */
export interface HoistedProgram extends EntryCode {
  readonly name: string;
  /** Whether it changes with t, with time_in_state. */
  readonly usesTime: boolean;
  readonly usesTimeInState: boolean;
}

/** A derived value computed once per chunk (it does not depend on time). */
export interface DerivedProgram extends EntryCode {
  readonly name: string;
  readonly at: SourceLocation;
}

/** One strategy of a Markov model file. */
export interface MarkovStrategyProgram {
  readonly name: string;
  readonly label: string;
  /** from → to → probability, or "rest". */
  readonly transitions: Readonly<Record<string, Readonly<Record<string, ValueRef | "rest">>>>;
  /** Where each row was written, for row errors. */
  readonly rowAt: Readonly<Record<string, SourceLocation>>;
  readonly stateCosts: Readonly<Record<string, ValueRef>>;
  readonly stateEffects: Readonly<Record<string, ValueRef>>;
  /** from → to → the sum of the matching rules. */
  readonly transitionCosts: Readonly<Record<string, Readonly<Record<string, ValueRef>>>>;
  readonly transitionEffects: Readonly<Record<string, Readonly<Record<string, ValueRef>>>>;
  readonly initialCost?: ValueRef;
  readonly initialEffect?: ValueRef;
}

/** The Markov part of a program. */
export interface MarkovProgram {
  readonly kind: "markov";
  readonly states: readonly string[];
  readonly tunnels: Readonly<Record<string, number>>;
  readonly initial: Readonly<Record<string, ValueRef | "rest">>;
  readonly cycles: number;
  readonly cycleYears: number;
  readonly rewardsOn: "start" | "end" | "all";
  readonly correction: "none" | "half-cycle" | "simpson" | "darth-simpson";
  readonly discount: { readonly costs: DiscountRate; readonly effects: DiscountRate };
  /** Where costs and effects are discounted (per vector unless the file says otherwise). */
  readonly discountAt: DiscountTiming;
  readonly strategies: readonly MarkovStrategyProgram[];
}

/** One strategy of a formula model file. */
export interface FormulaStrategyProgram {
  readonly name: string;
  readonly label: string;
  readonly cost: ValueRef;
  readonly effect: ValueRef;
  readonly outcomes: Readonly<Record<string, ValueRef>>;
}

/** The formula part of a program. */
export interface FormulaProgram {
  readonly kind: "formula";
  readonly outcomes: readonly string[];
  readonly discount: { readonly costs: number; readonly effects: number };
  readonly horizonYears: number;
  readonly strategies: readonly FormulaStrategyProgram[];
}

/** A compiled model file. */
export interface ModelProgram {
  /** Short name (the file's name without `.model.yaml`). */
  readonly name: string;
  /** The model file, as the loader was given it. */
  readonly file: string;
  readonly title: string;
  readonly description: string;
  readonly effect: {
    readonly key: string;
    readonly label: string;
    readonly unit: string;
    /** One unit in words, for "cost per …". */
    readonly per: string;
  };
  readonly costUnit: string;
  /** Inputs with their provenance, in the file's order. */
  readonly inputs: Readonly<Record<string, InputRow>>;
  /** Time-independent derived values in evaluation order. */
  readonly derived: readonly DerivedProgram[];
  readonly entries: readonly EntryProgram[];
  /** Time-dependent derived values that entries' fast paths read, in evaluation order. */
  readonly hoisted?: readonly HoistedProgram[];
  readonly tables: readonly TableData[];
  /** Table provenance, for reports. */
  readonly tableInfo: readonly {
    readonly name: string;
    readonly file: string;
    readonly source: string;
    readonly tag: string;
  }[];
  readonly lookups: readonly LookupRef[];
  readonly psa: { readonly samples?: number; readonly seed?: string | number };
  readonly wtp?:
    | readonly number[]
    | { readonly from: number; readonly to: number; readonly by: number };
  readonly reportWtp?: readonly number[];
  readonly priceYear?: string;
  readonly model: MarkovProgram | FormulaProgram;
}
