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
  runChunk,
  runPsa,
} from "../psa/run-psa.js";
import { loadModel, type ModelReference } from "./load-model.js";
import type { ChunkReply, WorkerStart } from "./psa-worker.js";

/** Options of {@link runPsaParallel}. */
export interface ParallelPsaOptions extends PsaOptions {
  /**
   * Threads computing chunks, this one included (default: the machine's available parallelism);
   * 1 runs everything on this thread.
   */
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
  // The calling thread computes chunks too, so `workers` threads run in all: workers − 1 worker
  // threads start (their start-up overlaps the first chunks here), each holding one chunk at a
  // time so that a slow-starting worker never sits on work this thread could do.
  const pool: Worker[] = [];
  let next = 0;
  let done = 0;
  let failure: Error | undefined;
  const take = () => starts[next++];
  const sizeOf = (start: number) => Math.min(chunkSize, total - start);
  const finished = new Promise<void>((resolve, reject) => {
    const check = () => {
      if (failure !== undefined) reject(failure);
      else if (done === total) resolve();
    };
    const fail = (e: Error) => {
      failure ??= e;
      check();
    };
    const workerUrl = new URL("./psa-worker.js", import.meta.url);
    // Workers skip mathjs (about a second to load) when every expression was transpiled here.
    const fast = prepared.derived.every((d) => d.source !== undefined);
    const data: WorkerStart = {
      model: reference,
      seed: options.seed,
      ...(fast
        ? {
            derived: prepared.derived.map((d) => ({
              name: d.name,
              text: d.text,
              inputs: d.inputs,
              source: d.source as string,
            })),
          }
        : {}),
    };
    const send = (worker: Worker) => {
      const start = take();
      if (start !== undefined) worker.postMessage({ start, n: sizeOf(start) });
    };
    for (let w = 1; w < Math.min(workers, starts.length); w++) {
      const worker = new Worker(workerUrl, { workerData: data });
      pool.push(worker);
      worker.on("error", (e) => fail(e));
      worker.on("message", (reply: ChunkReply) => {
        if ("error" in reply) {
          fail(reviveError(reply.error));
          return;
        }
        const view = run.view(reply.start, reply.n);
        for (const [name, values] of Object.entries(reply.columns)) view.columns[name]?.set(values);
        for (const s of prepared.model.strategies) {
          view.output.cost[s]?.set(reply.cost[s] as Float64Array);
          view.output.effect[s]?.set(reply.effect[s] as Float64Array);
          for (const o of prepared.model.outcomes) {
            view.output.outcomes[o]?.[s]?.set(reply.outcomes[o]?.[s] as Float64Array);
          }
        }
        done += reply.n;
        options.onProgress?.(done, total);
        send(worker);
        check();
      });
      send(worker);
    }
    // This thread's share: one chunk at a time, yielding between chunks so replies are handled.
    const work = () => {
      if (failure !== undefined) return;
      const start = take();
      if (start === undefined) {
        check();
        return;
      }
      try {
        runChunk(prepared, options.seed, start, sizeOf(start), run.view(start, sizeOf(start)));
      } catch (e) {
        fail(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      done += sizeOf(start);
      options.onProgress?.(done, total);
      check();
      setImmediate(work);
    };
    setImmediate(work);
  });
  try {
    await finished;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return psaResult(prepared, run, options.seed);
}
