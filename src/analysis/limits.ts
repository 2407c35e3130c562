/**
 * The numeric limits every input, flag and model output is held to, so that every sum, mean,
 * square and product a report shows stays a finite number (see README, "Limits").
 *
 * Why these values: a cost or effect is at most {@link MAX_MAGNITUDE} = 10¹⁵ in absolute value,
 * just under 2⁵³ ≈ 9.0 × 10¹⁵, the largest magnitude at which every whole pound is still exact in
 * a double. With WTP ≤ {@link MAX_WTP} = 10⁹, a net benefit is at most 10⁹ · 10¹⁵ + 10¹⁵ ≈ 10²⁴;
 * its square is about 10⁴⁸, and a sum of squares over even 10¹⁰ samples about 10⁵⁸. Population
 * EVPI multiplies an EVPI (≤ 2 · 10²⁴) by at most {@link MAX_POPULATION} · {@link MAX_YEARS} =
 * 10¹². All of these are hundreds of orders of magnitude below the largest double (1.8 × 10³⁰⁸),
 * so no result can overflow to Infinity or become NaN.
 *
 * @module
 */

/** Largest absolute value of a cost or effect read from a CSV or produced by a model. */
export const MAX_MAGNITUDE = 1e15;

/** Largest absolute willingness to pay per unit of effect. */
export const MAX_WTP = 1e9;

/**
 * Most values in a WTP grid: 100,001 is `0:100000:1` (every pound up to £100,000), and keeps a
 * report's per-WTP tables within what a string (and a spreadsheet) can hold.
 */
export const MAX_WTP_POINTS = 100_001;

/** Largest population affected per year, for population EVPI (above the world's population). */
export const MAX_POPULATION = 1e10;

/** Most years a decision applies for, for population EVPI. */
export const MAX_YEARS = 100;

/** Annual discount rates, for population EVPI: 0 to 20%, as in scenarios and model files. */
export { DISCOUNT_RANGE } from "../core/discount-range.js";

/** Fewest PSA samples an analysis accepts: with one, no spread or probability is defined. */
export const MIN_SAMPLES = 2;

/** The most PSA samples a run accepts, whatever the memory: 10⁸. */
export const MAX_SAMPLES = 100_000_000;

/**
 * Most strategies in one analysis. Every per-WTP table has a column per strategy and the
 * incremental table compares each pair; 100 is ten times the largest published comparison we know.
 */
export const MAX_STRATEGIES = 100;

/** The message for a scenario or model file of more than {@link MAX_STRATEGIES} strategies. */
export const TOO_MANY_STRATEGIES = `more than ${MAX_STRATEGIES} strategies; at most ${MAX_STRATEGIES} can be compared (see README, "Limits")`;

/**
 * Longest strategy name, in characters: every table and chart shows it, and a name of millions
 * of characters made a report too long to print. 200 is far more than any label needs.
 */
export const MAX_STRATEGY_NAME = 200;

/**
 * Most problems one scenario's check reports: beyond these the list stops being read, and
 * locating tens of thousands of them took minutes.
 */
export const MAX_REPORTED_ISSUES = 100;

/**
 * The line that ends a list of problems cut at {@link MAX_REPORTED_ISSUES}, counting the rest.
 *
 * @example
 * ```ts
 * moreProblems(2500); // "and 2,500 more problems; fix these first"
 * ```
 */
export function moreProblems(rest: number): string {
  return `and ${rest.toLocaleString("en-GB")} more problems; fix these first`;
}

/**
 * Formats a number the way limits are written in messages: "1e15", "100,001", "0.2".
 *
 * @example
 * ```ts
 * limitText(1e15);    // "1e15"
 * limitText(100001);  // "100,001"
 * ```
 */
export function limitText(x: number): string {
  if (Math.abs(x) >= 1e7) return x.toExponential().replace("e+", "e").replace(/\.0+e/, "e");
  return x.toLocaleString("en-GB", { maximumFractionDigits: 6 });
}

/**
 * Why `x` cannot be used as a cost or effect, or undefined when it can: it must be finite and
 * within ±{@link MAX_MAGNITUDE}.
 *
 * @example
 * ```ts
 * magnitudeProblem(1.7e308); // "1.7e+308 is beyond the limit of ±1e15"
 * magnitudeProblem(12.5);    // undefined
 * ```
 */
export function magnitudeProblem(x: number): string | undefined {
  if (Number.isNaN(x)) return "NaN is not a number";
  if (!Number.isFinite(x)) return `${x} is not a finite number`;
  if (Math.abs(x) > MAX_MAGNITUDE)
    return `${x} is beyond the limit of ±${limitText(MAX_MAGNITUDE)}`;
  return undefined;
}

/**
 * Whether every `x[0..n)` is finite and within ±{@link MAX_MAGNITUDE} (one pass, no allocation).
 *
 * @example
 * ```ts
 * allWithinMagnitude(new Float64Array([1, 2, 3]), 3); // true
 * ```
 */
export function allWithinMagnitude(x: ArrayLike<number>, n: number = x.length): boolean {
  for (let i = 0; i < n; i++) {
    // NaN fails the comparison too.
    if (!(Math.abs(x[i] as number) <= MAX_MAGNITUDE)) return false;
  }
  return true;
}
