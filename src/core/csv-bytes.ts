/**
 * The RFC 4180 tokenizer of csv.ts on UTF-8 bytes: the same records, the same rules (quoted
 * fields with `""` escapes and embedded newlines, CRLF, CR or LF line ends, a byte-order mark,
 * blank records skipped) and the same errors at the same line and column (counted in UTF-16
 * units of the decoded text, as the string tokenizer counts them), without making a string per
 * field. A record is a set of byte ranges in reused typed arrays; a caller turns the few fields
 * it needs as text into strings with {@link csvFieldText}.
 *
 * @module
 */

import { InputError } from "../errors.js";

/** Bytes the CSV grammar gives a meaning: quote, comma, line feed, carriage return. */
export const QUOTE = 34;
export const COMMA = 44;
export const LF = 10;
export const CR = 13;

/**
 * 1 for the bytes that end an unquoted field (comma, LF, CR), 2 for a quote, else 0.
 *
 * @example
 * ```ts
 * STOP[44]; // 1: a comma ends a field
 * ```
 */
export const STOP = new Uint8Array(256);
STOP[COMMA] = 1;
STOP[LF] = 1;
STOP[CR] = 1;
STOP[QUOTE] = 2;

/** One record as byte ranges. The arrays are reused between records and longer than `count`. */
export interface CsvByteRecord {
  /** Fields in the record. */
  count: number;
  /** Line (1-based) where the record starts. */
  line: number;
  /** Offset of each field's first content byte (after an opening quote). */
  start: Int32Array;
  /** Offset just past each field's content (before a closing quote). */
  end: Int32Array;
  /** Offset where each field starts in the file (its opening quote, if quoted). */
  at: Int32Array;
  /** Offset of the line start each field's column is counted from. */
  base: Int32Array;
  /** 1 when the field is quoted and holds doubled quotes (`""`) to undo. */
  escaped: Uint8Array;
}

/** Called once per non-blank record; `record` is reused between calls. */
export type CsvByteRecordHandler = (record: CsvByteRecord) => void;

const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The 1-based column, in UTF-16 units of the decoded text, of byte `offset` on a line starting
 * at byte `lineStart`.
 *
 * @example
 * ```ts
 * csvColumn(new TextEncoder().encode("é,x"), 0, 3); // 3 ("é" is two bytes, one character)
 * ```
 */
export function csvColumn(bytes: Uint8Array, lineStart: number, offset: number): number {
  for (let i = lineStart; i < offset; i++) {
    if ((bytes[i] as number) >= 0x80) {
      return lenient.decode(bytes.subarray(lineStart, offset)).length + 1;
    }
  }
  return offset - lineStart + 1;
}

/**
 * The text of field `i` of a record: its bytes decoded, with doubled quotes undone.
 *
 * @example
 * ```ts
 * tokenizeCsvBytes(new TextEncoder().encode('"a ""b"""\n'), (r) => csvFieldText(bytes, r, 0)); // 'a "b"'
 * ```
 */
export function csvFieldText(bytes: Uint8Array, record: CsvByteRecord, i: number): string {
  const text = lenient.decode(bytes.subarray(record.start[i], record.end[i]));
  return record.escaped[i] === 1 ? text.replaceAll('""', '"') : text;
}

/**
 * The 1-based column (UTF-16 units) where field `i` of a record starts, as csv.ts reports it.
 *
 * @example
 * ```ts
 * csvFieldColumn(bytes, record, 2); // 9 for "1,usual,300,1.5"
 * ```
 */
export function csvFieldColumn(bytes: Uint8Array, record: CsvByteRecord, i: number): number {
  return csvColumn(bytes, record.base[i] as number, record.at[i] as number);
}

/** Grows the record's arrays to hold at least `size` fields. */
function grow(record: CsvByteRecord, size: number): void {
  const copy = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
    const b = make(size);
    b.set(a);
    return b;
  };
  record.start = copy(record.start, (n) => new Int32Array(n));
  record.end = copy(record.end, (n) => new Int32Array(n));
  record.at = copy(record.at, (n) => new Int32Array(n));
  record.base = copy(record.base, (n) => new Int32Array(n));
  record.escaped = copy(record.escaped, (n) => new Uint8Array(n));
}

/** Whether a one-field record is blank: its text trims to "". */
function blank(bytes: Uint8Array, record: CsvByteRecord): boolean {
  const a = record.start[0] as number;
  const b = record.end[0] as number;
  for (let i = a; i < b; i++) {
    const c = bytes[i] as number;
    if (c >= 0x80) return csvFieldText(bytes, record, 0).trim() === "";
    if (!(c === 32 || (c >= 9 && c <= 13))) return false;
  }
  return true;
}

/**
 * Tokenizes CSV bytes (UTF-8, already checked), calling `onRecord` for every record that is not
 * entirely blank, exactly as `tokenizeCsv` does on the decoded text. A leading UTF-8
 * byte-order mark is skipped. Throws {@link InputError} (line and column) on an unterminated
 * quote or a quote inside an unquoted field.
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode('a,b\n1,"x, y"\n');
 * tokenizeCsvBytes(bytes, (r) => console.log(r.line, csvFieldText(bytes, r, 1)));
 * // 1 b
 * // 2 x, y
 * ```
 */
export function tokenizeCsvBytes(bytes: Uint8Array, onRecord: CsvByteRecordHandler): void {
  const reader = new CsvByteReader(bytes);
  while (reader.next()) onRecord(reader.record);
}

/**
 * The tokenizer of {@link tokenizeCsvBytes} as a pull reader: each {@link next} call reads one
 * non-blank record into {@link record} (reused), for loops that keep their state in locals.
 *
 * It can also read a file piece by piece: constructed on (or moved by {@link window} to) the
 * bytes `bytes[0..end)` of a window that is not the file's last (`final` false), it reads only
 * the records that end inside the window (a record whose line end, or whose closing quote's
 * next byte, lies beyond it is left unread) and stops; {@link offset} is then where the unread
 * rest starts (a line start), to be carried to the front of the next window.
 *
 * @example
 * ```ts
 * const reader = new CsvByteReader(new TextEncoder().encode("a,b\n1,2\n"));
 * while (reader.next()) console.log(reader.record.line, reader.record.count); // 1 2, then 2 2
 * ```
 */
export class CsvByteReader {
  /** The last record read. */
  readonly record: CsvByteRecord = {
    count: 0,
    line: 1,
    start: new Int32Array(16),
    end: new Int32Array(16),
    at: new Int32Array(16),
    base: new Int32Array(16),
    escaped: new Uint8Array(16),
  };
  private bytes: Uint8Array;
  private n: number;
  private final: boolean;
  private i: number;
  private line = 1;
  private lineStart: number;
  /** Whether nothing is read yet (a byte-order mark may be there to skip). */
  private atStart = true;

  /**
   * A reader of `bytes[0..end)`, the whole input when `final` (the default), else its first
   * window. A leading UTF-8 byte-order mark is skipped.
   */
  constructor(bytes: Uint8Array, end = bytes.length, final = true) {
    this.bytes = bytes;
    this.n = end;
    this.final = final;
    this.i = 0;
    this.lineStart = 0;
  }

  /** Where the next record starts in the window (past the last record read). */
  get offset(): number {
    return this.i;
  }

  /** The line (1-based) where the next record starts. */
  get nextLine(): number {
    return this.line;
  }

  /**
   * Moves to the next window, `bytes[0..end)`: the unread rest of the last window (from
   * {@link offset}) followed by the input after it.
   */
  window(bytes: Uint8Array, end: number, final: boolean): void {
    this.bytes = bytes;
    this.n = end;
    this.final = final;
    this.i = 0;
    this.lineStart = 0;
  }

  /**
   * Continues at byte `i` of the window, the start of line `line`, for a caller that has read
   * the records before it itself.
   */
  seek(i: number, line: number): void {
    this.i = i;
    this.lineStart = i;
    this.line = line;
  }

  /**
   * Reads the next non-blank record; false at the end of the input, or, in a window that is
   * not the last, at the first record that does not end inside it.
   */
  next(): boolean {
    const bytes = this.bytes;
    const n = this.n;
    const record = this.record;
    if (this.atStart) {
      // A byte-order mark is skipped once three bytes (or all there are) are known.
      if (n < 3 && !this.final) return false;
      if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        this.i = 3;
        this.lineStart = 3;
      }
      this.atStart = false;
    }
    while (this.i < n) {
      const read = this.read(bytes, n, record);
      if (read === RECORD) return true;
      if (read === INCOMPLETE) return false;
    }
    return false;
  }

  /** Reads one record: whether it is blank, a record, or does not end inside the window. */
  private read(bytes: Uint8Array, n: number, record: CsvByteRecord): number {
    let i = this.i;
    let line = this.line;
    let lineStart = this.lineStart;
    // Reaching the window's end decides nothing unless it is the input's end.
    const open = !this.final;
    record.line = line;
    let f = 0;
    let start = record.start;
    let end = record.end;
    let at = record.at;
    let base = record.base;
    let escapedAt = record.escaped;
    for (;;) {
      if (f === start.length) {
        grow(record, f * 2);
        start = record.start;
        end = record.end;
        at = record.at;
        base = record.base;
        escapedAt = record.escaped;
      }
      at[f] = i;
      base[f] = lineStart;
      if (i < n && bytes[i] === QUOTE) {
        const openLine = line;
        let escaped = 0;
        const from = ++i;
        let to: number;
        for (;;) {
          if (i >= n) {
            if (open) return INCOMPLETE;
            throw new InputError({
              line: openLine,
              column: csvColumn(bytes, base[f] as number, from - 1),
              message: "unterminated quoted field",
            });
          }
          const c = bytes[i] as number;
          if (c === QUOTE) {
            if (i + 1 >= n && open) return INCOMPLETE;
            if (i + 1 < n && bytes[i + 1] === QUOTE) {
              escaped = 1;
              i += 2;
              continue;
            }
            to = i;
            i++;
            break;
          }
          if (c === LF) {
            line++;
            lineStart = i + 1;
          } else if (c === CR) {
            if (i + 1 >= n && open) return INCOMPLETE;
            if (!(i + 1 < n && bytes[i + 1] === LF)) {
              line++;
              lineStart = i + 1;
            }
          }
          i++;
        }
        start[f] = from;
        end[f] = to;
        escapedAt[f] = escaped;
        f++;
        if (i >= n && open) return INCOMPLETE;
        if (i < n && STOP[bytes[i] as number] !== 1) {
          throw new InputError({
            line,
            column: csvColumn(bytes, lineStart, i),
            message: "unexpected character after a closing quote",
          });
        }
      } else {
        const from = i;
        while (i < n && STOP[bytes[i] as number] === 0) i++;
        if (i >= n && open) return INCOMPLETE;
        if (i < n && STOP[bytes[i] as number] === 2) {
          throw new InputError({
            line,
            column: csvColumn(bytes, lineStart, i),
            message:
              "a quote inside an unquoted field (quote the whole field and double the quote)",
          });
        }
        start[f] = from;
        end[f] = i;
        escapedAt[f] = 0;
        f++;
      }
      if (i < n && bytes[i] === COMMA) {
        i++;
        continue;
      }
      break;
    }
    if (i < n) {
      if (bytes[i] === CR) {
        if (i + 1 >= n && open) return INCOMPLETE;
        i++;
      }
      if (i < n && bytes[i] === LF) i++;
      line++;
      lineStart = i;
    }
    this.i = i;
    this.line = line;
    this.lineStart = lineStart;
    record.count = f;
    return f === 1 && blank(bytes, record) ? BLANK : RECORD;
  }
}

/** What {@link CsvByteReader}'s read found. */
const BLANK = 0;
const RECORD = 1;
const INCOMPLETE = 2;
