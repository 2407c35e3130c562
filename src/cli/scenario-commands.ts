/**
 * `ceakit validate`, `ceakit init` and `ceakit schema`: checking scenario files, starting one
 * from the commented template, and printing the JSON Schema editors use. The commands are
 * declared in commands/scenario.ts, which imports this module only when one of them runs.
 *
 * @module
 */

import { escapeControls } from "../control-characters.js";
import { CeaError, InputError, type InputIssue, ScenarioError } from "../errors.js";
import { suggest } from "../model/expressions.js";
import type { ModelFactory } from "../model/model-factory.js";
import { isModelFile } from "../modelfile/compile-model-file.js";
import { availableModels, canonicalModelName, loadModelFactory } from "../node/model-registry.js";
import type { FileOutput } from "../node/output-file.js";
import { PACKAGE_ROOT } from "../node/package-root.js";
import type { LoadedScenario } from "../scenario/load-scenario.js";
import { isModelPath, unknownModelText } from "../scenario/model-source.js";
import { resolvePath } from "../scenario/paths.js";
import { scenarioJsonSchema } from "../scenario/schema.js";
import { yamlToValue } from "../scenario/yaml-source.js";
import type { CliIo } from "./io.js";
import { refuseEmptyPath } from "./options.js";
import { importModelAt, loadScenarioFile } from "./scenario-io.js";

/** The commented template for commissioners, shipped as scenarios/local-template.yaml. */
const TEMPLATE = new URL("scenarios/local-template.yaml", PACKAGE_ROOT);

/**
 * Runs `ceakit validate <files...>`: checks every file, printing "ok" or its problems; fails
 * (exit 2) if any file has problems.
 *
 * @example
 * ```ts
 * await runValidate(io, ["scenarios/swis-rct.yaml"]);
 * ```
 */
export async function runValidate(io: CliIo, files: readonly string[]): Promise<void> {
  const issues: InputIssue[] = [];
  for (const file of files) {
    try {
      const loaded = await loadScenarioFile(io, file);
      io.stdout(
        escapeControls(`ok ${file}: ${loaded.scenario.title} (model ${loaded.factory.name})`) +
          "\n",
      );
    } catch (e) {
      if (e instanceof InputError)
        issues.push(e.issue.file === undefined ? { ...e.issue, file } : e.issue);
      else if (e instanceof ScenarioError) issues.push(...e.issues);
      else throw e;
    }
  }
  if (issues.length === 1) throw new InputError(issues[0] as InputIssue);
  if (issues.length > 1) throw new ScenarioError(issues);
}

/** Flags of `init` as commander delivers them. */
export interface InitFlags {
  force?: boolean;
}

/**
 * Runs `ceakit init [file]`: writes the installation's commented local template to `file`, its
 * schema line pointing into the package's scenarios/ directory.
 *
 * @example
 * ```ts
 * runInit(io, "my-authority.yaml", {});
 * ```
 */
export function runInit(io: CliIo, file: string, flags: InitFlags): void {
  // `init` has no --out: an empty name is its [file] argument's.
  refuseEmptyPath("file", file);
  let template: string;
  try {
    template = io.readInput(TEMPLATE.pathname, "scenario");
  } catch (e) {
    throw new CeaError(
      `the template of the installation cannot be read (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  // The template's schema line points into the package's scenarios/ directory.
  const schema = new URL("scenarios/schema/swis.scenario.json", PACKAGE_ROOT).pathname;
  writeTemplate(
    io,
    file,
    template.replace(/\$schema=\S+/, `$schema=${schema}`),
    flags.force === true,
  );
}

/**
 * Writes the commented local template to `file`. Anything already at that path (a file, even
 * one that cannot be read, a directory, a dangling symbolic link) is left alone unless `force`
 * is given, and even then only a regular file is replaced.
 */
function writeTemplate(io: CliIo, file: string, template: string, force: boolean): void {
  const output = { kind: "file", path: file, replace: force, field: "file" } satisfies FileOutput;
  io.checkOutput(output);
  io.writeFile(output, template);
  io.stdout(
    `wrote ${escapeControls(file)}: replace the numbers marked LOCAL with your authority's, then run\n  ceakit run ${escapeControls(shellWord(file))}\n`,
  );
}

/**
 * A path as a POSIX shell takes it as one word: as it is when plain, else in single quotes; a
 * leading `-` gets `./`, so that it is not read as an option.
 *
 * @example
 * ```ts
 * shellWord("mine.yaml"); // "mine.yaml"
 * shellWord("mé autorité.yaml"); // "'mé autorité.yaml'"
 * shellWord("-"); // "./-"
 * ```
 */
export function shellWord(path: string): string {
  const safe = path.startsWith("-") ? `./${path}` : path;
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(safe) ? safe : `'${safe.replaceAll("'", "'\\''")}'`;
}

/** Flags of `schema` as commander delivers them. */
export interface SchemaFlags {
  model: string;
}

/**
 * Runs `ceakit schema`: prints the JSON Schema of the scenarios of `--model`.
 *
 * @example
 * ```ts
 * await runSchema(io, { model: "swis" });
 * ```
 */
export async function runSchema(io: CliIo, flags: SchemaFlags): Promise<void> {
  const factory = await schemaModel(io, flags.model);
  io.stdout(`${JSON.stringify(scenarioJsonSchema(factory), null, 2)}\n`);
}

/**
 * Refuses a scenario file given where a model is asked for (`--model s.yaml`): its schema would
 * be its model's, which the person meant to name. `head` is the file's YAML value.
 */
function refuseScenarioAsModel(file: string, head: unknown, loaded: LoadedScenario): void {
  if (isModelFile(head)) return;
  const model = loaded.scenario.model;
  const named = isModelPath(model) ? resolvePath(file, model) : model;
  throw new InputError({
    field: "--model",
    message: `${file} is a scenario (its model is ${model}), not a model; write --model ${named}`,
  });
}

/**
 * The model `ceakit schema --model` names: a shipped model, or by path a model file (checked as
 * `validate` checks it) or an ES module exporting a model.
 */
async function schemaModel(io: CliIo, name: string): Promise<ModelFactory> {
  if (isModelPath(name)) {
    if (/\.m?js$/i.test(name)) return importModelAt(name);
    const loaded = await loadScenarioFile(io, name, { checkMemory: false });
    refuseScenarioAsModel(name, yamlToValue(await io.readInput(name, "scenario")), loaded);
    return loaded.factory;
  }
  const models = availableModels();
  if (!models.includes(canonicalModelName(name))) {
    const hint = suggest(name, models);
    throw new InputError({
      field: "--model",
      message: unknownModelText(name, models, hint, true),
    });
  }
  return loadModelFactory(name);
}
