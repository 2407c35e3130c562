/**
 * What a cohort state-transition (Markov) model is made of: states, an initial distribution,
 * per strategy a transition structure and rewards, and the counting, correction and
 * discounting conventions, all stated explicitly. {@link defineCohortModel} turns a definition
 * into a {@link Model} that the PSA runner evaluates a chunk of samples at a time.
 *
 * Entries (probabilities and rewards) are numbers, parameter names (a column of the chunk) or
 * fill functions. A fill function is called once per cycle (and per tunnel position) for the
 * whole chunk and writes `out[i]` for every sample i < n: it must loop over samples itself and
 * must not keep `out` or the context.
 *
 * @module
 */

import type {
  CorrelationSpec,
  ParameterColumns,
  ParameterNames,
  ParameterSpec,
} from "../model/define-model.js";
import type { Correction, Counting } from "./cycle-weights.js";
import type { DiscountRate } from "./discount-schedule.js";
import type { DiscountAt } from "./reward-timing.js";

/**
 * The "rest of the row" entry (heemod's `C`): one entry per row may be `C`, and the engine sets
 * it to 1 minus the row's other entries, so that the row sums to one by construction.
 *
 * @example
 * ```ts
 * transitions: { A: { A: C, B: "p_AB" }, B: { B: 1 } }
 * ```
 */
export const C: unique symbol = Symbol("C (the rest of the row)");

/** What a fill function is told about the cycle it is filling. */
export interface CycleContext<N extends string = string> {
  /** The chunk's parameter columns (sampled and derived), one Float64Array per name. */
  readonly p: ParameterColumns<N>;
  /** Number of samples in the chunk: fill `out[0 … n)`. */
  readonly n: number;
  /** Index in the whole run of the chunk's first sample (for messages: sample start + i + 1). */
  readonly start: number;
  /** Where row `start + i` is, for messages, when the rows are not samples (see ChunkInfo). */
  readonly where?: ((row: number) => string) | undefined;
  /**
   * Model time. For a transition, the cycle t = 1 … n that moves m_{t−1} to m_t; for a state
   * reward, the index t = 0 … n of the state vector m_t it values; 0 for initial rewards.
   */
  readonly t: number;
  /** t × cycle length, in years. */
  readonly time: number;
  /** Time in state (1, 2, …) in a tunnel state; 1 in any other state. */
  readonly tau: number;
  /** The strategy being evaluated. */
  readonly strategy: string;
}

/**
 * Fills `out[i]` for i < ctx.n with one value per sample (a probability or a reward).
 *
 * @example
 * ```ts
 * const pAB: CohortFill<"rr"> = (out, { p, n, t }) => {
 *   const rr = p.rr;
 *   for (let i = 0; i < n; i++) out[i] = 0.2 * (t <= 2 ? (rr[i] as number) : 1);
 * };
 * ```
 */
export type CohortFill<N extends string = string> = (
  out: Float64Array,
  ctx: CycleContext<N>,
) => void;

/**
 * A value that depends on the cycle (and time in state) but is the same in every sample, such
 * as background mortality by the cohort's age: computed once per cycle, never per sample.
 */
export interface PerCycle<N extends string = string> {
  readonly perCycle: (ctx: CycleContext<N>) => number;
}

/**
 * A value the same in every sample: a function of the cycle context computed once per cycle.
 *
 * @example
 * ```ts
 * const mortality = lookupTable([35, 45, 55], [0.001, 0.003, 0.007]);
 * const background = perCycle(({ t }) => mortality.at(60 + t - 1));
 * ```
 */
export function perCycle<N extends string = string>(
  fn: (ctx: CycleContext<N>) => number,
): PerCycle<N> {
  return Object.freeze({ perCycle: fn });
}

/**
 * A value: a number (the same in every sample and cycle), a parameter name (its column), a
 * {@link perCycle} value (the same in every sample, per cycle) or a fill function (anything
 * else, per cycle and sample).
 */
export type CohortValue<N extends string = string> = number | N | PerCycle<N> | CohortFill<N>;

/** A transition probability, or {@link C} for the rest of the row. */
export type ProbabilityEntry<N extends string = string> = CohortValue<N> | typeof C;

/** The conventions every cohort model states (there are no defaults). */
export interface CohortConventions {
  /** Which state vectors earn state rewards: m_0 … m_{n−1}, m_1 … m_n or m_0 … m_n. */
  readonly counting: Counting;
  /** Within-cycle correction over the counted vectors. */
  readonly correction: Correction;
  /**
   * Annual discount rates of outcomes of each kind: the reward on m_t is multiplied by
   * D(t × cycle length), (1 + r)^−(t × cycle length) for a constant rate.
   */
  readonly discount: { readonly costs: DiscountRate; readonly effects: DiscountRate };
  /**
   * Where rewards are discounted (default `vector`: the reward on m_t by D(t × cycle length)).
   * `cycle-start` and `cycle-end` earn rewards per cycle as heemod does: cycle c = 1 … n earns on
   * m_{c−1} (`start`), m_c (`end`) or ½(m_{c−1} + m_c) (`all` with `half-cycle`), valued at cycle
   * c with the rewards of transition c, discounted by D((c − 1) × cycle length) or
   * D(c × cycle length). One value for both kinds, or one per kind.
   */
  readonly discountAt?: DiscountAt | { readonly costs: DiscountAt; readonly effects: DiscountAt };
}

/** Whether an outcome is discounted at the costs' or the effects' rate. */
export type OutcomeKind = "costs" | "effects";

/** Rewards of one outcome per state (a missing state earns 0). */
export type StateRewards<St extends string, N extends string> = {
  readonly [S in St]?: CohortValue<N>;
};

/** One strategy: its transition structure and its rewards. */
export interface CohortStrategy<St extends string, N extends string, O extends string> {
  /**
   * One row per state: the probability of moving from the row's state to each listed state in
   * one cycle (unlisted: 0). One entry may be {@link C}; without it, the row must sum to 1.
   * A row staying in a tunnel state moves on to the next time in state.
   */
  readonly transitions: {
    readonly [F in St]: { readonly [T in St]?: ProbabilityEntry<N> };
  };
  /** State rewards per cycle, per outcome and state, earned on the counted state vectors. */
  readonly rewards?: { readonly [K in O]?: StateRewards<St, N> };
  /**
   * Transition rewards per outcome, on the share moving from one state to another in a cycle
   * (a one-off cost of an event): the reward of transition t is weighted and discounted like
   * the state vector m_t it leads to.
   */
  readonly transitionRewards?: {
    readonly [K in O]?: { readonly [F in St]?: { readonly [T in St]?: CohortValue<N> } };
  };
  /** Initial rewards per outcome and state, on m_0, once, undiscounted and unweighted. */
  readonly initialRewards?: { readonly [K in O]?: StateRewards<St, N> };
}

/** What {@link defineCohortModel} takes. */
export interface CohortDefinition<
  P extends Readonly<Record<string, ParameterSpec>>,
  D extends Readonly<Record<string, string>>,
  St extends string,
  T extends string,
  O extends string,
  K extends O,
  E extends O,
> {
  /** Short name of the model. */
  readonly name: string;
  readonly description?: string;
  /** Sampled parameters (as in `defineModel`). */
  readonly parameters: P;
  /** Derived parameters: mathjs expressions over the parameters, computed per chunk. */
  readonly derived?: D;
  /** Correlated groups of parameters. */
  readonly correlations?: readonly CorrelationSpec<NoInfer<CohortNames<P, D>>>[];
  /** The health (or care) states. */
  readonly states: readonly St[];
  /**
   * Tunnel states and their length k: the engine expands the state into k states by time in
   * state τ = 1 … k (the last one keeps those who stay longer), and entries of the state see
   * `ctx.tau`.
   */
  readonly tunnels?: { readonly [S in NoInfer<St>]?: number };
  /** Initial shares per state (missing: 0); they must sum to 1 (one may be {@link C}). */
  readonly initial: {
    readonly [S in NoInfer<St>]?: number | NoInfer<CohortNames<P, D>> | typeof C;
  };
  /** Number of cycles n (transitions); the trace is m_0 … m_n. */
  readonly cycles: number;
  /** Cycle length in years (used for discounting and `ctx.time`). */
  readonly cycleLength: number;
  /** Counting, correction and discounting: required, never implied. */
  readonly conventions: CohortConventions;
  /**
   * How far a row without the rest entry may stray from summing to 1, and the rest below 0,
   * before it is an error (default 1e-12).
   */
  readonly rowTolerance?: number;
  /** Outcomes (rewards) and whether each is discounted as a cost or an effect. */
  readonly outcomes: { readonly [X in O]: OutcomeKind };
  /** The outcome that is the model's cost. */
  readonly cost: K;
  /** The outcome that is the model's effect (for ICERs and net benefit). */
  readonly effect: E;
  /** The strategies, the first being the comparator, each with its transitions and rewards. */
  readonly strategies: {
    readonly [X in T]: CohortStrategy<NoInfer<St>, NoInfer<CohortNames<P, D>>, NoInfer<O>>;
  };
}

/** Every column name of a cohort definition: sampled parameters (Dirichlet components expanded) and derived names. */
export type CohortNames<P, D> = ParameterNames<P> | (keyof D & string);
