/**
 * The models shipped in the package's models/ directory, found and loaded by name (Node only),
 * and the {@link ScenarioHost} that lets scenarios be loaded from files.
 *
 * @module
 */

import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { ModelConfig, ModelFactory } from "../model/model-factory.js";
import type { ScenarioHost } from "../scenario/load-scenario.js";
import type { ModelReference } from "./load-model.js";
import { BUNDLED, FROM_SOURCES } from "./package-root.js";

/**
 * dist/models/ (this file is dist/src/node/model-registry.js); in the CLI's bundle, its own
 * models/ beside it (dist/cli/models/, built with the bundle so that they share its modules);
 * when running from the sources (the tests), models/ with TypeScript entry points.
 */
const MODELS = new URL(BUNDLED ? "./models/" : "../../models/", import.meta.url);
const ENTRY = FROM_SOURCES ? "index.ts" : "index.js";

/**
 * Names of the models in the package's models/ directory.
 *
 * @example
 * ```ts
 * availableModels(); // ["swis"]
 * ```
 */
export function availableModels(): string[] {
  if (!existsSync(MODELS)) return [];
  return readdirSync(MODELS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/${ENTRY}`, MODELS)))
    .map((d) => d.name)
    .sort();
}

/**
 * Other names of shipped models, each to the directory it loads. `swis-trial` names the SWIS
 * trial replication (two-year horizon, stock of days in care), whose directory and scenario
 * name stay `swis` so that existing scenario files keep working; this is the only place
 * aliases are defined.
 *
 * @example
 * ```ts
 * MODEL_ALIASES["swis-trial"]; // "swis"
 * ```
 */
export const MODEL_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  "swis-trial": "swis",
});

/**
 * The shipped model a name or alias stands for (the name itself when it is no alias).
 *
 * @example
 * ```ts
 * canonicalModelName("swis-trial"); // "swis"
 * canonicalModelName("swis"); // "swis"
 * ```
 */
export function canonicalModelName(name: string): string {
  return Object.hasOwn(MODEL_ALIASES, name) ? (MODEL_ALIASES[name] as string) : name;
}

/** URL of a shipped model's module. */
function moduleOf(name: string): string {
  return new URL(`${canonicalModelName(name)}/${ENTRY}`, MODELS).href;
}

/**
 * Loads a shipped model factory by name or alias ({@link MODEL_ALIASES}); rejects with a
 * TypeError if there is none.
 *
 * @example
 * ```ts
 * const swis = await loadModelFactory("swis"); // or "swis-trial"
 * ```
 */
export async function loadModelFactory(alias: string): Promise<ModelFactory> {
  const name = canonicalModelName(alias);
  if (!availableModels().includes(name)) throw new TypeError(`no model "${alias}"`);
  const factory = ((await import(moduleOf(name))) as { default?: ModelFactory }).default;
  if (factory === undefined || typeof factory.create !== "function") {
    throw new TypeError(`models/${name} does not export a model factory`);
  }
  return factory;
}

/**
 * A reference worker threads can load: the shipped model `name` built with `config`.
 *
 * @example
 * ```ts
 * await runPsaParallel(modelReference("swis", loaded.config), { samples: 1e6, seed: 1 });
 * ```
 */
export function modelReference(name: string, config: ModelConfig): ModelReference {
  return { module: moduleOf(name), config };
}

/**
 * Scenario loading from the file system with the shipped models.
 *
 * @example
 * ```ts
 * const loaded = await loadScenario("scenarios/swis-rct.yaml", fileScenarioHost());
 * ```
 */
export function fileScenarioHost(): ScenarioHost {
  return {
    readFile: (path) => readFile(path, "utf8"),
    loadModel: loadModelFactory,
    models: availableModels(),
  };
}
