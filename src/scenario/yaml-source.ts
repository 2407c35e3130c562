/**
 * YAML text parsed with positions kept, so that any problem found later (by the schema, by
 * model checks) can be reported at its file, line and column.
 *
 * @module
 */

import {
  type Alias,
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  stringify,
  visit,
} from "yaml";
import { InputError, type InputIssue } from "../errors.js";

/** A parsed YAML file: its plain value and what is needed to locate paths in it. */
export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** 1-based line and column of the node at `path` (or of its nearest existing ancestor). */
  locate(path: readonly PropertyKey[], key?: boolean): { line: number; column: number } | undefined;
  /** Whether `path` exists in this file. */
  has(path: readonly PropertyKey[]): boolean;
  /**
   * 1-based line and column of character `offset` of the text at `path`, when that text is a
   * one-line plain or quoted scalar written exactly as its value (no escapes); else where the
   * node at `path` starts (see {@link YamlSource.locate}).
   */
  locateInText(
    path: readonly PropertyKey[],
    offset: number,
  ): { line: number; column: number } | undefined;
}

/** Aliases a file may use: enough for any scenario, too few for a "billion laughs" file. */
const MAX_ALIASES = 100;

/**
 * The offset of the quote or bracket still open at `upto` (outside comments), if any: where an
 * unclosed string or flow collection began.
 */
function unmatchedOpener(text: string, upto: number): number | undefined {
  const open: number[] = [];
  let quote: { char: string; at: number } | undefined;
  for (let i = 0; i < Math.min(upto, text.length); i++) {
    const c = text[i] as string;
    if (quote !== undefined) {
      if (quote.char === '"' && c === "\\") i++;
      else if (c === quote.char) {
        if (c === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
    } else if (c === "#" && (i === 0 || /\s/.test(text[i - 1] as string))) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === '"' || (c === "'" && (i === 0 || /[\s[{,:]/.test(text[i - 1] as string)))) {
      quote = { char: c, at: i };
    } else if (c === "[" || c === "{") open.push(i);
    else if ((c === "]" || c === "}") && open.length > 0) open.pop();
  }
  return quote?.at ?? open.at(-1);
}

/** The offset of the first key that repeats an earlier key of its mapping, if any. */
function firstDuplicateKey(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Map: (_, map) => {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          const at = (pair.key as Node).range?.[0];
          if (at !== undefined && (found === undefined || at < found)) found = at;
          break;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Refuses a key that is not a plain name anywhere in the file: `__proto__`, which converted to
 * JavaScript would set an object's prototype instead of being a key (values would appear from
 * nowhere), a list or mapping used as a key (`? [a, b]`), which would be turned into text, and
 * a key of null (`~:`), which would be turned into the key "".
 */
function refuseOddKeys(file: string, doc: Document, lineCounter: LineCounter): void {
  let culprit: { key: Node; path: string[]; message: string } | undefined;
  visit(doc, {
    Pair: (_, pair, ancestors) => {
      const key = pair.key;
      const scalar = isScalar(key);
      const path = keyPath(ancestors);
      // A key of null (`~:`, `null:`, or none before the colon) would become the key "".
      if (key === null || key === undefined || (scalar && key.value === null)) {
        const node = (key ?? pair.value) as Node | null;
        if (node === null) return undefined;
        culprit = {
          key: node,
          path,
          message:
            'a key of null (null, ~ or nothing before the colon) is not a name; write it in quotes ("null") if it is meant as one',
        };
        return visit.BREAK;
      }
      if (scalar && String(key.value) !== "__proto__") return undefined;
      culprit = scalar
        ? {
            key: pair.key as Node,
            path: [...path, "__proto__"],
            message: '"__proto__" cannot be used as a key; choose another name',
          }
        : {
            key: pair.key as Node,
            path,
            message: "a key must be a plain name, not a list or a mapping",
          };
      return visit.BREAK;
    },
  });
  if (culprit === undefined) return;
  throw nodeError(file, lineCounter, culprit.key, culprit.path, culprit.message);
}

/** The keys of the map entries above a node, as a path. */
function keyPath(ancestors: readonly unknown[]): string[] {
  return ancestors.flatMap((a) => (isPair(a) && isScalar(a.key) ? [String(a.key.value)] : []));
}

/** A mistake at a node of the file: its line and column, and the field of its path. */
function nodeError(
  file: string,
  lineCounter: LineCounter,
  node: Node,
  path: readonly string[],
  message: string,
): InputError {
  const pos = lineCounter.linePos(node.range?.[0] ?? 0);
  return new InputError({
    file,
    line: pos.line,
    column: pos.col,
    ...(path.length === 0 ? {} : { field: path.join(".") }),
    message,
  });
}

/** The node at `path`, and the key node of its last step when it is a map entry. */
function walk(root: Node | null, path: readonly PropertyKey[]) {
  let node: Node | null = root;
  let keyNode: Node | null = null;
  let depth = 0;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (pair === undefined) break;
      keyNode = pair.key as Node;
      node = (pair.value as Node | null) ?? keyNode;
    } else if (isSeq(node) && typeof step === "number" && node.items[step] !== undefined) {
      keyNode = null;
      node = node.items[step] as Node;
    } else {
      break;
    }
    depth++;
  }
  return { node, keyNode, complete: depth === path.length };
}

/** The YAML tags a scenario or model file may carry: those of plain values, and `!` (a text). */
const PLAIN_TAGS = new Set([
  "!",
  ...["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`),
]);

/**
 * Refuses an explicit tag that does not give a plain value: one the parser cannot apply
 * (`!!float 10`, where 10 is not written as a float; a tag of its own such as `!foo`), which
 * would leave the text as it is, and one of another type (`!!binary`, `!!set`, `!!timestamp`).
 */
function refuseOddTags(file: string, doc: Document, lineCounter: LineCounter): void {
  const unresolved = doc.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED")?.pos[0];
  let culprit: { node: Node; path: string[]; message: string } | undefined;
  visit(doc, {
    Node: (_, node, ancestors) => {
      const tag = node.tag;
      if (tag === undefined) return undefined;
      const failed = unresolved !== undefined && (node.range?.[0] ?? 0) >= unresolved;
      if (!failed && (unresolved !== undefined || PLAIN_TAGS.has(tag))) return undefined;
      culprit = {
        node,
        path: keyPath(ancestors),
        message: failed
          ? `the YAML tag ${shortTag(tag)} cannot be applied to this value; remove the tag and write the value as it is`
          : `the YAML tag ${shortTag(tag)} gives a value of a type no setting takes; remove it and write a number, a text, a list or a mapping`,
      };
      return visit.BREAK;
    },
  });
  if (culprit === undefined) return;
  throw nodeError(file, lineCounter, culprit.node, culprit.path, culprit.message);
}

/** `!!float` for `tag:yaml.org,2002:float`; any other tag as written. */
function shortTag(tag: string): string {
  return tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice(18)}` : tag;
}

/**
 * Parses YAML text, throwing an {@link InputError} located at the first syntax error.
 *
 * @example
 * ```ts
 * const src = parseYaml("scenario.yaml", "psa:\n  samples: 10\n");
 * src.locate(["psa", "samples"]); // { line: 2, column: 12 }
 * ```
 */
export function parseYaml(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  // Duplicate keys are found here in one pass (the parser's own check compares every pair of
  // keys of a mapping: 12 s for 30,000 keys); reported as the parser would, where they come first.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const duplicate = firstDuplicateKey(doc);
  const syntax = doc.errors[0];
  const problem =
    duplicate !== undefined && (syntax === undefined || duplicate < syntax.pos[0])
      ? { code: "DUPLICATE_KEY", message: "Map keys must be unique", pos: [duplicate, duplicate] }
      : syntax;
  if (problem !== undefined) {
    // An unclosed quote or bracket is noticed where the text ends; point at its opening instead.
    const unclosed =
      problem.code === "MISSING_CHAR" || /flow (sequence|map|collection)/i.test(problem.message)
        ? unmatchedOpener(text, problem.pos[0])
        : undefined;
    const pos = lineCounter.linePos(unclosed ?? problem.pos[0]);
    const message =
      problem.code === "MULTIPLE_DOCS"
        ? "the file holds more than one YAML document (a line of --- starts another); keep one"
        : /call stack/i.test(problem.message)
          ? "the brackets or indentation nest too deeply to read; a scenario or model needs a few levels"
          : (problem.message.split("\n")[0] as string).replace(/ at line \d+, column \d+.*$/, "");
    throw new InputError({
      file,
      line: pos.line,
      column: pos.col,
      message: `YAML syntax error: ${message}`,
    });
  }
  refuseOddKeys(file, doc, lineCounter);
  refuseOddTags(file, doc, lineCounter);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    // Aliases are resolved here: one naming no anchor, or too many of them.
    const aliases: Node[] = [];
    visit(doc, { Alias: (_, node) => void aliases.push(node as unknown as Node) });
    const excessive = /alias count/i.test(String(e));
    const culprit = excessive
      ? aliases[Math.min(MAX_ALIASES, aliases.length - 1)]
      : aliases.find((a) => (a as unknown as Alias).resolve(doc) === undefined);
    const offset = culprit?.range?.[0];
    const pos = offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
    throw new InputError({
      file,
      line: pos.line,
      column: pos.col,
      message: excessive
        ? `YAML alias error: more than ${MAX_ALIASES} aliases (*name) in one file`
        : "YAML alias error: *… names no anchor (&…) defined before it; quote the value if * is meant literally",
    });
  }
  const position = (node: Node | null) => {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return {
    file,
    value,
    locate(path, key = false) {
      const { node, keyNode, complete } = walk(doc.contents, path);
      return position(key && complete && keyNode !== null ? keyNode : node);
    },
    has(path) {
      return walk(doc.contents, path).complete;
    },
    locateInText(path, offset) {
      const { node, complete } = walk(doc.contents, path);
      const range = node?.range;
      if (complete && isScalar(node) && typeof node.value === "string" && range != null) {
        const value = node.value;
        const written = text.slice(range[0], range[1]);
        const quote = node.type === "QUOTE_DOUBLE" ? '"' : node.type === "QUOTE_SINGLE" ? "'" : "";
        const exact = node.type === "PLAIN" || quote !== "";
        if (exact && written === quote + value + quote && !written.includes("\n")) {
          const pos = lineCounter.linePos(range[0] + quote.length + Math.min(offset, value.length));
          return { line: pos.line, column: pos.col };
        }
      }
      return position(node);
    },
  };
}

/**
 * An issue located in the last of `sources` (the most derived file first is searched first)
 * that has the path, else where the nearest ancestor is.
 *
 * @example
 * ```ts
 * locateIssue([child, base], ["parameters", "sw_salary", "sd"], "expected a positive number");
 * ```
 */
export function locateIssue(
  sources: readonly YamlSource[],
  path: readonly PropertyKey[],
  message: string,
  key = false,
): InputIssue {
  const field = path.map(String).join(".") || undefined;
  const owner = sources.find((s) => s.has(path)) ?? findAncestor(sources, path);
  const at = owner?.locate(path, key);
  return {
    ...(owner === undefined ? {} : { file: owner.file }),
    ...(at === undefined ? {} : at),
    ...(field === undefined ? {} : { field }),
    message,
  };
}

/**
 * Like {@link locateIssue}, pointing at character `offset` of the text at `path` when the file
 * shows that text as written (see {@link YamlSource.locateInText}).
 *
 * @example
 * ```ts
 * locateIssueInText([child, base], ["derived", "staff"], 'calls "foo", …', 6);
 * ```
 */
export function locateIssueInText(
  sources: readonly YamlSource[],
  path: readonly PropertyKey[],
  message: string,
  offset: number,
): InputIssue {
  const issue = locateIssue(sources, path, message);
  const owner = sources.find((s) => s.has(path));
  const at = owner?.locateInText(path, offset);
  return at === undefined ? issue : { ...issue, ...at };
}

/** The first source holding the longest prefix of `path`. */
function findAncestor(sources: readonly YamlSource[], path: readonly PropertyKey[]) {
  for (let n = path.length - 1; n >= 0; n--) {
    const found = sources.find((s) => s.has(path.slice(0, n)));
    if (found !== undefined) return found;
  }
  return sources[0];
}

/**
 * Plain data from YAML text (no positions kept): for programs that edit a scenario, such as the
 * web page. Throws the YAML library's error on a syntax error; {@link parseYaml} locates it.
 *
 * @example
 * ```ts
 * yamlToValue("psa: { samples: 10 }"); // { psa: { samples: 10 } }
 * ```
 */
export function yamlToValue(text: string): unknown {
  return parseDocument(text, { uniqueKeys: true }).toJS({ maxAliasCount: MAX_ALIASES });
}

/**
 * YAML text for plain data.
 *
 * @example
 * ```ts
 * valueToYaml({ model: "swis" }); // "model: swis\n"
 * ```
 */
export function valueToYaml(value: unknown): string {
  return stringify(value);
}
