/**
 * Running a PSA on several worker threads (Node only). Each worker imports the model module
 * itself and runs whole chunks; because every chunk's random streams depend only on the seed and
 * the sample indices, the result is bit-identical to {@link runPsa} on one thread.
 *
 * @module
 */

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { CeaError, InputError } from "../errors.js";
import {
  checkRunOptions,
  type PreparedModel,
  type PsaOptions,
  type PsaResult,
  prepareModel,
  psaResult,
  runArrays,
  runChunk,
  runPsa,
} from "../psa/run-psa.js";
import type { AnalysisJob, AnalysisRequest } from "./analysis-tasks.js";
import { startAnalysisThread } from "./analysis-thread.js";
import { loadModel, type ModelReference } from "./load-model.js";
import type { WorkerMessage, WorkerStart, WorkerWarmUp } from "./psa-worker.js";
import { reviveError } from "./worker-errors.js";

/** Options of {@link runPsaParallel}. */
export interface ParallelPsaOptions extends PsaOptions {
  /**
   * Threads computing chunks, this one included (default: the machine's available parallelism);
   * 1 runs everything on this thread.
   */
  readonly workers?: number;
  /**
   * The model of `reference`, already prepared on this thread (a loaded scenario's, say), so
   * this thread neither imports nor prepares it again; workers still load `reference`.
   */
  readonly prepared?: PreparedModel;
}

const workerUrl = new URL("./psa-worker.js", import.meta.url);

/** Idle workers kept for the next run; unreferenced, so they never keep the process alive. */
const idle: Worker[] = [];

/** An idle worker, or a new one; referenced while it works. */
function acquireWorker(): Worker {
  const worker = idle.pop() ?? new Worker(workerUrl);
  worker.ref();
  return worker;
}

/** Returns a worker whose job finished cleanly to the idle pool. */
function releaseWorker(worker: Worker): void {
  worker.removeAllListeners("message");
  worker.removeAllListeners("error");
  worker.removeAllListeners("exit");
  worker.unref();
  if (idle.length < availableParallelism()) keepIdle(worker);
  else void worker.terminate();
}

/**
 * Puts a worker in the idle pool. An idle worker that fails (one that cannot load, say) or ends
 * leaves the pool quietly: the run that would have used it starts another.
 */
function keepIdle(worker: Worker): void {
  const leave = () => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
  };
  worker.on("error", leave);
  worker.once("exit", leave);
  idle.push(worker);
}

/**
 * Starts PSA worker threads (up to `count` idle ones in all) before the model is known, so that
 * each starts Node and loads the library while this thread reads the inputs;
 * {@link preparePsaWorkers} then gives them the model.
 *
 * @example
 * ```ts
 * startPsaWorkers(1); // then read the scenario, then preparePsaWorkers(1, reference)
 * ```
 */
export function startPsaWorkers(count: number): void {
  while (idle.length < count) {
    const worker = new Worker(workerUrl);
    worker.unref();
    keepIdle(worker);
  }
}

/**
 * Starts PSA worker threads ahead of a run (up to `count` idle ones in all) and has `count` of
 * them load `reference` and run a few thousand throw-away samples, so that the run that follows
 * starts on warm threads. Optional: {@link runPsaParallel} starts workers itself when none are
 * idle.
 *
 * @example
 * ```ts
 * preparePsaWorkers(1, { module: modelUrl }); // while this thread reads the inputs
 * ```
 */
export function preparePsaWorkers(count: number, reference: ModelReference): void {
  startPsaWorkers(count);
  for (const worker of idle.slice(-count)) {
    worker.postMessage({ warmUp: reference } satisfies WorkerWarmUp);
  }
}

/**
 * Terminates the idle PSA worker threads that {@link runPsaParallel} keeps between runs. They
 * never keep a process alive, so this is only needed to release their memory early.
 *
 * @example
 * ```ts
 * await runPsaParallel({ module: modelUrl }, { samples: 1e6, seed: 1, workers: 2 });
 * await closePsaWorkers();
 * ```
 */
export async function closePsaWorkers(): Promise<void> {
  const workers = idle.splice(0);
  await Promise.all(workers.map((w) => w.terminate()));
}

/**
 * Runs analysis tasks on a PSA worker thread: an idle one, warm from a run that just finished,
 * or a new one. The worker returns to the idle pool when every task is answered.
 *
 * @example
 * ```ts
 * const psa = await runPsaParallel(reference, { samples: 1e6, seed: 1, workers: 2 });
 * const job = analyseOnPsaWorker([{ kind: "estimates", tasks: [{ x: psa.samples.cost }] }]);
 * const [reply] = await job.replies;
 * ```
 */
export function analyseOnPsaWorker(requests: readonly AnalysisRequest[]): AnalysisJob {
  return startAnalysisThread(requests, acquireWorker(), releaseWorker);
}

/**
 * Runs a PSA of the model exported by `reference.module` on worker threads.
 *
 * @example
 * ```ts
 * const result = await runPsaParallel(
 *   { module: new URL("./my-model.js", import.meta.url).href },
 *   { samples: 1_000_000, seed: 1, workers: 2 },
 * );
 * ```
 */
export async function runPsaParallel(
  reference: ModelReference,
  options: ParallelPsaOptions,
): Promise<PsaResult> {
  const chunkSize = checkRunOptions(options);
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) {
    throw new InputError({
      field: "workers",
      message: `expected a positive whole number, got ${workers}`,
    });
  }
  const prepared = options.prepared ?? (await prepareModel(await loadModel(reference)));
  if (workers === 1) return runPsa(prepared, options);
  const total = options.samples;
  const chunks = Math.ceil(total / chunkSize);
  const run = runArrays(prepared, total, true, options.keepParameters);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  // Workers rebuild the expressions transpiled here from their source, without mathjs (about
  // a second to load), keeping their bounds and location so that they check every sample.
  const data: WorkerStart = {
    model: reference,
    seed: options.seed,
    total,
    chunkSize,
    counter,
    buffers: {
      parameters: run.parameters,
      cost: run.cost,
      effect: run.effect,
      outcomes: run.outcomes,
    },
    derived: prepared.derived.map(({ evaluate: _, ...source }) => source),
  };
  // Every thread, this one included, takes the next chunk number from a shared counter and
  // writes that chunk into the shared arrays: no thread waits for another and nothing is copied.
  // This thread yields between its chunks so that progress messages are handled.
  const pool: Worker[] = [];
  let clean = false;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let running = Math.min(workers, chunks) - 1;
      let mainFinished = false;
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        Atomics.store(counter, 0, 2 ** 30);
        reject(e);
      };
      const settle = () => {
        if (failed || !mainFinished || running > 0) return;
        clean = true;
        resolve();
      };
      const progress = (n: number) => {
        done += n;
        options.onProgress?.(done, total);
      };
      for (let w = 0; w < running; w++) {
        const worker = acquireWorker();
        pool.push(worker);
        worker.on("error", (e) => fail(e));
        // A worker that ends before finishing (stopped, or out of memory) fails the run.
        worker.on("exit", (code) => fail(new CeaError(`PSA worker ended early (code ${code})`)));
        worker.on("message", (message: WorkerMessage) => {
          if ("error" in message) fail(reviveError(message.error));
          else if ("done" in message) progress(message.done);
          else {
            running--;
            settle();
          }
        });
        worker.postMessage(data);
      }
      const work = () => {
        if (failed) return;
        const c = Atomics.add(counter, 0, 1);
        if (c >= chunks) {
          mainFinished = true;
          settle();
          return;
        }
        const first = c * chunkSize;
        const n = Math.min(chunkSize, total - first);
        try {
          runChunk(prepared, options.seed, first, n, run.view(first, n));
        } catch (e) {
          fail(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        progress(n);
        setImmediate(work);
      };
      work();
    });
  } finally {
    // After a failure a worker may still be inside a chunk: it is not reused.
    if (clean) for (const w of pool) releaseWorker(w);
    else await Promise.all(pool.map((w) => w.terminate()));
  }
  return psaResult(prepared, run, options.seed);
}
