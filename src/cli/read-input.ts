/**
 * Reading a user's input file with a clear message when it cannot be read.
 *
 * @module
 */

import { InputError } from "../errors.js";
import type { CliIo } from "./io.js";

const REASONS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EISDIR: "is a directory, not a file",
};

/**
 * Reads a text file named by the user, turning file-system errors into an {@link InputError}.
 *
 * @example
 * ```ts
 * const text = readInput(io, "psa.csv");
 * ```
 */
export function readInput(io: CliIo, file: string): string {
  try {
    return io.readText(file);
  } catch (e) {
    const code = (e as { code?: string }).code ?? "";
    throw new InputError({ file, message: `cannot read the file: ${REASONS[code] ?? String(e)}` });
  }
}
