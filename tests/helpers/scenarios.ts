/**
 * Loading scenario files in tests: from disk, with the models in models/ (TypeScript sources).
 */
import { fileScenarioHost } from "../../src/node/model-registry.js";
import { type LoadedScenario, loadScenario } from "../../src/scenario/load-scenario.js";
import { runScenario, type ScenarioResult } from "../../src/scenario/run-scenario.js";

/** Loads a scenario file (path relative to the repository root). */
export function load(file: string): Promise<LoadedScenario> {
  return loadScenario(file, fileScenarioHost());
}

/** Loads and runs a scenario file, optionally with another sample count or seed. */
export async function run(
  file: string,
  options: { samples?: number; seed?: string | number } = {},
): Promise<ScenarioResult> {
  return runScenario(await load(file), options);
}
