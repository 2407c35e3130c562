/**
 * The currency of a report's amounts. A model states it with its costs (a model file's
 * `cost: { unit: $ }`; the SWIS models are in pounds), and reports write it before every amount
 * and in the titles of money columns.
 *
 * @module
 */

export { DEFAULT_CURRENCY } from "../model/model-factory.js";

/**
 * An amount written with its currency: the symbol before it, "£1,234" or "$1,234", and a space
 * after a unit that ends in a letter, "CHF 1,234".
 *
 * @example
 * ```ts
 * money("$", "1,234"); // "$1,234"
 * money("CHF", "1,234"); // "CHF 1,234"
 * ```
 */
export function money(currency: string, amount: string): string {
  return /\p{L}$/u.test(currency) ? `${currency} ${amount}` : `${currency}${amount}`;
}
