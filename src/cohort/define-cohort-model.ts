/**
 * `defineCohortModel`: a typed cohort state-transition (Markov) model that is also a
 * {@link Model}, so the base case, the PSA runner (chunks, workers, seeds) and every analysis
 * run it unchanged. State, strategy, outcome and parameter names are literal types: a misspelt
 * name anywhere in the definition is a compile error.
 *
 * @module
 */

import type { ChunkInfo, Model, ModelOutput, ParameterSpec } from "../model/define-model.js";
import { SEGMENT_TERMS } from "./cycle-step.js";
import type { CohortDefinition, CohortNames } from "./definition.js";
import {
  type CohortRecord,
  type CohortWorkspace,
  cohortWorkspace,
  KERNEL_BLOCK,
  runCohortKernel,
} from "./kernel.js";
import { type CohortPlan, compileCohort, type LooseDefinition } from "./plan.js";

/** A cohort model: a {@link Model} plus its compiled plan. */
export interface CohortModel<
  N extends string = string,
  T extends string = string,
  O extends string = string,
  St extends string = string,
> extends Model<N, T, O> {
  /** The compiled plan (states expanded, weights and discount factors). */
  readonly cohort: CohortPlan;
  /** The states as defined (before tunnel expansion). */
  readonly states: readonly St[];
  /**
   * For a model that computes columns of its own before the kernel runs (a model file's
   * derived values and expressions): the chunk's columns with its own added.
   */
  readonly extendColumns?: (
    columns: Readonly<Record<string, Float64Array>>,
    chunk: ChunkInfo,
  ) => Record<string, Float64Array>;
}

/** Names of every sampled parameter of a parameter map, Dirichlet components expanded. */
function expandNames(parameters: Readonly<Record<string, ParameterSpec>>): string[] {
  return Object.entries(parameters).flatMap(([name, spec]) =>
    spec.type === "dirichlet" ? Object.keys("alpha" in spec ? spec.alpha : spec.mean) : [name],
  );
}

/**
 * Evaluates a cohort model over a chunk with a workspace kept between chunks (grown when a
 * larger chunk comes), writing the totals into the model output and, optionally, the record.
 * `segmentTerms` (at least 1; Infinity for one loop) sets about how many terms one generated loop
 * holds ({@link SEGMENT_TERMS}); it never changes the results.
 *
 * @example
 * ```ts
 * const run = cohortEvaluator(plan);
 * run(columns, output, { n: 1000, start: 0 });
 * ```
 */
export function cohortEvaluator(plan: CohortPlan, segmentTerms: number = SEGMENT_TERMS) {
  if (!(segmentTerms >= 1)) {
    throw new RangeError(`cohortEvaluator: segmentTerms must be at least 1, got ${segmentTerms}`);
  }
  let ws: CohortWorkspace | undefined;
  return (
    params: Readonly<Record<string, Float64Array>>,
    out: ModelOutput<string, string>,
    chunk: ChunkInfo,
    record?: CohortRecord,
  ): void => {
    const need = record === undefined ? Math.min(chunk.n, KERNEL_BLOCK) : chunk.n;
    if (ws === undefined || ws.capacity < need) ws = cohortWorkspace(plan, need, segmentTerms);
    const totals = plan.strategies.map((s) =>
      plan.outcomes.map((o, k) =>
        k === plan.cost
          ? (out.cost[s.name] as Float64Array)
          : k === plan.effect
            ? (out.effect[s.name] as Float64Array)
            : ((out.outcomes[o] as Record<string, Float64Array>)[s.name] as Float64Array),
      ),
    );
    runCohortKernel(plan, ws, params, totals, chunk, record);
  };
}

/**
 * Defines a cohort state-transition model. Every convention is stated: which state vectors
 * earn rewards (`counting`), the within-cycle `correction` and the discount rates.
 *
 * @example
 * ```ts
 * const model = defineCohortModel({
 *   name: "two-state",
 *   parameters: { p_die: { type: "beta", alpha: 10, beta: 90 }, c_alive: { type: "gamma", mean: 1000, sd: 100 } },
 *   states: ["alive", "dead"],
 *   initial: { alive: 1 },
 *   cycles: 10,
 *   cycleLength: 1,
 *   conventions: { counting: "end", correction: "none", discount: { costs: 0.035, effects: 0.035 } },
 *   outcomes: { cost: "costs", ly: "effects" },
 *   cost: "cost",
 *   effect: "ly",
 *   strategies: {
 *     usual: {
 *       transitions: { alive: { alive: C, dead: "p_die" }, dead: { dead: 1 } },
 *       rewards: { cost: { alive: "c_alive" }, ly: { alive: 1 } },
 *     },
 *   },
 * });
 * await runPsa(model, { samples: 1000, seed: 1 });
 * ```
 */
export function defineCohortModel<
  const P extends Readonly<Record<string, ParameterSpec>>,
  const St extends string,
  const T extends string,
  const O extends string,
  const K extends O,
  const E extends O,
  const D extends Readonly<Record<string, string>> = Record<never, string>,
>(
  definition: CohortDefinition<P, D, St, T, O, K, E>,
): CohortModel<CohortNames<P, D>, T, Exclude<O, K | E>, St> {
  const parameterNames = expandNames(definition.parameters);
  const derived = definition.derived ?? ({} as D);
  const columns = [...parameterNames, ...Object.keys(derived)];
  const seen = new Set<string>();
  for (const name of columns) {
    if (seen.has(name))
      throw new TypeError(
        `defineCohortModel ${definition.name}: parameter "${name}" is defined twice`,
      );
    seen.add(name);
  }
  const plan = compileCohort(definition as unknown as LooseDefinition, columns);
  const evaluate = cohortEvaluator(plan);
  type N = CohortNames<P, D>;
  return Object.freeze({
    name: definition.name,
    description: definition.description ?? "",
    parameters: definition.parameters,
    parameterNames: parameterNames as N[],
    derived,
    correlations: definition.correlations ?? [],
    strategies: plan.strategies.map((s) => s.name) as T[],
    outcomes: plan.outcomes.filter((_, k) => k !== plan.cost && k !== plan.effect) as Exclude<
      O,
      K | E
    >[],
    evaluate: evaluate as unknown as Model<N, T, Exclude<O, K | E>>["evaluate"],
    cohort: plan,
    states: definition.states,
  });
}
