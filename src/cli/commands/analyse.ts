/**
 * The declaration of `ceakit analyse`: its arguments, options and help. The work is in
 * ../analyse-command.ts, imported only when the command runs.
 *
 * @module
 */

import type { Command } from "commander";
import type { AnalyseFlags } from "../analyse-command.js";
import { examplesHelp } from "../help.js";
import type { CliIo } from "../io.js";

/**
 * Adds the `analyse` command to a program.
 *
 * @example
 * ```ts
 * addAnalyseCommand(program, io);
 * ```
 */
export function addAnalyseCommand(program: Command, io: CliIo): void {
  program
    .command("analyse")
    .alias("analyze")
    .description(
      "analyse PSA results: a long CSV (iteration,strategy,cost,effect) or a cost matrix CSV with --effects",
    )
    .argument("<psa.csv>", "long-format PSA, or the cost matrix when --effects is given")
    .option(
      "--effects <file>",
      "effect matrix CSV (one column per strategy), with <psa.csv> as the cost matrix",
    )
    .option("--wtp <grid>", "WTP grid: start:stop:step or a comma-separated list", "0:100000:1000")
    .option("--comparator <name>", "strategy the others are compared with (default: the first)")
    .option(
      "--parameters <file>",
      "CSV of the parameter draws, one row per iteration: EVPPI of each parameter",
    )
    .option("--group <a,b>", "also the EVPPI of these parameters together (regression)")
    .option(
      "--evppi-wtp <grid>",
      "WTP values for EVPPI: a list or start:stop:step (default: 11 values of --wtp)",
    )
    .option("--format <format>", "table, md, html, json or csv", "table")
    .option("--out <file>", "write the report to a file (atomically) instead of standard output")
    .option(
      "--population <n>",
      "people (or units of effect) affected per year, for population EVPI",
    )
    .option("--years <n>", "years the decision applies for, for population EVPI (default: 1)")
    .option("--discount <rate>", "annual discount rate for population EVPI (default: 0.035)")
    .option(
      "--currency <unit>",
      "currency written before amounts in the report, e.g. $ (default: £)",
    )
    .addHelpText(
      "after",
      examplesHelp([
        ["ceakit analyse psa.csv", "the analysis of a long PSA file, as text"],
        [
          "ceakit analyse costs.csv --effects effects.csv --format html --out report.html",
          "a cost and an effect matrix (as R users keep them), as an HTML report with charts",
        ],
        [
          "ceakit analyse psa.csv --parameters draws.csv --group d_a,g_a",
          "EVPPI per parameter and for a group, from the parameter draws",
        ],
      ]),
    )
    .action(async (file: string, flags: AnalyseFlags) =>
      (await import("../analyse-command.js")).runAnalyse(io, file, flags),
    );
}
