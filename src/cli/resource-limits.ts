/**
 * The sizes a person can ask for on the command line (PSA samples, worker threads), checked
 * against what the machine allows before anything is allocated (see README, "Limits").
 *
 * @module
 */

import { MAX_SAMPLES, MIN_SAMPLES } from "../analysis/limits.js";
import { InputError } from "../errors.js";
import { maxWorkers, memoryBudget } from "../node/memory-budget.js";
import { psaBytes } from "../psa/memory-estimate.js";
import type { LoadedScenario } from "../scenario/load-scenario.js";
import {
  type PsaRequest,
  psaFitProblem,
  psaNeed,
  scenarioPsaShape,
} from "../scenario/psa-shape.js";
import { parseIntegerInRange } from "./options.js";

export { MAX_SAMPLES } from "../analysis/limits.js";

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

/** A PSA estimated to need at least this much memory says so before it starts: 1 GiB. */
export const STATE_MEMORY_FROM = 2 ** 30;

/**
 * Refuses a PSA of `samples` whose estimated memory exceeds this machine's budget, saying how
 * many samples fit. `flag` names where the number came from (`--samples`, or the scenario).
 * A PSA that fits but needs {@link STATE_MEMORY_FROM} or more gets the line to print before it
 * starts (what it needs and what the machine allows); smaller ones get undefined.
 *
 * @example
 * ```ts
 * checkPsaFits(loaded, 1e8, "--samples", {}); // InputError: --samples 100000000 needs about 19 GB; …
 * checkPsaFits(loaded, 1e7, "--samples", {}); // "10,000,000 samples need about 3.9 GB of memory; …"
 * ```
 */
export function checkPsaFits(
  loaded: LoadedScenario,
  samples: number,
  flag: string | undefined,
  request: PsaRequest = {},
  budget: number = memoryBudget(),
): string | undefined {
  const problem = psaFitProblem(scenarioPsaShape(loaded, request), samples, {
    bytes: budget,
    holder: "this machine",
  });
  if (problem === undefined) {
    const shape = scenarioPsaShape(loaded, request);
    return psaBytes(samples, shape) >= STATE_MEMORY_FROM
      ? psaNeed(shape, samples, { bytes: budget, holder: "this machine" })
      : undefined;
  }
  throw new InputError({
    ...(flag === undefined ? { file: loaded.file, field: "psa.samples" } : { field: flag }),
    message: problem,
  });
}
