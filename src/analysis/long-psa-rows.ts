/**
 * The data rows of a long-format PSA table (`iteration,strategy,cost,effect`), read one at a time
 * into {@link LongColumns}: the rules each row must follow and the table they make. Rows come
 * either as tokenized records (core/csv-bytes.ts), which every row can be, or straight from the
 * bytes of plain lines (unquoted ASCII labels without surrounding spaces, plain decimals, LF or
 * CRLF line ends) by a fused scan that makes no record at all. The scan gives up on a line at the
 * first thing it does not handle, before changing anything, and the caller reads that line as a
 * record; so both ways give the same values and the same errors.
 *
 * @module
 */

import { ByteLabelIndex } from "../core/byte-label-index.js";
import {
  COMMA,
  CR,
  type CsvByteRecord,
  csvColumn,
  csvFieldColumn,
  csvFieldText,
  LF,
  STOP,
} from "../core/csv-bytes.js";
import { parseDecimalBytes } from "../core/decimal-bytes.js";
import { decimalEnd, plainDecimal } from "../core/plain-decimal.js";
import { InputError, type SourceLocation } from "../errors.js";
import { checkWidth, fastNumber, parseCell, tooManyStrategies } from "./csv-cells.js";
import { MAX_MAGNITUDE, MAX_STRATEGIES, MAX_STRATEGY_NAME } from "./limits.js";
import { LongColumns } from "./long-psa-columns.js";
import type { RegularLayout, RegularRows } from "./long-psa-regular.js";
import type { PsaTable } from "./psa-csv.js";
import { createCeSamples } from "./samples.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** What each field of a row is, for the fused scan (0: none of these). */
const ITERATION = 1;
const STRATEGY = 2;
const COST = 3;
const EFFECT = 4;

/** Where the field {@link trimmedField} last found starts and ends in the bytes it returned. */
let fieldFrom = 0;
let fieldTo = 0;

/**
 * Field `column` of `record`, trimmed as a key: the input's bytes with {@link fieldFrom} and
 * {@link fieldTo} set to the trimmed field, or, when it has doubled quotes to undo or non-ASCII at
 * an end (which may be Unicode whitespace), a copy with the key alone (from 0 to its length).
 */
function trimmedField(bytes: Uint8Array, record: CsvByteRecord, column: number): Uint8Array {
  let a = record.start[column] as number;
  let b = record.end[column] as number;
  while (a < b && isSpace(bytes[a] as number)) a++;
  while (b > a && isSpace(bytes[b - 1] as number)) b--;
  if (
    record.escaped[column] === 1 ||
    (a < b && ((bytes[a] as number) | (bytes[b - 1] as number)) >= 0x80)
  ) {
    const key = trimmedKey(bytes, record, column);
    fieldFrom = 0;
    fieldTo = key.length;
    return key;
  }
  fieldFrom = a;
  fieldTo = b;
  return bytes;
}

/** Columns of a long table: header names and the index of each long column. */
export interface LongHeader {
  readonly names: string[];
  readonly iteration: number;
  readonly strategy: number;
  readonly cost: number;
  readonly effect: number;
  /** The header's line. */
  readonly line: number;
}

/** What is known of the input's size, to size the columns once. */
export interface LongSizeHint {
  /** Bytes of the input. */
  readonly length: number;
  /**
   * At least the number of the last line that holds a record (lines as the tokenizer counts
   * them), if known.
   */
  readonly lines?: number | undefined;
  /** Allocates the cost and effect columns (see {@link LongColumns}); new Float64Arrays if absent. */
  readonly allocate?: ((length: number) => Float64Array) | undefined;
}

/** Whether a byte is whitespace that `String.prototype.trim` removes (the ASCII ones). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** The trimmed text of a field as UTF-8 bytes (for fields with `""` or non-ASCII ends). */
function trimmedKey(bytes: Uint8Array, record: CsvByteRecord, f: number): Uint8Array {
  return encoder.encode(csvFieldText(bytes, record, f).trim());
}

/**
 * The data rows of a long table as they are read, and the table they make.
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode("1,a,10,0.5\n1,b,20,0.7\n");
 * const header = { names: ["iteration", "strategy", "cost", "effect"], iteration: 0, strategy: 1, cost: 2, effect: 3, line: 1 };
 * const rows = new LongPsaRows(header, "psa.csv", { length: bytes.length });
 * const reader = new CsvByteReader(bytes);
 * while (reader.next()) rows.add(bytes, reader.record, 0);
 * rows.finish().samples.strategies; // ["a", "b"]
 * ```
 */
export class LongPsaRows {
  private readonly iterations = new ByteLabelIndex();
  private readonly strategyIndex = new ByteLabelIndex();
  private readonly strategies: string[] = [];
  /** Each strategy's name as UTF-8 bytes (empty when it holds a comma, quote or line end). */
  private readonly strategyBytes: Uint8Array[] = [];
  /** Whether the header is the usual `iteration,strategy,cost,effect`, for {@link scanUsual}. */
  private readonly usual: boolean;
  private readonly columns: LongColumns;
  private readonly width: number;
  /** What each field is: 0, {@link ITERATION}, {@link STRATEGY}, … */
  private readonly roles: Uint8Array;
  private rows = 0;
  /** Offset of the first data row in the input. */
  private dataStart = -1;
  private duplicate: { line: number; column: number; it: number; st: number } | undefined;
  /** The previous row's iteration and strategy (−1: none). */
  private lastIt = -1;
  private lastSt = -1;
  /** The line after the last row the fused scan read. */
  line = 0;
  /** Iterations from this one on are reserved for another reader (see {@link reserve}). */
  private reservedFrom = Number.POSITIVE_INFINITY;
  private release: (() => void) | undefined;

  constructor(
    private readonly header: LongHeader,
    private readonly file: string | undefined,
    private readonly size: LongSizeHint,
  ) {
    this.columns = new LongColumns(64, 4, size.allocate);
    this.width = header.names.length;
    this.roles = new Uint8Array(this.width);
    this.roles[header.iteration] = ITERATION;
    this.roles[header.strategy] = STRATEGY;
    this.roles[header.cost] = COST;
    this.roles[header.effect] = EFFECT;
    this.usual =
      this.width === 4 &&
      header.iteration === 0 &&
      header.strategy === 1 &&
      header.cost === 2 &&
      header.effect === 3;
  }

  /** Where a record's field is, for messages. */
  private locate(bytes: Uint8Array, record: CsvByteRecord, f: number): SourceLocation {
    return {
      file: this.file,
      line: record.line,
      column: csvFieldColumn(bytes, record, f),
      field: this.header.names[f] as string,
    };
  }

  /** A numeric cell the byte parser declined: the string reader's rules and messages. */
  private slowNumber(bytes: Uint8Array, record: CsvByteRecord, f: number): number {
    const text = csvFieldText(bytes, record, f);
    return fastNumber(text) ?? parseCell(text, this.locate(bytes, record, f));
  }

  /** Refuses a record whose width differs from the header's. */
  private refuseWidth(bytes: Uint8Array, record: CsvByteRecord): never {
    const columns: number[] = [];
    for (let f = 0; f < record.count; f++) columns.push(csvFieldColumn(bytes, record, f));
    checkWidth(
      new Array<string>(record.count).fill(""),
      columns,
      this.width,
      record.line,
      this.file,
    );
    throw new Error("unreachable");
  }

  /** Room for the iterations the rest of the input holds, estimated at iteration `it`. */
  private grow(it: number, line: number, here: number): void {
    const columns = this.columns;
    const rows = this.rows;
    const perIteration = Math.max(rows / Math.max(it, 1), 1);
    let estimate: number;
    if (this.size.lines !== undefined) {
      // Rows left: at most one a line.
      const rowsLeft = Math.max(this.size.lines - line + 1, 0);
      estimate = it + Math.ceil(rowsLeft / perIteration);
    } else {
      const rowBytes = (here - this.dataStart) / Math.max(rows, 1);
      const rowsLeft = rowBytes > 0 ? (this.size.length - here) / rowBytes : 0;
      estimate = Math.ceil(it + (rowsLeft / perIteration) * 1.02) + 64;
    }
    columns.relayout(
      Math.max(estimate, Math.ceil(columns.cap * 1.5)),
      columns.room,
      this.strategies.length,
    );
  }

  /**
   * Adds one record (a data row), read from `bytes`, which start at offset `base` of the input.
   * Throws an {@link InputError} (without the file, for the caller to add) for a bad row.
   */
  add(bytes: Uint8Array, record: CsvByteRecord, base: number): void {
    if (record.count !== this.width) this.refuseWidth(bytes, record);
    const header = this.header;
    const ci = header.iteration;
    const cs = header.strategy;
    const cc = header.cost;
    const ce = header.effect;
    const start = record.start;
    const end = record.end;
    const escaped = record.escaped;
    if (this.dataStart < 0) this.dataStart = base + (record.at[0] as number);
    // The iteration and the strategy, trimmed, checked in this order.
    const itBytes = trimmedField(bytes, record, ci);
    const itA = fieldFrom;
    const itB = fieldTo;
    if (itA === itB) {
      throw new InputError({
        ...this.locate(bytes, record, ci),
        message: "the iteration is empty",
      });
    }
    const stBytes = trimmedField(bytes, record, cs);
    const stA = fieldFrom;
    const stB = fieldTo;
    if (stA === stB) {
      throw new InputError({ ...this.locate(bytes, record, cs), message: "the strategy is empty" });
    }
    const iterations = this.iterations;
    const columns = this.columns;
    // Rows usually come grouped by iteration: compare with the last row's label first.
    let it =
      this.lastIt >= 0 && iterations.equals(this.lastIt, itBytes, itA, itB) ? this.lastIt : -1;
    if (it < 0) {
      it = iterations.find(itBytes, itA, itB);
      if (it < 0) {
        it = iterations.add(itBytes, itA, itB);
        if (it >= this.reservedFrom) this.releaseReserved();
        if (it >= columns.cap) this.grow(it, record.line, base + (record.at[0] as number));
        columns.firstLine(it, record.line, csvFieldColumn(bytes, record, ci));
      }
    }
    this.lastIt = it;
    const strategies = this.strategies;
    const strategyIndex = this.strategyIndex;
    const count = strategies.length;
    const guess = this.lastSt + 1 < count ? this.lastSt + 1 : 0;
    let st =
      count > 0 && strategyIndex.equals(guess, stBytes, stA, stB)
        ? guess
        : strategyIndex.find(stBytes, stA, stB);
    if (st < 0) {
      const name = decoder.decode(stBytes.subarray(stA, stB));
      const at = this.locate(bytes, record, cs);
      if (count === MAX_STRATEGIES) throw tooManyStrategies(at);
      if (name.length > MAX_STRATEGY_NAME) {
        throw new InputError({
          ...at,
          message: `the strategy name is ${name.length.toLocaleString("en-GB")} characters long; at most ${MAX_STRATEGY_NAME}`,
        });
      }
      st = strategyIndex.add(stBytes, stA, stB);
      strategies.push(name);
      // A name an unquoted field cannot hold (a comma, quote or line end in it) is never
      // compared with one: an empty one stands for it.
      const key = stBytes.slice(stA, stB);
      this.strategyBytes.push(key.some((b) => STOP[b] !== 0) ? new Uint8Array(0) : key);
      if (st >= columns.room)
        columns.relayout(columns.cap, columns.room * 2, strategies.length - 1);
    }
    this.lastSt = st;
    let c =
      escaped[cc] === 0
        ? parseDecimalBytes(bytes, start[cc] as number, end[cc] as number)
        : Number.NaN;
    if (!(Math.abs(c) <= MAX_MAGNITUDE)) c = this.slowNumber(bytes, record, cc);
    let e =
      escaped[ce] === 0
        ? parseDecimalBytes(bytes, start[ce] as number, end[ce] as number)
        : Number.NaN;
    if (!(Math.abs(e) <= MAX_MAGNITUDE)) e = this.slowNumber(bytes, record, ce);
    if (columns.fill(st, it)) {
      const idx = st * columns.cap + it;
      columns.cost[idx] = c;
      columns.effect[idx] = e;
    } else {
      this.duplicate ??= {
        line: record.line,
        column: csvFieldColumn(bytes, record, cs),
        it,
        st,
      };
    }
    this.rows++;
  }

  /**
   * {@link scan} for the usual layout, `iteration,strategy,cost,effect` in that order with
   * whole-number iterations: the same rows read the same way, field by field without a loop
   * over the fields, the strategy compared with the one expected as it is read.
   */
  private scanUsual(bytes: Uint8Array, i: number, stop: number, line: number): number {
    const columns = this.columns;
    const cap = columns.cap;
    const cost = columns.cost;
    const effect = columns.effect;
    const iterations = this.iterations;
    const strategyIndex = this.strategyIndex;
    const names = this.strategyBytes;
    const count = names.length;
    const filled = columns.filled;
    const words = columns.words;
    // New iterations from here on are for add().
    const limit = Math.min(cap, this.reservedFrom);
    let lastIt = this.lastIt;
    // The last row's iteration as a whole number (−1: not known here).
    let lastV = -1;
    let lastSt = this.lastSt;
    let rows = this.rows;
    let rowStart = i;
    let missed = false;
    while (i <= stop) {
      rowStart = i;
      missed = true;
      // The iteration: a whole number, up to a comma.
      let d = (bytes[i] as number) - 48;
      let v = 0;
      while (d >>> 0 < 10) {
        const next = (bytes[i + 1] as number) - 48;
        if (next >>> 0 < 10) {
          v = v * 100 + (d * 10 + next);
          i += 2;
          d = (bytes[i] as number) - 48;
        } else {
          v = v * 10 + d;
          d = (bytes[++i] as number) - 48;
        }
      }
      const itLength = i - rowStart;
      if (d !== COMMA - 48 || itLength === 0 || itLength > 15) break;
      if (itLength > 1 && bytes[rowStart] === 48) break;
      const stA = ++i;
      // The strategy: the one after the last row's, usually (the first row's is new).
      if (count === 0) break;
      let st = lastSt + 1 < count ? lastSt + 1 : 0;
      const name = names[st] as Uint8Array;
      const length = name.length;
      let k = 0;
      while (k < length && bytes[i + k] === name[k]) k++;
      if (k === length && bytes[i + k] === COMMA && length > 0) {
        i += length;
      } else {
        while (STOP[bytes[i] as number] === 0) i++;
        if (
          bytes[i] !== COMMA ||
          i === stA ||
          (bytes[stA] as number) <= 32 ||
          (bytes[stA] as number) >= 0x80 ||
          (bytes[i - 1] as number) <= 32 ||
          (bytes[i - 1] as number) >= 0x80
        ) {
          break;
        }
        st = strategyIndex.find(bytes, stA, i);
        // A new strategy: add() checks its name and makes room.
        if (st < 0) break;
      }
      i++;
      // The cost, then the effect (plain decimals fast, others parsed).
      let c = 0;
      let e = 0;
      let field = 0;
      for (; field < 2; field++) {
        const v = plainDecimal(bytes, i, true);
        i = decimalEnd;
        if (!(Math.abs(v) <= MAX_MAGNITUDE)) break;
        if (field === 0) {
          if (bytes[i] !== COMMA) break;
          c = v;
          i++;
        } else {
          e = v;
        }
      }
      if (field < 2) break;
      const t = bytes[i] as number;
      if (t === LF) i++;
      else if (t === CR && bytes[i + 1] === LF) i += 2;
      else break;
      // Usually the last row's iteration, or the next number.
      let it = v === lastV ? lastIt : iterations.findWhole(v);
      if (it === -2) {
        it =
          lastIt >= 0 && iterations.equals(lastIt, bytes, rowStart, rowStart + itLength)
            ? lastIt
            : iterations.find(bytes, rowStart, rowStart + itLength);
      }
      if (it < 0) {
        // A new iteration beyond the columns' room (add() moves them) or reserved.
        if (iterations.size >= limit) break;
        it = iterations.add(bytes, rowStart, rowStart + itLength, v);
        columns.firstLine(it, line);
      }
      lastIt = it;
      lastV = v;
      lastSt = st;
      // Columns.fill, inlined: whether a row filled the cell before.
      const w = st * words + (it >>> 5);
      const bit = 1 << (it & 31);
      const word = filled[w] as number;
      if ((word & bit) === 0) {
        filled[w] = word | bit;
        const idx = st * cap + it;
        cost[idx] = c;
        effect[idx] = e;
      } else {
        this.duplicate ??= { line, column: csvColumn(bytes, rowStart, stA), it, st };
      }
      rows++;
      line++;
      missed = false;
    }
    this.lastIt = lastIt;
    this.lastSt = lastSt;
    this.rows = rows;
    this.line = line;
    return missed ? rowStart : i;
  }

  /**
   * Reads the plain rows from `i`, the start of line `line`, onwards, stopping at the first row
   * that is not plain (or would need the columns moved, or names a new strategy) or at `stop`,
   * the offset of a line feed that no row read goes beyond. Returns where it stopped (a line
   * start); {@link line} is then that line's number. What it reads is exactly what {@link add}
   * would make of the same rows.
   */
  scan(bytes: Uint8Array, i: number, stop: number, line: number): number {
    if (this.usual) {
      const next = this.scanUsual(bytes, i, stop, line);
      if (next !== i) return next;
    }
    const width = this.width;
    const last = width - 1;
    const roles = this.roles;
    const columns = this.columns;
    const cap = columns.cap;
    const cost = columns.cost;
    const effect = columns.effect;
    const iterations = this.iterations;
    const strategyIndex = this.strategyIndex;
    const count = this.strategies.length;
    const limit = Math.min(cap, this.reservedFrom);
    let lastIt = this.lastIt;
    let lastSt = this.lastSt;
    let rows = this.rows;
    while (i <= stop) {
      const rowStart = i;
      let itA = 0;
      let itB = 0;
      let stA = 0;
      let stB = 0;
      let itValue = -1;
      let c = 0;
      let e = 0;
      let plain = true;
      // The fields, up to the line end: every loop stops at the line feed at `stop`.
      for (let f = 0; ; f++) {
        const a = i;
        const role = roles[f];
        if (role === COST || role === EFFECT) {
          const v = plainDecimal(bytes, i, true);
          i = decimalEnd;
          if (!(Math.abs(v) <= MAX_MAGNITUDE)) {
            plain = false;
            break;
          }
          if (role === COST) c = v;
          else e = v;
        } else if (role === ITERATION) {
          // Read as a whole number on the way, when it is one (the usual 1, 2, 3, …).
          let d = (bytes[i] as number) - 48;
          let v = 0;
          while (d >= 0 && d <= 9) {
            v = v * 10 + d;
            d = (bytes[++i] as number) - 48;
          }
          if (STOP[d + 48] === 0 || i - a > 15 || (i - a > 1 && bytes[a] === 48)) {
            v = -1;
            while (STOP[bytes[i] as number] === 0) i++;
          }
          itA = a;
          itB = i;
          itValue = v;
        } else {
          while (STOP[bytes[i] as number] === 0) i++;
          if (role === STRATEGY) {
            stA = a;
            stB = i;
          }
        }
        const t = bytes[i] as number;
        if (t === COMMA && f < last) {
          i++;
          continue;
        }
        if (f === last && (t === LF || (t === CR && bytes[i + 1] === LF))) {
          i += t === LF ? 1 : 2;
          break;
        }
        // A quote, too many or too few fields, or a line ending in CR alone.
        plain = false;
        break;
      }
      if (!plain) {
        i = rowStart;
        break;
      }
      // Labels: not empty, no spaces or non-ASCII at their ends (trimming is for add()).
      if (
        itA === itB ||
        stA === stB ||
        (bytes[itA] as number) <= 32 ||
        (bytes[itA] as number) >= 0x80 ||
        (bytes[itB - 1] as number) <= 32 ||
        (bytes[itB - 1] as number) >= 0x80 ||
        (bytes[stA] as number) <= 32 ||
        (bytes[stA] as number) >= 0x80 ||
        (bytes[stB - 1] as number) <= 32 ||
        (bytes[stB - 1] as number) >= 0x80
      ) {
        i = rowStart;
        break;
      }
      let it = itValue >= 0 && itB > itA ? iterations.findWhole(itValue) : -2;
      if (it === -2) {
        it =
          lastIt >= 0 && iterations.equals(lastIt, bytes, itA, itB)
            ? lastIt
            : iterations.find(bytes, itA, itB);
      }
      if (it < 0 && iterations.size >= limit) {
        // A new iteration beyond the columns' room (add() moves them) or reserved.
        i = rowStart;
        break;
      }
      const guess = lastSt + 1 < count ? lastSt + 1 : 0;
      const st =
        count > 0 && strategyIndex.equals(guess, bytes, stA, stB)
          ? guess
          : strategyIndex.find(bytes, stA, stB);
      if (st < 0) {
        // A new strategy: add() checks its name and makes room.
        i = rowStart;
        break;
      }
      // The row is read: record it.
      if (it < 0) {
        it = iterations.add(bytes, itA, itB);
        columns.firstLine(it, line, itA === rowStart ? 1 : csvColumn(bytes, rowStart, itA));
      }
      lastIt = it;
      lastSt = st;
      if (columns.fill(st, it)) {
        const idx = st * cap + it;
        cost[idx] = c;
        effect[idx] = e;
      } else {
        this.duplicate ??= { line, column: csvColumn(bytes, rowStart, stA), it, st };
      }
      rows++;
      line++;
    }
    this.lastIt = lastIt;
    this.lastSt = lastSt;
    this.rows = rows;
    this.line = line;
    return i;
  }

  /**
   * Reserves the cells of iterations `from` on for another reader, which writes into the same
   * columns: before making iteration `from` (which a regular table's rows up to the other
   * reader's never do), this calls `release`, which must stop the other reader for good, and
   * the reservation ends. Refused (false) when the rows read so far have made that iteration.
   */
  reserve(from: number, release: () => void): boolean {
    if (this.iterations.size > from) return false;
    this.reservedFrom = from;
    this.release = release;
    return true;
  }

  /** Ends a reservation without a release (the other reader has stopped). */
  unreserve(): void {
    this.reservedFrom = Number.POSITIVE_INFINITY;
    this.release = undefined;
  }

  /** Ends the reservation, stopping the other reader. */
  private releaseReserved(): void {
    const release = this.release;
    this.unreserve();
    release?.();
  }

  /**
   * Where and what the rest of the table's rows would be if it is regular (see
   * long-psa-regular.ts): the strategies so far in order, the first iteration's label and the
   * columns as they are now; undefined when the rows so far already make it irregular (another
   * header, labels other than consecutive whole numbers from the first, a strategy name an
   * unquoted field cannot hold, a repeated row) or no second iteration is read yet.
   */
  regularLayout(): RegularLayout | undefined {
    const names = this.strategyBytes;
    const first = this.iterations.runStart;
    // The strategies are known once a second iteration starts.
    if (!this.usual || this.iterations.size < 2 || first < 0 || this.duplicate !== undefined) {
      return undefined;
    }
    if (names.some((name) => name.length === 0)) return undefined;
    const { cap, cost, effect } = this.columns;
    return { names: [...names], first, cap, cost, effect };
  }

  /**
   * Takes `count` rows from data row `row` on, read elsewhere into `layout`'s columns by
   * {@link RegularRows} (which found them regular, ending with a whole iteration), as if read
   * here; only when the rows read here are exactly the regular table's first `row` rows in order
   * and the columns are still those of `layout`. Returns whether it took them (false: nothing
   * changed, and reading goes on here).
   */
  adoptRegular(layout: RegularLayout, row: number, count: number): boolean {
    if (!this.beginsRegular(layout, row)) return false;
    const S = layout.names.length;
    const columns = this.columns;
    const had = this.iterations.size;
    const n = (row + count) / S;
    // The first line of each new iteration, as the rows would have given it.
    const firstRowLine = this.header.line + 1;
    for (let it = had; it < n; it++) columns.firstLine(it, firstRowLine + it * S);
    this.iterations.extendRun(n - had);
    // The last iteration read here lacks strategies row mod S on (none when it is whole).
    const lacking = row % S;
    for (let j = 0; j < S; j++) columns.fillRun(j, lacking > 0 && j >= lacking ? had - 1 : had, n);
    this.rows = row + count;
    this.lastIt = n - 1;
    this.lastSt = S - 1;
    this.line = firstRowLine + this.rows;
    return true;
  }

  /** Whether the rows read are the first `row` rows of a regular table laid out as `layout`. */
  beginsRegular(layout: RegularLayout, row: number): boolean {
    const S = layout.names.length;
    const columns = this.columns;
    const iterations = this.iterations;
    const started = Math.ceil(row / S);
    if (
      row <= 0 ||
      this.rows !== row ||
      this.header.line !== 1 ||
      this.strategies.length !== S ||
      this.duplicate !== undefined ||
      columns.cost !== layout.cost ||
      columns.effect !== layout.effect ||
      columns.cap !== layout.cap ||
      iterations.runStart !== layout.first ||
      iterations.size !== started ||
      this.lastIt !== started - 1 ||
      this.lastSt !== (row - 1) % S
    ) {
      return false;
    }
    // With no row repeated, `row` rows in `started` iterations fill all their cells but the
    // last iteration's last ones: those must be the strategies after the last row's.
    const given = row - (started - 1) * S;
    for (let j = 0; j < S; j++) {
      if (columns.isFilled(j, started - 1) !== j < given) return false;
    }
    return true;
  }

  /**
   * The table the rows make, once every row is read: refused (with an {@link InputError}) when
   * there are none, when a row repeats an iteration's strategy, or when an iteration lacks one.
   */
  finish(): PsaTable {
    const file = this.file;
    const header = this.header;
    const columns = this.columns;
    const iterations = this.iterations;
    const strategies = this.strategies;
    if (this.rows === 0) {
      throw new InputError({
        file,
        line: header.line,
        message: "the file has a header but no data rows",
      });
    }
    const n = iterations.size;
    const S = strategies.length;
    const duplicate = this.duplicate;
    if (duplicate !== undefined) {
      throw new InputError({
        file,
        line: duplicate.line,
        column: duplicate.column,
        field: header.names[header.strategy],
        message: `iteration ${iterations.text(duplicate.it)} already has a row for strategy "${strategies[duplicate.st]}"`,
      });
    }
    if (this.rows !== n * S) {
      // The first iteration that lacks a strategy, and the first strategy it lacks.
      for (let it = 0; it < n; it++) {
        for (let j = 0; j < S; j++) {
          if (!columns.isFilled(j, it)) {
            throw new InputError({
              file,
              line: columns.lineOf(it),
              column: columns.columnOf(it),
              field: header.names[header.iteration],
              message: `iteration ${iterations.text(it)} has no row for strategy "${strategies[j]}" (every iteration needs all ${S} strategies)`,
            });
          }
        }
      }
    }
    const cap = columns.cap;
    const cost = columns.cost;
    const effect = columns.effect;
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
}
