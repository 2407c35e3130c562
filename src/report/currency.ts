/**
 * The currency of a report's amounts. A model states it with its costs (a model file's
 * `cost: { unit: $ }`; the SWIS models are in pounds), and reports write it before every amount
 * and in the titles of money columns.
 *
 * @module
 */

export { DEFAULT_CURRENCY } from "../model/model-factory.js";

/**
 * An amount written with its currency: a unit that ends in a currency sign goes straight before
 * it, "£1,234", "$1,234", "US$1,234"; any other takes a space, "CHF 1,234", "kr. 1,234".
 *
 * @example
 * ```ts
 * money("$", "1,234"); // "$1,234"
 * money("CHF", "1,234"); // "CHF 1,234"
 * ```
 */
export function money(currency: string, amount: string): string {
  if (currency === "") return amount;
  return /\p{Sc}$/u.test(currency) ? `${currency}${amount}` : `${currency} ${amount}`;
}
