/**
 * Reading a long-format PSA table from a file piece by piece, through one reused buffer, rather
 * than from the whole file in memory: the file's bytes are never all held, and the memory
 * touched is the buffer and the columns. The source of the bytes is a function (a file
 * descriptor's reads, in src/node), so this stays free of Node's APIs.
 *
 * @module
 */

import type { ByteSource } from "../core/byte-source.js";
import { LongPsaReader } from "./long-psa-bytes.js";
import type { PsaTable, ReadOptions } from "./psa-csv.js";

/** What {@link readLongPsaStream} needs besides its source. */
export interface LongPsaStreamOptions extends ReadOptions {
  /** Bytes the source gives in all (for sizing the columns; a guess is fine). */
  readonly length: number;
  /**
   * At least the number of the last line that holds a record, if known: the columns are then
   * sized exactly for a table without blank lines.
   */
  readonly lines?: number | undefined;
  /** Bytes read at a time (the buffer grows only for a longer record); default 1 MiB. */
  readonly chunkSize?: number;
  /**
   * Allocates the cost and effect columns (e.g. on a SharedArrayBuffer, so that another thread
   * can analyse the samples in place); new Float64Arrays if absent.
   */
  readonly allocate?: (length: number) => Float64Array;
  /** A point where the rest of the input may have been read elsewhere (see {@link LongPsaHandoff}). */
  readonly handoff?: LongPsaHandoff | undefined;
}

/**
 * A line start in the input where reading may stop, because another reader (another thread,
 * say) may have read the rows from there to the end: {@link arrive} says whether it did and
 * this reader took its rows.
 */
export interface LongPsaHandoff {
  /**
   * The line start: an offset in the source's bytes, never behind the bytes read (infinite
   * while not chosen).
   */
  readonly at: number;
  /**
   * Called after each window read before {@link at}, with the reader as it is then and the
   * bytes taken from the source so far.
   */
  progress(reader: LongPsaReader, position: number): void;
  /**
   * Called on reaching {@link at}: true when `reader` took the rest of the rows (with
   * `LongPsaReader.adoptRegular`), so the table is complete; false to read on here (to the
   * next {@link at}, if it moved on).
   */
  arrive(reader: LongPsaReader): boolean;
}

/** The default piece: large enough for few reads, small enough to stay in cache. */
const CHUNK_SIZE = 1 << 20;

/**
 * Reads a long-format PSA table from a source of UTF-8 bytes (checked by the caller, without a
 * byte-order mark or with one, as {@link readLongPsaBytes} takes them), exactly as
 * `readLongPsaBytes` reads the same bytes whole: the same table, the same errors.
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode("iteration,strategy,cost,effect\n1,a,1,1\n1,b,2,2\n");
 * const table = readLongPsaStream(bytesSource(bytes), { file: "psa.csv", length: bytes.length });
 * table.samples.strategies; // ["a", "b"]
 * ```
 */
export function readLongPsaStream(source: ByteSource, options: LongPsaStreamOptions): PsaTable {
  const { length, lines, chunkSize = CHUNK_SIZE, allocate, handoff, ...read } = options;
  const reader = new LongPsaReader(read, { length, lines, allocate });
  let buffer = new Uint8Array(Math.max(1, Math.min(chunkSize, length + 1)));
  // Bytes at the front of the buffer left unread by the last window.
  let carry = 0;
  // Bytes taken from the source, and the handoff point still ahead (if any).
  let position = 0;
  let ahead = handoff;
  for (;;) {
    if (ahead !== undefined && position >= ahead.at) {
      if (ahead.arrive(reader)) return reader.end();
      // Read on alone, unless the handoff moved on to a later point.
      if (ahead.at <= position) ahead = undefined;
    }
    if (carry === buffer.length) {
      // One record longer than the buffer: make room for it.
      const bigger = new Uint8Array(buffer.length * 2);
      bigger.set(buffer);
      buffer = bigger;
    }
    const room = buffer.length - carry;
    const got = source(
      buffer,
      carry,
      ahead === undefined ? room : Math.min(room, ahead.at - position),
    );
    position += got;
    const end = carry + got;
    const final = got === 0;
    const used = reader.write(buffer, end, final);
    if (final) break;
    ahead?.progress(reader, position);
    buffer.copyWithin(0, used, end);
    carry = end - used;
  }
  return reader.end();
}
