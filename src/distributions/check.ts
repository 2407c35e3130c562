/**
 * Checks of distribution parameters written by people, with messages that name the
 * distribution and the parameter.
 *
 * @module
 */

import { InputError } from "../errors.js";

/**
 * Throws an {@link InputError} `"<dist>: <message>"`.
 *
 * @example
 * ```ts
 * fail("gamma", "sd must be positive, got 0");
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
 * finite("normal", "mean", 3); // 3
 * ```
 */
export function finite(dist: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    fail(dist, `${name} must be a finite number, got ${String(value)}`);
  }
  return value as number;
}

/**
 * Returns `value` if it is a finite number above zero, else throws naming the parameter.
 *
 * @example
 * ```ts
 * positive("gamma", "sd", 3000); // 3000
 * ```
 */
export function positive(dist: string, name: string, value: unknown): number {
  const v = finite(dist, name, value);
  if (!(v > 0)) fail(dist, `${name} must be positive, got ${v}`);
  return v;
}
