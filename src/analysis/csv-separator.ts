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

/** Counts of the candidate separators outside quotes on the first non-blank line of `text`. */
function firstLineSeparators(text: string): {
  comma: number;
  semicolon: number;
  tab: number;
  line: number;
} {
  const counts = { comma: 0, semicolon: 0, tab: 0, line: 1 };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Skip blank lines (line ends and spaces), as the tokenizer does.
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== LF && c !== CR && c !== SPACE) break;
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) counts.line++;
    i++;
  }
  let quoted = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) break;
    else if (!quoted && c === COMMA) counts.comma++;
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
  const { comma, semicolon, tab, line } = firstLineSeparators(text);
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
