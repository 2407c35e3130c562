/**
 * The one way the CLI reads a person's input file (a scenario, every file it `extends`, a PSA
 * CSV, the init template): regular files only, within a size limit per kind checked before
 * reading, decoded strictly as UTF-8 by the same function the web page uses.
 *
 * The file is opened non-blocking and checked on its descriptor (`fstat`), so a FIFO is refused
 * without waiting for a writer and the file checked is the file read. At most the limit plus one
 * byte is ever read, so a file that grows while being read, or a /proc file that reports a size
 * of 0, cannot exceed it either.
 *
 * @module
 */

import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { INPUT_LIMITS, type InputKind, tooLarge } from "../core/input-limits.js";
import { decodeInputText } from "../core/text-input.js";
import { EnvironmentError, FileReadError } from "../errors.js";

/** Why a file of this type is not read. */
function notRegular(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return "is a directory, not a file";
  if (stat.isFIFO()) return "is a FIFO (named pipe), not a regular file";
  if (stat.isCharacterDevice()) return "is a character device, not a regular file";
  if (stat.isBlockDevice()) return "is a block device, not a regular file";
  if (stat.isSocket()) return "is a socket, not a regular file";
  return "is not a regular file";
}

/** Messages for errors that are the person's to fix (exit 2). */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory, not a file",
  ENOTDIR: "a part of the path is not a directory",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
  ENXIO: "is a socket or a device, not a regular file",
  ENODEV: "is a device, not a regular file",
};

/**
 * The error for a failed open or read: a {@link FileReadError} for a path the person can fix,
 * an {@link EnvironmentError} (exit 1) for anything else (an I/O error, too many open files).
 *
 * @example
 * ```ts
 * readError("psa.csv", Object.assign(new Error(), { code: "ENOENT" })).message;
 * // "psa.csv: cannot read the file: no such file"
 * ```
 */
export function readError(file: string, error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  const reason = typeof code === "string" ? REASONS[code] : undefined;
  if (reason !== undefined) return new FileReadError(file, reason);
  const what = typeof code === "string" ? code : String(error);
  return new EnvironmentError(`${file}: cannot read the file (${what})`);
}

/** Reads at most `limit + 1` bytes from `fd` (from `position`, or where it is). */
function readBounded(
  fd: number,
  expected: number,
  limit: number,
  position: number | null = null,
): Uint8Array {
  let buffer = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(expected + 1, 64 * 1024)));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) break;
      const grown = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length * 2));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const n = readSync(
      fd,
      buffer,
      length,
      buffer.length - length,
      position === null ? null : position + length,
    );
    if (n === 0) break;
    length += n;
  }
  return buffer.subarray(0, length);
}

/**
 * Reads a person's input file of the given kind as text. Refuses, with a {@link FileReadError}
 * naming the file (exit 2): a missing file, a directory, a FIFO, a device, a socket, a file
 * larger than {@link INPUT_LIMITS}; and, with a located {@link InputError}, text that is not
 * UTF-8. An I/O failure is an {@link EnvironmentError} (exit 1).
 *
 * @example
 * ```ts
 * const text = readInputFile("scenarios/swis-rct.yaml", "scenario");
 * readInputFile("/dev/zero", "csv"); // throws: /dev/zero: cannot read the file: is a character device, …
 * ```
 */
export function readInputFile(file: string, kind: InputKind): string {
  return decodeInputText(readChecked(file, kind), file);
}

/**
 * Reads a person's input file of the given kind as UTF-8 bytes, with the same refusals as
 * {@link readInputFile} (the same messages, from the same checks), but without decoding it into
 * a string: for CSV readers that parse bytes. A UTF-8 byte-order mark is dropped, as
 * {@link readInputFile} drops it.
 *
 * @example
 * ```ts
 * const bytes = readInputBytes("psa.csv", "csv"); // Uint8Array, valid UTF-8
 * ```
 */
export function readInputBytes(file: string, kind: InputKind): Uint8Array {
  const bytes = readChecked(file, kind);
  refuseNonUtf8(bytes, file);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bom ? bytes.subarray(3) : bytes;
}

/** The bytes of a regular file within the kind's limit. */
function readChecked(file: string, kind: InputKind): Uint8Array {
  return withCheckedFile(file, kind, (fd, size) => {
    let bytes: Uint8Array;
    try {
      bytes = readBounded(fd, size, INPUT_LIMITS[kind]);
    } catch (e) {
      throw readError(file, e);
    }
    if (bytes.length > INPUT_LIMITS[kind]) throw tooLarge(file, kind);
    return bytes;
  });
}

/**
 * Opens a person's input file of the given kind, checks that it is a regular file within the
 * kind's limit (as {@link readInputFile} does, with the same messages), and passes its
 * descriptor and size to `use`, closing it after. A failed open or stat is refused as
 * {@link readError} words it; `use` reports its own failed reads (with {@link readError} too).
 *
 * @example
 * ```ts
 * const size = withCheckedFile("psa.csv", "csv", (fd, size) => size);
 * ```
 */
export function withCheckedFile<T>(
  file: string,
  kind: InputKind,
  use: (fd: number, size: number) => T,
): T {
  const limit = INPUT_LIMITS[kind];
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    throw readError(file, e);
  }
  try {
    let size: number;
    try {
      const stat = fstatSync(fd);
      const why = notRegular(stat);
      if (why !== undefined) throw new FileReadError(file, why);
      if (stat.size > limit) throw tooLarge(file, kind, stat.size);
      size = stat.size;
    } catch (e) {
      throw e instanceof FileReadError ? e : readError(file, e);
    }
    return use(fd, size);
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses `bytes`, the whole of a person's input file, unless they are UTF-8 text (no NUL bytes
 * nor byte-order marks of other encodings), with {@link decodeInputText}'s located messages.
 *
 * @example
 * ```ts
 * refuseNonUtf8(Uint8Array.of(0x61, 0xff), "psa.csv"); // throws: psa.csv:1:2: is not valid UTF-8 (byte 0xff); …
 * ```
 */
export function refuseNonUtf8(bytes: Uint8Array, file: string): void {
  // NUL bytes, UTF-16 or -32 byte-order marks and invalid UTF-8 are refused by the decoder, with
  // its located messages; valid bytes need no string.
  if (bytes.indexOf(0) !== -1 || !isUtf8(bytes)) decodeInputText(bytes, file);
}

/**
 * Reads a whole checked file again from its descriptor, from its first byte (for the messages
 * about its bytes once a piece-by-piece check has found a bad one).
 *
 * @example
 * ```ts
 * withCheckedFile("psa.csv", "csv", (fd, size) => rereadBounded(fd, size, "csv", "psa.csv"));
 * ```
 */
export function rereadBounded(fd: number, size: number, kind: InputKind, file: string): Uint8Array {
  try {
    return readBounded(fd, size, INPUT_LIMITS[kind], 0);
  } catch (e) {
    throw readError(file, e);
  }
}
