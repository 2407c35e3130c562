/**
 * The raw text of a derived expression as tokens with their offsets, for two jobs the parser
 * cannot do: measuring bracket nesting before parsing (so that a deeply nested text is refused
 * before it can exhaust the parser's stack) and pointing an error at the offending token (the
 * parsed tree keeps no positions).
 *
 * @module
 */

/** One token: a name, a number, a quoted string or an operator/punctuation mark. */
export interface Token {
  readonly kind: "name" | "number" | "string" | "op";
  readonly text: string;
  /** Offset of the token's first character in the expression text. */
  readonly start: number;
}

/** Operators of more than one character, longest first. */
const LONG_OPERATORS = [">>>", "<<", ">>", "==", "!=", "<=", ">=", ".*", "./", ".^"];

const NAME = /[\p{L}_$][\p{L}\p{N}_$]*/uy;
const NUMBER = /0[xob][0-9a-f]+|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/iy;

/** Length of a quoted string starting at `start` (to the end of the text if unclosed). */
function quotedLength(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === "\\" ? 2 : 1;
  return Math.min(i + 1, text.length) - start;
}

/**
 * Splits an expression's text into tokens (whitespace dropped). Never fails: a character that
 * starts no known token is a one-character operator token.
 *
 * @example
 * ```ts
 * tokenize("fte * salary").map((t) => t.text); // ["fte", "*", "salary"]
 * ```
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    NAME.lastIndex = i;
    NUMBER.lastIndex = i;
    const name = NAME.exec(text);
    const number = name === null ? NUMBER.exec(text) : null;
    let token: Token;
    if (name !== null) token = { kind: "name", text: name[0], start: i };
    else if (number !== null) token = { kind: "number", text: number[0], start: i };
    else if (c === '"' || c === "'") {
      token = { kind: "string", text: text.slice(i, i + quotedLength(text, i)), start: i };
    } else {
      const op = LONG_OPERATORS.find((o) => text.startsWith(o, i)) ?? c;
      token = { kind: "op", text: op, start: i };
    }
    tokens.push(token);
    i += token.text.length;
  }
  return tokens;
}

/**
 * The deepest nesting of brackets ( [ { in `text`, outside quoted strings, and the offset of
 * the first bracket nested deeper than `limit` (if any).
 *
 * @example
 * ```ts
 * nesting("((a + b) * c)", 1); // { depth: 2, over: 1 }
 * ```
 */
export function nesting(text: string, limit: number): { depth: number; over?: number } {
  let depth = 0;
  let deepest = 0;
  let over: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") i += quotedLength(text, i) - 1;
    else if (c === "(" || c === "[" || c === "{") {
      depth++;
      deepest = Math.max(deepest, depth);
      if (depth > limit && over === undefined) over = i;
    } else if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
  }
  return over === undefined ? { depth: deepest } : { depth: deepest, over };
}
