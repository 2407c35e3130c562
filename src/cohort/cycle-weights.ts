/**
 * Which state vectors of a cohort trace earn state rewards, and with what within-cycle weight.
 * The trace is m_0 … m_n (m_0 the initial distribution, m_t the cohort after t transitions);
 * the weight w_t multiplies the reward earned on m_t (before discounting).
 *
 * @module
 */

/**
 * The state vectors that earn state rewards: `start` m_0 … m_{n−1} (heemod's `method =
 * "beginning"` from heemod 0.14.0 on; Briggs et al.'s THR model), `end` m_1 … m_n (heemod's
 * `"end"`; Briggs et al.'s HIV model), `all` m_0 … m_n (the DARTH tutorials). heemod before
 * 0.14.0 named its two methods the other way round.
 */
export type Counting = "start" | "end" | "all";

/**
 * The within-cycle correction applied over the counted vectors, numbered j = 0 … K:
 *
 * - `none`: every counted vector weighs 1;
 * - `half-cycle`: the trapezoid rule, ½ at j = 0 and j = K, 1 between;
 * - `simpson`: textbook Simpson 1/3, ⅓ at the ends, 4/3 at odd j, 2/3 at even j;
 * - `darth-simpson`: the DARTH tutorials' weights (darthtools `gen_wcc(n, "Simpson1/3")`),
 *   ⅓ at the ends, 2/3 at odd j, 4/3 at even j: the parity opposite to the textbook's.
 */
export type Correction = "none" | "half-cycle" | "simpson" | "darth-simpson";

const COUNTINGS: readonly Counting[] = ["start", "end", "all"];
const CORRECTIONS: readonly Correction[] = ["none", "half-cycle", "simpson", "darth-simpson"];

/**
 * The weight w_t of each state vector m_0 … m_n: zero outside the counted range, the
 * correction's weight inside it. The reward earned on m_t is w_t × (reward of m_t) before
 * discounting.
 *
 * @example
 * ```ts
 * cycleWeights(4, "all", "half-cycle");     // [0.5, 1, 1, 1, 0.5]
 * cycleWeights(4, "end", "none");           // [0, 1, 1, 1, 1]
 * cycleWeights(4, "all", "darth-simpson");  // [1/3, 2/3, 4/3, 2/3, 1/3]
 * ```
 */
export function cycleWeights(
  cycles: number,
  counting: Counting,
  correction: Correction,
): Float64Array {
  if (!(Number.isInteger(cycles) && cycles >= 1)) {
    throw new RangeError(
      `cycleWeights: cycles must be a whole number of at least 1, got ${cycles}`,
    );
  }
  if (!COUNTINGS.includes(counting)) {
    throw new RangeError(
      `cycleWeights: counting must be one of ${COUNTINGS.join(", ")}, got ${String(counting)}`,
    );
  }
  if (!CORRECTIONS.includes(correction)) {
    throw new RangeError(
      `cycleWeights: correction must be one of ${CORRECTIONS.join(", ")}, got ${String(correction)}`,
    );
  }
  const first = counting === "end" ? 1 : 0;
  const last = counting === "start" ? cycles - 1 : cycles;
  const intervals = last - first;
  if (correction !== "none" && intervals < 1) {
    throw new RangeError(
      `cycleWeights: the ${correction} correction needs at least two counted state vectors; ${cycles} cycle counted on ${counting} gives one`,
    );
  }
  const w = new Float64Array(cycles + 1);
  for (let j = 0; j <= intervals; j++) {
    let weight = 1;
    if (correction === "half-cycle") {
      weight = j === 0 || j === intervals ? 0.5 : 1;
    } else if (correction === "simpson") {
      weight = j === 0 || j === intervals ? 1 / 3 : j % 2 === 1 ? 4 / 3 : 2 / 3;
    } else if (correction === "darth-simpson") {
      weight = j === 0 || j === intervals ? 1 / 3 : j % 2 === 1 ? 2 / 3 : 4 / 3;
    }
    w[first + j] = weight;
  }
  return w;
}
