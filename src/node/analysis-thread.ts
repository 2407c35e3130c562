/**
 * One worker thread for a batch of analysis tasks (see analysis-worker.ts): it starts, takes
 * every task, answers each, and ends. The arrays a task names should be views of
 * SharedArrayBuffers, which the worker reads in place.
 *
 * @module
 */

import { Worker } from "node:worker_threads";
import { CeaError } from "../errors.js";
import type { AnalysisReply, AnalysisTask } from "./analysis-worker.js";

const workerUrl = new URL("./analysis-worker.js", import.meta.url);

/** A task as the caller writes it: its id is added here. */
export type AnalysisRequest = AnalysisTask extends infer T
  ? T extends AnalysisTask
    ? Omit<T, "id">
    : never
  : never;

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
  const worker = new Worker(workerUrl);
  const replies: AnalysisReply[] = new Array(requests.length);
  let left = requests.length;
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      void worker.terminate();
      reject(error);
    };
    worker.on("error", (e) => fail(new CeaError(`analysis worker failed: ${e.message}`)));
    worker.on("message", (reply: AnalysisReply) => {
      if ("error" in reply) {
        fail(new CeaError(`analysis worker: ${reply.error}`));
        return;
      }
      replies[reply.id] = reply;
      if (--left === 0) {
        void worker.terminate();
        resolve(replies);
      }
    });
    requests.forEach((r, id) => {
      worker.postMessage({ ...r, id } as AnalysisTask);
    });
    if (left === 0) {
      void worker.terminate();
      resolve(replies);
    }
  });
}
