/**
 * Reading the second part of a regular long-format PSA file on the analysis worker while the
 * main thread reads the first (see long-psa-halves.ts): the task the worker gets, and both sides
 * of the few shared words through which they agree. The main thread is busy parsing and then
 * blocks on those words (Atomics.wait), so no message goes back:
 *
 * - the worker claims the task (pending → running), unless the main thread cancelled it first
 *   (pending → cancelled), which it does when it gets to the part itself before the worker;
 * - the worker reads its byte range of the open file through one reused buffer with
 *   {@link readRegularRest}, writing straight into the shared columns, and stops early when asked;
 * - it ends in regular (with the rows read) or irregular (anything unusual, any failure).
 *
 * @module
 */

import { readSync } from "node:fs";
import { type RegularLayout, readRegularRest } from "../analysis/long-psa-regular.js";
import type { ByteSource } from "../core/byte-source.js";
import { CeaError } from "../errors.js";

/** The words of a task's control array. */
const STATE = 0;
const ROWS = 1;
const PROGRESS = 2;
const ABORT = 3;

/** The states of a task. */
const PENDING = 0;
const RUNNING = 1;
const CANCELLED = 2;
const REGULAR = 3;
const IRREGULAR = 4;

/** How long the main thread waits for the worker without seeing it progress: a minute. */
const STALL_MS = 60_000;

/** A regular range for the analysis worker to read. */
export interface RegularRangeTask {
  readonly kind: "regular-range";
  /** The open file (the worker shares the process's descriptors). */
  readonly fd: number;
  /** The range of the file: from a line start to the end of the file. */
  readonly from: number;
  readonly to: number;
  /** The data row `from` starts, if the file is regular. */
  readonly row: number;
  readonly layout: RegularLayout;
  /** The shared words (see {@link rangeControl}). */
  readonly control: Int32Array;
}

/**
 * The shared words of a new task, pending.
 *
 * @example
 * ```ts
 * worker.postMessage({ kind: "regular-range", fd, from, to, row, layout, control: rangeControl() });
 * ```
 */
export function rangeControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * 4));
}

/**
 * Runs a task on the worker: claims it, reads its range and reports regular (with the rows) or
 * irregular. Never throws: a failure is irregular, and the main thread reads the range itself.
 *
 * @example
 * ```ts
 * port.on("message", (task) => task.kind === "regular-range" && readRegularRange(task));
 * ```
 */
export function readRegularRange(task: RegularRangeTask): void {
  const control = task.control;
  if (Atomics.compareExchange(control, STATE, PENDING, RUNNING) !== PENDING) return;
  let rows = -1;
  try {
    rows = readRange(task);
  } catch {
    rows = -1;
  }
  Atomics.store(control, ROWS, Math.max(rows, 0));
  Atomics.store(control, STATE, rows >= 0 ? REGULAR : IRREGULAR);
  Atomics.notify(control, STATE);
}

/** Reads a task's range; the rows read when all are regular and end the file, else −1. */
function readRange(task: RegularRangeTask): number {
  const { fd, to, control } = task;
  let position = task.from;
  // The range's bytes; a file shorter than the first pass found throws (irregular: the main
  // thread then says so).
  const source: ByteSource = (into, offset, length) => {
    const want = Math.min(length, to - position);
    if (want === 0) return 0;
    const got = readSync(fd, into, offset, want, position);
    if (got === 0) throw new Error("the file ended early");
    position += got;
    return got;
  };
  return readRegularRest(source, task.layout, task.row, (row) => {
    Atomics.store(control, PROGRESS, row);
    return Atomics.load(control, ABORT) === 0;
  });
}

/**
 * On the main thread: ends a task, waiting for the worker if it is reading. A pending task is
 * cancelled; with `stop`, a running one is asked to stop early. Returns the rows read when the
 * worker found its whole range regular, else −1 (the caller then reads the range itself; the
 * worker writes no more).
 *
 * @example
 * ```ts
 * const rows = settleRange(control, false); // after reading up to the range
 * ```
 */
export function settleRange(control: Int32Array, stop: boolean): number {
  if (stop) Atomics.store(control, ABORT, 1);
  if (Atomics.compareExchange(control, STATE, PENDING, CANCELLED) === PENDING) return -1;
  let seen = Atomics.load(control, PROGRESS);
  for (;;) {
    const state = Atomics.load(control, STATE);
    if (state !== RUNNING) return state === REGULAR ? Atomics.load(control, ROWS) : -1;
    if (Atomics.wait(control, STATE, RUNNING, STALL_MS) === "timed-out") {
      const now = Atomics.load(control, PROGRESS);
      if (now === seen) throw new CeaError("the analysis worker stopped while reading the file");
      seen = now;
    }
  }
}
