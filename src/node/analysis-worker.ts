/**
 * Worker-thread side of {@link onAnalysisThread}: runs analysis tasks on arrays the main thread
 * shares (SharedArrayBuffer views, so nothing is copied) and posts each result back. Each task
 * calls the function the main thread would call, so the numbers are the same to the bit:
 *
 * - `inmb`: the 95% intervals of one comparison's incremental net benefit over a WTP grid
 *   ({@link linearQuantilePairs}), for `analyse`;
 * - `estimates`: the cost-consequence estimates of a scenario run ({@link estimateAll}).
 *
 * @module
 */

import { parentPort } from "node:worker_threads";
import { type EstimatePair, type EstimateTask, estimateAll } from "../analysis/estimate.js";
import { linearQuantilePairs } from "../core/quantile.js";

/** One task, numbered by the caller. */
export type AnalysisTask =
  | {
      readonly id: number;
      readonly kind: "inmb";
      readonly de: Float64Array;
      readonly dc: Float64Array;
      readonly wtp: Float64Array;
    }
  | { readonly id: number; readonly kind: "estimates"; readonly tasks: readonly EstimateTask[] };

/** What the worker posts for a task: its result, or the error that stopped it. */
export type AnalysisReply =
  | { readonly id: number; readonly lower: Float64Array; readonly upper: Float64Array }
  | { readonly id: number; readonly pairs: readonly EstimatePair[] }
  | { readonly id: number; readonly error: string };

/** Runs one task. */
function run(task: AnalysisTask): AnalysisReply {
  if (task.kind === "estimates") return { id: task.id, pairs: estimateAll(task.tasks) };
  const lower = new Float64Array(task.wtp.length);
  const upper = new Float64Array(task.wtp.length);
  linearQuantilePairs(task.de, task.dc, task.wtp, 0.025, 0.975, lower, upper);
  return { id: task.id, lower, upper };
}

const port = parentPort;
if (port !== null) {
  port.on("message", (task: AnalysisTask) => {
    try {
      port.postMessage(run(task) satisfies AnalysisReply);
    } catch (e) {
      port.postMessage({
        id: task.id,
        error: e instanceof Error ? e.message : String(e),
      } satisfies AnalysisReply);
    }
  });
}
