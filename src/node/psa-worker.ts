/**
 * Worker-thread side of {@link runPsaParallel}: imports the model module, prepares it (with the
 * expressions the main thread already transpiled), then takes chunk numbers from a shared atomic
 * counter and writes each chunk straight into the shared result arrays. Nothing is copied back.
 * One worker runs many jobs, one message each. Between jobs it also answers analysis tasks
 * (analysis-tasks.ts), so that the analysis after a run needs no new thread.
 *
 * @module
 */

import { type MessagePort, parentPort } from "node:worker_threads";
import type { ExpressionSource } from "../model/expressions.js";
import {
  chunkArrays,
  prepareModel,
  type RunBuffers,
  runArraysOver,
  runChunk,
} from "../psa/run-psa.js";
import type { AnalysisTask } from "./analysis-tasks.js";
import { loadModel, type ModelReference } from "./load-model.js";
import { errorData } from "./worker-errors.js";

/** Data every worker starts with. */
export interface WorkerStart {
  readonly model: ModelReference;
  readonly seed: string | number;
  /** The derived expressions the main thread transpiled, as plain data. */
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

/** Asks an idle worker to load a model and run a few chunks, so the first job starts warm. */
export interface WorkerWarmUp {
  readonly warmUp: ModelReference;
}

/** Samples a warm-up runs: enough for V8 to optimise the sampling kernels and the model. */
const WARM_UP_SAMPLES = 8192;

/** Jobs come so far: a warm-up stops when one comes, since the job's chunks warm the code too. */
let jobsCome = 0;

/**
 * Loads the model and runs up to {@link WARM_UP_SAMPLES} samples into scratch arrays, a chunk at
 * a time, stopping as soon as a job comes (it would otherwise wait for the warm-up).
 */
async function warmUp(reference: ModelReference): Promise<void> {
  const before = jobsCome;
  const prepared = await prepareModel(await loadModel(reference));
  const arrays = chunkArrays(prepared, 1024);
  for (let start = 0; start < WARM_UP_SAMPLES && jobsCome === before; start += 1024) {
    runChunk(prepared, "warm-up", start, 1024, arrays);
    // Lets a job that came meanwhile be seen.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

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
  // A worker may start before it knows its model (startPsaWorkers): load the library that model
  // modules import meanwhile. Only time is at stake; a failure shows when the model loads.
  import("../index.js").catch(() => {});
  // Loaded with the first analysis task; replies go in the order the tasks came.
  let analysis: Promise<typeof import("./analysis-tasks.js")> | undefined;
  port.on("message", (message: WorkerStart | WorkerWarmUp | AnalysisTask) => {
    if ("kind" in message) {
      analysis ??= import("./analysis-tasks.js");
      analysis.then(
        ({ answer, forgetScratch }) => {
          port.postMessage(answer(message));
          // A pooled worker keeps no sample-length arrays between tasks.
          forgetScratch();
        },
        (e: unknown) => port.postMessage({ id: message.id, error: errorData(e) }),
      );
      return;
    }
    if ("warmUp" in message) {
      // Errors surface in the real job; a warm-up only saves time.
      warmUp(message.warmUp).catch(() => {});
      return;
    }
    const job = message;
    jobsCome++;
    runJob(job, port).catch((e: unknown) => {
      const error = errorData(e);
      // Stop the other threads from taking more chunks.
      Atomics.store(job.counter, 0, 2 ** 30);
      port.postMessage({ error } satisfies WorkerMessage);
    });
  });
}
