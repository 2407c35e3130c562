/**
 * Worker-thread side of {@link runPsaParallel}: imports the model module, prepares it (with the
 * expressions the main thread already transpiled), then takes chunk numbers from a shared atomic
 * counter and writes each chunk straight into the shared result arrays. Nothing is copied back.
 *
 * @module
 */

import { parentPort, workerData } from "node:worker_threads";
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

const port = parentPort;
if (port !== null) {
  const start = workerData as WorkerStart;
  (async () => {
    const model = await loadModel(start.model);
    const prepared = await prepareModel(model, start.derived);
    const run = runArraysOver(prepared, start.total, start.buffers);
    const chunks = Math.ceil(start.total / start.chunkSize);
    for (;;) {
      const c = Atomics.add(start.counter, 0, 1);
      if (c >= chunks) break;
      const first = c * start.chunkSize;
      const n = Math.min(start.chunkSize, start.total - first);
      runChunk(prepared, start.seed, first, n, run.view(first, n));
      port.postMessage({ done: n } satisfies WorkerMessage);
    }
    port.postMessage({ finished: true } satisfies WorkerMessage);
  })().catch((e: unknown) => {
    const error =
      e instanceof Error
        ? { name: e.name, message: e.message }
        : { name: "Error", message: String(e) };
    // Stop the other threads from taking more chunks.
    Atomics.store(start.counter, 0, 2 ** 30);
    port.postMessage({ error } satisfies WorkerMessage);
  });
}
