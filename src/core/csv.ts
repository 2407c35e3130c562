/**
 * A small RFC 4180 CSV tokenizer that reports where every field starts, so that callers can
 * name the line and column of a bad cell. It calls back once per record with reused arrays and
 * never builds a table in memory, so a million-row file costs only the strings of its fields.
 *
 * @module
 */

import { InputError } from "../errors.js";

/**
 * Called once per non-blank record. `fields` and `columns` are reused between calls: copy what
 * you keep. `columns[i]` is the 1-based character column where field i starts.
 */
export type CsvRecordHandler = (
  fields: readonly string[],
  line: number,
  columns: readonly number[],
) => void;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Tokenizes CSV text, calling `onRecord` for every record that is not entirely blank.
 * Handles quoted fields (with `""` escapes and embedded newlines), CRLF line ends and a UTF-8
 * byte-order mark. Throws {@link InputError} (with line and column) on an unterminated quote or
 * a quote inside an unquoted field.
 *
 * @example
 * ```ts
 * tokenizeCsv('a,b\n1,"x, y"\n', (fields, line) => console.log(line, fields));
 * // 1 [ 'a', 'b' ]
 * // 2 [ '1', 'x, y' ]
 * ```
 */
export function tokenizeCsv(text: string, onRecord: CsvRecordHandler): void {
  const fields: string[] = [];
  const columns: number[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  while (i < n) {
    const recordLine = line;
    fields.length = 0;
    columns.length = 0;
    // One record: fields separated by commas until an unquoted line end.
    for (;;) {
      columns.push(i - lineStart + 1);
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        const openColumn = i - lineStart + 1;
        let value = "";
        let start = ++i;
        for (;;) {
          if (i >= n) {
            throw new InputError({
              line: openLine,
              column: openColumn,
              message: "unterminated quoted field",
            });
          }
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              value += text.slice(start, i + 1);
              i += 2;
              start = i;
              continue;
            }
            value += text.slice(start, i);
            i++;
            break;
          }
          if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
            line++;
            lineStart = i + 1;
          }
          i++;
        }
        fields.push(value);
        const c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== LF && c !== CR) {
          throw new InputError({
            line,
            column: i - lineStart + 1,
            message: "unexpected character after a closing quote",
          });
        }
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) {
            throw new InputError({
              line,
              column: i - lineStart + 1,
              message:
                "a quote inside an unquoted field (quote the whole field and double the quote)",
            });
          }
          i++;
        }
        fields.push(text.slice(start, i));
      }
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      break;
    }
    // Line end: \n, \r\n or \r.
    if (i < n) {
      if (text.charCodeAt(i) === CR) i++;
      if (i < n && text.charCodeAt(i) === LF) i++;
      line++;
      lineStart = i;
    }
    if (!(fields.length === 1 && (fields[0] as string).trim() === "")) {
      onRecord(fields, recordLine, columns);
    }
  }
}
