/**
 * The memory shape of a scenario's PSA (strategies, outcomes, columns kept), for the estimate in
 * `psa/memory-estimate.ts`: the CLI checks it against the machine's memory, the web page against
 * its browser budget, with the same numbers.
 *
 * @module
 */

import { formatBytes, maxSamplesWithin, type PsaShape, psaBytes } from "../psa/memory-estimate.js";
import { COMMISSIONER_ARRAYS } from "./commissioner.js";
import type { LoadedScenario } from "./load-scenario.js";
import { scenarioModelShape } from "./scenario-model.js";

/** What a scenario's PSA keeps and computes per sample. */
export interface PsaRequest {
  /** Whether every parameter's draws are kept (the HTML report and EVPPI need them). */
  readonly keepAllParameters?: boolean;
  /** Threads, this one included. */
  readonly workers?: number;
  /** Parameters of a group EVPPI regression. */
  readonly regressionParameters?: number;
}

/**
 * The memory shape of a loaded scenario's PSA.
 *
 * @example
 * ```ts
 * const need = psaBytes(1e6, scenarioPsaShape(loaded));
 * if (need > BROWSER_MEMORY_BUDGET) refuse();
 * ```
 */
export function scenarioPsaShape(loaded: LoadedScenario, request: PsaRequest = {}): PsaShape {
  const model = scenarioModelShape(loaded);
  const columns = model.parameterNames.length + Object.keys(model.derived).length;
  const kept =
    request.keepAllParameters === true
      ? columns
      : (loaded.factory.keepParameters?.(loaded.config).length ?? columns);
  return {
    strategies: model.strategies.length,
    outcomes: model.outcomes.length,
    columns,
    keptColumns: Math.min(kept, columns),
    workers: request.workers ?? 1,
    wtpPoints: loaded.wtp.length,
    regressionParameters: request.regressionParameters ?? 0,
    answerArrays: loaded.factory.commissioner === undefined ? 0 : COMMISSIONER_ARRAYS,
  };
}

/** Memory a PSA may use, and who allows it ("this machine", "the web page"), for messages. */
export interface MemoryBudget {
  readonly bytes: number;
  readonly holder: string;
}

/**
 * What a PSA of `samples` needs beside what `budget` allows, in words, for the line a large run
 * prints before it starts.
 *
 * @example
 * ```ts
 * psaNeed(scenarioPsaShape(loaded), 1e7, { bytes: 13e9, holder: "this machine" });
 * // "10,000,000 samples need about 3.9 GB of memory; this machine allows about 13 GB"
 * ```
 */
export function psaNeed(shape: PsaShape, samples: number, budget: MemoryBudget): string {
  const need = formatBytes(psaBytes(samples, shape));
  return `${samples.toLocaleString("en-GB")} samples need about ${need} of memory; ${budget.holder} allows about ${formatBytes(budget.bytes)}`;
}

/**
 * Why a PSA of `samples` does not fit in `budget` (saying how many samples do), or undefined
 * when it fits.
 *
 * @example
 * ```ts
 * psaFitProblem(scenarioPsaShape(loaded), 1e8, { bytes: 2 ** 30, holder: "the web page" });
 * // "100,000,000 samples need about 23 GB; the web page allows about 1.1 GB: at most 4,600,000 samples fit"
 * ```
 */
export function psaFitProblem(
  shape: PsaShape,
  samples: number,
  budget: MemoryBudget,
): string | undefined {
  const need = psaBytes(samples, shape);
  if (need <= budget.bytes) return undefined;
  // Two significant digits, rounded down: "at most 55,000,000 samples fit".
  const exact = maxSamplesWithin(budget.bytes, shape);
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, exact))) - 1);
  const most = Math.floor(exact / unit) * unit;
  const count = (n: number) => n.toLocaleString("en-GB");
  return `${count(samples)} samples need about ${formatBytes(need)}; ${budget.holder} allows about ${formatBytes(budget.bytes)}: at most ${count(most)} samples fit`;
}
