/**
 * `ceakit analyse <psa.csv>`: analyses PSA results produced elsewhere. The command is declared in
 * commands/analyse.ts, which imports this module only when it runs.
 *
 * @module
 */

import type { Worker } from "node:worker_threads";
import { DISCOUNT_RANGE, MAX_POPULATION, MAX_YEARS, MIN_SAMPLES } from "../analysis/limits.js";
import { type PsaTable, readWidePsaTable } from "../analysis/psa-csv.js";
import { psaEvppiBytes } from "../analysis/psa-evppi.js";
import type { CeSamples } from "../analysis/samples.js";
import { escapeControls } from "../control-characters.js";
import { InputError } from "../errors.js";
import { MAX_CURRENCY_LENGTH } from "../model/model-factory.js";
import { analysePsaParallel, PARALLEL_ANALYSIS_FROM } from "../node/analyse-parallel.js";
import { spawnAnalysisWorker } from "../node/analysis-thread.js";
import { bytesAsChunks, type InputChunks } from "../node/input-chunks.js";
import { readLongPsaHalves } from "../node/long-psa-halves.js";
import { heapBudget } from "../node/memory-budget.js";
import type { FileOutput } from "../node/output-file.js";
import { FROM_SOURCES } from "../node/package-root.js";
import { sharedFloat64 } from "../node/shared-memory.js";
import { analyseBytes, formatBytes, reportSizeProblem } from "../psa/memory-estimate.js";
import { analysisHtml, analysisMarkdown } from "../report/analysis-documents.js";
import { analysisCsv, analysisJsonText, analysisText } from "../report/analysis-report.js";
import type { EvppiReport } from "../report/analysis-sections.js";
import { analyseEvppi, type EvppiFlags, evppiWtp, parseGroup } from "./analyse-evppi.js";
import { refuseReplacingInputs } from "./input-guard.js";
import type { CliIo } from "./io.js";
import {
  parseChoice,
  parseIntegerInRange,
  parseNumberFlag,
  parseNumberInRange,
  parseWtpFlag,
  refuseEmptyPath,
} from "./options.js";

/** Flags of `analyse` as commander delivers them. */
export interface AnalyseFlags extends EvppiFlags {
  effects?: string;
  wtp: string;
  comparator?: string;
  format: string;
  out?: string;
  population?: string;
  years?: string;
  discount?: string;
  currency?: string;
}

const FORMATS = ["table", "json", "csv", "md", "html"] as const;

/**
 * The currency a flag gives (`analyse --currency $`): a text that is not blank, of at most
 * {@link MAX_CURRENCY_LENGTH} characters, as a model file's `cost.unit`.
 *
 * @example
 * ```ts
 * parseCurrency("--currency", "$"); // "$"
 * parseCurrency("--currency", "US dollars"); // InputError: expected a text of at most 8 characters
 * ```
 */
function parseCurrency(flag: string, value: string): string {
  if (!/\S/.test(value))
    throw new InputError({
      field: flag,
      message: "expected a currency such as $, € or CHF, got a blank text",
    });
  if ([...value].length > MAX_CURRENCY_LENGTH) {
    throw new InputError({
      field: flag,
      message: `expected a text of at most ${MAX_CURRENCY_LENGTH} characters, got "${value}"`,
    });
  }
  return value;
}

/**
 * Reads the samples (one long CSV, or a cost matrix plus `--effects` matrix) and the text of the
 * parameter draws, after checking that all of it fits in memory.
 */
function readSamples(
  io: CliIo,
  file: string,
  flags: AnalyseFlags,
  wtpPoints: number,
  early: { worker?: Worker },
): { table: PsaTable; parameterText: string | undefined } {
  if (flags.effects === undefined) {
    // A long file is read piece by piece and parsed as bytes: never a string of the whole file,
    // nor the whole file in memory, nor a string per cell.
    const read = (chunks: InputChunks) =>
      readTable(io, file, flags, wtpPoints, [{ rows: chunks.lines, length: chunks.length }], () => {
        // A file that may hold enough samples for two threads (at least two strategies a
        // sample) is read into shared memory, which the analysis worker reads in place; the
        // worker starts now and, if the file is regular, reads its second half while this
        // thread reads the first (readLongPsaHalves).
        const large = chunks.lines >= 2 * PARALLEL_ANALYSIS_FROM;
        if (large && !FROM_SOURCES) early.worker = spawnAnalysisWorker();
        const options = {
          file,
          length: chunks.length,
          lines: chunks.lines - (chunks.endsWithLineEnd ? 1 : 0),
          ...(large ? { allocate: sharedFloat64 } : {}),
        };
        return readLongPsaHalves(chunks, options, early.worker).table;
      });
    return io.readInputChunks !== undefined
      ? io.readInputChunks(file, "csv", read)
      : read(bytesAsChunks(encoder.encode(io.readInput(file, "csv"))));
  }
  const text = io.readInput(file, "csv");
  const effectText = io.readInput(flags.effects, "csv");
  const size = (t: string) => ({ rows: lineCount(t), length: t.length });
  return readTable(io, file, flags, wtpPoints, [size(text), size(effectText)], () =>
    readWidePsaTable(text, effectText, {
      costFile: file,
      effectFile: flags.effects as string,
    }),
  );
}

/** A CSV's size for the memory check: its lines and its length (characters or bytes). */
interface CsvSize {
  readonly rows: number;
  readonly length: number;
}

/**
 * Reads the parameter draws' text, checks that the samples (of `sampleSizes`) and the draws fit
 * in memory, then reads the samples with `readPsa`.
 */
function readTable(
  io: CliIo,
  file: string,
  flags: AnalyseFlags,
  wtpPoints: number,
  sampleSizes: readonly CsvSize[],
  readPsa: () => PsaTable,
): { table: PsaTable; parameterText: string | undefined } {
  const parameterText =
    flags.parameters === undefined ? undefined : io.readInput(flags.parameters, "csv");
  const sizes =
    parameterText === undefined
      ? sampleSizes
      : [...sampleSizes, { rows: lineCount(parameterText), length: parameterText.length }];
  checkCsvFits(file, sizes, wtpPoints, 0);
  const table = readPsa();
  if (parameterText !== undefined) {
    // The draws and EVPPI's scratch, now that the samples and strategies are known.
    const lineEnd = parameterText.indexOf("\n");
    const header = lineEnd < 0 ? parameterText : parameterText.slice(0, lineEnd);
    const parameters = header.split(",").length;
    const extra = psaEvppiBytes({
      samples: table.samples.nSamples,
      parameters,
      groupParameters: parseGroup(flags)?.length ?? 0,
      strategies: table.samples.strategies.length,
    });
    checkCsvFits(flags.parameters as string, sizes, wtpPoints, extra);
  }
  return { table, parameterText };
}

const encoder = new TextEncoder();

/** Lines in `text`: an upper bound on its data rows, counted without allocating. */
function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  if (lines > 1) return lines;
  // Old Mac line ends (CR only) are accepted too: count those.
  for (let i = text.indexOf("\r"); i !== -1; i = text.indexOf("\r", i + 1)) lines++;
  return lines;
}

/**
 * Refuses CSV text (its lines and length, in characters or bytes) whose reading and analysis (and `extra` bytes, for EVPPI) would not fit in
 * this machine's memory.
 */
function checkCsvFits(
  file: string,
  sizes: readonly { readonly rows: number; readonly length: number }[],
  wtpPoints: number,
  extra: number,
): void {
  const rows = sizes.reduce((n, t) => n + t.rows, 0);
  const textLength = sizes.reduce((n, t) => n + t.length, 0);
  const need = analyseBytes({ rows, textLength, wtpPoints }) + extra;
  // The text and what parsing makes of it live on the JavaScript heap.
  const budget = heapBudget();
  if (need <= budget) return;
  throw new InputError({
    file,
    message: `${rows.toLocaleString("en-GB")} rows need about ${formatBytes(need)} to analyse; this process allows about ${formatBytes(budget)}`,
  });
}

/** Refuses a WTP grid whose CSV or JSON report would be too long a text for this analysis. */
function checkReportFits(samples: CeSamples, wtpPoints: number): void {
  const problem = reportSizeProblem(samples.strategies, wtpPoints);
  if (problem !== undefined) throw new InputError({ field: "--wtp", message: problem });
}

/** Runs `analyse` with parsed flags, writing the report to stdout or `--out`. */
/**
 * Runs `ceakit analyse <file>` with its flags: reads the PSA (and the parameter draws), checks
 * that it fits, analyses it and writes the report.
 *
 * @example
 * ```ts
 * await runAnalyse(io, "psa.csv", { wtp: "0:100000:1000", format: "json" });
 * ```
 */
export async function runAnalyse(io: CliIo, file: string, flags: AnalyseFlags): Promise<void> {
  // An empty path (an unset shell variable) names its argument, not "no such file".
  refuseEmptyPath("file", file);
  refuseEmptyPath("--effects", flags.effects);
  refuseEmptyPath("--parameters", flags.parameters);
  const format = parseChoice("--format", flags.format, FORMATS);
  const currency =
    flags.currency === undefined ? undefined : parseCurrency("--currency", flags.currency);
  const wtp = parseWtpFlag("--wtp", flags.wtp);
  // --years and --discount are checked first, then refused without --population, so they are
  // never silently ignored.
  const years = parseIntegerInRange("--years", flags.years ?? "1", 1, MAX_YEARS);
  const discountRate = parseNumberFlag("--discount", flags.discount ?? "0.035", (v) =>
    v >= DISCOUNT_RANGE[0] && v <= DISCOUNT_RANGE[1]
      ? undefined
      : `expected a rate from ${DISCOUNT_RANGE[0]} to ${DISCOUNT_RANGE[1]}, such as 0.035`,
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
          annualPopulation: parseNumberInRange("--population", flags.population, 0, MAX_POPULATION),
          years,
          discountRate,
        };
  const group = parseGroup(flags);
  const evppiGrid = evppiWtp(flags, wtp);
  const output =
    flags.out === undefined
      ? undefined
      : ({ kind: "file", path: flags.out, replace: true } satisfies FileOutput);
  // A bad --out is refused before the samples are read; so is one that would replace an input.
  if (output !== undefined) {
    io.checkOutput(output);
    refuseReplacingInputs(
      output,
      [file, flags.effects, flags.parameters].filter((f) => f !== undefined),
      (path) => io.identify?.(path) ?? path,
    );
  }
  const early: { worker?: Worker } = {};
  let read: ReturnType<typeof readSamples>;
  try {
    read = readSamples(io, file, flags, wtp.length, early);
  } catch (e) {
    void early.worker?.terminate();
    throw e;
  }
  const { table, parameterText } = read;
  const samples = table.samples;
  if (samples.nSamples < MIN_SAMPLES) {
    // With one sample no spread, interval or probability is defined: refused rather than shown
    // as a report of dashes (a one-row file is usually a truncated export or a base case).
    throw new InputError({
      file,
      message: `has ${samples.nSamples} sample; a PSA needs at least ${MIN_SAMPLES} (with one, no spread, interval or probability is defined)`,
    });
  }
  if (samples.strategies.length < 2) {
    // No comparison, acceptability or value of information is defined for one strategy.
    throw new InputError({
      file,
      message: `has one strategy (${samples.strategies[0] ?? ""}); an analysis compares at least two (is a strategy column missing, or the file cut short?)`,
    });
  }
  if (format !== "table") checkReportFits(samples, wtp.length);
  if (flags.comparator !== undefined && !samples.strategies.includes(flags.comparator)) {
    throw new InputError({
      field: "--comparator",
      message: `unknown strategy "${flags.comparator}"; ${file} has: ${samples.strategies.join(", ")}`,
    });
  }
  // From 200,000 samples a worker thread computes half the comparisons' INMB intervals.
  const result = await analysePsaParallel(
    samples,
    {
      wtp,
      ...(flags.comparator === undefined ? {} : { comparator: flags.comparator }),
      ...(population === undefined ? {} : { population }),
    },
    early.worker,
  );
  const evppi: EvppiReport | undefined =
    parameterText === undefined
      ? undefined
      : analyseEvppi(parameterText, flags.parameters as string, table, file, evppiGrid, group);
  const options = {
    title: flags.effects === undefined ? file : `${file} + ${flags.effects}`,
    ...(evppi === undefined ? {} : { evppi }),
    ...(currency === undefined ? {} : { currency }),
  };
  const text =
    format === "json"
      ? analysisJsonText(result, evppi)
      : format === "csv"
        ? analysisCsv(result, evppi)
        : format === "md"
          ? analysisMarkdown(result, options)
          : format === "html"
            ? await analysisHtml(result, samples, options)
            : analysisText(result, options);
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  io.writeFile(output, text);
  // As every command that writes a report file says what it wrote.
  io.stderr(`wrote ${escapeControls(output.path)}\n`);
}
