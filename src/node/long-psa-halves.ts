/**
 * Reading a large long-format PSA file on two threads: this thread reads it from the front as
 * {@link readLongPsaStream} always does, while the analysis worker (started early for the
 * analysis) reads it from the back, on the bet that the file is regular (see
 * analysis/long-psa-regular.ts): one plain row a line, the iterations numbered 1, 2, 3, … (or
 * from any whole number), each with the same strategies in the same order. The bet is placed
 * once this thread has read the first rows (the strategies, the first label, the columns sized
 * for the file's lines): the rest of the file is cut into parts of about 1 MiB at line starts
 * that begin iterations (found from the first pass's line starts), which the two threads claim
 * from either end (regular-range.ts). Where they meet, this thread checks that its own rows are
 * the start of such a table and that the worker found every row of its parts regular up to the
 * end of the file; then it takes the worker's rows as its own. Otherwise it reads the rest
 * itself, so an unusual file, and every mistake in one, reads exactly as on one thread.
 *
 * @module
 */

import { readSync } from "node:fs";
import type { Worker } from "node:worker_threads";
import { type RestPlace, type RestReader, regularHandoff } from "../analysis/long-psa-handoff.js";
import type { RegularLayout } from "../analysis/long-psa-regular.js";
import { type LongPsaStreamOptions, readLongPsaStream } from "../analysis/long-psa-stream.js";
import type { PsaTable } from "../analysis/psa-csv.js";
import type { InputChunks, LineStart, OpenInput } from "./input-chunks.js";
import {
  claimPart,
  MAX_PARTS,
  type RegularRangeTask,
  rangeControl,
  settleRange,
} from "./regular-range.js";
import { onSharedMemory } from "./shared-memory.js";

/** What {@link readLongPsaHalves} read, and whether the worker read part of it. */
export interface HalvesRead {
  readonly table: PsaTable;
  /** Whether the table's last rows are the ones the worker read. */
  readonly split: boolean;
}

/**
 * Reads a long-format PSA table from `chunks` as {@link readLongPsaStream} reads
 * `chunks.source()` (the same table, the same errors), with `worker` (an analysis worker)
 * reading parts of it from the back when the file turns out regular. Without a worker, an open
 * file, `options.lines` or shared columns (`options.allocate`), on one thread.
 *
 * @example
 * ```ts
 * const worker = spawnAnalysisWorker();
 * const { table } = readInputChunks("psa.csv", "csv", (chunks) =>
 *   readLongPsaHalves(chunks, { file: "psa.csv", length: chunks.length, lines, allocate: sharedFloat64 }, worker),
 * );
 * ```
 */
export function readLongPsaHalves(
  chunks: InputChunks,
  options: LongPsaStreamOptions,
  worker: Worker | undefined,
): HalvesRead {
  const open = chunks.open;
  const lines = options.lines;
  if (worker === undefined || open === undefined || lines === undefined) {
    return { table: readLongPsaStream(chunks.source(), options), split: false };
  }
  const handoff = regularHandoff(lines - 1, workerParts(open, worker));
  let read: HalvesRead;
  try {
    const table = readLongPsaStream(chunks.source(), { ...options, handoff });
    read = { table, split: handoff.taken };
  } catch (e) {
    // Stopped before the meeting point (by a mistake in this thread's part): the worker stops
    // before the file closes. The mistake is what the person reads, even if the worker has died.
    try {
      handoff.abandon();
    } catch {
      // The worker died while reading: it writes nothing more, and the mistake stands.
    }
    throw e;
  }
  handoff.abandon();
  return read;
}

/** The worker as the handoff's other reader, on parts of the open file. */
function workerParts(open: OpenInput, worker: Worker): RestReader {
  let parts: { starts: number[]; rows: number[] } | undefined;
  let control: Int32Array | undefined;
  // The part this thread reaches next.
  let next = 0;
  const placeOf = (part: number): RestPlace => ({
    at: (parts?.starts[part] as number) - open.start,
    row: parts?.rows[part] as number,
  });
  return {
    start(layout, after, ready) {
      // Columns the worker cannot write to are never handed to it.
      if (!onSharedMemory(layout.cost, layout.effect)) return undefined;
      parts = iterationStarts(open, layout, after + open.start);
      if (parts.starts.length === 0 || !ready(placeOf(0))) return undefined;
      control = rangeControl(parts.starts.length);
      const { starts, rows } = parts;
      worker.postMessage({
        kind: "regular-range",
        fd: open.fd,
        starts,
        rows,
        end: open.size,
        layout,
        control,
      } satisfies RegularRangeTask);
      return placeOf(0);
    },
    claim() {
      if (control === undefined || parts === undefined) return "none";
      if (!claimPart(control, next)) return "rest";
      next++;
      return next < parts.starts.length ? placeOf(next) : "none";
    },
    settle: (stop) => (control === undefined ? -1 : settleRange(control, stop)),
  };
}

/**
 * The parts of the file after byte `after`: at the first pass's line starts (about 1 MiB apart),
 * each moved on to the first line start that begins an iteration of a regular table laid out
 * as `layout`, with the data rows they hold (in file offsets).
 */
function iterationStarts(
  open: OpenInput,
  layout: RegularLayout,
  after: number,
): { starts: number[]; rows: number[] } {
  const starts: number[] = [];
  const rows: number[] = [];
  for (const mark of open.lineStarts) {
    if (mark.position <= after || starts.length === MAX_PARTS) continue;
    const start = iterationStart(open, mark, layout);
    if (start === undefined || start.position <= (starts.at(-1) ?? after)) continue;
    starts.push(start.position);
    rows.push(start.row);
  }
  return { starts, rows };
}

/**
 * The first line start from `mark` on that begins an iteration of a regular table laid out as
 * `layout`, if it is near and before the end of the file.
 */
function iterationStart(
  open: OpenInput,
  mark: LineStart,
  layout: RegularLayout,
): { position: number; row: number } | undefined {
  const S = layout.names.length;
  // In a regular file line `mark.line` holds this data row (the header is line 1).
  const row = mark.line - 2;
  const skip = (S - (row % S)) % S;
  const position = skip === 0 ? mark.position : lineStartAfter(open, mark.position, skip);
  if (position === undefined || position >= open.size) return undefined;
  return { position, row: row + skip };
}

/** Bytes read to find line starts near a part's first: a few lines' worth. */
const near = Buffer.alloc(4096);

/** The line start after the `count`th line feed from `position` on, if within 4 KiB. */
function lineStartAfter(open: OpenInput, position: number, count: number): number | undefined {
  let got: number;
  try {
    got = readSync(open.fd, near, 0, Math.min(near.length, open.size - position), position);
  } catch {
    return undefined;
  }
  const bytes = near.subarray(0, got);
  let i = 0;
  for (let k = 0; k < count; k++) {
    const lf = bytes.indexOf(10, i);
    if (lf < 0) return undefined;
    i = lf + 1;
  }
  return position + i;
}
