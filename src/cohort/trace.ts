/**
 * One run of a cohort model with everything recorded: the trace (cohort share per state per
 * cycle) and the reward earned on each state vector, weighted and discounted, per strategy and
 * outcome. This is what trace charts and per-cycle tables are drawn from; the totals are the
 * same numbers, bit for bit, that the model gives the PSA runner for the same parameter values.
 *
 * @module
 */

import { InputError } from "../errors.js";
import { type CohortModel, cohortEvaluator } from "./define-cohort-model.js";
import type { CohortRecord } from "./kernel.js";

/**
 * Per-cycle rewards of one outcome: index t is the state vector m_t (t = 0 … n) or, with rewards
 * earned per cycle (`discountAt` cycle-start or cycle-end), cycle t (t = 1 … n; index 0 earns
 * nothing).
 */
export interface CycleRewards {
  /**
   * Reward earned on m_t (state rewards of m_t plus rewards of transition t), unweighted; per
   * cycle, in cycle t: the state rewards of its counted vectors (m_{t−1}, m_t or both) valued at
   * t, plus the rewards of transition t, before the cycle's share.
   */
  readonly reward: readonly number[];
  /** w_t × reward: counted and corrected, not discounted. */
  readonly weighted: readonly number[];
  /** w_t × d_t × reward: these and the initial rewards add up to the total (up to rounding). */
  readonly discounted: readonly number[];
}

/** The recorded run of one strategy. */
export interface StrategyTrace<O extends string = string> {
  readonly name: string;
  /** trace[t][s]: share of the cohort in state s (tunnel positions summed) after t cycles. */
  readonly trace: readonly (readonly number[])[];
  /** The same over the expanded states (tunnels by time in state). */
  readonly expandedTrace: readonly (readonly number[])[];
  readonly perCycle: Readonly<Record<O, CycleRewards>>;
  /** Initial (time-0) rewards. */
  readonly initial: Readonly<Record<O, number>>;
  /** Total per outcome: initial + Σ_t w_t d_t reward_t, the model's result bit for bit. */
  readonly total: Readonly<Record<O, number>>;
  /** Total without discounting: initial + Σ_t w_t reward_t (summed from the per-cycle values). */
  readonly undiscounted: Readonly<Record<O, number>>;
}

/** A recorded run of every strategy at one set of parameter values. */
export interface CohortTrace<O extends string = string> {
  readonly model: string;
  readonly states: readonly string[];
  readonly expandedStates: readonly string[];
  readonly cycles: number;
  readonly cycleLength: number;
  readonly conventions: CohortModel["cohort"]["conventions"];
  /** Every outcome, cost and effect included, in definition order. */
  readonly outcomes: readonly O[];
  readonly cost: O;
  readonly effect: O;
  /** w_t, t = 0 … n (per cycle: the share of cycle t, 0 at t = 0). */
  readonly weights: readonly number[];
  /** Per outcome, d_t (per cycle: the factor of cycle t). */
  readonly discount: Readonly<Record<O, readonly number[]>>;
  /** The parameter values used (sampled and derived). */
  readonly parameters: Readonly<Record<string, number>>;
  readonly strategies: readonly StrategyTrace<O>[];
}

/**
 * Runs a cohort model once at the given values of every column (sampled and derived
 * parameters) and records everything. For the base case with derived parameters computed, see
 * `runCohortBaseCase`.
 *
 * @example
 * ```ts
 * const trace = cohortTrace(model, { p_die: 0.1, c_alive: 1000 });
 * trace.strategies[0].trace[1]; // [0.9, 0.1]
 * ```
 */
export function cohortTrace(
  model: CohortModel,
  values: Readonly<Record<string, number>>,
): CohortTrace {
  const plan = model.cohort;
  const columns: Record<string, Float64Array> = {};
  for (const name of plan.columns) {
    const v = values[name];
    if (typeof v !== "number") {
      throw new InputError({
        field: name,
        message: `cohortTrace: no value for parameter "${name}"`,
      });
    }
    columns[name] = Float64Array.of(v);
  }
  const S = plan.strategies.length;
  const E = plan.expanded.length;
  const O = plan.outcomes.length;
  const T = plan.cycles + 1;
  const totals = plan.strategies.map(() => plan.outcomes.map(() => new Float64Array(1)));
  const record: CohortRecord = {
    trace: Array.from({ length: S }, () => new Float64Array(T * E)),
    rewards: Array.from({ length: S }, () => new Float64Array(O * T)),
    initial: Array.from({ length: S }, () => new Float64Array(O)),
  };
  const names = plan.strategies.map((s) => s.name);
  // The model's own evaluator, writing into per-outcome arrays.
  const output = {
    cost: Object.fromEntries(
      names.map((s, j) => [s, (totals[j] as Float64Array[])[plan.cost] as Float64Array]),
    ),
    effect: Object.fromEntries(
      names.map((s, j) => [s, (totals[j] as Float64Array[])[plan.effect] as Float64Array]),
    ),
    outcomes: Object.fromEntries(
      plan.outcomes.map((o, k) => [
        o,
        Object.fromEntries(
          names.map((s, j) => [s, (totals[j] as Float64Array[])[k] as Float64Array]),
        ),
      ]),
    ),
  };
  cohortEvaluator(plan)(columns, output, { n: 1, start: 0 }, record);
  const strategies = plan.strategies.map((sp, j): StrategyTrace => {
    const trace = record.trace[j] as Float64Array;
    const expandedTrace = Array.from({ length: T }, (_, t) =>
      Array.from(trace.subarray(t * E, t * E + E)),
    );
    const collapsed = expandedTrace.map((row) => {
      const m = plan.states.map(() => 0);
      plan.expanded.forEach((e, k) => {
        const s = plan.states.indexOf(e.state);
        m[s] = (m[s] as number) + (row[k] as number);
      });
      return m;
    });
    const rewards = record.rewards[j] as Float64Array;
    const perCycle: Record<string, CycleRewards> = {};
    const initial: Record<string, number> = {};
    const total: Record<string, number> = {};
    const undiscounted: Record<string, number> = {};
    plan.outcomes.forEach((o, k) => {
      const reward = Array.from(rewards.subarray(k * T, k * T + T));
      const weighted = reward.map((r, t) => (plan.weights[t] as number) * r);
      const discounted = reward.map(
        (r, t) => ((plan.coefficients[k] as Float64Array)[t] as number) * r,
      );
      perCycle[o] = { reward, weighted, discounted };
      initial[o] = (record.initial[j] as Float64Array)[k] as number;
      total[o] = ((totals[j] as Float64Array[])[k] as Float64Array)[0] as number;
      undiscounted[o] = weighted.reduce((a, b) => a + b, initial[o] as number);
    });
    return {
      name: sp.name,
      trace: collapsed,
      expandedTrace,
      perCycle,
      initial,
      total,
      undiscounted,
    };
  });
  return {
    model: plan.name,
    states: plan.states,
    expandedStates: plan.expanded.map((e) => e.name),
    cycles: plan.cycles,
    cycleLength: plan.cycleLength,
    conventions: plan.conventions,
    outcomes: plan.outcomes,
    cost: plan.outcomes[plan.cost] as string,
    effect: plan.outcomes[plan.effect] as string,
    weights: Array.from(plan.weights),
    discount: Object.fromEntries(
      plan.outcomes.map((o, k) => [o, Array.from(plan.discount[k] as Float64Array)]),
    ),
    parameters: Object.fromEntries(plan.columns.map((c) => [c, values[c] as number])),
    strategies,
  };
}
