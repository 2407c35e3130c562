/**
 * `ceakit run <scenario.yaml>`: the base case and the PSA of a scenario, with every table.
 *
 * @module
 */

import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { evppiSortBin } from "../analysis/evppi.js";
import { InputError } from "../errors.js";
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
const EXTENSION = { table: "txt", json: "json", md: "md", html: "html" } as const;

/** Below this many samples one thread is quicker than starting workers. */
const PARALLEL_FROM = 200_000;

async function runRun(io: CliIo, file: string, flags: RunFlags): Promise<void> {
  const format = parseChoice("--format", flags.format, FORMATS);
  const samples = flags.samples === undefined ? undefined : parseSamples(flags.samples);
  const workersFlag = flags.workers === undefined ? undefined : parseWorkers(flags.workers);
  if (flags.seed !== undefined && flags.seed.trim() === "") {
    throw new InputError({ field: "--seed", message: "expected a number or a word" });
  }
  const seed =
    flags.seed === undefined
      ? undefined
      : /^-?\d+$/.test(flags.seed)
        ? Number(flags.seed)
        : flags.seed;
  const loaded = await loadScenarioFile(io, file);
  const total = samples ?? loaded.samples;
  const workers = workersFlag ?? (total >= PARALLEL_FROM ? Math.min(2, availableParallelism()) : 1);
  // Before any thread starts or array is allocated: does the PSA fit in memory?
  checkPsaFits(loaded, total, samples === undefined ? undefined : "--samples", {
    keepAllParameters: format === "html",
    workers,
  });
  const reference = modelReference(loaded.factory.name, loaded.config);
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
  if (flags.out === undefined) {
    io.stdout(report());
    return;
  }
  if (format === "html" && flags.out.endsWith(".html")) {
    io.writeText(flags.out, html);
    io.stderr(`wrote ${flags.out}\n`);
    return;
  }
  const files: [string, string][] =
    format === "csv"
      ? Object.entries(scenarioCsvTables(result)).map(([name, text]) => [`${name}.csv`, text])
      : [[`report.${EXTENSION[format]}`, report()]];
  const dir = flags.out.replace(/\/+$/, "") || "/";
  io.makeDir(dir);
  for (const [name, text] of files) io.writeText(`${dir}/${name}`, text);
  io.stderr(`wrote ${files.map(([name]) => `${dir}/${name}`).join(", ")}\n`);
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
      "write the report into this directory (or, for html, to this .html file) instead of standard output",
    )
    .option(
      "--workers <n>",
      `threads for the PSA (default: 2 from ${PARALLEL_FROM.toLocaleString("en-GB")} samples, else 1); never changes the results`,
    )
    .action((file: string, flags: RunFlags) => runRun(io, file, flags));
}
