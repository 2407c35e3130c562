/**
 * The declarations of `ceakit dsa`, `threshold`, `evppi` and `compare`: their arguments, options
 * and help. The work is in ../sensitivity-commands.ts, imported only when one of them runs.
 *
 * @module
 */

import type { Command } from "commander";
import { examplesHelp } from "../help.js";
import type { CliIo } from "../io.js";
import { FORMAT_HELP, OUT_HELP } from "../report-output.js";
import type {
  CompareFlags,
  DsaFlags,
  EvppiFlags,
  ThresholdFlags,
} from "../sensitivity-commands.js";
import { WORKERS_HELP } from "./run.js";

/**
 * Adds `dsa`, `threshold`, `evppi` and `compare` to a program.
 *
 * @example
 * ```ts
 * addSensitivityCommands(program, io);
 * ```
 */
export function addSensitivityCommands(program: Command, io: CliIo): void {
  program
    .command("dsa")
    .description("one-way deterministic sensitivity analysis (tornado data) of a scenario")
    .argument("<scenario.yaml>")
    .option("--wtp <λ>", "willingness to pay (default: the scenario's highest reporting WTP)")
    .option("--parameters <names>", "comma-separated parameters (default: every one that varies)")
    .option("--strategy <name>", "strategy compared with the comparator (default: the second)")
    .option("--two-way <a,b>", "a two-way grid of two parameters: the optimal strategy per cell")
    .option("--format <format>", FORMAT_HELP, "table")
    .option("--out <path>", OUT_HELP)
    .addHelpText(
      "after",
      examplesHelp([
        ["ceakit dsa scenarios/swis-rct.yaml --wtp 20000", "the tornado table at £20,000"],
        [
          "ceakit dsa scenarios/swis-rct.yaml --format html --out tornado.html",
          "with the tornado chart",
        ],
        [
          "ceakit dsa scenarios/swis-rct.yaml --two-way irr_s47,irr_days_care",
          "the optimal strategy on a grid",
        ],
      ]),
    )
    .action(async (file: string, flags: DsaFlags) =>
      (await import("../sensitivity-commands.js")).runDsa(io, file, flags),
    );
  program
    .command("threshold")
    .description("where, within a range of one parameter, the optimal strategy changes")
    .argument("<scenario.yaml>")
    .requiredOption("--parameter <name>", "the parameter varied")
    .requiredOption("--range <low:high>", "the values searched")
    .option("--wtp <λ>", "willingness to pay (default: the scenario's highest reporting WTP)")
    .option("--format <format>", FORMAT_HELP, "table")
    .option("--out <path>", OUT_HELP)
    .addHelpText(
      "after",
      examplesHelp([
        [
          "ceakit threshold scenarios/swis-rct.yaml --parameter irr_s47 --range 0.5:1.2",
          "where SWIS becomes the better choice",
        ],
        [
          "ceakit threshold scenarios/swis-rct.yaml --parameter sw_salary --range 20000:60000 --format json",
          "for a program",
        ],
      ]),
    )
    .action(async (file: string, flags: ThresholdFlags) =>
      (await import("../sensitivity-commands.js")).runThreshold(io, file, flags),
    );
  program
    .command("evppi")
    .description(
      "expected value of partial perfect information per parameter, against the estimator's noise floor",
    )
    .argument("<scenario.yaml>")
    .option("--parameters <names>", "comma-separated parameters (default: every one that varies)")
    .option("--group", "also the EVPPI of all of them together (regression)")
    .option("--samples <n>", "PSA samples (default: the scenario's)")
    .option("--workers <n>", WORKERS_HELP)
    .option("--format <format>", FORMAT_HELP, "table")
    .option("--out <path>", OUT_HELP)
    .addHelpText(
      "after",
      examplesHelp([
        [
          "ceakit evppi scenarios/swis-rct.yaml",
          "every parameter, ranked where it stands above the noise",
        ],
        [
          "ceakit evppi scenarios/swis-rct.yaml --parameters irr_s47,irr_days_care --group",
          "two parameters and their group",
        ],
        ["ceakit evppi scenarios/swis-rct.yaml --format csv --out evppi", "tidy CSV files for R"],
      ]),
    )
    .action(async (file: string, flags: EvppiFlags) =>
      (await import("../sensitivity-commands.js")).runEvppi(io, file, flags),
    );
  program
    .command("compare")
    .description("key results of several scenarios side by side")
    .argument("<scenarios...>")
    .option("--samples <n>", "PSA samples for every scenario (default: each scenario's)")
    .option("--workers <n>", WORKERS_HELP)
    .option("--format <format>", FORMAT_HELP, "table")
    .option("--out <path>", OUT_HELP)
    .addHelpText(
      "after",
      examplesHelp([
        [
          "ceakit compare scenarios/swis-rct.yaml scenarios/swis-rct-optimistic.yaml",
          "two scenarios side by side",
        ],
        [
          "ceakit compare scenarios/pilot-*.yaml --format md --out pilots.md",
          "the pilots as a Markdown table",
        ],
      ]),
    )
    .action(async (files: string[], flags: CompareFlags) =>
      (await import("../sensitivity-commands.js")).runCompare(io, files, flags),
    );
}
