/**
 * Reading a large long-format PSA file on two threads: this thread reads the first part as
 * {@link readLongPsaStream} always does, while the analysis worker (started early for the
 * analysis) reads the rest at the same time, on the bet that the file is regular (see
 * analysis/long-psa-regular.ts): one plain row a line, the iterations numbered 1, 2, 3, … (or
 * from any whole number), each with the same strategies in the same order. The bet is placed
 * once this thread has read the first rows (the strategies, the first label, the columns sized
 * for the file's lines); the worker starts at the first line start after about `share` of the
 * file that begins an iteration. The bet is checked when this thread gets to the split: its own
 * part must be the start
 * of such a table, and the worker must have found every row of its part regular up to the end of
 * the file. Then this thread takes the worker's rows as its own; otherwise it reads the rest
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
import { type RegularRangeTask, rangeControl, settleRange } from "./regular-range.js";

/**
 * The share of the file this thread reads: a little more than half, as the worker begins later
 * (once its thread is up, some 0.1 s after this thread starts parsing on the reference machine)
 * though it reads a row a little faster (it checks the labels, never looks them up).
 */
export const FIRST_PART = 0.55;

/** What {@link readLongPsaHalves} read, and whether the worker read part of it. */
export interface HalvesRead {
  readonly table: PsaTable;
  /** Whether the table's last rows are the ones the worker read. */
  readonly split: boolean;
}

/**
 * Reads a long-format PSA table from `chunks` as {@link readLongPsaStream} reads
 * `chunks.source()` (the same table, the same errors), with `worker` (an analysis worker)
 * reading the part after about `share` of the file when the file turns out regular. Without a
 * worker, an open file, `options.lines` or shared columns (`options.allocate`), on one thread.
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
  share = FIRST_PART,
): HalvesRead {
  const open = chunks.open;
  const lines = options.lines;
  const mark = open === undefined ? undefined : splitLine(open, share);
  if (worker === undefined || open === undefined || lines === undefined || mark === undefined) {
    return { table: readLongPsaStream(chunks.source(), options), split: false };
  }
  const control = rangeControl();
  const rest: RestReader = {
    // Columns the worker cannot write to are never handed to it.
    place: (layout) => (inSharedMemory(layout) ? iterationStart(open, mark, layout) : undefined),
    start(layout, place) {
      worker.postMessage({
        kind: "regular-range",
        fd: open.fd,
        from: place.at + open.start,
        to: open.size,
        row: place.row,
        layout,
        control,
      } satisfies RegularRangeTask);
    },
    settle: (stop) => settleRange(control, stop),
  };
  const handoff = regularHandoff(lines - 1, rest);
  try {
    const table = readLongPsaStream(chunks.source(), { ...options, handoff });
    return { table, split: handoff.taken };
  } finally {
    // Stopped before the split (by a mistake in the first part): the worker stops before the
    // file closes.
    handoff.abandon();
  }
}

/**
 * The first line start from `mark` on that begins an iteration of a regular table laid out as
 * `layout` (as an offset in the source), if it is near and before the end of the file.
 */
function iterationStart(
  open: OpenInput,
  mark: LineStart,
  layout: RegularLayout,
): RestPlace | undefined {
  const S = layout.names.length;
  // In a regular file line `mark.line` holds this data row (the header is line 1).
  const row = mark.line - 2;
  const skip = (S - (row % S)) % S;
  const position = skip === 0 ? mark.position : lineStartAfter(open, mark.position, skip);
  if (position === undefined || position >= open.size) return undefined;
  return { at: position - open.start, row: row + skip };
}

/** The line start after the `count`th line feed from `position` on, if within 64 KiB. */
function lineStartAfter(open: OpenInput, position: number, count: number): number | undefined {
  const near = Buffer.allocUnsafe(Math.min(1 << 16, open.size - position));
  let got: number;
  try {
    got = readSync(open.fd, near, 0, near.length, position);
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

/**
 * The line start nearest after `share` of the file (from the first pass's), if it leaves a
 * data row before it and something after it.
 */
function splitLine(open: OpenInput, share: number): LineStart | undefined {
  const target = open.start + share * (open.size - open.start);
  const found = open.lineStarts.find((s) => s.position >= target);
  return found !== undefined && found.line >= 3 && found.position < open.size ? found : undefined;
}

/** Whether a layout's columns are on shared memory (the worker can write them). */
const inSharedMemory = (layout: RegularLayout) =>
  layout.cost.buffer instanceof SharedArrayBuffer &&
  layout.effect.buffer instanceof SharedArrayBuffer;
