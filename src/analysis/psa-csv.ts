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
import { InputError, type SourceLocation } from "../errors.js";
import { findColumn, isLabelColumn, type LongColumn } from "./column-aliases.js";
import { checkWidth, FloatList, fastNumber, parseCell, readHeader } from "./csv-cells.js";
import { checkCommaSeparated } from "./csv-separator.js";
import { MAX_STRATEGIES, MAX_STRATEGY_NAME } from "./limits.js";
import { type CeSamples, createCeSamples } from "./samples.js";

/** The error for a strategy beyond {@link MAX_STRATEGIES}, at the cell that names it. */
function tooManyStrategies(at: SourceLocation): InputError {
  return new InputError({
    ...at,
    message: `more than ${MAX_STRATEGIES} strategies; at most ${MAX_STRATEGIES} can be analysed together (see README, "Limits")`,
  });
}

/** Options naming the input for error messages. */
export interface ReadOptions {
  /** File name used in error messages. */
  readonly file?: string;
}

const LONG_COLUMNS: readonly LongColumn[] = ["iteration", "strategy", "cost", "effect"];

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
 * label (to match a file of parameter draws by iteration).
 *
 * @example
 * ```ts
 * readLongPsaTable("sim,Strategy,Cost,QALYs\n7,a,1,1\n7,b,2,2\n8,a,1,1\n8,b,2,3\n").iterations; // ["7", "8"]
 * ```
 */
export function readLongPsaTable(text: string, options: ReadOptions = {}): PsaTable {
  const file = options.file;
  checkCommaSeparated(text, file);
  let header: string[] | undefined;
  const col = { iteration: 0, strategy: 0, cost: 0, effect: 0 };
  const strategyIds = new Map<string, number>();
  const iterationIds = new Map<string, number>();
  const iterationLine: number[] = [];
  const rowLine: number[] = [];
  const rowColumn: number[] = [];
  const rowIteration: number[] = [];
  const rowStrategy: number[] = [];
  const costs = new FloatList();
  const effects = new FloatList();
  let firstLine = 0;
  let lastIteration = "";
  let lastIterationId = 0;
  try {
    tokenizeCsv(text, (fields, line, columns) => {
      if (header === undefined) {
        header = readHeader(fields, columns, line, file);
        for (const name of LONG_COLUMNS) {
          const i = findColumn(header, name, line, file);
          if (i === undefined) {
            throw new InputError({
              file,
              line,
              field: name,
              message: `missing column "${name}"; the header needs iteration, strategy, cost and effect (found: ${header.join(", ")})`,
            });
          }
          col[name] = i;
        }
        firstLine = line;
        return;
      }
      checkWidth(fields, columns, header.length, line, file);
      const names = header;
      const at = (i: number): SourceLocation => ({
        file,
        line,
        column: columns[i] as number,
        field: names[i] as string,
      });
      const iteration = (fields[col.iteration] as string).trim();
      if (iteration === "")
        throw new InputError({ ...at(col.iteration), message: "the iteration is empty" });
      const strategy = (fields[col.strategy] as string).trim();
      if (strategy === "")
        throw new InputError({ ...at(col.strategy), message: "the strategy is empty" });
      // Rows usually come grouped by iteration: reuse the last lookup.
      let it = iteration === lastIteration ? lastIterationId : iterationIds.get(iteration);
      if (it === undefined) {
        it = iterationIds.size;
        iterationIds.set(iteration, it);
        iterationLine.push(line);
      }
      lastIteration = iteration;
      lastIterationId = it;
      let st = strategyIds.get(strategy);
      if (st === undefined) {
        if (strategyIds.size === MAX_STRATEGIES) throw tooManyStrategies(at(col.strategy));
        if (strategy.length > MAX_STRATEGY_NAME) {
          throw new InputError({
            ...at(col.strategy),
            message: `the strategy name is ${strategy.length.toLocaleString("en-GB")} characters long; at most ${MAX_STRATEGY_NAME}`,
          });
        }
        st = strategyIds.size;
        strategyIds.set(strategy, st);
      }
      const costText = fields[col.cost] as string;
      const effectText = fields[col.effect] as string;
      costs.push(fastNumber(costText) ?? parseCell(costText, at(col.cost)));
      effects.push(fastNumber(effectText) ?? parseCell(effectText, at(col.effect)));
      rowIteration.push(it);
      rowStrategy.push(st);
      rowLine.push(line);
      rowColumn.push(columns[col.strategy] as number);
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
  if (costs.length === 0) {
    throw new InputError({
      file,
      line: firstLine,
      message: "the file has a header but no data rows",
    });
  }
  const strategies = [...strategyIds.keys()];
  const nStrategies = strategies.length;
  const n = iterationIds.size;
  const cost = new Float64Array(n * nStrategies);
  const effect = new Float64Array(n * nStrategies);
  const filled = new Uint8Array(n * nStrategies);
  for (let r = 0; r < costs.length; r++) {
    const idx = (rowStrategy[r] as number) * n + (rowIteration[r] as number);
    if (filled[idx] === 1) {
      const iteration = [...iterationIds.keys()][rowIteration[r] as number];
      throw new InputError({
        file,
        line: rowLine[r] as number,
        column: rowColumn[r] as number,
        field: (header as string[])[col.strategy],
        message: `iteration ${iteration} already has a row for strategy "${strategies[rowStrategy[r] as number]}"`,
      });
    }
    filled[idx] = 1;
    cost[idx] = costs.data[r] as number;
    effect[idx] = effects.data[r] as number;
  }
  if (costs.length !== n * nStrategies) {
    // Find the first iteration that lacks a strategy.
    const count = new Int32Array(n);
    for (const it of rowIteration) count[it] = (count[it] as number) + 1;
    const it = count.findIndex((c) => c < nStrategies);
    const have = new Set(rowStrategy.filter((_, r) => rowIteration[r] === it));
    const missing = strategies.find((_, j) => !have.has(j));
    const name = [...iterationIds.keys()][it];
    throw new InputError({
      file,
      line: iterationLine[it] as number,
      field: "strategy",
      message: `iteration ${name} has no row for strategy "${missing}" (every iteration needs all ${nStrategies} strategies)`,
    });
  }
  return {
    samples: createCeSamples({ strategies, cost, effect }),
    iterations: [...iterationIds.keys()],
  };
}

/** One wide matrix: strategy names and sample-row values, strategy-major. */
interface WideMatrix {
  readonly strategies: string[];
  readonly values: Float64Array;
  readonly nSamples: number;
  /** The row labels, when the matrix has a label column. */
  readonly labels: string[] | undefined;
}

/** Reads a wide matrix: one column per strategy, one row per sample. */
function readWideMatrix(text: string, file: string | undefined): WideMatrix {
  checkCommaSeparated(text, file);
  let header: string[] | undefined;
  let skip = 0;
  const rows = new FloatList();
  const labels: string[] = [];
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
      if (skip === 1) labels.push((fields[0] as string).trim());
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
  return { strategies, values, nSamples: n, labels: skip === 1 ? labels : undefined };
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
  const samples = createCeSamples({
    strategies: costs.strategies,
    cost: costs.values,
    effect: effects.values,
  });
  return { samples, iterations: costs.labels };
}
