/**
 * The declaration of `ceakit run`: its arguments, options and help. The work is in
 * ../run-command.ts, imported only when the command runs, so that `ceakit --help` and the other
 * commands never load the scenario, PSA and report layers for it.
 *
 * @module
 */

import type { Command } from "commander";
import { examplesHelp } from "../help.js";
import type { CliIo } from "../io.js";
import { FORMAT_HELP, OUT_HELP } from "../report-output.js";
import type { RunFlags } from "../run-command.js";

/** Below this many samples one thread is quicker than starting workers. */
export const PARALLEL_FROM = 200_000;

/**
 * A whole number with a comma every three digits ("200,000"), as `toLocaleString("en-GB")`
 * writes it, without starting Intl (whose first use costs tens of milliseconds) for the help.
 */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

/**
 * Adds the `run` command to a program.
 *
 * @example
 * ```ts
 * addRunCommand(program, io);
 * ```
 */
export function addRunCommand(program: Command, io: CliIo): void {
  program
    .command("run")
    .description(
      "run a scenario: base case, PSA, ICERs, acceptability, EVPI, cost-consequence and budget impact",
    )
    .argument("<scenario.yaml>", "scenario file (see scenarios/ and `ceakit init`)")
    .option("--samples <n>", "PSA samples (default: the scenario's psa.samples)")
    .option("--seed <seed>", "random seed (default: the scenario's psa.seed)")
    .option("--format <format>", FORMAT_HELP, "table")
    .option("--out <path>", OUT_HELP)
    .option("--workers <n>", WORKERS_HELP)
    .addHelpText(
      "after",
      examplesHelp([
        ["ceakit run scenarios/swis-rct.yaml", "the report in the terminal"],
        [
          "ceakit run scenarios/swis-rct.yaml --format html --out report.html",
          "a self-contained page with charts",
        ],
        [
          "ceakit run my-authority.yaml --format csv --out tables --samples 100000",
          "one tidy CSV per table, for R or a spreadsheet",
        ],
      ]),
    )
    .action(async (file: string, flags: RunFlags) =>
      (await import("../run-command.js")).runRun(io, file, flags),
    );
}

/** The help of `--workers`, for every command that runs a PSA. */
export const WORKERS_HELP = `threads for the PSA (default: 2 from ${grouped(PARALLEL_FROM)} samples, else 1); never changes the results`;
