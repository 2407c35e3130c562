/**
 * The `ceakit` command-line program. Only this folder touches the process; errors become exit
 * codes here: 0 success, 1 failure while running, 2 bad input or usage (with one clear message
 * and never a stack trace). `ceakit` with no arguments is a usage error: the help goes to
 * standard error and the exit code is 2 (`ceakit --help` prints it to standard output, code 0).
 * Nothing ceakit prints carries colour or other terminal escapes. Building the program loads
 * only the commands' declarations (commands/); each command imports the module that does its
 * work when it runs, so start-up stays small whatever the command.
 *
 * @module
 */

import { Command, CommanderError } from "commander";
import { escapeControls, escapeControlsInLines } from "../control-characters.js";
import { CeaError, InputError, ModelError, ScenarioError } from "../errors.js";
import { VERSION } from "../version.js";
import { addAnalyseCommand } from "./commands/analyse.js";
import { addRunCommand } from "./commands/run.js";
import { addScenarioCommands } from "./commands/scenario.js";
import { addSensitivityCommands } from "./commands/sensitivity.js";
import { addServeCommand } from "./commands/serve.js";
import { examplesHelp } from "./help.js";
import { guardInputs } from "./input-guard.js";
import type { CliIo } from "./io.js";

/** Exit codes of the CLI. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Builds the commander program bound to an {@link CliIo}.
 *
 * @example
 * ```ts
 * await createProgram(nodeIo()).parseAsync(["analyse", "psa.csv"], { from: "user" });
 * ```
 */
export function createProgram(io: CliIo): Command {
  const program = new Command("ceakit")
    .description(
      "Cost-effectiveness analysis: scenarios of the SWIS model, ICERs, net benefit, acceptability curves, EVPI",
    )
    .version(VERSION, "-V, --version", "print the version")
    .exitOverride()
    .configureOutput(output(io));
  addRunCommand(program, io);
  addAnalyseCommand(program, io);
  addScenarioCommands(program, io);
  addSensitivityCommands(program, io);
  addServeCommand(program, io);
  program.addHelpText(
    "after",
    examplesHelp([
      ["ceakit run scenarios/swis-rct.yaml", "the SWIS trial's base case and PSA report"],
      ["ceakit init my-authority.yaml", "a commented scenario to fill in with local numbers"],
      ["ceakit run my-authority.yaml --format html --out report.html", "a report to share"],
    ]),
  );
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput(output(io));
    refuseRepeatedOptions(command);
  }
  return program;
}

/** Commander's own messages quote the arguments: their control characters are escaped. */
function writeError(io: CliIo, text: string): void {
  io.stderr(escapeControlsInLines(text));
}

/**
 * Where commander writes: help to stdout; its own usage errors to stderr as one line, with the
 * hint to the help on the same line.
 */
function output(io: CliIo) {
  return {
    writeOut: (s: string) => io.stdout(s),
    writeErr: (s: string) => writeError(io, s),
    outputError: (s: string, write: (s: string) => void) =>
      write(`${s.trimEnd().replace(/\n+/g, " ")} (run with --help for usage)\n`),
  };
}

/**
 * Makes `command` refuse an option given more than once (`--seed 1 --seed 2`, `--x=1 --x 2`),
 * naming it, instead of silently keeping the last value.
 */
function refuseRepeatedOptions(command: Command): void {
  const seen = new Map<string, unknown>();
  for (const option of command.options) {
    const flag = option.long ?? option.short ?? option.flags;
    command.on(`option:${option.name()}`, (value: unknown) => {
      if (seen.has(flag)) {
        const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : "");
        const values = [seen.get(flag), value].map(show).filter((v) => v !== "");
        throw new InputError({
          field: flag,
          message: `given more than once${values.length === 2 ? ` (${values.join(" and ")})` : ""}; give it once`,
        });
      }
      seen.set(flag, value);
    });
  }
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and returns the exit
 * code. Never throws.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(["analyse", "psa.csv", "--format", "json"], nodeIo());
 * ```
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  // The report never replaces one of the command's own inputs (see input-guard.ts).
  const program = createProgram(guardInputs(io));
  if (args.length === 0) {
    // A usage error: the help (with its examples) goes to standard error, not into a pipe.
    program.outputHelp({ error: true });
    return ExitCode.usage;
  }
  try {
    await program.parseAsync([...args], { from: "user" });
    return ExitCode.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are exits with code 0; every other commander error is a usage error
      // whose message commander has already written.
      return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (e instanceof InputError) {
      // One line, even when the message quotes a multi-line CSV cell or header.
      io.stderr(`error: ${escapeControls(e.message)}\n`);
      return ExitCode.usage;
    }
    if (e instanceof ScenarioError) {
      io.stderr(
        e.message
          .split("\n")
          .map((line) => `error: ${escapeControls(line)}\n`)
          .join(""),
      );
      return ExitCode.usage;
    }
    if (e instanceof ModelError) {
      // The model gave an unusable value (NaN, ±Infinity, beyond ±1e15) for the inputs the
      // person chose (or in the model they wrote): their input to mend, as the limits say.
      io.stderr(`error: ${escapeControls(e.message)}\n`);
      return ExitCode.usage;
    }
    if (e instanceof CeaError) {
      // The machine's failure (EnvironmentError: a full disk, an I/O error) or another.
      io.stderr(`error: ${escapeControls(e.message)}\n`);
      return ExitCode.failure;
    }
    io.stderr(
      `internal error: ${escapeControlsInLines(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`,
    );
    return ExitCode.failure;
  }
}
