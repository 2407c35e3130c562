/**
 * The sizes a person can ask for on the command line (PSA samples, worker threads), checked
 * against what the machine allows before anything is allocated (see README, "Limits").
 *
 * @module
 */

import { MIN_SAMPLES } from "../analysis/limits.js";
import { InputError } from "../errors.js";
import { maxWorkers, memoryBudget } from "../node/memory-budget.js";
import type { LoadedScenario } from "../scenario/load-scenario.js";
import { type PsaRequest, psaFitProblem, scenarioPsaShape } from "../scenario/psa-shape.js";
import { parseIntegerInRange } from "./options.js";

/** The most PSA samples any command accepts, whatever the memory: 10⁸. */
export const MAX_SAMPLES = 100_000_000;

/**
 * Parses `--samples` (2 to {@link MAX_SAMPLES}: with one sample no spread, interval or
 * probability is defined); whether the samples fit in memory is checked
 * by {@link checkPsaFits} once the scenario is known.
 *
 * @example
 * ```ts
 * parseSamples("10000"); // 10000
 * ```
 */
export function parseSamples(text: string): number {
  return parseIntegerInRange("--samples", text, MIN_SAMPLES, MAX_SAMPLES);
}

/**
 * Parses `--workers`: 1 up to the machine's available parallelism (at least 2).
 *
 * @example
 * ```ts
 * parseWorkers("2"); // 2
 * ```
 */
export function parseWorkers(text: string): number {
  const most = maxWorkers();
  try {
    return parseIntegerInRange("--workers", text, 1, most);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError({
      field: "--workers",
      message: `${e.issue.message} (this machine runs ${most} threads at once)`,
    });
  }
}

/**
 * Refuses a PSA of `samples` whose estimated memory exceeds this machine's budget, saying how
 * many samples fit. `flag` names where the number came from (`--samples`, or the scenario).
 *
 * @example
 * ```ts
 * checkPsaFits(loaded, 1e8, "--samples", {}); // InputError: --samples 100000000 needs about 19 GB; …
 * ```
 */
export function checkPsaFits(
  loaded: LoadedScenario,
  samples: number,
  flag: string | undefined,
  request: PsaRequest = {},
  budget: number = memoryBudget(),
): void {
  const problem = psaFitProblem(scenarioPsaShape(loaded, request), samples, {
    bytes: budget,
    holder: "this machine",
  });
  if (problem === undefined) return;
  throw new InputError({
    ...(flag === undefined ? { file: loaded.file, field: "psa.samples" } : { field: flag }),
    message: problem,
  });
}
