/**
 * Reading PSA results produced elsewhere (R, Excel, other models) into {@link CeSamples}:
 *
 * - **long** CSV, dampack style: columns `iteration,strategy,cost,effect` (any order, other
 *   columns ignored), one row per iteration and strategy;
 * - **wide** CSVs, BCEA style: a cost matrix and an effect matrix, one column per strategy and
 *   one row per sample (an unnamed or `iteration`/`sim` first column is taken as a row label).
 *
 * Every mistake is an {@link InputError} naming the file, line, column and field. These functions
 * take text, not paths: reading files is the caller's job (the CLI's, in Node).
 *
 * @module
 */

import { tokenizeCsv } from "../core/csv.js";
import { InputError, type SourceLocation } from "../errors.js";
import { limitText, MAX_MAGNITUDE, MAX_STRATEGIES } from "./limits.js";
import { type CeSamples, createCeSamples } from "./samples.js";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The value of a plain decimal cell (digits, one point, optional sign and exponent, no spaces),
 * or undefined when the cell needs the full check of {@link parseCell}.
 */
function fastNumber(text: string): number | undefined {
  const v = +text;
  const last = text.length - 1;
  // Number() also accepts "", surrounding spaces and 0x/0b/0o prefixes: leave those to parseCell,
  // and values beyond the magnitude limit (NaN fails the comparison too).
  if (
    !(Math.abs(v) <= MAX_MAGNITUDE) ||
    last < 0 ||
    text.charCodeAt(0) <= 32 ||
    text.charCodeAt(last) <= 32
  ) {
    return undefined;
  }
  if (last > 0 && text.charCodeAt(0) === 48 && (text.charCodeAt(1) | 32) > 97) return undefined;
  return v;
}

/** Parses a numeric cell or throws an InputError at its location. */
function parseCell(text: string, at: SourceLocation): number {
  const t = text.trim();
  if (NUMBER.test(t)) {
    const v = Number(t);
    if (!Number.isFinite(v)) {
      throw new InputError({ ...at, message: `"${t}" is too large to be a finite number` });
    }
    if (Math.abs(v) <= MAX_MAGNITUDE) return v;
    throw new InputError({
      ...at,
      message: `"${t}" is beyond the limit of ±${limitText(MAX_MAGNITUDE)} for costs and effects (see README, "Limits")`,
    });
  }
  const what = t === "" ? "an empty cell" : `"${t.length > 40 ? `${t.slice(0, 40)}…` : t}"`;
  const hint = /^(na|nan|-?inf(inity)?|null)$/i.test(t)
    ? " (missing or non-finite values are not allowed)"
    : "";
  throw new InputError({ ...at, message: `expected a number, got ${what}${hint}` });
}

/** Reads a header row into trimmed names, rejecting duplicates. */
function readHeader(
  fields: readonly string[],
  columns: readonly number[],
  line: number,
  file: string | undefined,
): string[] {
  const names = fields.map((f) => f.trim());
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const key = name.toLowerCase();
    if (name !== "" && seen.has(key)) {
      throw new InputError({
        file,
        line,
        column: columns[i] as number,
        field: name,
        message: `column "${name}" appears twice in the header`,
      });
    }
    seen.set(key, i);
  });
  return names;
}

/** Throws when a record's field count differs from the header's. */
function checkWidth(
  fields: readonly string[],
  columns: readonly number[],
  width: number,
  line: number,
  file: string | undefined,
): void {
  if (fields.length === width) return;
  const column = fields.length > width ? (columns[width] as number) : undefined;
  throw new InputError({
    file,
    line,
    ...(column === undefined ? {} : { column }),
    message: `expected ${width} fields as in the header, found ${fields.length}`,
  });
}

/** The error for a strategy beyond {@link MAX_STRATEGIES}, at the cell that names it. */
function tooManyStrategies(at: SourceLocation): InputError {
  return new InputError({
    ...at,
    message: `more than ${MAX_STRATEGIES} strategies; at most ${MAX_STRATEGIES} can be analysed together (see README, "Limits")`,
  });
}

/** A growable Float64Array. */
class FloatList {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/** Options naming the input for error messages. */
export interface ReadOptions {
  /** File name used in error messages. */
  readonly file?: string;
}

const LONG_COLUMNS = ["iteration", "strategy", "cost", "effect"] as const;

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
  const file = options.file;
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
        const lower = header.map((h) => h.toLowerCase());
        for (const name of LONG_COLUMNS) {
          const i = lower.indexOf(name);
          if (i < 0) {
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
  return createCeSamples({ strategies, cost, effect });
}

/** One wide matrix: strategy names and sample-row values, strategy-major. */
interface WideMatrix {
  readonly strategies: string[];
  readonly values: Float64Array;
  readonly nSamples: number;
}

const LABEL_COLUMN = /^(|iteration|iter|sim|simulation|sample|run|id)$/i;

/** Reads a wide matrix: one column per strategy, one row per sample. */
function readWideMatrix(text: string, file: string | undefined): WideMatrix {
  let header: string[] | undefined;
  let skip = 0;
  const rows = new FloatList();
  let firstLine = 0;
  try {
    tokenizeCsv(text, (fields, line, columns) => {
      if (header === undefined) {
        header = readHeader(fields, columns, line, file);
        skip = header.length > 1 && LABEL_COLUMN.test(header[0] as string) ? 1 : 0;
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
  return { strategies, values, nSamples: n };
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
  options: { readonly costFile?: string; readonly effectFile?: string } = {},
): CeSamples {
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
  return createCeSamples({
    strategies: costs.strategies,
    cost: costs.values,
    effect: effects.values,
  });
}
