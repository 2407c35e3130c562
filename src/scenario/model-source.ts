/**
 * Where a scenario's model comes from when `model:` names a file: a model file
 * (`format: ceakit-model/1`) or an ES module, relative to the scenario that names it, opened
 * through the host.
 *
 * @module
 */

import { CeaError, FileReadError, InputError } from "../errors.js";
import type { ModelFactory } from "../model/model-factory.js";
import type { ScenarioHost } from "./load-scenario.js";
import { resolvePath } from "./paths.js";
import { locateIssue, parseYaml, type YamlSource } from "./yaml-source.js";

/** The `format:` of model files. */
export const MODEL_FILE_FORMAT = "ceakit-model/1";

/** Whether `model:` names a file (a model file or an ES module) rather than a shipped model. */
export function isModelPath(name: string): boolean {
  return /\.(ya?ml|m?js)$/i.test(name) || name.startsWith(".") || name.startsWith("/");
}

/**
 * Why `name` names no model, for a message. Where model files can be opened (`files`), a name
 * that looks like a file's path but not a model's ("README.md", "models/x") is told which files
 * can be models, and any other name is reminded that a path will do; the nearest shipped name is
 * offered when one is close.
 *
 * @example
 * ```ts
 * unknownModelText("README.md", ["swis"], undefined, true);
 * // '"README.md" is not a model: name a shipped model (swis), a model file (.yaml, .yml) or an ES module (.js, .mjs)'
 * unknownModelText("swiss", ["swis"], "swis", false);
 * // 'unknown model "swiss" (did you mean "swis"?); available: swis'
 * ```
 */
export function unknownModelText(
  name: string,
  available: readonly string[],
  hint: string | undefined,
  files: boolean,
): string {
  if (files && /[/\\]|\.[A-Za-z0-9]+$/.test(name)) {
    return `"${name}" is not a model: name a shipped model (${available.join(", ")}), a model file (.yaml, .yml) or an ES module (.js, .mjs)`;
  }
  const near = hint === undefined ? "" : ` (did you mean "${hint}"?)`;
  const path = files ? ", or a model file's path such as ./my.model.yaml" : "";
  return `unknown model "${name}"${near}; available: ${available.join(", ")}${path}`;
}

/** The factory of the model file `file` (parsed as `source`), through the host. */
export async function modelFileFactory(
  file: string,
  source: YamlSource,
  host: ScenarioHost,
  chain: readonly YamlSource[],
): Promise<ModelFactory> {
  if (host.loadModelFile === undefined) {
    throw new InputError(
      locateIssue(chain, ["model"], "model files cannot be opened here; use the command line"),
    );
  }
  return host.loadModelFile(file, source);
}

/**
 * The model a scenario names by path (relative to the file that says `model:`): a model file
 * or, where the host can import modules, an ES module.
 */
export async function modelAtPath(
  name: string,
  chain: readonly YamlSource[],
  host: ScenarioHost,
): Promise<ModelFactory> {
  const owner = chain.find((s) => s.has(["model"])) as YamlSource;
  const path = resolvePath(owner.file, name);
  const at = (message: string) => new InputError(locateIssue([owner], ["model"], message));
  if (/\.m?js$/i.test(name)) {
    if (host.importModel === undefined) {
      throw at("ES modules can be run only from the command line; use a model file here");
    }
    try {
      return await host.importModel(path);
    } catch (e) {
      if (e instanceof CeaError) throw e;
      throw at(
        `cannot load the model module "${name}" (looked for ${path}): ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  let text: string;
  try {
    text = await host.readFile(path);
  } catch (e) {
    if (e instanceof InputError && !(e instanceof FileReadError)) throw e;
    const why = e instanceof FileReadError ? `: ${e.reason}` : "";
    throw at(`cannot read the model file "${name}" (looked for ${path})${why}`);
  }
  const source = parseYaml(path, text);
  if ((source.value as { format?: unknown } | null)?.format !== MODEL_FILE_FORMAT) {
    throw at(`"${name}" is not a model file: its first key should be format: ${MODEL_FILE_FORMAT}`);
  }
  return modelFileFactory(path, source, host, [owner]);
}
