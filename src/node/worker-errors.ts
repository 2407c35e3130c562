/**
 * Errors across a worker thread's boundary: a worker posts its error as plain data (name and
 * message), and the main thread re-creates it with the same class, so that a failure reads the
 * same whichever thread met it.
 *
 * @module
 */

import { CeaError, InputError, ModelError } from "../errors.js";

/** An error as a worker posts it. */
export interface ErrorData {
  readonly name: string;
  readonly message: string;
  /** A ModelError's strategy. */
  readonly strategy?: string;
}

/**
 * An error as plain data, for `postMessage`.
 *
 * @example
 * ```ts
 * port.postMessage({ error: errorData(e) });
 * ```
 */
export function errorData(e: unknown): ErrorData {
  if (!(e instanceof Error)) return { name: "Error", message: String(e) };
  const strategy = e instanceof ModelError ? e.strategy : undefined;
  return { name: e.name, message: e.message, ...(strategy === undefined ? {} : { strategy }) };
}

/**
 * Re-creates on this thread an error a worker posted, keeping its class (the library's own,
 * RangeError and TypeError); anything else becomes an Error naming the worker.
 *
 * @example
 * ```ts
 * throw reviveError({ name: "RangeError", message: "decisionCurves: the WTP grid is empty" });
 * ```
 */
export function reviveError(error: ErrorData): Error {
  if (error.name === "ModelError") return new ModelError(error.message, error.strategy);
  if (error.name === "InputError") return new InputError({ message: error.message });
  if (error.name === "CeaError") return new CeaError(error.message);
  if (error.name === "RangeError") return new RangeError(error.message);
  if (error.name === "TypeError") return new TypeError(error.message);
  return new Error(`worker failed: ${error.name}: ${error.message}`);
}
