/**
 * The rows of a regular long-format PSA table read from any point on, without the rows before:
 * for reading the second half of a large file on another thread while the first half is read as
 * usual. In a regular table (header `iteration,strategy,cost,effect`) the iterations are the
 * consecutive whole numbers from the first one, each with the same strategies in the same
 * order, one plain row a line; so data row r is iteration r / S, strategy r mod S, and its
 * values have a known place in the columns. The rows are checked to be exactly that, and each
 * value is the double the usual reader (long-psa-rows.ts) makes of the same bytes. Anything
 * else makes the range irregular, and the usual reader reads it instead: this reader never
 * refuses a file, it only declines.
 *
 * @module
 */

import type { ByteSource } from "../core/byte-source.js";
import { COMMA, CR, LF } from "../core/csv-bytes.js";
import { decimalEnd, plainDecimal } from "../core/plain-decimal.js";
import { MAX_MAGNITUDE } from "./limits.js";

/** Where a regular table's rows go, and what they must say. */
export interface RegularLayout {
  /** The strategies' names as UTF-8 bytes, in the order each iteration gives them. */
  readonly names: readonly Uint8Array[];
  /** The first iteration's label, a whole number: iteration k is labelled first + k. */
  readonly first: number;
  /** Room per strategy in the columns: strategy j's value of iteration k is at j · cap + k. */
  readonly cap: number;
  readonly cost: Float64Array;
  readonly effect: Float64Array;
}

/** Where the field {@link fieldValue} or {@link iterationLabel} last read ends. */
let fieldEnd = 0;

/**
 * The cost or effect field at `bytes[i]` as the usual reader's fused scan reads it (a plain
 * decimal, else the byte parser up to the field's end), or NaN when that reader would not take
 * it (beyond the magnitude limit, or not a number it reads); {@link fieldEnd} is where it ends.
 */
function fieldValue(bytes: Uint8Array, i: number): number {
  const v = plainDecimal(bytes, i, true);
  fieldEnd = decimalEnd;
  return Math.abs(v) <= MAX_MAGNITUDE ? v : Number.NaN;
}

/**
 * The whole number `[1-9][0-9]*` or `0` (at most 15 digits) at `bytes[i]`, followed by a comma,
 * or −1; the comma is then at {@link fieldEnd}.
 */
function iterationLabel(bytes: Uint8Array, i: number): number {
  const from = i;
  let v = 0;
  let d = (bytes[i] as number) - 48;
  while (d >>> 0 < 10) {
    v = v * 10 + d;
    d = (bytes[++i] as number) - 48;
  }
  const length = i - from;
  if (d !== COMMA - 48 || length === 0 || length > 15 || (length > 1 && bytes[from] === 48)) {
    return -1;
  }
  fieldEnd = i;
  return v;
}

/** Whether `name` followed by a comma is at `bytes[i]`. */
function nameAt(bytes: Uint8Array, i: number, name: Uint8Array): boolean {
  const length = name.length;
  for (let k = 0; k < length; k++) if (bytes[i + k] !== name[k]) return false;
  return bytes[i + length] === COMMA;
}

/**
 * Reads the rows of a regular table from data row {@link row} on, window by window, writing
 * each row's cost and effect into the layout's columns.
 *
 * @example
 * ```ts
 * const cost = new Float64Array(4);
 * const effect = new Float64Array(4);
 * const names = [new TextEncoder().encode("a"), new TextEncoder().encode("b")];
 * const rows = new RegularRows({ names, first: 1, cap: 2, cost, effect }, 1);
 * const bytes = new TextEncoder().encode("1,b,20,0.7\n2,a,11,0.4\n2,b,21,0.8\n");
 * rows.read(bytes, 0, bytes.length); // 33: every row read
 * rows.complete();                   // true: iteration 2 has both strategies
 * cost;                              // [0, 11, 20, 21]
 * ```
 */
export class RegularRows {
  /** The next data row (0: the first after the header). */
  row: number;
  private it: number;
  private st: number;

  constructor(
    private readonly layout: RegularLayout,
    row: number,
  ) {
    const S = layout.names.length;
    this.row = row;
    this.it = Math.floor(row / S);
    this.st = row % S;
  }

  /**
   * Reads the lines of `bytes[i..end)` that end in it (with LF or CRLF); returns where the rest
   * starts (a line start), or −1 when a row is not the next regular row: then nothing is known
   * of the rows written since the last call.
   */
  read(bytes: Uint8Array, i: number, end: number): number {
    const { names, first, cap, cost, effect } = this.layout;
    const S = names.length;
    const stop = end > i ? bytes.lastIndexOf(LF, end - 1) : -1;
    let it = this.it;
    let st = this.st;
    let rows = 0;
    while (i <= stop) {
      // The iteration, then the strategy, each the one expected.
      if (it >= cap || iterationLabel(bytes, i) !== first + it) return -1;
      i = fieldEnd + 1;
      const name = names[st] as Uint8Array;
      if (!nameAt(bytes, i, name)) return -1;
      i += name.length + 1;
      // The cost, then the effect.
      const c = fieldValue(bytes, i);
      if (Number.isNaN(c) || bytes[fieldEnd] !== COMMA) return -1;
      const e = fieldValue(bytes, fieldEnd + 1);
      if (Number.isNaN(e)) return -1;
      i = fieldEnd;
      const t = bytes[i] as number;
      if (t === LF) i++;
      else if (t === CR && bytes[i + 1] === LF) i += 2;
      else return -1;
      const at = st * cap + it;
      cost[at] = c;
      effect[at] = e;
      rows++;
      if (++st === S) {
        st = 0;
        it++;
      }
    }
    this.it = it;
    this.st = st;
    this.row += rows;
    return i;
  }

  /** Whether the rows read end with a whole iteration (every strategy given). */
  complete(): boolean {
    return this.st === 0;
  }
}

/** How {@link readRegularRest} reads. */
export interface RegularRestOptions {
  /** Called after each piece with the rows read so far; false stops the reading (−1). */
  readonly goOn?: (row: number) => boolean;
  /** The buffer to read through (a caller reading many parts reuses one); 1 MiB by default. */
  readonly buffer?: Uint8Array;
  /** Whether the source ends the input (true, the default) or ends at a line start. */
  readonly last?: boolean;
}

/**
 * Reads a part of a regular table from `source` (from a line start: data row `row` on, to the
 * end of the input, or to a line start when not `last`) through one buffer into `layout`'s
 * columns. Returns the rows read when every one is the next regular row and the last ends the
 * source and an iteration; else −1.
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode("2,a,11,0.4\n2,b,21,0.8");
 * readRegularRest(bytesSource(bytes), { names, first: 1, cap: 2, cost, effect }, 2); // 2
 * ```
 */
export function readRegularRest(
  source: ByteSource,
  layout: RegularLayout,
  row: number,
  options: RegularRestOptions = {},
): number {
  const { goOn, buffer = new Uint8Array(1 << 20), last = true } = options;
  const rows = new RegularRows(layout, row);
  let carry = 0;
  for (;;) {
    const got = source(buffer, carry, buffer.length - carry);
    if (got === 0) break;
    const end = carry + got;
    const used = rows.read(buffer, 0, end);
    // An irregular row, or a line longer than the buffer (not a regular row).
    if (used < 0 || (used === 0 && end === buffer.length)) return -1;
    buffer.copyWithin(0, used, end);
    carry = end - used;
    if (goOn !== undefined && !goOn(rows.row)) return -1;
  }
  if (carry > 0) {
    // A last row without a line end, read as if it had one (a CR there is left to the usual
    // reader); before a line start, a line cut in two.
    if (!last || carry === buffer.length || buffer[carry - 1] === CR) return -1;
    buffer[carry] = LF;
    if (rows.read(buffer, 0, carry + 1) !== carry + 1) return -1;
  }
  return rows.complete() ? rows.row - row : -1;
}
