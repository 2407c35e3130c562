/**
 * Reading a long-format PSA table (`iteration,strategy,cost,effect`, dampack's layout) from the
 * UTF-8 bytes of the file, for files of millions of rows: fields are byte ranges
 * (core/csv-bytes.ts), numbers are parsed from the bytes (core/decimal-bytes.ts, correctly
 * rounded, with `Number()` on the text where that declines), iteration and strategy labels are
 * interned as bytes (core/byte-label-index.ts), and each value goes straight into a
 * preallocated strategy-major column. No object or string is made per row.
 *
 * Results and errors are those of the string reader this replaced: the same values bit for bit,
 * and every mistake an {@link InputError} at the same file, line, column and field.
 *
 * @module
 */

import { ByteLabelIndex } from "../core/byte-label-index.js";
import {
  CsvByteReader,
  type CsvByteRecord,
  csvFieldColumn,
  csvFieldText,
} from "../core/csv-bytes.js";
import { parseDecimalBytes } from "../core/decimal-bytes.js";
import { InputError, type SourceLocation } from "../errors.js";
import { findColumn, type LongColumn } from "./column-aliases.js";
import { checkWidth, fastNumber, parseCell, readHeader, tooManyStrategies } from "./csv-cells.js";
import { checkCommaSeparatedBytes } from "./csv-separator.js";
import { MAX_MAGNITUDE, MAX_STRATEGIES, MAX_STRATEGY_NAME } from "./limits.js";
import type { PsaTable, ReadOptions } from "./psa-csv.js";
import { createCeSamples } from "./samples.js";

const LONG_COLUMNS: readonly LongColumn[] = ["iteration", "strategy", "cost", "effect"];
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Whether a byte is whitespace that `String.prototype.trim` removes (the ASCII ones). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Reads a long-format PSA table from the UTF-8 bytes of a file (checked as UTF-8 by the caller;
 * a leading byte-order mark is skipped), exactly as `readLongPsaTable` reads its text.
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode("iteration,strategy,cost,effect\n1,a,1,1\n1,b,2,2\n2,a,1,1\n2,b,2,3\n");
 * const table = readLongPsaBytes(bytes, { file: "psa.csv" });
 * table.samples.strategies; // ["a", "b"]
 * table.iterations;         // ["1", "2"]
 * ```
 */
export function readLongPsaBytes(bytes: Uint8Array, options: ReadOptions = {}): PsaTable {
  const file = options.file;
  checkCommaSeparatedBytes(bytes, file);
  const reader = new CsvByteReader(bytes);
  const record = reader.record;
  let header: string[] | undefined;
  try {
    if (reader.next()) header = readLongHeader(bytes, record, file);
  } catch (e) {
    throw located(e, file);
  }
  if (header === undefined) {
    throw new InputError({
      file,
      message: "the file is empty; expected a header row and data rows",
    });
  }
  return readRows(bytes, reader, header, file);
}

/** An error met while reading records, with the file named (as the string reader names it). */
function located(e: unknown, file: string | undefined): unknown {
  return e instanceof InputError ? e.withFile(file ?? "input") : e;
}

/** Columns of a long table: header names and the index of each long column. */
interface LongHeader {
  readonly names: string[];
  readonly iteration: number;
  readonly strategy: number;
  readonly cost: number;
  readonly effect: number;
  readonly line: number;
}

/** Reads and checks the header record. */
function readLongHeader(
  bytes: Uint8Array,
  record: CsvByteRecord,
  file: string | undefined,
): string[] {
  const fields: string[] = [];
  const columns: number[] = [];
  for (let f = 0; f < record.count; f++) {
    fields.push(csvFieldText(bytes, record, f));
    columns.push(csvFieldColumn(bytes, record, f));
  }
  return readHeader(fields, columns, record.line, file);
}

/** The index of each long column in `names`, or an error naming the one missing. */
function longColumns(names: string[], line: number, file: string | undefined): LongHeader {
  const col = { iteration: 0, strategy: 0, cost: 0, effect: 0 };
  for (const name of LONG_COLUMNS) {
    const i = findColumn(names, name, line, file);
    if (i === undefined) {
      throw new InputError({
        file,
        line,
        field: name,
        message: `missing column "${name}"; the header needs iteration, strategy, cost and effect (found: ${names.join(", ")})`,
      });
    }
    col[name] = i;
  }
  return { names, ...col, line };
}

/** Where a record's field is, for messages. */
function locate(
  bytes: Uint8Array,
  record: CsvByteRecord,
  f: number,
  header: LongHeader,
  file: string | undefined,
): SourceLocation {
  return {
    file,
    line: record.line,
    column: csvFieldColumn(bytes, record, f),
    field: header.names[f] as string,
  };
}

/** The trimmed text of a field as UTF-8 bytes (for fields with `""` or non-ASCII ends). */
function trimmedKey(bytes: Uint8Array, record: CsvByteRecord, f: number): Uint8Array {
  return encoder.encode(csvFieldText(bytes, record, f).trim());
}

/** A numeric cell the byte parser declined: the string reader's rules and messages. */
function slowNumber(
  bytes: Uint8Array,
  record: CsvByteRecord,
  f: number,
  header: LongHeader,
  file: string | undefined,
): number {
  const text = csvFieldText(bytes, record, f);
  return fastNumber(text) ?? parseCell(text, locate(bytes, record, f, header, file));
}

/** Refuses a record whose width differs from the header's. */
function refuseWidth(
  bytes: Uint8Array,
  record: CsvByteRecord,
  width: number,
  file: string | undefined,
): never {
  const columns: number[] = [];
  for (let f = 0; f < record.count; f++) columns.push(csvFieldColumn(bytes, record, f));
  checkWidth(new Array<string>(record.count).fill(""), columns, width, record.line, file);
  throw new Error("unreachable");
}

/** Strategy-major columns with room for `cap` iterations of `room` strategies. */
class Columns {
  cost: Float64Array;
  effect: Float64Array;
  filled: Uint8Array;
  /** The line where each iteration first appears. */
  lines: Int32Array;
  constructor(
    public cap: number,
    public room: number,
  ) {
    this.cost = new Float64Array(cap * room);
    this.effect = new Float64Array(cap * room);
    this.filled = new Uint8Array(cap * room);
    this.lines = new Int32Array(cap);
  }

  /** Moves the first `strategies` columns into room for `cap` iterations of `room` strategies. */
  relayout(cap: number, room: number, strategies: number): void {
    const move = <T extends Float64Array | Uint8Array>(from: T, to: T): T => {
      for (let j = 0; j < strategies; j++) {
        to.set(from.subarray(j * this.cap, (j + 1) * this.cap), j * cap);
      }
      return to;
    };
    this.cost = move(this.cost, new Float64Array(cap * room));
    this.effect = move(this.effect, new Float64Array(cap * room));
    this.filled = move(this.filled, new Uint8Array(cap * room));
    if (cap !== this.cap) {
      const lines = new Int32Array(cap);
      lines.set(this.lines);
      this.lines = lines;
    }
    this.cap = cap;
    this.room = room;
  }
}

/** Reads the data rows after the header into a {@link PsaTable}. */
function readRows(
  bytes: Uint8Array,
  reader: CsvByteReader,
  names: string[],
  file: string | undefined,
): PsaTable {
  const record = reader.record;
  let header: LongHeader;
  try {
    header = longColumns(names, record.line, file);
  } catch (e) {
    throw located(e, file);
  }
  const width = names.length;
  const ci = header.iteration;
  const cs = header.strategy;
  const cc = header.cost;
  const ce = header.effect;
  const iterations = new ByteLabelIndex();
  const strategyIndex = new ByteLabelIndex();
  const strategies: string[] = [];
  const columns = new Columns(64, 4);
  let cap = columns.cap;
  let cost = columns.cost;
  let effect = columns.effect;
  let filled = columns.filled;
  let rows = 0;
  let dataStart = -1;
  let duplicate: { line: number; column: number; it: number; st: number } | undefined;
  // The previous row's iteration as a range of the file's bytes (−1: none to compare with).
  let lastIt = -1;
  let lastA = 0;
  let lastB = 0;
  let lastSt = -1;
  try {
    while (reader.next()) {
      if (record.count !== width) refuseWidth(bytes, record, width, file);
      const start = record.start;
      const end = record.end;
      const escaped = record.escaped;
      if (dataStart < 0) dataStart = record.at[0] as number;
      // The iteration and the strategy, trimmed, checked in this order.
      let itBytes = bytes;
      let itA = start[ci] as number;
      let itB = end[ci] as number;
      while (itA < itB && isSpace(bytes[itA] as number)) itA++;
      while (itB > itA && isSpace(bytes[itB - 1] as number)) itB--;
      if (
        escaped[ci] === 1 ||
        (itA < itB && ((bytes[itA] as number) | (bytes[itB - 1] as number)) >= 0x80)
      ) {
        // Doubled quotes to undo, or non-ASCII at an end (which may be Unicode whitespace).
        itBytes = trimmedKey(bytes, record, ci);
        itA = 0;
        itB = itBytes.length;
      }
      if (itA === itB) {
        throw new InputError({
          ...locate(bytes, record, ci, header, file),
          message: "the iteration is empty",
        });
      }
      let stBytes = bytes;
      let stA = start[cs] as number;
      let stB = end[cs] as number;
      while (stA < stB && isSpace(bytes[stA] as number)) stA++;
      while (stB > stA && isSpace(bytes[stB - 1] as number)) stB--;
      if (
        escaped[cs] === 1 ||
        (stA < stB && ((bytes[stA] as number) | (bytes[stB - 1] as number)) >= 0x80)
      ) {
        stBytes = trimmedKey(bytes, record, cs);
        stA = 0;
        stB = stBytes.length;
      }
      if (stA === stB) {
        throw new InputError({
          ...locate(bytes, record, cs, header, file),
          message: "the strategy is empty",
        });
      }
      // Rows usually come grouped by iteration: compare with the last row's label first.
      let it = -1;
      if (lastIt >= 0 && itBytes === bytes && itB - itA === lastB - lastA) {
        it = lastIt;
        for (let i = itA, j = lastA; i < itB; i++, j++) {
          if (bytes[i] !== bytes[j]) {
            it = -1;
            break;
          }
        }
      }
      if (it < 0) {
        it = iterations.find(itBytes, itA, itB);
        if (it < 0) {
          it = iterations.add(itBytes, itA, itB);
          if (it >= cap) {
            // Room for the iterations the rest of the file holds, estimated from the rows so far.
            const here = record.at[0] as number;
            const rowBytes = (here - dataStart) / Math.max(rows, 1);
            const rowsLeft = rowBytes > 0 ? (bytes.length - here) / rowBytes : 0;
            const perIteration = Math.max(rows / Math.max(it, 1), 1);
            const estimate = Math.ceil(it + (rowsLeft / perIteration) * 1.02) + 64;
            columns.relayout(
              Math.max(estimate, Math.ceil(cap * 1.5)),
              columns.room,
              strategies.length,
            );
            cap = columns.cap;
            cost = columns.cost;
            effect = columns.effect;
            filled = columns.filled;
          }
          columns.lines[it] = record.line;
        }
      }
      if (itBytes === bytes) {
        lastIt = it;
        lastA = itA;
        lastB = itB;
      } else {
        lastIt = -1;
      }
      const count = strategies.length;
      const guess = lastSt + 1 < count ? lastSt + 1 : 0;
      let st =
        count > 0 && strategyIndex.equals(guess, stBytes, stA, stB)
          ? guess
          : strategyIndex.find(stBytes, stA, stB);
      if (st < 0) {
        const name = decoder.decode(stBytes.subarray(stA, stB));
        const at = locate(bytes, record, cs, header, file);
        if (count === MAX_STRATEGIES) throw tooManyStrategies(at);
        if (name.length > MAX_STRATEGY_NAME) {
          throw new InputError({
            ...at,
            message: `the strategy name is ${name.length.toLocaleString("en-GB")} characters long; at most ${MAX_STRATEGY_NAME}`,
          });
        }
        st = strategyIndex.add(stBytes, stA, stB);
        strategies.push(name);
        if (st >= columns.room) {
          columns.relayout(cap, columns.room * 2, strategies.length - 1);
          cost = columns.cost;
          effect = columns.effect;
          filled = columns.filled;
        }
      }
      lastSt = st;
      let c =
        escaped[cc] === 0
          ? parseDecimalBytes(bytes, start[cc] as number, end[cc] as number)
          : Number.NaN;
      if (!(Math.abs(c) <= MAX_MAGNITUDE)) c = slowNumber(bytes, record, cc, header, file);
      let e =
        escaped[ce] === 0
          ? parseDecimalBytes(bytes, start[ce] as number, end[ce] as number)
          : Number.NaN;
      if (!(Math.abs(e) <= MAX_MAGNITUDE)) e = slowNumber(bytes, record, ce, header, file);
      const idx = st * cap + it;
      if (filled[idx] === 1) {
        duplicate ??= { line: record.line, column: csvFieldColumn(bytes, record, cs), it, st };
      } else {
        filled[idx] = 1;
        cost[idx] = c;
        effect[idx] = e;
      }
      rows++;
    }
  } catch (e) {
    throw located(e, file);
  }
  if (rows === 0) {
    throw new InputError({
      file,
      line: header.line,
      message: "the file has a header but no data rows",
    });
  }
  const n = iterations.size;
  const S = strategies.length;
  if (duplicate !== undefined) {
    throw new InputError({
      file,
      line: duplicate.line,
      column: duplicate.column,
      field: names[cs],
      message: `iteration ${iterations.text(duplicate.it)} already has a row for strategy "${strategies[duplicate.st]}"`,
    });
  }
  if (rows !== n * S) {
    // The first iteration that lacks a strategy, and the first strategy it lacks.
    for (let it = 0; it < n; it++) {
      for (let j = 0; j < S; j++) {
        if (filled[j * cap + it] === 0) {
          throw new InputError({
            file,
            line: columns.lines[it] as number,
            field: "strategy",
            message: `iteration ${iterations.text(it)} has no row for strategy "${strategies[j]}" (every iteration needs all ${S} strategies)`,
          });
        }
      }
    }
  }
  // Close the gaps between columns: strategy j's values move from j·cap to j·n.
  if (cap !== n) {
    for (let j = 1; j < S; j++) {
      cost.copyWithin(j * n, j * cap, j * cap + n);
      effect.copyWithin(j * n, j * cap, j * cap + n);
    }
  }
  const samples = createCeSamples({
    strategies,
    cost: cost.subarray(0, n * S),
    effect: effect.subarray(0, n * S),
  });
  let labels: string[] | undefined;
  const table = { samples } as { samples: typeof samples; iterations: readonly string[] };
  // The labels as strings only when asked for (to match parameter draws by iteration).
  Object.defineProperty(table, "iterations", {
    enumerable: true,
    get: () => {
      labels ??= Array.from({ length: n }, (_, i) => iterations.text(i));
      return labels;
    },
  });
  return table;
}
