/**
 * Recognising a CSV file written with another separator than the comma, before it is read as
 * one: R's `write.csv2` and spreadsheets in many European locales write `;` between fields and
 * `,` as the decimal mark; some tools write tabs. Read as comma-separated, such a file gives
 * baffling errors (one column called `"";"usual";"swis"`, or a quote in the wrong place); this
 * check says what the file is and how to write it instead.
 *
 * @module
 */

import { InputError } from "../errors.js";

const QUOTE = 34;
const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;

/** Counts of the separators a file's first line holds, and the line's number. */
interface SeparatorCounts {
  comma: number;
  semicolon: number;
  tab: number;
  line: number;
  /** Whether the line ended before the text did. */
  ended: boolean;
}

/**
 * Counts of the candidate separators outside quotes on the first non-blank line of a text of
 * `length` code units (or bytes), `code(i)` the unit at i and `start` past any byte-order mark.
 */
function firstLineSeparators(
  length: number,
  code: (i: number) => number,
  start: number,
): SeparatorCounts {
  const counts = { comma: 0, semicolon: 0, tab: 0, line: 1, ended: false };
  let i = start;
  // Skip blank lines (line ends and spaces), as the tokenizer does.
  while (i < length) {
    const c = code(i);
    if (c !== LF && c !== CR && c !== SPACE) break;
    if (c === LF || (c === CR && code(i + 1) !== LF)) counts.line++;
    i++;
  }
  let quoted = false;
  for (; i < length; i++) {
    const c = code(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) {
      counts.ended = true;
      break;
    } else if (!quoted && c === COMMA) counts.comma++;
    else if (!quoted && c === SEMICOLON) counts.semicolon++;
    else if (!quoted && c === TAB) counts.tab++;
  }
  return counts;
}

/**
 * Throws an {@link InputError} at the header row of `file` when that row is separated by
 * semicolons or tabs rather than commas (it has some of those and no comma outside quotes),
 * saying how to write a comma-separated file instead.
 *
 * @example
 * ```ts
 * checkCommaSeparated("iteration,strategy,cost,effect\n", "psa.csv"); // fine
 * checkCommaSeparated('"iteration";"strategy";"cost";"effect"\n', "psa.csv");
 * // InputError: psa.csv:1: the file is separated by semicolons (as R's write.csv2 writes it) …
 * ```
 */
export function checkCommaSeparated(text: string, file: string | undefined): void {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  refuseOtherSeparators(
    firstLineSeparators(text.length, (i) => text.charCodeAt(i), start),
    file,
  );
}

/**
 * {@link checkCommaSeparated} on the UTF-8 bytes of a file.
 *
 * @example
 * ```ts
 * checkCommaSeparatedBytes(new TextEncoder().encode("iteration,strategy\n"), "psa.csv"); // fine
 * ```
 */
export function checkCommaSeparatedBytes(bytes: Uint8Array, file: string | undefined): void {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  refuseOtherSeparators(
    firstLineSeparators(bytes.length, (i) => bytes[i] ?? Number.NaN, start),
    file,
  );
}

/**
 * Whether the first `length` bytes of a file hold all of the line {@link checkCommaSeparatedBytes}
 * looks at (its first non-blank line, to its end), so that the check on them is the check on the
 * whole file: for readers that get a file piece by piece.
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode("iteration;strategy\n1;a\n");
 * holdsFirstLine(bytes, 10); // false: the line goes on
 * holdsFirstLine(bytes, 19); // true
 * ```
 */
export function holdsFirstLine(bytes: Uint8Array, length: number): boolean {
  const start = length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return firstLineSeparators(length, (i) => (i < length ? (bytes[i] as number) : Number.NaN), start)
    .ended;
}

/** Throws when the first line has semicolons or tabs and no comma. */
function refuseOtherSeparators(counts: SeparatorCounts, file: string | undefined): void {
  const { comma, semicolon, tab, line } = counts;
  if (comma > 0) return;
  if (semicolon > 0) {
    throw new InputError({
      file,
      line,
      message:
        'the file is separated by semicolons, with "," as the decimal mark (as R\'s write.csv2 and European-locale spreadsheets write it); ceakit reads comma-separated files with "." decimals: in R use write.csv() instead of write.csv2(), or in a spreadsheet save as "CSV UTF-8 (comma delimited)" with "." as the decimal separator',
    });
  }
  if (tab > 0) {
    throw new InputError({
      file,
      line,
      message:
        'the file is separated by tabs; ceakit reads comma-separated files: in R use write.csv(), or in a spreadsheet save as "CSV UTF-8 (comma delimited)"',
    });
  }
}
