/**
 * Parsing of command-line flag values into numbers, with errors that name the flag.
 *
 * @module
 */

import { parseWtpGrid } from "../analysis/wtp.js";
import { InputError } from "../errors.js";

/** A decimal number: sign, digits with an optional point, an optional exponent. */
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Parses a finite number given to `flag` (decimal; `_` may group digits, as in 1_000_000),
 * checking it against `check` (which returns an error description or undefined).
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
  // Decimal only: Number() would also read 0x10, 0b11 and "Infinity".
  const v = DECIMAL.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(v)) {
    throw new InputError({ field: flag, message: `expected a number, got "${text}"` });
  }
  const problem = check(v);
  if (problem !== undefined)
    throw new InputError({ field: flag, message: `${problem}, got ${text}` });
  // -0 is 0 (it would print as "-0").
  return v === 0 ? 0 : v;
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

/** A bound as written in messages: "1e10" for large ones, "100,001" or "0.2" otherwise. */
const boundText = (x: number) =>
  Math.abs(x) >= 1e7
    ? x.toExponential().replace("e+", "e")
    : x.toLocaleString("en-GB", { maximumFractionDigits: 6 });

/**
 * Parses a number given to `flag` that must lie in `[min, max]` (documented in the README's
 * "Limits"), naming the range when it does not.
 *
 * @example
 * ```ts
 * parseNumberInRange("--population", "278000", 0, 1e10); // 278000
 * parseNumberInRange("--population", "1e308", 0, 1e10);  // InputError: expected a number from 0 to 1e10, got 1e308
 * ```
 */
export function parseNumberInRange(flag: string, text: string, min: number, max: number): number {
  return parseNumberFlag(flag, text, (v) =>
    v >= min && v <= max
      ? undefined
      : `expected a number from ${boundText(min)} to ${boundText(max)}`,
  );
}

/**
 * Parses a whole number given to `flag` that must lie in `[min, max]`.
 *
 * @example
 * ```ts
 * parseIntegerInRange("--years", "10", 1, 100); // 10
 * ```
 */
export function parseIntegerInRange(flag: string, text: string, min: number, max: number): number {
  return parseNumberFlag(flag, text, (v) =>
    Number.isInteger(v) && v >= min && v <= max
      ? undefined
      : `expected a whole number from ${boundText(min)} to ${boundText(max)}`,
  );
}

/**
 * Parses a WTP grid given to `flag` (`start:stop:step` or a comma-separated list), naming the
 * flag in any error.
 *
 * @example
 * ```ts
 * parseWtpFlag("--wtp", "0:100000:1000").length; // 101
 * ```
 */
export function parseWtpFlag(flag: string, text: string): Float64Array {
  try {
    return parseWtpGrid(text);
  } catch (e) {
    if (e instanceof InputError) throw new InputError({ ...e.issue, field: flag });
    throw e;
  }
}

/**
 * Refuses an empty path given to `field` (an unset shell variable, say), naming the argument or
 * flag rather than reporting "no such file".
 *
 * @example
 * ```ts
 * refuseEmptyPath("--effects", ""); // throws InputError: --effects: expected a path, got an empty one
 * ```
 */
export function refuseEmptyPath(field: string, path: string | undefined): void {
  if (path === "") throw new InputError({ field, message: "expected a path, got an empty one" });
}
