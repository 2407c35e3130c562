/**
 * Terminal control characters in text that came from a person's input (a file name, a YAML
 * value, a CSV cell, a flag) are shown escaped, never raw: an escape sequence in a strategy name
 * must not recolour, clear or retitle the reader's terminal.
 *
 * @module
 */

/** C0 controls, DEL and C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
/** The same, but keeping line ends (for multi-line reports). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROLS_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** The escaped form of one control character: `\n`, `\r`, `\t`, `\x1b` or `\u009b`. */
function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code < 0x80
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * `text` with every C0 control, DEL and C1 control written as an escape (`\n`, `\x1b`,
 * `\u009b`), so it prints as one inert line.
 *
 * @example
 * ```ts
 * escapeControls("red\u001b[31m"); // "red\\x1b[31m"
 * ```
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, escapeOne);
}

/**
 * Like {@link escapeControls} but keeps line ends: for a multi-line report or message.
 *
 * @example
 * ```ts
 * escapeControlsInLines("a\u001b[2J\nb"); // "a\\x1b[2J\nb"
 * ```
 */
export function escapeControlsInLines(text: string): string {
  return text.replace(CONTROLS_BUT_NEWLINE, escapeOne);
}

/** Controls a CSV cell may not carry raw: all but tab, line feed and carriage return. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CSV_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * A CSV cell's text with its terminal controls escaped (`\x1b`, `\u009b`), keeping tab, line
 * feed and carriage return, which a quoted CSV field carries as data.
 *
 * @example
 * ```ts
 * escapeCsvControls("red\u001b[31m"); // "red\\x1b[31m"
 * ```
 */
export function escapeCsvControls(text: string): string {
  return text.replace(CSV_CONTROLS, escapeOne);
}

/** DEL and C1 controls, which JSON.stringify leaves raw. */
const JSON_RAW_CONTROLS = /[\u007f-\u009f]/g;

/**
 * JSON text with DEL and the C1 controls written as `\u007f` … `\u009f` escapes (JSON.stringify
 * already escapes C0): the same data, safe to print on a terminal.
 *
 * @example
 * ```ts
 * escapeJsonControls(JSON.stringify("a\u009bb")); // "\"a\\u009bb\""
 * ```
 */
export function escapeJsonControls(json: string): string {
  return json.replace(
    JSON_RAW_CONTROLS,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
