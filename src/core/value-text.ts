/**
 * Computed numbers in messages to a person: finite numbers as themselves, the others in words,
 * since "NaN" and "Infinity" mean nothing to most readers of a report or an error.
 *
 * @module
 */

/**
 * A computed number as a message shows it: `String(x)` when finite, else "not a number",
 * "infinity" or "minus infinity". `digits` rounds finite numbers to that many significant
 * digits (trailing zeros dropped).
 *
 * @example
 * ```ts
 * valueText(0.1 + 0.2);      // "0.30000000000000004"
 * valueText(0.1 + 0.2, 12);  // "0.3"
 * valueText(Math.log(-1));   // "not a number"
 * valueText(-1 / 0);         // "minus infinity"
 * ```
 */
export function valueText(x: number, digits?: number): string {
  if (Number.isNaN(x)) return "not a number";
  if (x === Number.POSITIVE_INFINITY) return "infinity";
  if (x === Number.NEGATIVE_INFINITY) return "minus infinity";
  return String(digits === undefined ? x : Number(x.toPrecision(digits)));
}
