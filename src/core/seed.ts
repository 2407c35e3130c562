/**
 * The one rule for a random seed, shared by `--seed` and a scenario's `psa.seed`: a seed is a
 * number or a word. A number must be a whole number from 0 to 2^53 − 1: above that, JavaScript
 * numbers cannot tell neighbours apart (2^53 and 2^53 + 1 are the same number), so two seeds
 * would silently give the same draws. Text that reads as a number (`1000`, `1e3`, `0x3e8`, as
 * YAML reads a plain value) is that number; any other text is a word.
 *
 * {@link Rng.create} seeds from the decimal text of a number, so the number 1000 and the word
 * "1000" (a quoted `"1000"` in YAML) give the same draws.
 *
 * @module
 */

import { InputError } from "../errors.js";

/** The largest numeric seed, 2^53 − 1. */
export const MAX_NUMERIC_SEED = Number.MAX_SAFE_INTEGER;

/** Numbers as YAML 1.2 (core schema) reads them: decimal, 0x hex, 0o octal, .inf, .nan. */
const NUMBER =
  /^(?:[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** The value of text that {@link NUMBER} matched. */
function numberOf(text: string): number {
  if (text.startsWith("0x")) return Number.parseInt(text.slice(2), 16);
  if (text.startsWith("0o")) return Number.parseInt(text.slice(2), 8);
  if (/inf$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (/nan$/i.test(text)) return Number.NaN;
  return Number(text);
}

/**
 * What is wrong with a numeric seed, or undefined if it is a whole number from 0 to 2^53 − 1.
 * `written` is the seed as the person wrote it (for the message).
 *
 * @example
 * ```ts
 * seedProblem(1000);       // undefined
 * seedProblem(2 ** 53);    // "a numeric seed must be a whole number from 0 to 9007199254740991 …"
 * ```
 */
export function seedProblem(value: number, written: string = String(value)): string | undefined {
  if (Number.isInteger(value) && value >= 0 && value <= MAX_NUMERIC_SEED) return undefined;
  const why =
    Number.isInteger(value) && value > MAX_NUMERIC_SEED
      ? "larger seeds cannot be told apart and would give the same draws"
      : "a seed is a whole number or a word";
  return `a numeric seed must be a whole number from 0 to ${MAX_NUMERIC_SEED} (${why}), got ${written}; to use it as a word, write it in quotes in the scenario or with a letter on the command line (e.g. s${written})`;
}

/**
 * A seed given as text (`--seed`): a number when it reads as one (checked by
 * {@link seedProblem}), else the word itself. Throws an {@link InputError} naming `field` for
 * an empty seed or a number out of range.
 *
 * @example
 * ```ts
 * parseSeed("1e3");        // 1000
 * parseSeed("swis-2024");  // "swis-2024"
 * parseSeed("9007199254740993"); // throws InputError: --seed: a numeric seed must be …
 * ```
 */
export function parseSeed(text: string, field = "--seed"): string | number {
  const trimmed = text.trim();
  if (trimmed === "") {
    throw new InputError({ field, message: "expected a whole number or a word, got nothing" });
  }
  if (!NUMBER.test(trimmed)) return text;
  const value = numberOf(trimmed);
  const problem = seedProblem(value, trimmed);
  if (problem !== undefined) throw new InputError({ field, message: problem });
  return value;
}
