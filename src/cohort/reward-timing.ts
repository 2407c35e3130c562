/**
 * When a cohort model's rewards are earned and discounted. By default each counted state vector
 * m_t earns its rewards valued at cycle t and discounted at its own time t (`vector`). heemod
 * instead earns rewards per cycle: cycle c = 1 … n earns on its count (m_{c−1}, m_c, or their
 * mean for its `"life-table"` method), valued at cycle c, and is discounted as a whole from the
 * cycle's start, (1 + r)^−(c−1) (`cycle-start`, heemod's `discount(first = FALSE)`, its
 * default), or from its end, (1 + r)^−c (`cycle-end`, `first = TRUE`).
 *
 * A per-cycle run is a vector run whose step t (the move from m_{t−1} to m_t) earns the state
 * rewards of its source m_{t−1}, of its target m_t, or half of each, with the rewards of
 * transition t, all valued at t and multiplied by one coefficient: the cycle's share times its
 * discount factor. This module gives the shares, the factors and which vectors a step rewards.
 *
 * @module
 */

import { type Correction, type Counting, cycleWeights } from "./cycle-weights.js";

/**
 * Where rewards are discounted: `vector` (each counted vector m_t at time t), `cycle-start`
 * (each cycle c from its start, c − 1: heemod's default) or `cycle-end` (from its end, c).
 */
export type DiscountAt = "vector" | "cycle-start" | "cycle-end";

/** The values of {@link DiscountAt}. */
export const DISCOUNT_AT: readonly DiscountAt[] = ["vector", "cycle-start", "cycle-end"];

/**
 * Why transition rewards are refused per cycle with rewards on start or all: heemod earns a
 * transition's rewards (its `starting_values`) a cycle later with "beginning" and splits them
 * between two cycles with "life-table", which this engine does not do.
 */
export const PER_CYCLE_TRANSITIONS =
  'transition rewards are earned per cycle only with rewards on end; with start heemod earns them a cycle later ("beginning") and with all it splits them between two cycles ("life-table"), which ceakit does not; discount them per vector (vector), which for start is heemod\'s "beginning" with first = FALSE when they do not change with t';

/** Where costs and effects are discounted (both per vector, or both per cycle). */
export interface DiscountTiming {
  readonly costs: DiscountAt;
  readonly effects: DiscountAt;
}

/** What a run's steps reward, and with what share. */
export interface RewardTiming {
  /**
   * Per index t = 0 … n: per vector, the weight w_t of m_t (see `cycleWeights`); per cycle, 0 at
   * t = 0 and the share of cycle t's counted vectors (1, or ½ each for the mean of two).
   */
  readonly weights: Float64Array;
  /** Whether step t earns the state rewards of its source m_{t−1} (per cycle only). */
  readonly source: boolean;
  /** Whether step t earns the state rewards of its target m_t. */
  readonly target: boolean;
  /** Whether the rewards are earned per cycle. */
  readonly perCycle: boolean;
}

/** Whether rewards discounted at `at` are earned per cycle. */
const perCycle = (at: DiscountAt) => at !== "vector";

/**
 * The mistake in a combination of conventions, in words, or undefined when there is none:
 * a correction that needs two counted vectors where there is one; costs per vector and effects
 * per cycle (or the other way round); per-cycle discounting with a counting and correction that
 * are not one of heemod's methods.
 *
 * @example
 * ```ts
 * conventionProblem(10, "all", "half-cycle", { costs: "cycle-start", effects: "cycle-start" }); // undefined
 * conventionProblem(10, "all", "none", { costs: "cycle-start", effects: "cycle-start" });
 * // "discounting per cycle (cycle-start) counts in cycle c m_{c−1} (rewards on start), …"
 * ```
 */
export function conventionProblem(
  cycles: number,
  counting: Counting,
  correction: Correction,
  at: DiscountTiming,
): string | undefined {
  for (const kind of ["costs", "effects"] as const) {
    if (!DISCOUNT_AT.includes(at[kind])) {
      return `discount_at (${kind}) must be one of ${DISCOUNT_AT.join(", ")}, got ${String(at[kind])}`;
    }
  }
  if (perCycle(at.costs) !== perCycle(at.effects)) {
    return `costs and effects must both be discounted per vector or both per cycle; got ${at.costs} (costs) and ${at.effects} (effects)`;
  }
  if (perCycle(at.costs)) {
    const method = counting === "all" ? correction === "half-cycle" : correction === "none";
    if (!method) {
      const which = at.costs === at.effects ? at.costs : `${at.costs}, ${at.effects}`;
      return `discounting per cycle (${which}) counts in cycle c m_{c−1} (rewards on start), m_c (end) or their mean (all, with the half-cycle correction), with no other correction: rewards on ${counting} with the ${correction} correction have no per-cycle form`;
    }
    return undefined;
  }
  const counted = counting === "all" ? cycles + 1 : cycles;
  if (correction !== "none" && counted < 2) {
    return `the ${correction} correction needs at least two counted state vectors; ${cycles} cycle with rewards on ${counting} counts one`;
  }
  return undefined;
}

/**
 * The shares of each index and the vectors a step rewards, for conventions without a
 * {@link conventionProblem} (a RangeError names it otherwise).
 *
 * @example
 * ```ts
 * rewardTiming(3, "all", "half-cycle", { costs: "cycle-start", effects: "cycle-start" });
 * // { weights: [0, 0.5, 0.5, 0.5], source: true, target: true, perCycle: true }
 * rewardTiming(3, "end", "none", { costs: "vector", effects: "vector" });
 * // { weights: [0, 1, 1, 1], source: false, target: true, perCycle: false }
 * ```
 */
export function rewardTiming(
  cycles: number,
  counting: Counting,
  correction: Correction,
  at: DiscountTiming,
): RewardTiming {
  const problem = conventionProblem(cycles, counting, correction, at);
  if (problem !== undefined) throw new RangeError(`rewardTiming: ${problem}`);
  const weights = cycleWeights(cycles, counting, correction);
  if (!perCycle(at.costs)) return { weights, source: false, target: true, perCycle: false };
  const share = counting === "all" ? 0.5 : 1;
  const cycleShares = new Float64Array(cycles + 1).fill(share);
  cycleShares[0] = 0;
  return {
    weights: cycleShares,
    source: counting !== "end",
    target: counting !== "start",
    perCycle: true,
  };
}

/**
 * The discount factor of each index t = 0 … n, from the factors d(t) = D(t × cycle length) of
 * the vectors: `vector` keeps them; per cycle, cycle t takes d(t − 1) (`cycle-start`) or d(t)
 * (`cycle-end`), and index 0, which earns nothing per cycle, keeps d(0) = 1.
 *
 * @example
 * ```ts
 * timedFactors(Float64Array.of(1, 1 / 1.06, 1 / 1.06 ** 2), "cycle-start"); // [1, 1, 1/1.06]
 * ```
 */
export function timedFactors(d: Float64Array, at: DiscountAt): Float64Array {
  if (at !== "cycle-start") return d;
  const out = new Float64Array(d.length);
  out[0] = d[0] as number;
  for (let t = 1; t < d.length; t++) out[t] = d[t - 1] as number;
  return out;
}

/**
 * Where costs and effects are discounted, from a definition's `discountAt`: absent, both per
 * vector; one value, both at it; `{ costs, effects }`, each at its own. Values are checked by
 * {@link conventionProblem}.
 *
 * @example
 * ```ts
 * discountTiming(undefined); // { costs: "vector", effects: "vector" }
 * discountTiming("cycle-start"); // { costs: "cycle-start", effects: "cycle-start" }
 * ```
 */
export function discountTiming(at: unknown): DiscountTiming {
  if (at === undefined) return { costs: "vector", effects: "vector" };
  if (typeof at === "object" && at !== null) {
    const { costs, effects } = at as { costs?: unknown; effects?: unknown };
    return { costs: costs as DiscountAt, effects: effects as DiscountAt };
  }
  return { costs: at as DiscountAt, effects: at as DiscountAt };
}
