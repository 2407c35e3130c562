/**
 * How large a person's input file may be, by kind, and the message for one that is larger: the
 * same limits and words in the CLI's reader (src/node/input-file.ts) and the web page's upload.
 *
 * @module
 */

import { FileReadError } from "../errors.js";

/** V8's longest string on 64-bit machines, 2^29 − 24 characters (Node 20, 22 and 24). */
const V8_MAX_STRING_LENGTH = 2 ** 29 - 24;

/** What an input file holds; each kind has its own size limit. */
export type InputKind = "scenario" | "csv";

const MIB = 1024 * 1024;

/**
 * Largest input file of each kind, in bytes. Scenarios are hand-written YAML: 1 MiB is hundreds
 * of times the largest shipped one. A CSV is read into one JavaScript string, which V8 caps at
 * 2^29 − 24 characters (Node's `buffer.constants.MAX_STRING_LENGTH` on 64-bit machines, just
 * under 512 MiB); a UTF-8 file has at least as many bytes as characters, so a file within the
 * cap always fits.
 */
export const INPUT_LIMITS: Readonly<Record<InputKind, number>> = {
  scenario: MIB,
  csv: V8_MAX_STRING_LENGTH,
};

const KIND_NAMES: Readonly<Record<InputKind, string>> = {
  scenario: "scenario files",
  csv: "CSV files",
};

/** A limit for messages: "1 MiB", "511.9 MiB". */
function size(bytes: number): string {
  return `${Number((bytes / MIB).toFixed(1))} MiB`;
}

/** "1,048,577 bytes". */
const bytesText = (n: number) => `${n.toLocaleString("en-GB")} bytes`;

/**
 * The refusal of a file over its kind's limit (`bytes`: its size, when known).
 *
 * @example
 * ```ts
 * tooLarge("big.yaml", "scenario", 2_000_000).message;
 * // "big.yaml: cannot read the file: is 2,000,000 bytes, more than the 1 MiB limit (1,048,576 bytes) for scenario files"
 * ```
 */
export function tooLarge(file: string, kind: InputKind, bytes?: number): FileReadError {
  const max = INPUT_LIMITS[kind];
  const limit = `the ${size(max)} limit (${bytesText(max)}) for ${KIND_NAMES[kind]}`;
  return new FileReadError(
    file,
    bytes === undefined ? `is larger than ${limit}` : `is ${bytesText(bytes)}, more than ${limit}`,
  );
}
