/**
 * The cost-consequence estimates of a scenario run on a worker thread
 * ({@link RunScenarioOptions.estimates}): a run on worker threads leaves its draws in shared
 * memory, so a worker reads them in place and computes the estimates while this thread runs the
 * rest of the analysis. The worker calls {@link estimateAll}, as this thread would: the same bits.
 *
 * @module
 */

import { type EstimatePair, type EstimateTask, estimateAll } from "../analysis/estimate.js";
import { CeaError } from "../errors.js";
import { onAnalysisThread } from "./analysis-thread.js";
import { FROM_SOURCES } from "./package-root.js";

/** Whether a worker can read `x` in place. */
const isShared = (x: Float64Array | undefined) =>
  x === undefined || x.buffer instanceof SharedArrayBuffer;

/**
 * {@link estimateAll} of `tasks` on a worker thread when every array is shared memory; on this
 * thread otherwise (or when run from the TypeScript sources, which have no compiled worker).
 *
 * @example
 * ```ts
 * const result = await runScenario(loaded, { runPsa: onWorkers, estimates: estimatesOnWorker });
 * ```
 */
export async function estimatesOnWorker(
  tasks: readonly EstimateTask[],
): Promise<readonly EstimatePair[]> {
  if (FROM_SOURCES || !tasks.every((t) => isShared(t.x) && isShared(t.reference))) {
    return estimateAll(tasks);
  }
  const [reply] = await onAnalysisThread([{ kind: "estimates", tasks }]);
  if (reply === undefined || !("pairs" in reply)) {
    throw new CeaError("analysis worker: no estimates");
  }
  return reply.pairs;
}
