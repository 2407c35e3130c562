/**
 * `ceakit validate`, `ceakit init` and `ceakit schema`: checking scenario files, starting one
 * from the commented template, and printing the JSON Schema editors use.
 *
 * @module
 */

import type { Command } from "commander";
import { escapeControls } from "../control-characters.js";
import { CeaError, InputError, type InputIssue, ScenarioError } from "../errors.js";
import { suggest } from "../model/expressions.js";
import type { ModelFactory } from "../model/model-factory.js";
import { availableModels, canonicalModelName, loadModelFactory } from "../node/model-registry.js";
import type { FileOutput } from "../node/output-file.js";
import { PACKAGE_ROOT } from "../node/package-root.js";
import { isModelPath } from "../scenario/model-source.js";
import { scenarioJsonSchema } from "../scenario/schema.js";
import { examplesHelp } from "./help.js";
import type { CliIo } from "./io.js";
import { importModelAt, loadScenarioFile } from "./scenario-io.js";

/** The commented template for commissioners, shipped as scenarios/local-template.yaml. */
const TEMPLATE = new URL("scenarios/local-template.yaml", PACKAGE_ROOT);

/** Checks every file, printing "ok" or its problems; fails (exit 2) if any file has problems. */
async function runValidate(io: CliIo, files: readonly string[]): Promise<void> {
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

/**
 * Writes the commented local template to `file`. Anything already at that path (a file, even
 * one that cannot be read, a directory, a dangling symbolic link) is left alone unless `force`
 * is given, and even then only a regular file is replaced.
 */
function runInit(io: CliIo, file: string, template: string, force: boolean): void {
  const output = { kind: "file", path: file, replace: force } satisfies FileOutput;
  io.checkOutput(output);
  io.writeFile(output, template);
  io.stdout(
    `wrote ${escapeControls(file)}: replace the numbers marked LOCAL with your authority's, then run\n  ceakit run ${escapeControls(file)}\n`,
  );
}

/**
 * Adds `validate`, `init` and `schema` to a program.
 *
 * @example
 * ```ts
 * addScenarioCommands(program, io);
 * ```
 */
export function addScenarioCommands(program: Command, io: CliIo): void {
  program
    .command("validate")
    .description("check scenario files without running them")
    .argument("<files...>", "scenario files")
    .addHelpText(
      "after",
      examplesHelp([
        ["ceakit validate my-authority.yaml", "check one file: ok, or every mistake with its line"],
        ["ceakit validate scenarios/*.yaml", "check several"],
      ]),
    )
    .action((files: string[]) => runValidate(io, files));
  program
    .command("init")
    .description("write a commented scenario for a local authority to fill in")
    .argument("[file]", "file to create", "local-scenario.yaml")
    .option("--force", "replace the file if it exists (only ever a regular file)")
    .addHelpText(
      "after",
      examplesHelp([
        ["ceakit init", "writes local-scenario.yaml"],
        ["ceakit init my-authority.yaml", "writes my-authority.yaml, never replacing a file"],
      ]),
    )
    .action((file: string, flags: { force?: boolean }) => {
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
      runInit(
        io,
        file,
        template.replace(/\$schema=\S+/, `$schema=${schema}`),
        flags.force === true,
      );
    });
  program
    .command("schema")
    .description("print the JSON Schema of scenario files (for editors)")
    .option(
      "--model <name>",
      "model whose scenarios the schema describes: a shipped model's name, a model file or an ES module",
      "swis",
    )
    .addHelpText(
      "after",
      examplesHelp([
        ["ceakit schema > swis.scenario.json", "the schema editors complete scenario files from"],
        ["ceakit schema --model swis", "the same, naming the model"],
        [
          "ceakit schema --model ./my.model.yaml > my.scenario.json",
          "the schema of scenarios that say model: ./my.model.yaml",
        ],
      ]),
    )
    .action(async (flags: { model: string }) => {
      const factory = await schemaModel(io, flags.model);
      io.stdout(`${JSON.stringify(scenarioJsonSchema(factory), null, 2)}\n`);
    });
}

/**
 * The model `ceakit schema --model` names: a shipped model, or by path a model file (checked as
 * `validate` checks it) or an ES module exporting a model.
 */
async function schemaModel(io: CliIo, name: string): Promise<ModelFactory> {
  if (isModelPath(name)) {
    if (/\.m?js$/i.test(name)) return importModelAt(name);
    return (await loadScenarioFile(io, name, { checkMemory: false })).factory;
  }
  const models = availableModels();
  if (!models.includes(canonicalModelName(name))) {
    const hint = suggest(name, models);
    throw new InputError({
      field: "--model",
      message: `unknown model "${name}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}; available: ${models.join(", ")}, or a model file's path such as ./my.model.yaml`,
    });
  }
  return loadModelFactory(name);
}
