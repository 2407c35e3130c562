/**
 * How a command's PSA is spread over threads: from {@link PARALLEL_FROM} samples on two (when
 * the machine has them), the draws in shared memory, the same bits as on one thread. `run`,
 * `evppi` and `compare` take their PSA this way.
 *
 * @module
 */

import { availableParallelism } from "node:os";
import { modelReference } from "../node/model-registry.js";
import type { LoadedScenario } from "../scenario/load-scenario.js";
import type { RunScenarioOptions } from "../scenario/run-scenario.js";
import { PARALLEL_FROM } from "./commands/run.js";

/**
 * The threads a PSA of `samples` runs on when no flag says: two from {@link PARALLEL_FROM}
 * samples, if the machine has two, else one.
 *
 * @example
 * ```ts
 * psaThreads(1_000_000); // 2 on a machine of two or more hardware threads
 * ```
 */
export function psaThreads(samples: number): number {
  return samples >= PARALLEL_FROM ? Math.min(2, availableParallelism()) : 1;
}

/**
 * The `runPsa` of {@link RunScenarioOptions} that runs a loaded scenario's PSA on `threads`
 * threads (this one included), its workers started now so that they load the model while this
 * thread runs the base case; undefined for one thread. Progress goes to `onProgress`.
 *
 * @example
 * ```ts
 * const runPsa = await threadedRunPsa(loaded, 2, bar.update);
 * await runScenario(loaded, { ...(runPsa === undefined ? {} : { runPsa }) });
 * ```
 */
export async function threadedRunPsa(
  loaded: LoadedScenario,
  threads: number,
  onProgress: (done: number, total: number) => void,
): Promise<RunScenarioOptions["runPsa"]> {
  if (threads <= 1) return undefined;
  const reference =
    loaded.factory.workerReference?.(loaded.config) ??
    modelReference(loaded.factory.name, loaded.config);
  const parallel = await import("../node/run-psa-parallel.js");
  parallel.preparePsaWorkers(threads - 1, reference);
  return (_, samples, seed, keep) =>
    parallel.runPsaParallel(reference, {
      samples,
      seed,
      ...(keep === undefined ? {} : { keepParameters: keep }),
      workers: threads,
      prepared: loaded.model,
      chunkSize: 25_000,
      onProgress,
    });
}
