/**
 * Worker-thread side of {@link analysePsaParallel}: computes the 95% intervals of one
 * comparison's incremental net benefit over the WTP grid ({@link linearQuantilePairs}) from
 * increments the main thread wrote into shared memory, and posts the two curves back. The
 * function is the one the main thread would run, so the numbers are the same to the bit.
 *
 * @module
 */

import { parentPort } from "node:worker_threads";
import { linearQuantilePairs } from "../core/quantile.js";

/** One comparison to compute: its increments (shared) and the grid. */
export interface InmbTask {
  readonly strategy: string;
  readonly de: Float64Array;
  readonly dc: Float64Array;
  readonly wtp: Float64Array;
}

/** What the worker posts for a task: the curves, or the error that stopped it. */
export type InmbReply =
  | { readonly strategy: string; readonly lower: Float64Array; readonly upper: Float64Array }
  | { readonly strategy: string; readonly error: string };

const port = parentPort;
if (port !== null) {
  port.on("message", (task: InmbTask) => {
    try {
      const lower = new Float64Array(task.wtp.length);
      const upper = new Float64Array(task.wtp.length);
      linearQuantilePairs(task.de, task.dc, task.wtp, 0.025, 0.975, lower, upper);
      port.postMessage({ strategy: task.strategy, lower, upper } satisfies InmbReply);
    } catch (e) {
      port.postMessage({
        strategy: task.strategy,
        error: e instanceof Error ? e.message : String(e),
      } satisfies InmbReply);
    }
  });
}
