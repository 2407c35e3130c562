/**
 * A batch of analysis tasks on one worker thread (see analysis-tasks.ts): an analysis worker
 * that starts, takes every task, answers each, and ends; or a worker lent for the batch (a PSA
 * worker from the pool), handed back when every task is answered. The arrays a task names
 * should be views of SharedArrayBuffers, which the worker reads in place.
 *
 * @module
 */

import { Worker } from "node:worker_threads";
import { CeaError } from "../errors.js";
import type {
  AnalysisJob,
  AnalysisReply,
  AnalysisRequest,
  AnalysisTask,
} from "./analysis-tasks.js";

export type { AnalysisJob, AnalysisRequest } from "./analysis-tasks.js";

import { reviveError } from "./worker-errors.js";

const workerUrl = new URL("./analysis-worker.js", import.meta.url);

/**
 * Starts an analysis worker thread ahead of its work, so that it starts Node and loads its
 * modules while this thread reads the input; it does not keep the process alive until
 * {@link startAnalysisThread} gives it work. End it with `terminate()` if it gets none.
 *
 * @example
 * ```ts
 * const early = spawnAnalysisWorker(); // then read the file
 * const job = startAnalysisThread(requests, early);
 * ```
 */
export function spawnAnalysisWorker(): Worker {
  const worker = new Worker(workerUrl);
  worker.unref();
  // An idle worker that fails is found out when it is given work (its exit ends the job).
  worker.on("error", () => {});
  return worker;
}

/**
 * Starts `requests` on a worker thread: `worker` if given (from {@link spawnAnalysisWorker}, or
 * any worker that answers analysis tasks), else a new one. The worker ends when the batch does,
 * unless `release` is given: a batch that ends cleanly then hands the worker to it, without the
 * listeners the batch added.
 *
 * @example
 * ```ts
 * const job = startAnalysisThread([{ kind: "estimates", tasks: [{ x: sharedCosts }] }]);
 * const [reply] = await job.replies;
 * ```
 */
export function startAnalysisThread(
  requests: readonly AnalysisRequest[],
  worker: Worker = new Worker(workerUrl),
  release?: (worker: Worker) => void,
): AnalysisJob {
  worker.ref();
  const replies: AnalysisReply[] = new Array(requests.length);
  let left = requests.length;
  let settled = false;
  const promise = new Promise<AnalysisReply[]>((resolve, reject) => {
    const onError = (e: Error) => end(new CeaError(`analysis worker failed: ${e.message}`));
    // A worker that ends before answering everything (stopped, or out of memory) is a failure.
    const onExit = (code: number) =>
      end(new CeaError(`analysis worker ended early (code ${code})`));
    const onMessage = (reply: AnalysisReply) => {
      if ("error" in reply) {
        end(reviveError(reply.error));
        return;
      }
      replies[reply.id] = reply;
      if (--left === 0) end();
    };
    function end(error?: Error) {
      if (settled) return;
      settled = true;
      if (error === undefined && release !== undefined) {
        worker.off("error", onError).off("exit", onExit).off("message", onMessage);
        release(worker);
      } else {
        void worker.terminate();
      }
      if (error === undefined) resolve(replies);
      else reject(error);
    }
    worker.on("error", onError).on("exit", onExit).on("message", onMessage);
    if (worker.threadId < 0) end(new CeaError("analysis worker ended early"));
    requests.forEach((r, id) => {
      worker.postMessage({ ...r, id } as AnalysisTask);
    });
    if (left === 0) end();
  });
  return {
    replies: promise,
    stop: () => {
      if (!settled) void worker.terminate();
    },
  };
}

/**
 * Runs `requests` on a new worker thread; resolves with the replies in request order, or
 * rejects with the first error (the worker is then stopped).
 *
 * @example
 * ```ts
 * const [reply] = await onAnalysisThread([{ kind: "estimates", tasks: [{ x: sharedCosts }] }]);
 * ```
 */
export function onAnalysisThread(requests: readonly AnalysisRequest[]): Promise<AnalysisReply[]> {
  return startAnalysisThread(requests).replies;
}
