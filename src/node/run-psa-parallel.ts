/**
 * Running a PSA on several worker threads (Node only). Each worker imports the model module
 * itself and runs whole chunks; because every chunk's random streams depend only on the seed and
 * the sample indices, the result is bit-identical to {@link runPsa} on one thread.
 *
 * @module
 */

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { CeaError, InputError, ModelError } from "../errors.js";
import {
  checkRunOptions,
  type PsaOptions,
  type PsaResult,
  prepareModel,
  psaResult,
  runArrays,
  runPsa,
} from "../psa/run-psa.js";
import { loadModel, type ModelReference } from "./load-model.js";
import type { ChunkReply, WorkerStart } from "./psa-worker.js";

/** Options of {@link runPsaParallel}. */
export interface ParallelPsaOptions extends PsaOptions {
  /** Worker threads (default: the machine's available parallelism); 1 runs on this thread. */
  readonly workers?: number;
}

/** Re-creates a worker's error on this thread, keeping its class. */
function reviveError(error: { name: string; message: string }): Error {
  if (error.name === "ModelError") return new ModelError(error.message);
  if (error.name === "InputError") return new InputError({ message: error.message });
  if (error.name === "CeaError") return new CeaError(error.message);
  return new Error(`worker failed: ${error.name}: ${error.message}`);
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
  const model = await loadModel(reference);
  if (workers === 1) return runPsa(model, options);
  const prepared = await prepareModel(model);
  const total = options.samples;
  const run = runArrays(prepared, total);
  const starts: number[] = [];
  for (let start = 0; start < total; start += chunkSize) starts.push(start);
  const pool: Worker[] = [];
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let finished = false;
      const fail = (e: Error) => {
        if (!finished) {
          finished = true;
          reject(e);
        }
      };
      const send = (worker: Worker) => {
        const start = starts[next++];
        if (start === undefined) return;
        worker.postMessage({ start, n: Math.min(chunkSize, total - start) });
      };
      const workerUrl = new URL("./psa-worker.js", import.meta.url);
      const data: WorkerStart = { model: reference, seed: options.seed };
      for (let w = 0; w < Math.min(workers, starts.length); w++) {
        const worker = new Worker(workerUrl, { workerData: data });
        pool.push(worker);
        worker.on("error", (e) => fail(e));
        worker.on("message", (reply: ChunkReply) => {
          if ("error" in reply) {
            fail(reviveError(reply.error));
            return;
          }
          const view = run.view(reply.start, reply.n);
          for (const [name, values] of Object.entries(reply.columns))
            view.columns[name]?.set(values);
          for (const s of prepared.model.strategies) {
            view.output.cost[s]?.set(reply.cost[s] as Float64Array);
            view.output.effect[s]?.set(reply.effect[s] as Float64Array);
            for (const o of prepared.model.outcomes) {
              view.output.outcomes[o]?.[s]?.set(reply.outcomes[o]?.[s] as Float64Array);
            }
          }
          done += reply.n;
          options.onProgress?.(done, total);
          if (done === total) {
            finished = true;
            resolve();
          } else send(worker);
        });
        send(worker);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return psaResult(prepared, run, options.seed);
}
