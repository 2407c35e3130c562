/**
 * Reading a person's large input file piece by piece through one reused buffer, never whole:
 * on a machine where memory touched for the first time is dear, reading a 150 MB file into
 * memory costs more than parsing it. The file gets the checks of input-file.ts with the same
 * messages (a regular file, within the kind's size limit, UTF-8 text without NUL bytes), in a
 * first pass over it that also counts its lines; a reader then takes its bytes from a
 * {@link ByteSource}, in a second pass over the same open file.
 *
 * @module
 */

import { isUtf8 } from "node:buffer";
import { readSync } from "node:fs";
import { type ByteSource, bytesSource } from "../core/byte-source.js";
import { INPUT_LIMITS, type InputKind, tooLarge } from "../core/input-limits.js";
import { EnvironmentError } from "../errors.js";
import { readError, refuseNonUtf8, rereadBounded, withCheckedFile } from "./input-file.js";

/** A checked input file, for reading piece by piece. */
export interface InputChunks {
  /** Bytes of the file, without a leading UTF-8 byte-order mark. */
  readonly length: number;
  /**
   * Lines of the file: one more than its line feeds, or than its carriage returns when it has
   * no line feed (an upper bound on its rows, for memory estimates).
   */
  readonly lines: number;
  /** Whether the file's last byte ends a line (LF or CR). */
  readonly endsWithLineEnd: boolean;
  /** A source of the file's bytes (without the byte-order mark), from the first. */
  source(): ByteSource;
  /** The open file, for a reader of part of it on another thread (absent for bytes in memory). */
  readonly open?: OpenInput;
}

/** A line start found by the first pass. */
export interface LineStart {
  /** Its offset in the file (counting a byte-order mark). */
  readonly position: number;
  /** Its line number (1: the first line). */
  readonly line: number;
}

/** An input file open while {@link readInputChunks}' callback runs. */
export interface OpenInput {
  /** The file descriptor (closed when the callback returns), for positioned reads. */
  readonly fd: number;
  /** Where the source's bytes start in the file: 3 after a byte-order mark, else 0. */
  readonly start: number;
  /** Bytes of the file. */
  readonly size: number;
  /** Line starts after line feeds spread over the file (about one a 1 MiB piece), in order. */
  readonly lineStarts: readonly LineStart[];
}

/** The default piece, 1 MiB. */
const CHUNK_SIZE = 1 << 20;

/**
 * Where the trailing bytes of `bytes[0..end)` that may begin a UTF-8 sequence completed by the
 * next piece start (`end` when the last sequence is complete, or cannot be completed).
 */
function completeEnd(bytes: Uint8Array, end: number): number {
  // Back over at most three continuation bytes to the byte that leads them.
  let j = end - 1;
  while (j >= 0 && j > end - 4 && ((bytes[j] as number) & 0xc0) === 0x80) j--;
  if (j < 0) return end;
  const lead = bytes[j] as number;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return j + length > end ? j : end;
}

/** Counts of line ends, as the first pass keeps them. */
interface LineCounts {
  lf: number;
  cr: number;
}

/**
 * Adds the line feeds (and, while none is seen, the carriage returns) of `piece`, which starts at
 * `position` in the file, to `counts`; notes the line start after its first line feed in
 * `starts`, if given.
 */
function countLineEnds(
  piece: Buffer,
  counts: LineCounts,
  position = 0,
  starts?: LineStart[],
): void {
  const first = piece.indexOf(10);
  if (starts !== undefined && first !== -1) {
    starts.push({ position: position + first + 1, line: counts.lf + 2 });
  }
  for (let i = first; i !== -1; i = piece.indexOf(10, i + 1)) counts.lf++;
  if (counts.lf === 0) {
    for (let i = piece.indexOf(13); i !== -1; i = piece.indexOf(13, i + 1)) counts.cr++;
  }
}

/**
 * Opens a person's input file of the given kind, checks it as `readInputBytes` does (the same
 * refusals, with the same messages: a missing file, a directory, a FIFO, a device, a file over
 * the kind's limit, bytes that are not UTF-8 text) reading it piece by piece through one
 * buffer, and passes it to `use` as {@link InputChunks}, closing it after.
 *
 * @example
 * ```ts
 * const table = readInputChunks("psa.csv", "csv", (chunks) =>
 *   readLongPsaStream(chunks.source(), { file: "psa.csv", length: chunks.length }),
 * );
 * ```
 */
export function readInputChunks<T>(
  file: string,
  kind: InputKind,
  use: (chunks: InputChunks) => T,
  chunkSize = CHUNK_SIZE,
): T {
  return withCheckedFile(file, kind, (fd, size) => {
    const limit = INPUT_LIMITS[kind];
    const buffer = Buffer.allocUnsafe(Math.max(4, Math.min(chunkSize, limit + 1, size + 1)));
    const counts = { lf: 0, cr: 0 };
    const lineStarts: LineStart[] = [];
    let total = 0;
    // Bytes of a UTF-8 sequence the last piece ended inside, at the buffer's front.
    let carry = 0;
    let valid = true;
    let last = -1;
    for (;;) {
      const got = readAt(fd, file, buffer, carry, buffer.length - carry, total);
      total += got;
      if (total > limit) throw tooLarge(file, kind);
      const end = carry + got;
      const piece = buffer.subarray(0, got === 0 ? end : completeEnd(buffer, end));
      if (piece.indexOf(0) !== -1 || !isUtf8(piece)) {
        valid = false;
        break;
      }
      countLineEnds(piece, counts, total - end, lineStarts);
      if (end > 0) last = buffer[end - 1] as number;
      if (got === 0) break;
      buffer.copyWithin(0, piece.length, end);
      carry = end - piece.length;
    }
    if (!valid) {
      // The messages say where the first bad byte is: read it whole to find it.
      const whole = rereadBounded(fd, size, kind, file);
      if (whole.length > limit) throw tooLarge(file, kind);
      refuseNonUtf8(whole, file);
      throw new EnvironmentError(`${file}: cannot read the file (it changed while being read)`);
    }
    // A UTF-8 byte-order mark is not part of the text.
    const head = Buffer.alloc(3);
    const bom =
      readAt(fd, file, head, 0, 3, 0) === 3 &&
      head[0] === 0xef &&
      head[1] === 0xbb &&
      head[2] === 0xbf
        ? 3
        : 0;
    const length = total - bom;
    return use({
      length,
      lines: counts.lf > 0 ? counts.lf + 1 : counts.cr + 1,
      endsWithLineEnd: last === 10 || last === 13,
      source: () => fileSource(fd, file, bom, total),
      open: { fd, start: bom, size: total, lineStarts },
    });
  });
}

/** `readSync`, with a failure reported as the file's read error. */
function readAt(
  fd: number,
  file: string,
  into: Uint8Array,
  offset: number,
  length: number,
  position: number,
): number {
  try {
    return readSync(fd, into, offset, length, position);
  } catch (e) {
    throw readError(file, e);
  }
}

/**
 * The bytes `[from, to)` of an open file, in order, as a {@link ByteSource}; a read that fails,
 * or a file that ends early, throws an error naming `file`.
 *
 * @example
 * ```ts
 * const part = fileSource(open.fd, "psa.csv", start, end);
 * part(buffer, 0, buffer.length); // bytes read, 0 at `end`
 * ```
 */
export function fileSource(fd: number, file: string, from: number, to: number): ByteSource {
  let position = from;
  return (into, offset, length) => {
    const want = Math.min(length, to - position);
    if (want === 0) return 0;
    const got = readAt(fd, file, into, offset, want, position);
    if (got === 0) {
      throw new EnvironmentError(`${file}: cannot read the file (it changed while being read)`);
    }
    position += got;
    return got;
  };
}

/**
 * The bytes of a file already in memory as {@link InputChunks} (for callers that have them,
 * such as tests running the CLI on files they serve), counted as {@link readInputChunks} counts.
 *
 * @example
 * ```ts
 * bytesAsChunks(new TextEncoder().encode("a\nb\n")).lines; // 3
 * ```
 */
export function bytesAsChunks(bytes: Uint8Array): InputChunks {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(bom);
  const counts = { lf: 0, cr: 0 };
  countLineEnds(Buffer.from(body.buffer, body.byteOffset, body.length), counts);
  const last = bytes[bytes.length - 1];
  return {
    length: body.length,
    lines: counts.lf > 0 ? counts.lf + 1 : counts.cr + 1,
    endsWithLineEnd: last === 10 || last === 13,
    source: () => bytesSource(body),
  };
}
