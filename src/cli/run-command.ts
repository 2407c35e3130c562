/**
 * `ceakit run <scenario.yaml>`: the base case and the PSA of a scenario, with every table.
 *
 * @module
 */

import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { rankEvppi } from "../analysis/evppi-ranking.js";
import { escapeControls } from "../control-characters.js";
import { parseSeed } from "../core/seed.js";
import { modelReference } from "../node/model-registry.js";
import { preparePsaWorkers, runPsaParallel } from "../node/run-psa-parallel.js";
import { oneWayDsa } from "../psa/deterministic.js";
import { scenarioHtml } from "../report/html-report.js";
import {
  scenarioCsv,
  scenarioCsvTables,
  scenarioJsonText,
  scenarioMarkdown,
  scenarioText,
} from "../report/scenario-report.js";
import { templateDefaultsLeft, templateDefaultsWarning } from "../scenario/input-groups.js";
import type { LoadedScenario } from "../scenario/load-scenario.js";
import { runScenario, type ScenarioResult } from "../scenario/run-scenario.js";
import { scenarioModel } from "../scenario/scenario-model.js";
import { examplesHelp } from "./help.js";
import type { CliIo } from "./io.js";
import { progressBar } from "./progress.js";
import {
  FORMAT_HELP,
  OUT_HELP,
  parseReportFormat,
  reportOutput,
  writeReport,
} from "./report-output.js";
import { checkPsaFits, parseSamples, parseWorkers } from "./resource-limits.js";
import { loadScenarioFile } from "./scenario-io.js";

interface RunFlags {
  samples?: string;
  seed?: string;
  format: string;
  out?: string;
  workers?: string;
}

/** Below this many samples one thread is quicker than starting workers. */
const PARALLEL_FROM = 200_000;

async function runRun(io: CliIo, file: string, flags: RunFlags): Promise<void> {
  const format = parseReportFormat(flags.format);
  const samples = flags.samples === undefined ? undefined : parseSamples(flags.samples);
  const workersFlag = flags.workers === undefined ? undefined : parseWorkers(flags.workers);
  const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed, "--seed");
  const output = reportOutput(format, flags.out);
  // A bad --out is refused before any work is done.
  if (output !== undefined) io.checkOutput(output);
  // --samples replaces the scenario's sample count; the count run is checked below.
  const loaded = await loadScenarioFile(io, file, { checkMemory: samples === undefined });
  // Template slots still holding national defaults: a warning, not an error (the run goes on).
  const warning = templateDefaultsWarning(templateDefaultsLeft(loaded.inputs));
  if (warning !== undefined) io.stderr(`${escapeControls(`${file}: ${warning}`)}\n`);
  const total = samples ?? loaded.samples;
  const workers = workersFlag ?? (total >= PARALLEL_FROM ? Math.min(2, availableParallelism()) : 1);
  // Before any thread starts or array is allocated: does the PSA fit in memory?
  checkPsaFits(loaded, total, samples === undefined ? undefined : "--samples", {
    keepAllParameters: format === "html",
    workers,
  });
  const reference =
    loaded.factory.workerReference?.(loaded.config) ??
    modelReference(loaded.factory.name, loaded.config);
  // Workers load the model and warm up while this thread runs the base case.
  if (workers > 1) preparePsaWorkers(workers - 1, reference);
  const bar = progressBar(io, "PSA");
  const result = await runScenario(loaded, {
    ...(samples === undefined ? {} : { samples }),
    ...(seed === undefined ? {} : { seed }),
    onProgress: bar.update,
    // The HTML report ranks parameters by EVPPI, which needs their draws.
    keepAllParameters: format === "html",
    ...(workers > 1
      ? {
          runPsa: (_, n, s, keep) =>
            runPsaParallel(reference, {
              samples: n,
              seed: s,
              ...(keep === undefined ? {} : { keepParameters: keep }),
              workers,
              prepared: loaded.model,
              chunkSize: 25_000,
              onProgress: bar.update,
            }),
        }
      : {}),
  });
  bar.done();
  const html = format === "html" ? await htmlReport(loaded, result) : "";
  await writeReport(io, output, {
    text: () =>
      format === "json"
        ? scenarioJsonText(result)
        : format === "csv"
          ? scenarioCsv(result)
          : format === "md"
            ? scenarioMarkdown(result)
            : format === "html"
              ? html
              : scenarioText(result),
    tables: () => scenarioCsvTables(result),
  });
}

/**
 * The HTML report, with a tornado (one-way DSA at the highest reporting WTP) and the EVPPI of
 * each parameter that varies (sort-and-bin at the same WTP), ranked only above its noise floor.
 */
async function htmlReport(loaded: LoadedScenario, result: ScenarioResult): Promise<string> {
  const wtp = Math.max(...loaded.reportWtp);
  const dsa = await oneWayDsa(await scenarioModel(loaded), { wtp });
  const { samples, parameters } = result.draws;
  const evppi = rankEvppi(samples, parameters as Record<string, Float64Array>, [wtp]);
  return scenarioHtml(result, { dsa, evppi });
}

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
    .option(
      "--workers <n>",
      `threads for the PSA (default: 2 from ${PARALLEL_FROM.toLocaleString("en-GB")} samples, else 1); never changes the results`,
    )
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
    .action((file: string, flags: RunFlags) => runRun(io, file, flags));
}
