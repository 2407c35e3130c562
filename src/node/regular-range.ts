/**
 * Reading the parts of a regular long-format PSA file on the analysis worker while the main
 * thread reads the file from the front (see long-psa-halves.ts): the task the worker gets, and
 * both sides of the few shared words through which they agree. The main thread is busy parsing
 * and then blocks on those words (Atomics.wait), so no message goes back:
 *
 * - the worker claims the task (pending → running), unless the main thread cancelled it first
 *   (pending → cancelled), which it does when it needs the answer before the worker started;
 * - the file after the main thread's position is cut into parts at line starts that begin
 *   iterations; one word says which the main thread has claimed (from the front) and which the
 *   worker has (from the back), and each side claims the next with a compare-and-exchange, so
 *   a part is read by one side only and they meet wherever their speeds take them;
 * - the worker reads each part it claims through one reused buffer with
 *   {@link readRegularRest}, writing straight into the shared columns, and stops early when
 *   asked;
 * - it ends in regular (with the rows of its parts) or irregular (anything unusual, any failure).
 *
 * @module
 */

import { type RegularLayout, readRegularRest } from "../analysis/long-psa-regular.js";
import { CeaError } from "../errors.js";
import { fileSource } from "./input-chunks.js";

/** The words of a task's control array. */
const STATE = 0;
const ROWS = 1;
const PROGRESS = 2;
const ABORT = 3;
/** The parts claimed: the main thread's next in the low 16 bits, the worker's first above. */
const CLAIM = 4;

/** The states of a task. */
const PENDING = 0;
const RUNNING = 1;
const CANCELLED = 2;
const REGULAR = 3;
const IRREGULAR = 4;

/** How long the main thread waits for the worker without seeing it progress: a minute. */
const STALL_MS = 60_000;

/** At most this many parts (so that two part numbers fit in a word). */
export const MAX_PARTS = 0x7fff;

/** Parts of a regular long-format PSA file for the analysis worker and the main thread. */
export interface RegularRangeTask {
  readonly kind: "regular-range";
  /** The open file (the worker shares the process's descriptors). */
  readonly fd: number;
  /** Where each part starts in the file: line starts that begin iterations, in order. */
  readonly starts: readonly number[];
  /** The data row each part starts with, if the file is regular. */
  readonly rows: readonly number[];
  /** The end of the file (and of the last part). */
  readonly end: number;
  readonly layout: RegularLayout;
  /** The shared words (see {@link rangeControl}). */
  readonly control: Int32Array;
}

/**
 * The shared words of a new task of `parts` parts, pending, none claimed.
 *
 * @example
 * ```ts
 * const control = rangeControl(starts.length);
 * worker.postMessage({ kind: "regular-range", fd, starts, rows, end, layout, control });
 * ```
 */
export function rangeControl(parts: number): Int32Array {
  if (parts > MAX_PARTS) throw new RangeError(`rangeControl: at most ${MAX_PARTS} parts`);
  const control = new Int32Array(new SharedArrayBuffer(5 * 4));
  control[CLAIM] = parts << 16;
  return control;
}

/**
 * Runs a task on the worker: claims it, reads the parts it can claim from the back and reports
 * regular (with their rows) or irregular. Never throws: a failure is irregular, and the main
 * thread reads those parts itself.
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
    rows = readParts(task);
  } catch {
    rows = -1;
  }
  Atomics.store(control, ROWS, Math.max(rows, 0));
  Atomics.store(control, STATE, rows >= 0 ? REGULAR : IRREGULAR);
  Atomics.notify(control, STATE);
}

/** Reads the parts the worker claims, from the back: their rows if all are regular, else −1. */
function readParts(task: RegularRangeTask): number {
  const { control, starts, rows } = task;
  const buffer = new Uint8Array(1 << 20);
  let total = 0;
  for (;;) {
    if (Atomics.load(control, ABORT) !== 0) return -1;
    const word = Atomics.load(control, CLAIM);
    const next = word & 0xffff;
    const first = word >>> 16;
    // Every part left is the main thread's.
    if (first - 1 < next) return total;
    if (Atomics.compareExchange(control, CLAIM, word, next | ((first - 1) << 16) | 0) !== word) {
      continue;
    }
    const part = first - 1;
    const last = part === starts.length - 1;
    const to = last ? task.end : (starts[part + 1] as number);
    const source = fileSource(task.fd, "the PSA file", starts[part] as number, to);
    const read = readRegularRest(source, task.layout, rows[part] as number, {
      buffer,
      last,
      goOn: (row) => {
        Atomics.store(control, PROGRESS, row);
        return Atomics.load(control, ABORT) === 0;
      },
    });
    // A part's rows are its lines: the next part's first row says how many.
    if (read < 0 || (!last && read !== (rows[part + 1] as number) - (rows[part] as number))) {
      return -1;
    }
    total += read;
  }
}

/**
 * On the main thread, at the start of part `part`: claims it, unless the worker has it. Returns
 * whether this thread may read it (then the worker never claims it).
 *
 * @example
 * ```ts
 * if (!claimPart(control, 0)) settleRange(control, false);
 * ```
 */
export function claimPart(control: Int32Array, part: number): boolean {
  for (;;) {
    const word = Atomics.load(control, CLAIM);
    const first = word >>> 16;
    if (part >= first) return false;
    if (Atomics.compareExchange(control, CLAIM, word, (part + 1) | (first << 16) | 0) === word) {
      return true;
    }
  }
}

/**
 * On the main thread: ends a task, waiting for the worker if it is reading. A pending task is
 * cancelled; with `stop`, a running one is asked to stop early. Returns the rows of the worker's
 * parts when it found them all regular, else −1 (the caller then reads them itself; the worker
 * writes no more).
 *
 * @example
 * ```ts
 * const rows = settleRange(control, false); // where the worker's parts begin
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
