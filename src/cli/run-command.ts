/**
 * `ceakit run <scenario.yaml>`: the base case and the PSA of a scenario, with every table. The
 * command is declared in commands/run.ts, which imports this module only when it runs; the HTML
 * report's extra analyses and the worker threads are imported only when they are used.
 *
 * @module
 */

import { escapeControls } from "../control-characters.js";
import { parseSeed } from "../core/seed.js";
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
import { PARALLEL_FROM } from "./commands/run.js";
import type { CliIo } from "./io.js";
import { progressBar } from "./progress.js";
import { psaThreads, threadedRunPsa } from "./psa-threads.js";
import { parseReportFormat, reportOutput, writeReport } from "./report-output.js";
import { checkPsaFits, parseSamples, parseWorkers } from "./resource-limits.js";
import { loadScenarioFile, locatingModelErrors } from "./scenario-io.js";

/** Flags of `run` as commander delivers them. */
export interface RunFlags {
  samples?: string;
  seed?: string;
  format: string;
  out?: string;
  workers?: string;
}

/**
 * Runs `ceakit run <file>` with its flags: loads and checks the scenario, runs the base case and
 * the PSA (on worker threads from {@link PARALLEL_FROM} samples, or as `--workers` says) and
 * writes the report.
 *
 * @example
 * ```ts
 * await runRun(io, "scenarios/swis-rct.yaml", { format: "json", samples: "2000" });
 * ```
 */
export async function runRun(io: CliIo, file: string, flags: RunFlags): Promise<void> {
  const format = parseReportFormat(flags.format);
  const samples = flags.samples === undefined ? undefined : parseSamples(flags.samples);
  const workersFlag = flags.workers === undefined ? undefined : parseWorkers(flags.workers);
  const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed, "--seed");
  const output = reportOutput(format, flags.out);
  // A bad --out is refused before any work is done.
  if (output !== undefined) io.checkOutput(output);
  // When the flags already ask for threads, they start now and load the library while this
  // thread reads the scenario.
  const early = workersFlag ?? psaThreads(samples ?? 0);
  if (early > 1) (await import("../node/run-psa-parallel.js")).startPsaWorkers(early - 1);
  // --samples replaces the scenario's sample count; the count run is checked below.
  const loaded = await loadScenarioFile(io, file, { checkMemory: samples === undefined });
  // Now that the inputs are read: --out must not be one of them.
  if (output !== undefined) io.checkOutput(output);
  // Template slots still holding national defaults: a warning, not an error (the run goes on).
  const warning = templateDefaultsWarning(templateDefaultsLeft(loaded.inputs));
  if (warning !== undefined) io.stderr(`${escapeControls(`${file}: ${warning}`)}\n`);
  const total = samples ?? loaded.samples;
  const workers = workersFlag ?? psaThreads(total);
  // Before any array is allocated (threads the flags asked for may have started, idle): does
  // the PSA fit in memory?
  const need = checkPsaFits(loaded, total, samples === undefined ? undefined : "--samples", {
    keepAllParameters: format === "html",
    workers,
  });
  // A run of a gigabyte or more says up front what it needs.
  if (need !== undefined) io.stderr(`${escapeControls(`${file}: ${need}`)}\n`);
  const bar = progressBar(io, "PSA");
  // Worker threads are loaded only for a parallel run; they load the model and warm up while
  // this thread runs the base case.
  const runPsa = await threadedRunPsa(loaded, workers, bar.update);
  const result = await locatingModelErrors(loaded, async () =>
    runScenario(loaded, {
      ...(samples === undefined ? {} : { samples }),
      ...(seed === undefined ? {} : { seed }),
      onProgress: bar.update,
      // The HTML report ranks parameters by EVPPI, which needs their draws.
      keepAllParameters: format === "html",
      ...(runPsa !== undefined
        ? {
            runPsa,
            // The draws are in shared memory: a PSA worker, idle once the draws are made,
            // computes the estimates and decision curves while this thread computes the rest.
            offload: (await import("../node/scenario-offload.js")).offloadScenarioAnalysis,
          }
        : {}),
    }),
  );
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
  const [{ oneWayDsa }, { rankEvppi }, { scenarioHtml }] = await Promise.all([
    import("../psa/deterministic.js"),
    import("../analysis/evppi-ranking.js"),
    import("../report/html-report.js"),
  ]);
  const wtp = Math.max(...loaded.reportWtp);
  const dsa = await oneWayDsa(await scenarioModel(loaded), { wtp });
  const { samples, parameters } = result.draws;
  const evppi = rankEvppi(samples, parameters as Record<string, Float64Array>, [wtp]);
  return scenarioHtml(result, { dsa, evppi });
}
