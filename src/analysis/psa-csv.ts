/**
 * Reading PSA results produced elsewhere (R, Excel, other models) into {@link CeSamples}:
 *
 * - **long** CSV, dampack style: columns `iteration,strategy,cost,effect` (any order, other
 *   columns ignored), one row per iteration and strategy;
 * - **wide** CSVs, BCEA style: a cost matrix and an effect matrix, one column per strategy and
 *   one row per sample (an unnamed or `iteration`/`sim` first column is taken as a row label).
 *
 * Column names are matched case-insensitively with common aliases (`sim`, `Strategy`, `QALYs`,
 * …; see column-aliases.ts), and a semicolon- or tab-separated file (R's `write.csv2`) is refused
 * at its header with a hint (see csv-separator.ts).
 *
 * Every mistake is an {@link InputError} naming the file, line, column and field. These functions
 * take text, not paths: reading files is the caller's job (the CLI's, in Node).
 *
 * @module
 */

import { tokenizeCsv } from "../core/csv.js";
import { labelKey } from "../core/iteration-label.js";
import { InputError } from "../errors.js";
import { isLabelColumn } from "./column-aliases.js";
import { checkWidth, FloatList, parseCell, readHeader, tooManyStrategies } from "./csv-cells.js";
import { checkCommaSeparated } from "./csv-separator.js";
import { MAX_STRATEGIES } from "./limits.js";
import { readLongPsaBytes } from "./long-psa-bytes.js";
import { type CeSamples, createCeSamples } from "./samples.js";

/** Options naming the input for error messages. */
export interface ReadOptions {
  /** File name used in error messages. */
  readonly file?: string;
}

const encoder = new TextEncoder();

/** PSA samples read from CSV, with the iteration label of each sample when the file has them. */
export interface PsaTable {
  readonly samples: CeSamples;
  /**
   * The label of each sample (the iteration column of a long file, the row-label column of a
   * wide one), in sample order; undefined when the file has no labels.
   */
  readonly iterations: readonly string[] | undefined;
}

/**
 * Reads a long-format PSA table (`iteration,strategy,cost,effect`, dampack's layout).
 * Strategies and iterations keep the order in which they first appear. Every iteration must have
 * exactly one row per strategy.
 *
 * @example
 * ```ts
 * const samples = readLongPsaCsv(
 *   "iteration,strategy,cost,effect\n1,usual,100,1\n1,swis,300,1.5\n2,usual,110,1.2\n2,swis,320,1.4\n",
 *   { file: "psa.csv" },
 * );
 * samples.strategies; // ["usual", "swis"]
 * ```
 */
export function readLongPsaCsv(text: string, options: ReadOptions = {}): CeSamples {
  return readLongPsaTable(text, options).samples;
}

/**
 * Reads a long-format PSA table like {@link readLongPsaCsv}, keeping each sample's iteration
 * label (to match a file of parameter draws by iteration). The text is read as its UTF-8 bytes
 * by `readLongPsaBytes` (long-psa-bytes.ts), which a caller holding the file's bytes can call
 * directly.
 *
 * @example
 * ```ts
 * readLongPsaTable("sim,Strategy,Cost,QALYs\n7,a,1,1\n7,b,2,2\n8,a,1,1\n8,b,2,3\n").iterations; // ["7", "8"]
 * ```
 */
export function readLongPsaTable(text: string, options: ReadOptions = {}): PsaTable {
  return readLongPsaBytes(encoder.encode(text), options);
}

/** One wide matrix: strategy names and sample-row values, strategy-major. */
interface WideMatrix {
  readonly strategies: string[];
  readonly values: Float64Array;
  readonly nSamples: number;
  /** The row labels, when the matrix has a label column. */
  readonly labels: string[] | undefined;
  /** The line of each data row when it is labelled, and the label column's name (for messages). */
  readonly lines: number[];
  readonly labelName: string;
}

/** Reads a wide matrix: one column per strategy, one row per sample. */
function readWideMatrix(text: string, file: string | undefined): WideMatrix {
  checkCommaSeparated(text, file);
  let header: string[] | undefined;
  let skip = 0;
  const rows = new FloatList();
  const labels: string[] = [];
  const lines: number[] = [];
  let firstLine = 0;
  try {
    tokenizeCsv(text, (fields, line, columns) => {
      if (header === undefined) {
        header = readHeader(fields, columns, line, file);
        skip = header.length > 1 && isLabelColumn(header[0] as string) ? 1 : 0;
        header.forEach((name, i) => {
          if (i >= skip && name === "") {
            throw new InputError({
              file,
              line,
              column: columns[i] as number,
              message: `column ${i + 1} has no strategy name in the header`,
            });
          }
        });
        if (header.length - skip > MAX_STRATEGIES) {
          throw tooManyStrategies({
            file,
            line,
            column: columns[skip + MAX_STRATEGIES] as number,
            field: header[skip + MAX_STRATEGIES] as string,
          });
        }
        firstLine = line;
        return;
      }
      checkWidth(fields, columns, header.length, line, file);
      if (skip === 1) {
        labels.push((fields[0] as string).trim());
        lines.push(line);
      }
      for (let i = skip; i < fields.length; i++) {
        const at = { file, line, column: columns[i] as number, field: header[i] as string };
        rows.push(parseCell(fields[i] as string, at));
      }
    });
  } catch (e) {
    throw e instanceof InputError ? e.withFile(file ?? "input") : e;
  }
  if (header === undefined) {
    throw new InputError({
      file,
      message: "the file is empty; expected a header row and data rows",
    });
  }
  const strategies = header.slice(skip);
  const k = strategies.length;
  const n = rows.length / k;
  if (n === 0) {
    throw new InputError({
      file,
      line: firstLine,
      message: "the file has a header but no data rows",
    });
  }
  const values = new Float64Array(n * k);
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < k; j++) values[j * n + s] = rows.data[s * k + j] as number;
  }
  return {
    strategies,
    values,
    nSamples: n,
    labels: skip === 1 ? labels : undefined,
    lines,
    labelName: skip === 1 ? (header[0] as string) : "",
  };
}

/**
 * Reads a pair of wide matrices (BCEA's `c` and `e`): the cost CSV and the effect CSV, each with
 * one column per strategy (same names, same order) and one row per sample.
 *
 * @example
 * ```ts
 * const samples = readWidePsaCsv("usual,swis\n100,300\n110,320\n", "usual,swis\n1,1.5\n1.2,1.4\n",
 *   { costFile: "cost.csv", effectFile: "effect.csv" });
 * samples.nSamples; // 2
 * ```
 */
export function readWidePsaCsv(
  costText: string,
  effectText: string,
  options: WideReadOptions = {},
): CeSamples {
  return readWidePsaTable(costText, effectText, options).samples;
}

/** Options naming the two inputs of a wide PSA for error messages. */
export interface WideReadOptions {
  readonly costFile?: string;
  readonly effectFile?: string;
}

/**
 * Reads a pair of wide matrices like {@link readWidePsaCsv}, keeping the cost file's row labels
 * (its unnamed, `iteration` or `sim` first column) when it has them.
 *
 * @example
 * ```ts
 * readWidePsaTable(",a,b\n1,100,300\n2,110,320\n", "a,b\n1,1.5\n1.2,1.4\n").iterations; // ["1", "2"]
 * ```
 */
export function readWidePsaTable(
  costText: string,
  effectText: string,
  options: WideReadOptions = {},
): PsaTable {
  const costs = readWideMatrix(costText, options.costFile);
  const effects = readWideMatrix(effectText, options.effectFile);
  const effectFile = options.effectFile ?? "effects";
  const same =
    costs.strategies.length === effects.strategies.length &&
    costs.strategies.every((s, j) => s === effects.strategies[j]);
  if (!same) {
    throw new InputError({
      file: effectFile,
      line: 1,
      message: `the strategy columns (${effects.strategies.join(", ")}) differ from the cost file's (${costs.strategies.join(", ")})`,
    });
  }
  if (costs.nSamples !== effects.nSamples) {
    throw new InputError({
      file: effectFile,
      message: `has ${effects.nSamples} sample row${effects.nSamples === 1 ? "" : "s"} but the cost file has ${costs.nSamples}`,
    });
  }
  checkSameLabels(costs, effects, effectFile);
  const samples = createCeSamples({
    strategies: costs.strategies,
    cost: costs.values,
    effect: effects.values,
  });
  return { samples, iterations: costs.labels };
}

/**
 * When both matrices label their rows, row s of one must be row s of the other: costs and
 * effects are paired by position, so rows in another order would pair one iteration's costs
 * with another's effects.
 */
function checkSameLabels(costs: WideMatrix, effects: WideMatrix, effectFile: string): void {
  if (costs.labels === undefined || effects.labels === undefined) return;
  const s = costs.labels.findIndex(
    (label, i) => labelKey(label) !== labelKey(effects.labels?.[i] ?? ""),
  );
  if (s < 0) return;
  throw new InputError({
    file: effectFile,
    line: effects.lines[s] as number,
    column: 1,
    field: effects.labelName,
    message: `row ${s + 1} is iteration "${effects.labels[s]}", but row ${s + 1} of the cost file is "${costs.labels[s]}": both files must list the iterations in the same order`,
  });
}
