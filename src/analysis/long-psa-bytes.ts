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
  type CsvByteRecord,
  csvFieldColumn,
  csvFieldText,
  tokenizeCsvBytes,
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
  let header: string[] | undefined;
  let width = 0;
  const col = { iteration: 0, strategy: 0, cost: 0, effect: 0 };
  let firstLine = 0;
  const iterations = new ByteLabelIndex();
  const strategyIndex = new ByteLabelIndex();
  const strategies: string[] = [];
  // Strategy-major columns with room for `cap` iterations and `room` strategies.
  let cap = 64;
  let room = 4;
  let cost = new Float64Array(cap * room);
  let effect = new Float64Array(cap * room);
  let filled = new Uint8Array(cap * room);
  let iterationLine = new Int32Array(cap);
  let rows = 0;
  let dataStart = -1;
  let duplicate: { line: number; column: number; it: number; st: number } | undefined;
  // The previous row's iteration, as a byte range of the file (−1: look it up).
  let lastIt = -1;
  let lastA = 0;
  let lastB = 0;
  let lastSt = -1;

  const relayout = (newCap: number, newRoom: number) => {
    const move = <T extends Float64Array | Uint8Array>(from: T, to: T): T => {
      for (let j = 0; j < strategies.length; j++) {
        to.set(from.subarray(j * cap, (j + 1) * cap), j * newCap);
      }
      return to;
    };
    cost = move(cost, new Float64Array(newCap * newRoom));
    effect = move(effect, new Float64Array(newCap * newRoom));
    filled = move(filled, new Uint8Array(newCap * newRoom));
    if (newCap !== cap) {
      const lines = new Int32Array(newCap);
      lines.set(iterationLine);
      iterationLine = lines;
    }
    cap = newCap;
    room = newRoom;
  };

  // A label's trimmed bytes: a range of `keyBytes` (the file's, or a re-encoded trimmed text).
  let keyBytes = bytes;
  let keyA = 0;
  let keyB = 0;
  const key = (record: CsvByteRecord, f: number): void => {
    let a = record.start[f] as number;
    let b = record.end[f] as number;
    while (a < b && isSpace(bytes[a] as number)) a++;
    while (b > a && isSpace(bytes[b - 1] as number)) b--;
    if (
      record.escaped[f] === 1 ||
      (a < b && ((bytes[a] as number) | (bytes[b - 1] as number)) >= 0x80)
    ) {
      // Doubled quotes to undo, or non-ASCII at an end (which may be Unicode whitespace).
      keyBytes = encoder.encode(csvFieldText(bytes, record, f).trim());
      keyA = 0;
      keyB = keyBytes.length;
      return;
    }
    keyBytes = bytes;
    keyA = a;
    keyB = b;
  };

  const at = (record: CsvByteRecord, f: number): SourceLocation => ({
    file,
    line: record.line,
    column: csvFieldColumn(bytes, record, f),
    field: (header as string[])[f] as string,
  });

  const number = (record: CsvByteRecord, f: number): number => {
    if (record.escaped[f] === 0) {
      const v = parseDecimalBytes(bytes, record.start[f] as number, record.end[f] as number);
      if (Math.abs(v) <= MAX_MAGNITUDE) return v;
    }
    const text = csvFieldText(bytes, record, f);
    return fastNumber(text) ?? parseCell(text, at(record, f));
  };

  const onHeader = (record: CsvByteRecord): void => {
    const fields: string[] = [];
    const columns: number[] = [];
    for (let f = 0; f < record.count; f++) {
      fields.push(csvFieldText(bytes, record, f));
      columns.push(csvFieldColumn(bytes, record, f));
    }
    const line = record.line;
    const names = readHeader(fields, columns, line, file);
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
    header = names;
    width = names.length;
    firstLine = line;
  };

  const onRow = (record: CsvByteRecord): void => {
    if (record.count !== width) {
      const columns: number[] = [];
      for (let f = 0; f < record.count; f++) columns.push(csvFieldColumn(bytes, record, f));
      checkWidth(new Array<string>(record.count).fill(""), columns, width, record.line, file);
    }
    if (dataStart < 0) dataStart = record.at[0] as number;
    // The iteration and the strategy, checked in this order.
    key(record, col.iteration);
    if (keyA === keyB) {
      throw new InputError({ ...at(record, col.iteration), message: "the iteration is empty" });
    }
    const itBytes = keyBytes;
    const itA = keyA;
    const itB = keyB;
    key(record, col.strategy);
    if (keyA === keyB) {
      throw new InputError({ ...at(record, col.strategy), message: "the strategy is empty" });
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
          const rowBytes = ((record.at[0] as number) - dataStart) / Math.max(rows, 1);
          const left = rowBytes > 0 ? (bytes.length - (record.at[0] as number)) / rowBytes : 0;
          const perIteration = Math.max(rows / Math.max(it, 1), 1);
          const estimate = Math.ceil(it + (left / perIteration) * 1.02) + 64;
          relayout(Math.max(estimate, Math.ceil(cap * 1.5)), room);
        }
        iterationLine[it] = record.line;
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
      count > 0 && strategyIndex.equals(guess, keyBytes, keyA, keyB)
        ? guess
        : strategyIndex.find(keyBytes, keyA, keyB);
    if (st < 0) {
      const name = new TextDecoder().decode(keyBytes.subarray(keyA, keyB));
      if (count === MAX_STRATEGIES) throw tooManyStrategies(at(record, col.strategy));
      if (name.length > MAX_STRATEGY_NAME) {
        throw new InputError({
          ...at(record, col.strategy),
          message: `the strategy name is ${name.length.toLocaleString("en-GB")} characters long; at most ${MAX_STRATEGY_NAME}`,
        });
      }
      st = strategyIndex.add(keyBytes, keyA, keyB);
      strategies.push(name);
      if (st >= room) relayout(cap, room * 2);
    }
    lastSt = st;
    const c = number(record, col.cost);
    const e = number(record, col.effect);
    const idx = st * cap + it;
    if (filled[idx] === 1) {
      duplicate ??= {
        line: record.line,
        column: csvFieldColumn(bytes, record, col.strategy),
        it,
        st,
      };
    } else {
      filled[idx] = 1;
      cost[idx] = c;
      effect[idx] = e;
    }
    rows++;
  };

  try {
    tokenizeCsvBytes(bytes, (record) => {
      if (header === undefined) onHeader(record);
      else onRow(record);
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
  if (rows === 0) {
    throw new InputError({
      file,
      line: firstLine,
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
      field: header[col.strategy],
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
            line: iterationLine[it] as number,
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
