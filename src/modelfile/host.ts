/**
 * Opening model files through a {@link ScenarioHost}: the host's own readers fetch the file and
 * its tables (the CLI through its one input reader, the web page from the files it holds), and
 * this layer compiles it into a model factory.
 *
 * @module
 */

import type { ModelFactory } from "../model/model-factory.js";
import type { ScenarioHost } from "../scenario/load-scenario.js";
import type { YamlSource } from "../scenario/yaml-source.js";
import { compileModelFile, type ReadTable } from "./compile-model-file.js";
import { modelFileFactory } from "./model-file-factory.js";

/**
 * Compiles a parsed model file into its factory, reading tables with `readTable`.
 *
 * @example
 * ```ts
 * const factory = await loadModelFileFactory("hiv.model.yaml", parseYaml("hiv.model.yaml", text), read);
 * ```
 */
export async function loadModelFileFactory(
  file: string,
  source: YamlSource,
  readTable: ReadTable,
): Promise<ModelFactory> {
  return modelFileFactory(await compileModelFile({ ...source, file }, readTable));
}

/**
 * The host with model files: `ceakit run my.model.yaml` and `model: ./my.model.yaml` then work
 * through it. Tables are read with the host's `readTable`, else its `readFile`.
 *
 * @example
 * ```ts
 * const host = withModelFiles(memoryScenarioHost({ "hiv.model.yaml": text }, {}));
 * await loadScenario("hiv.model.yaml", host);
 * ```
 */
export function withModelFiles(host: ScenarioHost): ScenarioHost {
  const readTable = host.readTable ?? host.readFile;
  return {
    ...host,
    loadModelFile: (file, source) => loadModelFileFactory(file, source, readTable),
  };
}
