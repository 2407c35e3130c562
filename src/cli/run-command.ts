/**
 * `ceakit run <scenario.yaml>`: the base case and the PSA of a scenario, with every table.
 *
 * @module
 */

import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { evppiSortBin } from "../analysis/evppi.js";
import { escapeControls } from "../control-characters.js";
import { parseSeed } from "../core/seed.js";
import { modelReference } from "../node/model-registry.js";
import type { Output } from "../node/output-file.js";
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
import type { LoadedScenario } from "../scenario/load-scenario.js";
import { runScenario, type ScenarioResult } from "../scenario/run-scenario.js";
import type { CliIo } from "./io.js";
import { parseChoice } from "./options.js";
import { progressBar } from "./progress.js";
import { checkPsaFits, parseSamples, parseWorkers } from "./resource-limits.js";
import { loadScenarioFile } from "./scenario-io.js";

interface RunFlags {
  samples?: string;
  seed?: string;
  format: string;
  out?: string;
  workers?: string;
}

const FORMATS = ["table", "json", "csv", "md", "html"] as const;
type Format = (typeof FORMATS)[number];
const EXTENSION = { table: "txt", json: "json", md: "md", html: "html", csv: "csv" } as const;

/** Below this many samples one thread is quicker than starting workers. */
const PARALLEL_FROM = 200_000;

async function runRun(io: CliIo, file: string, flags: RunFlags): Promise<void> {
  const format = parseChoice("--format", flags.format, FORMATS);
  const samples = flags.samples === undefined ? undefined : parseSamples(flags.samples);
  const workersFlag = flags.workers === undefined ? undefined : parseWorkers(flags.workers);
  const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed, "--seed");
  const output = runOutput(format, flags.out);
  // A bad --out is refused before any work is done.
  if (output !== undefined) io.checkOutput(output);
  const loaded = await loadScenarioFile(io, file);
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
              chunkSize: 25_000,
              onProgress: bar.update,
            }),
        }
      : {}),
  });
  bar.done();
  const html = format === "html" ? await htmlReport(loaded, result) : "";
  const report = () =>
    format === "json"
      ? scenarioJsonText(result)
      : format === "csv"
        ? scenarioCsv(result)
        : format === "md"
          ? scenarioMarkdown(result)
          : format === "html"
            ? html
            : scenarioText(result);
  if (output === undefined) {
    io.stdout(report());
    return;
  }
  if (output.kind === "set") {
    const files = Object.fromEntries(
      Object.entries(scenarioCsvTables(result)).map(([name, text]) => [`${name}.csv`, text]),
    );
    io.writeSet(output, files);
    const names = Object.keys(files).map((name) => `${output.dir}/${name}`);
    io.stderr(`wrote ${escapeControls(names.join(", "))}\n`);
    return;
  }
  io.writeFile(output, report());
  io.stderr(`wrote ${escapeControls(output.path)}\n`);
}

/**
 * Where `run --out` writes: a file when the path ends with the format's extension (`.txt`,
 * `.md`, `.json`, `.html`, `.csv` for the tidy CSV), else a directory: `report.<ext>` in it
 * (made if missing), or for CSV one file per table, written as a set.
 */
function runOutput(format: Format, out: string | undefined): Output | undefined {
  if (out === undefined) return undefined;
  if (out.endsWith(`.${EXTENSION[format]}`) && !out.endsWith("/")) {
    return { kind: "file", path: out, replace: true };
  }
  const dir = out.replace(/\/+$/, "") || "/";
  if (format === "csv") return { kind: "set", dir };
  return {
    kind: "file",
    path: `${dir}/report.${EXTENSION[format]}`,
    replace: true,
    makeParent: true,
  };
}

/**
 * The HTML report, with a tornado (one-way DSA at the highest reporting WTP) and the EVPPI of
 * each parameter that varies (sort-and-bin at the same WTP).
 */
async function htmlReport(loaded: LoadedScenario, result: ScenarioResult): Promise<string> {
  const wtp = Math.max(...loaded.reportWtp);
  const dsa = await oneWayDsa(loaded.factory.create(loaded.config), { wtp });
  const { samples, parameters } = result.draws;
  const rows = Object.entries(parameters as Record<string, Float64Array>)
    .filter(([, x]) => x.some((v) => v !== x[0]))
    .map(([parameter, x]) => ({ parameter, evppi: evppiSortBin(samples, x, [wtp])[0] as number }))
    .sort((a, b) => b.evppi - a.evppi);
  return scenarioHtml(result, { dsa, evppi: { wtp, rows } });
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
    .option("--format <format>", "table, md, html, json or csv", "table")
    .option(
      "--out <path>",
      "write the report to this file if it ends with the format's extension (.txt, .md, .json, .html, .csv), else into this directory (report.<ext>, or one CSV per table), atomically",
    )
    .option(
      "--workers <n>",
      `threads for the PSA (default: 2 from ${PARALLEL_FROM.toLocaleString("en-GB")} samples, else 1); never changes the results`,
    )
    .action((file: string, flags: RunFlags) => runRun(io, file, flags));
}
