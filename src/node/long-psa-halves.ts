/**
 * Reading a large long-format PSA file on two threads: this thread reads the first part as
 * {@link readLongPsaStream} always does, while the analysis worker (started early for the
 * analysis) reads the rest at the same time, on the bet that the file is regular (see
 * analysis/long-psa-regular.ts): one plain row a line, the iterations numbered 1, 2, 3, … (or
 * from any whole number), each with the same strategies in the same order. The bet is placed
 * once this thread has read the first rows (the strategies, the first label, the columns sized
 * for the file's lines), and checked when it gets to the split: its own part must be the start
 * of such a table, and the worker must have found every row of its part regular up to the end of
 * the file. Then this thread takes the worker's rows as its own; otherwise it reads the rest
 * itself, so an unusual file, and every mistake in one, reads exactly as on one thread.
 *
 * @module
 */

import type { Worker } from "node:worker_threads";
import { type RestReader, regularHandoff } from "../analysis/long-psa-handoff.js";
import type { RegularLayout } from "../analysis/long-psa-regular.js";
import { type LongPsaStreamOptions, readLongPsaStream } from "../analysis/long-psa-stream.js";
import type { PsaTable } from "../analysis/psa-csv.js";
import type { InputChunks, LineStart, OpenInput } from "./input-chunks.js";
import { type RegularRangeTask, rangeControl, settleRange } from "./regular-range.js";

/**
 * The share of the file this thread reads: a little more than half, as the worker starts on its
 * part only once it has started (some 0.1 s after this thread starts parsing, on the reference
 * machine) and this thread has read the first rows, while it reads a row a little faster (it
 * only checks the labels, never looks them up).
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
  const start = open === undefined ? undefined : splitLine(open, share);
  if (worker === undefined || open === undefined || lines === undefined || start === undefined) {
    return { table: readLongPsaStream(chunks.source(), options), split: false };
  }
  // In a regular file the line holds this data row (the header is line 1).
  const row = start.line - 2;
  const control = rangeControl();
  const rest: RestReader = {
    start(layout) {
      // Columns the worker cannot write to are never read by it: the task stays pending.
      if (!inSharedMemory(layout)) return;
      worker.postMessage({
        kind: "regular-range",
        fd: open.fd,
        from: start.position,
        to: open.size,
        row,
        layout,
        control,
      } satisfies RegularRangeTask);
    },
    settle: (stop) => settleRange(control, stop),
  };
  const handoff = regularHandoff(start.position - open.start, row, lines - 1, rest);
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
