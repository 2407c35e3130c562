/**
 * Typed models: `defineModel({ parameters, strategies, outcomes, evaluate })`. Parameter,
 * strategy and outcome names are inferred as literal types, so a misspelt name inside
 * `evaluate` is a compile error. `evaluate` works on a chunk of samples at a time: one
 * Float64Array per parameter in, one per strategy (and outcome) out.
 *
 * @module
 */

import type { DirichletSpec, DistributionSpec } from "../distributions/spec.js";
import type { DerivedDefinition } from "./expressions.js";
import type { EvidenceTag } from "./provenance.js";

/** How far an input can be trusted (see `EVIDENCE_TAGS`); reports list every assumption. */
export type { EvidenceTag };

/** Provenance and base-case value that may accompany any parameter. */
export interface ParameterInfo {
  /** Base-case value, when it is not the distribution's mean (or a lognormal's median). */
  readonly base?: number;
  /** Human-readable description. */
  readonly label?: string;
  /** Unit, e.g. "£/year" or "per 1,000 pupils". */
  readonly unit?: string;
  /** Where the value comes from. */
  readonly source?: string;
  /** Evidence tag. */
  readonly tag?: EvidenceTag;
  /** Price year of a money amount, e.g. "2023/24"; uprated to the scenario's price year. */
  readonly priceYear?: string;
}

/** A model parameter: a univariate distribution, or a Dirichlet over named components. */
export type ParameterSpec = (DistributionSpec & ParameterInfo) | (DirichletSpec & ParameterInfo);

/** The names a parameter spec contributes: its own, or its Dirichlet components. */
type NamesOf<K, V> = V extends { readonly type: "dirichlet"; readonly alpha: infer A }
  ? keyof A & string
  : V extends { readonly type: "dirichlet"; readonly mean: infer M }
    ? keyof M & string
    : K & string;

/** Every sampled parameter name of a parameter map (Dirichlet components expanded). */
export type ParameterNames<P> = { [K in keyof P]: NamesOf<K, P[K]> }[keyof P];

/** Where a model writes its results for one chunk. Every array has the chunk's length. */
export interface ModelOutput<S extends string, O extends string> {
  /** Cost per strategy. */
  readonly cost: Readonly<Record<S, Float64Array>>;
  /** Effect per strategy (the measure used for ICERs and net benefit). */
  readonly effect: Readonly<Record<S, Float64Array>>;
  /** Secondary outcomes per outcome and strategy (cost-consequence results). */
  readonly outcomes: Readonly<Record<O, Readonly<Record<S, Float64Array>>>>;
}

/** Where a chunk sits in the whole run. */
export interface ChunkInfo {
  /** Number of samples in this chunk (the length of every array). */
  readonly n: number;
  /** Index of the chunk's first sample in the whole run. */
  readonly start: number;
  /**
   * Where row `start + i` of the chunk is, for messages: "in sample 12" by default; "at the base
   * case", or "at point 3 (p = 0.4)" of a sensitivity analysis, when the rows are not samples.
   */
  readonly where?: ((row: number) => string) | undefined;
}

/**
 * The phrase naming row `row` of the run (`chunk.start + i`) in messages: the chunk's own
 * {@link ChunkInfo.where}, else "in sample row + 1".
 *
 * @example
 * ```ts
 * whereIs({ n: 10, start: 100 }, 104); // "in sample 105"
 * ```
 */
export function whereIs(chunk: Pick<ChunkInfo, "where">, row: number): string {
  return chunk.where === undefined ? `in sample ${row + 1}` : chunk.where(row);
}

/** Parameter columns handed to `evaluate`: one Float64Array per name. */
export type ParameterColumns<N extends string> = Readonly<Record<N, Float64Array>>;

/** A correlation between parameters, applied by a Gaussian copula. */
export interface CorrelationSpec<N extends string = string> {
  /** Name of this correlation group, used in messages. */
  readonly name: string;
  /** The correlated parameters (univariate ones), in the order of the matrix. */
  readonly parameters: readonly N[];
  /** Symmetric positive-definite correlation matrix with unit diagonal. */
  readonly matrix: readonly (readonly number[])[];
  /**
   * What the entries are: rank (Spearman) correlations, the default, which hold whatever the
   * marginals; or `"normal"`, correlations of the copula's underlying normals.
   */
  readonly scale?: "spearman" | "normal";
}

/** What {@link defineModel} takes. */
export interface ModelDefinition<
  P extends Readonly<Record<string, ParameterSpec>>,
  D extends Readonly<Record<string, DerivedDefinition>>,
  S extends string,
  O extends string,
> {
  /** Short name of the model. */
  readonly name: string;
  readonly description?: string;
  /** Sampled parameters. */
  readonly parameters: P;
  /**
   * Derived parameters: formulas over parameters and other derived names (see
   * expressions.ts for the language), optionally with the bounds each value must stay in.
   */
  readonly derived?: D;
  /** Correlated groups of parameters. */
  readonly correlations?: readonly CorrelationSpec<ParameterNames<P>>[];
  /** Strategies compared; the first is the usual comparator. */
  readonly strategies: readonly S[];
  /** Secondary outcomes reported per strategy. */
  readonly outcomes?: readonly O[];
  /** Fills `out` for the chunk from the parameter columns. Must not keep references. */
  evaluate(
    params: ParameterColumns<ParameterNames<P> | (keyof D & string)>,
    out: ModelOutput<S, O>,
    chunk: ChunkInfo,
  ): void;
}

/** A defined model: its definition plus the resolved name lists. */
export interface Model<
  N extends string = string,
  S extends string = string,
  O extends string = string,
> {
  readonly name: string;
  readonly description: string;
  /** Sampled parameter specs, as given. */
  readonly parameters: Readonly<Record<string, ParameterSpec>>;
  /** Names of sampled parameters, Dirichlet components expanded, in definition order. */
  readonly parameterNames: readonly N[];
  /** Derived expressions, as given. */
  readonly derived: Readonly<Record<string, DerivedDefinition>>;
  readonly correlations: readonly CorrelationSpec[];
  readonly strategies: readonly S[];
  readonly outcomes: readonly O[];
  evaluate(params: ParameterColumns<N>, out: ModelOutput<S, O>, chunk: ChunkInfo): void;
}

/** Throws a TypeError naming the first duplicate or empty name. */
function checkNames(kind: string, names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== "string" || name.trim() === "") {
      throw new TypeError(`defineModel: ${kind} names must be non-empty strings`);
    }
    if (seen.has(name)) throw new TypeError(`defineModel: ${kind} "${name}" is defined twice`);
    seen.add(name);
  }
}

/** Names a parameter map contributes, Dirichlet components expanded. */
function expandNames(parameters: Readonly<Record<string, ParameterSpec>>): string[] {
  return Object.entries(parameters).flatMap(([name, spec]) =>
    spec.type === "dirichlet" ? Object.keys("alpha" in spec ? spec.alpha : spec.mean) : [name],
  );
}

/**
 * Defines a typed model. Names of parameters, derived parameters, strategies and outcomes are
 * checked for duplicates here; distributions and expressions are checked when the model runs.
 *
 * @example
 * ```ts
 * const model = defineModel({
 *   name: "screening",
 *   parameters: {
 *     cost_test: { type: "gamma", mean: 50, sd: 10 },
 *     p_detect: { type: "beta", alpha: 80, beta: 20 },
 *   },
 *   strategies: ["none", "screen"],
 *   outcomes: ["detected"],
 *   evaluate(p, out, { n }) {
 *     for (let i = 0; i < n; i++) {
 *       out.cost.none[i] = 0;
 *       out.effect.none[i] = 0;
 *       out.outcomes.detected.none[i] = 0;
 *       out.cost.screen[i] = p.cost_test[i];
 *       out.effect.screen[i] = p.p_detect[i];
 *       out.outcomes.detected.screen[i] = p.p_detect[i];
 *     }
 *   },
 * });
 * ```
 */
export function defineModel<
  const P extends Readonly<Record<string, ParameterSpec>>,
  const S extends string,
  const O extends string = never,
  const D extends Readonly<Record<string, DerivedDefinition>> = Record<never, string>,
>(definition: ModelDefinition<P, D, S, O>): Model<ParameterNames<P> | (keyof D & string), S, O> {
  const parameterNames = expandNames(definition.parameters);
  const derived = definition.derived ?? ({} as D);
  checkNames("parameter", [...parameterNames, ...Object.keys(derived)]);
  checkNames("strategy", definition.strategies);
  checkNames("outcome", definition.outcomes ?? []);
  if (definition.strategies.length === 0) {
    throw new TypeError("defineModel: at least one strategy is needed");
  }
  type N = ParameterNames<P> | (keyof D & string);
  return Object.freeze({
    name: definition.name,
    description: definition.description ?? "",
    parameters: definition.parameters,
    parameterNames: parameterNames as N[],
    derived,
    correlations: definition.correlations ?? [],
    strategies: definition.strategies,
    outcomes: definition.outcomes ?? [],
    evaluate: definition.evaluate as Model<N, S, O>["evaluate"],
  });
}
