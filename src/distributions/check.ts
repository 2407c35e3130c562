/**
 * Checks of distribution parameters written by people, with messages that name the
 * distribution and the parameter, and the check of a quantile function's argument.
 *
 * @module
 */

import { valueText } from "../core/value-text.js";
import { InputError } from "../errors.js";

/**
 * Throws an {@link InputError} `"<dist>: <message>"`.
 *
 * @example
 * ```ts
 * fail("gamma", "sd must be positive, got 0"); // InputError "gamma: sd must be positive, got 0"
 * ```
 */
export function fail(dist: string, message: string): never {
  throw new InputError({ message: `${dist}: ${message}` });
}

/**
 * Returns `value` if it is a finite number, else throws naming the parameter.
 *
 * @example
 * ```ts
 * finite("normal", "mean", 3);     // 3
 * finite("normal", "mean", "3");   // InputError "normal: mean must be a finite number, got 3"
 * ```
 */
export function finite(dist: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    fail(
      dist,
      typeof value === "number"
        ? `${name} must be a finite number, but it is ${valueText(value)}`
        : `${name} must be a finite number, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Returns `value` if it is a finite number above zero, else throws naming the parameter.
 *
 * @example
 * ```ts
 * positive("gamma", "sd", 3000); // 3000
 * positive("gamma", "sd", 0);    // InputError "gamma: sd must be positive, got 0"
 * ```
 */
export function positive(dist: string, name: string, value: unknown): number {
  const v = finite(dist, name, value);
  if (!(v > 0)) fail(dist, `${name} must be positive, got ${v}`);
  return v;
}

/**
 * Throws a RangeError unless `p` is a probability in [0, 1] (the argument of a quantile
 * function: a programmer's value, not a person's).
 *
 * @example
 * ```ts
 * checkProbability(0.975); // fine
 * checkProbability(97.5);  // RangeError "quantile: p must be in [0, 1], got 97.5"
 * ```
 */
export function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
}

/**
 * A derived number for a message: six significant digits, without trailing zeros.
 *
 * @example
 * ```ts
 * formatNumber(0.28 * 0.72); // "0.2016" (not 0.20159999999999997)
 * ```
 */
export function formatNumber(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/**
 * Throws unless exactly one of the named parameter forms is used, e.g. gamma's shape and scale,
 * shape and rate, or mean and sd. A form is used when any of its keys is present.
 *
 * @example
 * ```ts
 * oneForm("beta", spec, [["alpha", "beta"], ["mean", "sd"]]); // index of the form used
 * ```
 */
export function oneForm(dist: string, spec: object, forms: readonly (readonly string[])[]): number {
  const given = spec as Readonly<Record<string, unknown>>;
  const used: number[] = [];
  forms.forEach((keys, i) => {
    if (keys.some((k) => given[k] !== undefined)) used.push(i);
  });
  const list = forms.map((keys) => keys.join(" and ")).join(", or ");
  if (used.length !== 1) {
    fail(dist, `give ${list}${used.length > 1 ? " (not a mix)" : ""}`);
  }
  return used[0] as number;
}
