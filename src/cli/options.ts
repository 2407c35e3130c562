/**
 * Parsing of command-line flag values into numbers, with errors that name the flag.
 *
 * @module
 */

import { InputError } from "../errors.js";

/**
 * Parses a finite number given to `flag`, checking it against `check` (which returns an error
 * description or undefined).
 *
 * @example
 * ```ts
 * parseNumberFlag("--discount", "0.035", (v) => (v > -1 ? undefined : "must be above -1")); // 0.035
 * ```
 */
export function parseNumberFlag(
  flag: string,
  text: string,
  check: (value: number) => string | undefined = () => undefined,
): number {
  const t = text.trim().replace(/_/g, "");
  const v = t === "" ? Number.NaN : Number(t);
  if (!Number.isFinite(v)) {
    throw new InputError({ field: flag, message: `expected a number, got "${text}"` });
  }
  const problem = check(v);
  if (problem !== undefined)
    throw new InputError({ field: flag, message: `${problem}, got ${text}` });
  return v;
}

/**
 * Parses a positive whole number given to `flag`.
 *
 * @example
 * ```ts
 * parsePositiveInteger("--years", "10"); // 10
 * ```
 */
export function parsePositiveInteger(flag: string, text: string): number {
  return parseNumberFlag(flag, text, (v) =>
    Number.isInteger(v) && v >= 1 ? undefined : "expected a positive whole number",
  );
}

/**
 * Checks that `value` is one of `allowed`, naming the flag and the choices otherwise.
 *
 * @example
 * ```ts
 * parseChoice("--format", "json", ["table", "json", "csv"] as const); // "json"
 * ```
 */
export function parseChoice<T extends string>(
  flag: string,
  value: string,
  allowed: readonly T[],
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError({
    field: flag,
    message: `expected one of ${allowed.join(", ")}, got "${value}"`,
  });
}
