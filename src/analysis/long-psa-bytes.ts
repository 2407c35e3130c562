/**
 * Reading a long-format PSA table (`iteration,strategy,cost,effect`, dampack's layout) from the
 * UTF-8 bytes of the file, for files of millions of rows: fields are byte ranges
 * (core/csv-bytes.ts), numbers are parsed from the bytes (core/decimal-bytes.ts, correctly
 * rounded, with `Number()` on the text where that declines), iteration and strategy labels are
 * interned as bytes (core/byte-label-index.ts), and each value goes straight into a
 * preallocated strategy-major column (long-psa-rows.ts). No object or string is made per row.
 *
 * The bytes may come whole ({@link readLongPsaBytes}) or as consecutive windows of a file
 * ({@link LongPsaReader}, which long-psa-stream.ts feeds from one reused buffer): a window's
 * records are read up to the first one that does not end inside it, whose bytes the next window
 * starts with.
 *
 * Results and errors are those of the string reader this replaced: the same values bit for bit,
 * and every mistake an {@link InputError} at the same file, line, column and field.
 *
 * @module
 */

import {
  CsvByteReader,
  type CsvByteRecord,
  csvFieldColumn,
  csvFieldText,
} from "../core/csv-bytes.js";
import { InputError } from "../errors.js";
import { findColumn, type LongColumn } from "./column-aliases.js";
import { readHeader } from "./csv-cells.js";
import { checkCommaSeparatedBytes, holdsFirstLine } from "./csv-separator.js";
import type { RegularLayout } from "./long-psa-regular.js";
import { type LongHeader, LongPsaRows, type LongSizeHint } from "./long-psa-rows.js";
import type { PsaTable, ReadOptions } from "./psa-csv.js";

const LONG_COLUMNS: readonly LongColumn[] = ["iteration", "strategy", "cost", "effect"];

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
  const reader = new LongPsaReader(options, { length: bytes.length });
  reader.write(bytes, bytes.length, true);
  return reader.end();
}

/** An error met while reading records, with the file named (as the string reader names it). */
function located(e: unknown, file: string | undefined): unknown {
  return e instanceof InputError ? e.withFile(file ?? "input") : e;
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

/** Records the slow way, after a miss of the fused scan, before it is tried again (at most). */
const MAX_SLOW_RUN = 1024;

/**
 * A long-format PSA table read window by window: {@link write} each window of the file's bytes
 * (the unread rest of the last one first), then {@link end} for the table. Whole bytes are one
 * final window.
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode("iteration,strategy,cost,effect\n1,a,1,1\n1,b,2,2\n");
 * const reader = new LongPsaReader({ file: "psa.csv" }, { length: bytes.length });
 * const used = reader.write(bytes.subarray(0, 40), 40, false); // 39: the header and a row; "1" waits
 * reader.write(bytes.subarray(used), bytes.length - used, true);
 * reader.end().samples.strategies; // ["a", "b"]
 * ```
 */
export class LongPsaReader {
  private reader: CsvByteReader | undefined;
  private rows: LongPsaRows | undefined;
  /** Whether the separator check has run (on a window holding the first line). */
  private checked = false;
  /** Whether the fused scan may read rows (the four columns are distinct). */
  private scans = false;
  /** Offset in the input of the current window's first byte. */
  private base = 0;
  /** Records to read the slow way before the fused scan is tried again, and the next run. */
  private slow = 0;
  private slowRun = 1;

  constructor(
    private readonly options: ReadOptions,
    private readonly size: LongSizeHint,
  ) {}

  /**
   * Reads the records of `bytes[0..end)`: the whole rest of the input when `final`, else a
   * window of it, of which only the records that end inside it are read. Returns the offset
   * where the unread rest starts (the whole window, until it holds the header's line); the next
   * window must start with those bytes. Throws an {@link InputError} for a bad record.
   */
  write(bytes: Uint8Array, end: number, final: boolean): number {
    const file = this.options.file;
    if (!this.checked) {
      if (!final && !holdsFirstLine(bytes, end)) return 0;
      checkCommaSeparatedBytes(bytes.subarray(0, end), file);
      this.checked = true;
    }
    try {
      let reader = this.reader;
      if (reader === undefined) {
        reader = new CsvByteReader(bytes, end, final);
        this.reader = reader;
      } else {
        reader.window(bytes, end, final);
      }
      let rows = this.rows;
      if (rows === undefined) {
        // No header yet: wait for more, or let end() say the file is empty.
        if (!reader.next()) return this.consumed(reader.offset);
        const names = readLongHeader(bytes, reader.record, file);
        const header = longColumns(names, reader.record.line, file);
        rows = new LongPsaRows(header, file, this.size);
        this.rows = rows;
        const { iteration, strategy, cost, effect } = header;
        this.scans = new Set([iteration, strategy, cost, effect]).size === 4;
      }
      this.readRows(bytes, end, reader, rows);
      return this.consumed(reader.offset);
    } catch (e) {
      throw located(e, file);
    }
  }

  /** Notes that the window's bytes before `offset` are read; returns `offset`. */
  private consumed(offset: number): number {
    this.base += offset;
    return offset;
  }

  /** Reads the window's data rows: plain lines by the fused scan, the rest as records. */
  private readRows(bytes: Uint8Array, end: number, reader: CsvByteReader, rows: LongPsaRows): void {
    const base = this.base;
    // The fused scan stops at the window's last line feed.
    const stop = this.scans && end > 0 ? bytes.lastIndexOf(10, end - 1) : -1;
    for (;;) {
      const i = reader.offset;
      if (this.slow === 0 && i <= stop) {
        const next = rows.scan(bytes, i, stop, reader.nextLine);
        reader.seek(next, rows.line);
        if (next === i) {
          // Missed at once: read some records the slow way before trying again.
          this.slow = this.slowRun;
          this.slowRun = Math.min(this.slowRun * 2, MAX_SLOW_RUN);
        } else {
          this.slowRun = 1;
        }
      }
      if (!reader.next()) return;
      rows.add(bytes, reader.record, base);
      if (this.slow > 0) this.slow--;
    }
  }

  /**
   * Where and what the rest of the rows would be if the table is regular (see
   * {@link LongPsaRows.regularLayout}); undefined before the first row, or when it is not.
   */
  regularLayout(): RegularLayout | undefined {
    return this.rows?.regularLayout();
  }

  /**
   * Reserves the iterations from `from` on for another reader writing into the same columns
   * ({@link LongPsaRows.reserve}); false before the first row, or when the rows read so far
   * reach that iteration.
   */
  reserve(from: number, release: () => void): boolean {
    return this.rows?.reserve(from, release) === true;
  }

  /** Ends a reservation without its release. */
  unreserve(): void {
    this.rows?.unreserve();
  }

  /**
   * Whether this reader has read exactly the bytes before `at`, and they are the first `row`
   * rows of a regular table laid out as `layout` (see {@link adoptRegular}).
   */
  beginsRegular(layout: RegularLayout, at: number, row: number): boolean {
    return this.rows !== undefined && this.base === at && this.rows.beginsRegular(layout, row);
  }

  /**
   * Takes the `count` regular rows from data row `row` on, read elsewhere from byte `at` of the
   * input to its end, as if read here ({@link LongPsaRows.adoptRegular}), when this reader has
   * read exactly the bytes before `at`; returns whether it did. {@link end} then gives the table.
   */
  adoptRegular(layout: RegularLayout, at: number, row: number, count: number): boolean {
    // LongPsaRows.adoptRegular checks that its rows begin the regular table.
    return (
      this.rows !== undefined && this.base === at && this.rows.adoptRegular(layout, row, count)
    );
  }

  /** The table, once the last window is written. */
  end(): PsaTable {
    if (this.rows === undefined) {
      throw new InputError({
        file: this.options.file,
        message: "the file is empty; expected a header row and data rows",
      });
    }
    return this.rows.finish();
  }
}
