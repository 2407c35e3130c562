/**
 * The cell-level rules every CSV reader of PSA data shares (results and parameter draws): numeric
 * cells, header rows, record widths and a growable column of numbers. Every mistake is an
 * {@link InputError} at its file, line, column and field.
 *
 * @module
 */

import { InputError, type SourceLocation } from "../errors.js";
import { limitText, MAX_MAGNITUDE, MAX_STRATEGIES } from "./limits.js";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The value of a plain decimal cell (digits, one point, optional sign and exponent, no spaces),
 * or undefined when the cell needs the full check of {@link parseCell}.
 *
 * @example
 * ```ts
 * fastNumber("12.5"); // 12.5
 * fastNumber(" 1");   // undefined (parseCell decides)
 * ```
 */
export function fastNumber(text: string): number | undefined {
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

/**
 * Parses a numeric cell or throws an InputError at its location. `what` names the values in the
 * message about the magnitude limit ("costs and effects", "parameter draws").
 *
 * @example
 * ```ts
 * parseCell(" 3.5 ", { file: "psa.csv", line: 2, column: 9, field: "cost" }); // 3.5
 * ```
 */
export function parseCell(text: string, at: SourceLocation, what = "costs and effects"): number {
  const t = text.trim();
  // A cell is quoted in full up to 40 characters: a 100,000-digit number is not echoed whole.
  const shown = `"${t.length > 40 ? `${t.slice(0, 40)}…` : t}"`;
  if (NUMBER.test(t)) {
    const v = Number(t);
    if (!Number.isFinite(v)) {
      throw new InputError({ ...at, message: `${shown} is too large to be a finite number` });
    }
    if (Math.abs(v) <= MAX_MAGNITUDE) return v;
    throw new InputError({
      ...at,
      message: `${shown} is beyond the limit of ±${limitText(MAX_MAGNITUDE)} for ${what} (see README, "Limits")`,
    });
  }
  const what2 = t === "" ? "an empty cell" : shown;
  const hint = /^(na|nan|-?inf(inity)?|null)$/i.test(t)
    ? " (missing or non-finite values are not allowed)"
    : /^[+-]?\d+,\d+$/.test(t)
      ? ' (a decimal comma: write "." as the decimal mark)'
      : "";
  throw new InputError({ ...at, message: `expected a number, got ${what2}${hint}` });
}

/**
 * Reads a header row into trimmed names, rejecting duplicates (compared case-insensitively).
 *
 * @example
 * ```ts
 * readHeader(["iteration", " cost "], [1, 11], 1, "psa.csv"); // ["iteration", "cost"]
 * ```
 */
export function readHeader(
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

/**
 * Throws when a record's field count differs from the header's.
 *
 * @example
 * ```ts
 * checkWidth(["1", "2"], [1, 3], 2, 5, "psa.csv"); // fine: two fields as in the header
 * ```
 */
export function checkWidth(
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

/**
 * A growable Float64Array.
 *
 * @example
 * ```ts
 * const list = new FloatList();
 * list.push(1.5);
 * list.data.subarray(0, list.length); // Float64Array [1.5]
 * ```
 */
export class FloatList {
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

/**
 * The error for a strategy beyond {@link MAX_STRATEGIES}, at the cell that names it.
 *
 * @example
 * ```ts
 * throw tooManyStrategies({ file: "psa.csv", line: 302, column: 3, field: "strategy" });
 * ```
 */
export function tooManyStrategies(at: SourceLocation): InputError {
  return new InputError({
    ...at,
    message: `more than ${MAX_STRATEGIES} strategies; at most ${MAX_STRATEGIES} can be analysed together (see README, "Limits")`,
  });
}
