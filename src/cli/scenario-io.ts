/**
 * Scenario loading for the CLI: files through the CLI's IO (so tests can use an in-memory file
 * system), models from the package's models/ directory or model files (`ceakit-model/1`).
 *
 * @module
 */

import { CeaError, InputError } from "../errors.js";
import type { ModelFactory } from "../model/model-factory.js";
import { withModelFiles } from "../modelfile/host.js";
import { memoryBudget } from "../node/memory-budget.js";
import { importModelModule } from "../node/model-module.js";
import { availableModels, loadModelFactory } from "../node/model-registry.js";
import {
  type LoadedScenario,
  loadScenario,
  locatedModelError,
  type ScenarioHost,
} from "../scenario/load-scenario.js";
import type { CliIo } from "./io.js";
import { refuseEmptyPath } from "./options.js";

/**
 * A scenario host reading through `io`: every scenario file and every file it `extends` goes
 * through the one input reader (regular files, the scenario size limit, strict UTF-8); a PSA
 * that would not fit in this machine's memory budget is refused at `psa.samples`. Model files
 * and their CSV tables are read through the same reader.
 */
export function cliScenarioHost(io: CliIo, checkMemory = true): ScenarioHost {
  return withModelFiles({
    readFile: async (path) => io.readInput(path, "scenario"),
    readTable: async (path) => io.readInput(path, "csv"),
    loadModel: loadModelFactory,
    importModel: importModelModule,
    models: availableModels(),
    ...(checkMemory ? { memory: { bytes: memoryBudget(), holder: "this machine" } } : {}),
  });
}

/** Options of {@link loadScenarioFile}. */
export interface LoadOptions {
  /**
   * Whether the scenario's own `psa.samples` must fit in memory (default true). False when the
   * command runs no PSA (dsa, threshold) or its `--samples` replaces the scenario's, which the
   * command then checks itself.
   */
  readonly checkMemory?: boolean;
}

/**
 * Loads and checks a scenario file.
 *
 * @example
 * ```ts
 * const loaded = await loadScenarioFile(io, "scenarios/swis-rct.yaml");
 * ```
 */
export async function loadScenarioFile(
  io: CliIo,
  file: string,
  options: LoadOptions = {},
): Promise<LoadedScenario> {
  refuseEmptyPath("file", file);
  return loadScenario(file, cliScenarioHost(io, options.checkMemory ?? true));
}

/**
 * Runs `work` on a loaded scenario, with a model's unusable output (NaN, ±Infinity, beyond
 * ±1e15 in some sample) reported as a mistake located in the scenario's files: at the strategy
 * to blame where they name it (see `locatedModelError`).
 *
 * @example
 * ```ts
 * const result = await locatingModelErrors(loaded, () => runScenario(loaded));
 * ```
 */
export async function locatingModelErrors<T>(
  loaded: LoadedScenario,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw locatedModelError(loaded, e);
  }
}

/**
 * The model of an ES module given on the command line (`--model ./my-model.js`), any failure
 * to import it an input error at `--model`.
 *
 * @example
 * ```ts
 * const factory = await importModelAt("./my-model.js");
 * ```
 */
export async function importModelAt(path: string): Promise<ModelFactory> {
  try {
    return await importModelModule(path);
  } catch (e) {
    if (e instanceof CeaError) throw e;
    throw new InputError({
      field: "--model",
      message: `cannot load the model module "${path}": ${e instanceof Error ? e.message : String(e)}`,
    });
  }
}
