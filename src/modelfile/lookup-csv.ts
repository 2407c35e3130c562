/**
 * Lookup tables of model files read from CSV text: a header row, a key column (by default the
 * first) whose numbers strictly increase, and one or more value columns. `lookup(table, x)` in an
 * expression is the value in the row with the largest key ≤ x (see src/cohort/lookup-table.ts).
 *
 * @module
 */

import { tokenizeCsv } from "../core/csv.js";
import { InputError } from "../errors.js";
import { suggest } from "../model/expressions.js";

/** A table as plain data (what worker threads receive). */
export interface TableData {
  /** The table's name in the model file. */
  readonly name: string;
  /** Name of the key column. */
  readonly key: string;
  /** Keys, strictly increasing. */
  readonly keys: readonly number[];
  /** Value columns by name, each as long as `keys`. */
  readonly columns: Readonly<Record<string, readonly number[]>>;
}

/**
 * Refuses a header with a column without a name or a name used twice (a lookup names its
 * column; with two of one name, one would be silently ignored), at the cell.
 */
function checkHeader(
  name: string,
  file: string,
  line: number,
  columns: readonly number[],
  header: readonly string[],
): void {
  const seen = new Map<string, number>();
  header.forEach((title, k) => {
    const at = { file, line, column: columns[k] ?? 1 };
    if (title === "") {
      throw new InputError({ ...at, message: `table ${name}: column ${k + 1} has no name` });
    }
    const first = seen.get(title);
    if (first !== undefined) {
      throw new InputError({
        ...at,
        message: `table ${name}: column ${k + 1} is named "${title}" like column ${first + 1}; column names must be different`,
      });
    }
    seen.set(title, k);
  });
}

/**
 * Parses a lookup table's CSV text. Every problem is an {@link InputError} at the file, line and
 * column of the cell: a key column that is not in the header, a cell that is not a finite
 * number, keys that do not increase, a table without rows or value columns.
 *
 * @example
 * ```ts
 * const t = parseLookupCsv("mortality", "life.csv", "age,male\n40,0.002\n50,0.005\n", "age");
 * t.columns.male; // [0.002, 0.005]
 * ```
 */
export function parseLookupCsv(name: string, file: string, text: string, key?: string): TableData {
  let header: string[] | undefined;
  let keyAt = 0;
  const keys: number[] = [];
  const values: number[][] = [];
  let previous = Number.NEGATIVE_INFINITY;
  tokenizeCsv(text, (fields, line, columns) => {
    if (header === undefined) {
      header = fields.map((f) => f.trim());
      checkHeader(name, file, line, columns, header);
      if (key !== undefined) {
        keyAt = header.indexOf(key);
        if (keyAt < 0) {
          const hint = suggest(key, header);
          throw new InputError({
            file,
            line,
            column: 1,
            message: `table ${name}: no key column "${key}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}; the columns are ${header.join(", ")}`,
          });
        }
      }
      if (header.length < 2) {
        throw new InputError({
          file,
          line,
          column: 1,
          message: `table ${name}: expected a key column and at least one value column, got ${header.length} column`,
        });
      }
      for (let k = 0; k < header.length; k++) values.push([]);
      return;
    }
    if (fields.length !== header.length) {
      throw new InputError({
        file,
        line,
        column: 1,
        message: `table ${name}: expected ${header.length} cells as in the header, got ${fields.length}`,
      });
    }
    fields.forEach((cell, k) => {
      const x = cell.trim() === "" ? Number.NaN : Number(cell);
      if (!Number.isFinite(x)) {
        throw new InputError({
          file,
          line,
          column: columns[k],
          field: (header as string[])[k],
          message: `table ${name}: expected a number, got "${cell}"`,
        });
      }
      if (k === keyAt) {
        if (!(x > previous)) {
          throw new InputError({
            file,
            line,
            column: columns[k],
            field: (header as string[])[k],
            message: `table ${name}: keys must increase from row to row, got ${x} after ${previous}`,
          });
        }
        previous = x;
        keys.push(x);
      } else (values[k] as number[]).push(x);
    });
  });
  if (header === undefined || keys.length === 0) {
    throw new InputError({
      file,
      line: 1,
      column: 1,
      message: `table ${name}: expected a header row and at least one row of numbers`,
    });
  }
  const h = header;
  return {
    name,
    key: h[keyAt] as string,
    keys,
    columns: Object.fromEntries(
      h.flatMap((c, k) => (k === keyAt ? [] : [[c, values[k] as number[]]])),
    ),
  };
}
