/**
 * The annual discount rates ceakit takes anywhere: scenarios, model files, cohort models defined
 * in code and population EVPI.
 *
 * @module
 */

/**
 * Lowest and highest annual discount rate, 0 to 20%: the rates HTA agencies use lie between 0
 * and 6% (NICE 3.5%, US 3%, the Green Book's schedules), and with at most 20% a discount factor
 * over the longest horizon stays a normal double.
 *
 * @example
 * ```ts
 * const [low, high] = DISCOUNT_RANGE; // [0, 0.2]
 * ```
 */
export const DISCOUNT_RANGE: readonly [number, number] = [0, 0.2];
