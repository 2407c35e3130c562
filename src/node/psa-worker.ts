/**
 * Worker-thread side of {@link runPsaParallel}: imports the model module, prepares it (with the
 * expressions the main thread already transpiled), then takes chunk numbers from a shared atomic
 * counter and writes each chunk straight into the shared result arrays. Nothing is copied back.
 * One worker runs many jobs, one message each.
 *
 * @module
 */

import { type MessagePort, parentPort } from "node:worker_threads";
import type { ExpressionSource } from "../model/expressions.js";
import { prepareModel, type RunBuffers, runArraysOver, runChunk } from "../psa/run-psa.js";
import { loadModel, type ModelReference } from "./load-model.js";

/** Data every worker starts with. */
export interface WorkerStart {
  readonly model: ModelReference;
  readonly seed: string | number;
  /** The derived expressions already transpiled by the main thread, when all of them were. */
  readonly derived?: readonly ExpressionSource[];
  readonly total: number;
  readonly chunkSize: number;
  /** Shared result arrays. */
  readonly buffers: RunBuffers;
  /** Shared Int32Array: [0] = next chunk number to take. */
  readonly counter: Int32Array;
}

/** What a worker posts: samples finished (per chunk), the end, or an error. */
export type WorkerMessage =
  | { readonly done: number }
  | { readonly finished: true }
  | { readonly error: { readonly name: string; readonly message: string } };

/** Runs one job: takes chunks from the shared counter until none is left. */
async function runJob(job: WorkerStart, port: MessagePort): Promise<void> {
  const model = await loadModel(job.model);
  const prepared = await prepareModel(model, job.derived);
  const run = runArraysOver(prepared, job.total, job.buffers);
  const chunks = Math.ceil(job.total / job.chunkSize);
  for (;;) {
    const c = Atomics.add(job.counter, 0, 1);
    if (c >= chunks) break;
    const first = c * job.chunkSize;
    const n = Math.min(job.chunkSize, job.total - first);
    runChunk(prepared, job.seed, first, n, run.view(first, n));
    port.postMessage({ done: n } satisfies WorkerMessage);
  }
  port.postMessage({ finished: true } satisfies WorkerMessage);
}

// A worker lives across jobs (the pool in run-psa-parallel.ts keeps it), so that module
// imports and V8's optimised kernels are paid for once per process, not once per run.
const port = parentPort;
if (port !== null) {
  port.on("message", (job: WorkerStart) => {
    runJob(job, port).catch((e: unknown) => {
      const error =
        e instanceof Error
          ? { name: e.name, message: e.message }
          : { name: "Error", message: String(e) };
      // Stop the other threads from taking more chunks.
      Atomics.store(job.counter, 0, 2 ** 30);
      port.postMessage({ error } satisfies WorkerMessage);
    });
  });
}
