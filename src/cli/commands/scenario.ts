/**
 * The declarations of `ceakit validate`, `init` and `schema`: their arguments, options and help.
 * The work is in ../scenario-commands.ts, imported only when one of them runs.
 *
 * @module
 */

import type { Command } from "commander";
import { examplesHelp } from "../help.js";
import type { CliIo } from "../io.js";
import type { InitFlags, SchemaFlags } from "../scenario-commands.js";

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
    .action(async (files: string[]) =>
      (await import("../scenario-commands.js")).runValidate(io, files),
    );
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
    .action(async (file: string, flags: InitFlags) =>
      (await import("../scenario-commands.js")).runInit(io, file, flags),
    );
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
    .action(async (flags: SchemaFlags) =>
      (await import("../scenario-commands.js")).runSchema(io, flags),
    );
}
