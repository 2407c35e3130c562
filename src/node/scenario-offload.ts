/**
 * The part of a scenario run's analysis that needs only the samples, on a worker thread
 * ({@link RunScenarioOptions.offload}): a run on worker threads leaves its draws in shared
 * memory, so an idle PSA worker, warm from the run, reads them in place and computes
 * {@link scenarioAnalysisParts} while this thread computes the rest. The worker calls the
 * function this thread would call: the same bits.
 *
 * @module
 */

import type { EstimateTask } from "../analysis/estimate.js";
import { CeaError } from "../errors.js";
import type { OffloadedAnalysis, ScenarioAnalysisWork } from "../scenario/scenario-analysis.js";
import { FROM_SOURCES } from "./package-root.js";
import { analyseOnPsaWorker } from "./run-psa-parallel.js";
import { onSharedMemory } from "./shared-memory.js";

/** Whether every sample-length array of `work` is shared memory. */
const allShared = (work: ScenarioAnalysisWork) =>
  onSharedMemory(work.samples.cost, work.samples.effect) &&
  work.estimates.every((t: EstimateTask) => onSharedMemory(t.x, t.reference));

/**
 * Starts {@link scenarioAnalysisParts} of `work` on a PSA worker thread when every sample-length
 * array is shared memory; undefined otherwise (or when run from the TypeScript sources, which
 * have no compiled worker), and the caller computes it on this thread. `stop` ends the worker
 * while it works (it then leaves the pool); afterwards it does nothing.
 *
 * @example
 * ```ts
 * const result = await runScenario(loaded, { runPsa: onWorkers, offload: offloadScenarioAnalysis });
 * ```
 */
export function offloadScenarioAnalysis(work: ScenarioAnalysisWork): OffloadedAnalysis | undefined {
  if (FROM_SOURCES || !allShared(work)) return undefined;
  const { strategies, cost, effect } = work.samples;
  const job = analyseOnPsaWorker([
    {
      kind: "scenario",
      estimates: work.estimates,
      samples: { strategies, cost, effect },
      wtp: work.wtp,
      reportWtp: work.reportWtp,
    },
  ]);
  const parts = job.replies.then(([reply]) => {
    if (reply === undefined || !("parts" in reply)) {
      throw new CeaError("analysis worker: no scenario analysis");
    }
    return reply.parts;
  });
  return { parts, stop: job.stop };
}
