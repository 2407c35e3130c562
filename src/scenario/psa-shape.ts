/**
 * The memory shape of a scenario's PSA (strategies, outcomes, columns kept), for the estimate in
 * `psa/memory-estimate.ts`: the CLI checks it against the machine's memory, the web page against
 * its browser budget, with the same numbers.
 *
 * @module
 */

import type { PsaShape } from "../psa/memory-estimate.js";
import type { LoadedScenario } from "./load-scenario.js";

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
  const model = loaded.factory.create(loaded.config);
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
  };
}
