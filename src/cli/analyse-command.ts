/**
 * `ceakit analyse <psa.csv>`: analyses PSA results produced elsewhere.
 *
 * @module
 */

import type { Command } from "commander";
import { analysePsa } from "../analysis/analyse.js";
import { readLongPsaCsv, readWidePsaCsv } from "../analysis/psa-csv.js";
import type { CeSamples } from "../analysis/samples.js";
import { parseWtpGrid } from "../analysis/wtp.js";
import { InputError } from "../errors.js";
import type { FileOutput } from "../node/output-file.js";
import { analysisCsv, analysisJsonText, analysisText } from "../report/analysis-report.js";
import type { CliIo } from "./io.js";
import { parseChoice, parseNumberFlag, parsePositiveInteger } from "./options.js";

/** Flags of `analyse` as commander delivers them. */
interface AnalyseFlags {
  effects?: string;
  wtp: string;
  comparator?: string;
  format: string;
  out?: string;
  population?: string;
  years?: string;
  discount?: string;
}

const FORMATS = ["table", "json", "csv"] as const;

/** Reads the samples: one long CSV, or a cost matrix plus `--effects` matrix. */
function readSamples(io: CliIo, file: string, effects: string | undefined): CeSamples {
  const text = io.readInput(file, "csv");
  if (effects === undefined) return readLongPsaCsv(text, { file });
  return readWidePsaCsv(text, io.readInput(effects, "csv"), {
    costFile: file,
    effectFile: effects,
  });
}

/** Runs `analyse` with parsed flags, writing the report to stdout or `--out`. */
function runAnalyse(io: CliIo, file: string, flags: AnalyseFlags): void {
  const format = parseChoice("--format", flags.format, FORMATS);
  let wtp: Float64Array;
  try {
    wtp = parseWtpGrid(flags.wtp);
  } catch (e) {
    if (e instanceof InputError) throw new InputError({ ...e.issue, field: "--wtp" });
    throw e;
  }
  // --years and --discount are checked first, then refused without --population, so they are
  // never silently ignored.
  const years = parsePositiveInteger("--years", flags.years ?? "1");
  const discountRate = parseNumberFlag("--discount", flags.discount ?? "0.035", (v) =>
    v > -1 && v < 1 ? undefined : "expected a rate between -1 and 1, such as 0.035",
  );
  if (flags.population === undefined) {
    const stray =
      flags.years !== undefined
        ? "--years"
        : flags.discount !== undefined
          ? "--discount"
          : undefined;
    if (stray !== undefined) {
      throw new InputError({ field: stray, message: "only applies together with --population" });
    }
  }
  const population =
    flags.population === undefined
      ? undefined
      : {
          annualPopulation: parseNumberFlag("--population", flags.population, (v) =>
            v >= 0 ? undefined : "expected a number >= 0",
          ),
          years,
          discountRate,
        };
  const output =
    flags.out === undefined
      ? undefined
      : ({ kind: "file", path: flags.out, replace: true } satisfies FileOutput);
  // A bad --out is refused before the samples are read.
  if (output !== undefined) io.checkOutput(output);
  const samples = readSamples(io, file, flags.effects);
  if (flags.comparator !== undefined && !samples.strategies.includes(flags.comparator)) {
    throw new InputError({
      field: "--comparator",
      message: `unknown strategy "${flags.comparator}"; ${file} has: ${samples.strategies.join(", ")}`,
    });
  }
  const result = analysePsa(samples, {
    wtp,
    ...(flags.comparator === undefined ? {} : { comparator: flags.comparator }),
    ...(population === undefined ? {} : { population }),
  });
  const text =
    format === "json"
      ? analysisJsonText(result)
      : format === "csv"
        ? analysisCsv(result)
        : analysisText(result, {
            title: flags.effects === undefined ? file : `${file} + ${flags.effects}`,
          });
  if (output === undefined) io.stdout(text);
  else io.writeFile(output, text);
}

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
    .option("--format <format>", "table, json or csv", "table")
    .option("--out <file>", "write the report to a file (atomically) instead of standard output")
    .option(
      "--population <n>",
      "people (or units of effect) affected per year, for population EVPI",
    )
    .option("--years <n>", "years the decision applies for, for population EVPI (default: 1)")
    .option("--discount <rate>", "annual discount rate for population EVPI (default: 0.035)")
    .action((file: string, flags: AnalyseFlags) => runAnalyse(io, file, flags));
}
