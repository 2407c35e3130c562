/**
 * Turning the bytes of a person's input file into text, the same way in the CLI and in the web
 * page: strictly UTF-8 (a UTF-8 byte-order mark is dropped), and anything else refused with a
 * message that says what the file is and, for a bad byte, where it is.
 *
 * @module
 */

import { InputError } from "../errors.js";
import { INPUT_LIMITS, type InputKind, tooLarge } from "./input-limits.js";

/** Byte-order marks of encodings other than UTF-8, longest first. */
const FOREIGN_BOMS: readonly (readonly [readonly number[], string])[] = [
  [[0x00, 0x00, 0xfe, 0xff], "UTF-32"],
  [[0xff, 0xfe, 0x00, 0x00], "UTF-32"],
  [[0xfe, 0xff], "UTF-16"],
  [[0xff, 0xfe], "UTF-16"],
];

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** For counting columns before a bad byte, where what precedes may be bad too. */
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

/** Whether `bytes` starts with `prefix`. */
function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 if the bytes there are not one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i] as number;
  if (b < 0x80) return 1;
  let n: number;
  let min: number;
  if (b >= 0xc2 && b <= 0xdf) [n, min] = [2, 0x80];
  else if (b >= 0xe0 && b <= 0xef) [n, min] = [3, 0x800];
  else if (b >= 0xf0 && b <= 0xf4) [n, min] = [4, 0x10000];
  else return 0;
  let cp = b & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const c = bytes[i + k];
    if (c === undefined || (c & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

/** Offset of the first byte that is not part of valid UTF-8, or -1 if there is none. */
function firstInvalidByte(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; ) {
    const n = sequenceLength(bytes, i);
    if (n === 0) return i;
    i += n;
  }
  return -1;
}

/** 1-based line and column (in characters of the decoded text) of byte `offset`. */
function positionOf(bytes: Uint8Array, from: number, offset: number) {
  let line = 1;
  let lineStart = from;
  for (let i = from; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = lenient.decode(bytes.subarray(lineStart, offset)).length + 1;
  return { line, column };
}

/**
 * Decodes a person's input file: strict UTF-8, without its byte-order mark. UTF-16 or UTF-32
 * text (a byte-order mark, or NUL bytes) and invalid UTF-8 are refused with an
 * {@link InputError} naming `file` (and the line and column of the first bad byte).
 *
 * @example
 * ```ts
 * decodeInputText(new TextEncoder().encode("model: swis\n"), "mine.yaml"); // "model: swis\n"
 * decodeInputText(Uint8Array.of(0xff, 0xfe, 0x6d, 0x00), "mine.yaml");
 * // throws InputError: mine.yaml: is UTF-16 text; save it as UTF-8
 * ```
 */
export function decodeInputText(bytes: Uint8Array, file: string): string {
  for (const [bom, encoding] of FOREIGN_BOMS) {
    if (startsWith(bytes, bom)) {
      throw new InputError({ file, message: `is ${encoding} text; save it as UTF-8` });
    }
  }
  const from = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const nul = bytes.indexOf(0, from);
  if (nul !== -1) {
    throw new InputError({
      file,
      ...positionOf(bytes, from, nul),
      message: "has NUL bytes, so it is UTF-16 text or not text at all; save it as UTF-8",
    });
  }
  const body = bytes.subarray(from);
  try {
    return decoder.decode(body);
  } catch {
    const bad = firstInvalidByte(bytes, from);
    const at = bad === -1 ? bytes.length : bad;
    const byte = bytes[at];
    throw new InputError({
      file,
      ...positionOf(bytes, from, at),
      message: `is not valid UTF-8 (byte 0x${(byte ?? 0).toString(16).padStart(2, "0")}); save it as UTF-8`,
    });
  }
}

/**
 * A person's input file of a kind, from its bytes: refused when larger than the kind's limit
 * ({@link INPUT_LIMITS}), else decoded by {@link decodeInputText}. The web page reads uploads
 * with this; the CLI's reader applies the same limit before it reads.
 *
 * @example
 * ```ts
 * decodeInput(new TextEncoder().encode("model: swis\n"), "mine.yaml", "scenario"); // "model: swis\n"
 * ```
 */
export function decodeInput(bytes: Uint8Array, file: string, kind: InputKind): string {
  if (bytes.length > INPUT_LIMITS[kind]) throw tooLarge(file, kind, bytes.length);
  return decodeInputText(bytes, file);
}
