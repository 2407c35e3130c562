/**
 * The derived-expression language: a small scalar subset of mathjs' syntax, checked node by
 * node against a whitelist and transpiled to one JavaScript loop over sample columns.
 *
 * Allowed: finite numbers (`0.25`, `1e3`), names of inputs and of other derived values, the
 * constants `pi` and `e` (an input of the same name wins), `+ - * / ^`, unary `-` and `+`,
 * parentheses, comparisons `< <= > >= == !=` (chains such as `0 < p < 1` too), `and`, `or`,
 * `not`, the conditional `c ? a : b`, and the functions listed in {@link FUNCTIONS}. Comparisons
 * and logic give 1 or 0; a condition is true when it is neither 0 nor NaN. Everything else
 * (other functions, property access, indexes, matrices, objects, ranges, strings, booleans,
 * units, assignments, function definitions, several statements) is refused with the offset of
 * the offending token. Every construct costs a fixed number of operations per sample, so an
 * expression's time per sample is proportional to its size, which {@link EXPRESSION_LIMITS}
 * bounds.
 *
 * @module
 */

import type { MathNode } from "mathjs";
import { type Token, tokenize } from "./expression-tokens.js";

/** Size limits of one expression and of a model's set of derived values. */
export const EXPRESSION_LIMITS = {
  /** Characters of one expression's text. */
  length: 4000,
  /** Nodes (numbers, names, operators, function calls) of one parsed expression. */
  nodes: 1000,
  /** Brackets nested inside one another, measured on the text before parsing. */
  depth: 32,
  /**
   * Operations nested inside one another in the parsed expression (a chain of 250 `not`s, or a
   * sum of 250 terms written in one line), so the generated code stays well within what the
   * JavaScript engine compiles: 850 nested `not`s overflowed its stack.
   */
  treeDepth: 250,
  /** Arguments of one call of min or max. */
  arguments: 64,
  /** Derived definitions of one model or scenario. */
  definitions: 200,
} as const;

/** A function of the language: its arity and the JavaScript it becomes. */
interface LanguageFunction {
  readonly arity: readonly [number, number];
  readonly js: (args: readonly string[]) => string;
}

const call =
  (fn: string) =>
  (a: readonly string[]): string =>
    `${fn}(${a.join(", ")})`;
/** `min(a, b, c)` as `lib.min2(lib.min2(a, b), c)`: mathjs' scan, without an array. */
const fold =
  (fn: string) =>
  (a: readonly string[]): string =>
    a.slice(1).reduce((acc, x) => `${fn}(${acc}, ${x})`, a[0] as string);

/** The functions an expression may call, with mathjs' meaning on numbers. */
export const FUNCTIONS: ReadonlyMap<string, LanguageFunction> = new Map([
  ["abs", { arity: [1, 1], js: call("Math.abs") }],
  ["sign", { arity: [1, 1], js: call("Math.sign") }],
  ["sqrt", { arity: [1, 1], js: call("Math.sqrt") }],
  ["cbrt", { arity: [1, 1], js: call("Math.cbrt") }],
  ["exp", { arity: [1, 1], js: call("Math.exp") }],
  [
    "log",
    {
      arity: [1, 2],
      js: (a) => (a.length === 1 ? `Math.log(${a[0]})` : `(Math.log(${a[0]}) / Math.log(${a[1]}))`),
    },
  ],
  ["log10", { arity: [1, 1], js: call("Math.log10") }],
  ["log2", { arity: [1, 1], js: call("Math.log2") }],
  ["pow", { arity: [2, 2], js: call("lib.pow") }],
  ["min", { arity: [1, EXPRESSION_LIMITS.arguments], js: fold("lib.min2") }],
  ["max", { arity: [1, EXPRESSION_LIMITS.arguments], js: fold("lib.max2") }],
  ["round", { arity: [1, 2], js: (a) => `lib.round(${a[0]}, ${a[1] ?? "0"})` }],
  ["floor", { arity: [1, 1], js: call("lib.floor") }],
  ["ceil", { arity: [1, 1], js: call("lib.ceil") }],
] satisfies [string, LanguageFunction][]);

/** Binary operators (mathjs' function names) and the JavaScript they become. */
const BINARY: ReadonlyMap<string, (a: string, b: string) => string> = new Map([
  ["add", (a: string, b: string) => `(${a} + ${b})`],
  ["subtract", (a: string, b: string) => `(${a} - ${b})`],
  ["multiply", (a: string, b: string) => `(${a} * ${b})`],
  ["divide", (a: string, b: string) => `(${a} / ${b})`],
  ["pow", (a: string, b: string) => `lib.pow(${a}, ${b})`],
  ["smaller", (a: string, b: string) => `lib.lt(${a}, ${b})`],
  ["smallerEq", (a: string, b: string) => `lib.le(${a}, ${b})`],
  ["larger", (a: string, b: string) => `lib.gt(${a}, ${b})`],
  ["largerEq", (a: string, b: string) => `lib.ge(${a}, ${b})`],
  ["equal", (a: string, b: string) => `lib.eq(${a}, ${b})`],
  ["unequal", (a: string, b: string) => `lib.ne(${a}, ${b})`],
  ["and", (a: string, b: string) => `((${a}) && (${b}) ? 1 : 0)`],
  ["or", (a: string, b: string) => `((${a}) || (${b}) ? 1 : 0)`],
]);

/** Unary operators and their JavaScript. */
const UNARY: ReadonlyMap<string, (a: string) => string> = new Map([
  ["unaryMinus", (a: string) => `(-${a})`],
  ["unaryPlus", (a: string) => `(+${a})`],
  ["not", (a: string) => `((${a}) ? 0 : 1)`],
]);

/** The constants an expression may name (unless an input has the same name). */
export const CONSTANTS: ReadonlyMap<string, string> = new Map([
  ["pi", "Math.PI"],
  ["e", "Math.E"],
]);

/** The operators, for messages. */
export const OPERATOR_LIST = "+ - * / ^, < <= > >= == !=, and, or, not, c ? a : b";

/** A construct the language refuses: what it is, and where it is in the text. */
export class LanguageIssue extends Error {
  /** Offset of the offending token in the expression's text. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/** A mathjs node with the fields read here (mathjs' node classes share them). */
type AnyNode = MathNode & {
  fn?: string | AnyNode;
  args?: AnyNode[];
  params?: AnyNode[];
  conditionals?: string[];
  content?: AnyNode;
  condition?: AnyNode;
  trueExpr?: AnyNode;
  falseExpr?: AnyNode;
  name?: string;
  op?: string;
  value?: unknown;
};

/** Finds the offset of the first token matching `test` (the one after it is `next`). */
type Locator = (token: Token, next: Token | undefined, previous: Token | undefined) => boolean;

/** What a refused construct is called, and how to find its token. */
const STRUCTURES: Readonly<Record<string, [string, Locator]>> = {
  AccessorNode: [
    "property access or indexing (a.b, a[1])",
    (t, _n, p) => (t.text === "." || t.text === "[") && p !== undefined,
  ],
  IndexNode: ["indexing (a[1])", (t) => t.text === "["],
  ArrayNode: ["a matrix or list ([1, 2])", (t) => t.text === "["],
  ObjectNode: ["an object ({a: 1})", (t) => t.text === "{"],
  AssignmentNode: ["an assignment (x = 1)", (t) => t.text === "="],
  FunctionAssignmentNode: ["a function definition (f(x) = …)", (t) => t.text === "="],
  BlockNode: ["several statements (;)", (t) => t.text === ";" || t.text === "\n"],
  RangeNode: ["a range (1:10)", (t) => t.text === ":" && t.kind === "op"],
};

/** Offset of the first `:` that does not close a conditional's `?` (a range's colon). */
function rangeColon(tokens: readonly Token[]): number | undefined {
  let open = 0;
  for (const t of tokens) {
    if (t.text === "?") open++;
    else if (t.text === ":") {
      if (open === 0) return t.start;
      open--;
    }
  }
  return undefined;
}

/** Names of the functions, for messages. */
export const FUNCTION_NAMES = [...FUNCTIONS.keys()].sort();

/** What the checker needs to know about the names around an expression. */
export interface NameScope {
  /** Whether `name` is an input or a derived value. */
  has(name: string): boolean;
  /** A "did you mean" suggestion for an unknown name, if any. */
  suggestName(name: string): string | undefined;
  /** A suggestion for an unknown function, if any. */
  suggestFunction(name: string): string | undefined;
  /** The known names, for a message when no suggestion fits. */
  names(): readonly string[];
}

/** Text of a function name of a node, when it is a plain name. */
function functionName(node: AnyNode): string | undefined {
  return typeof node.fn === "object" && node.fn.type === "SymbolNode" ? node.fn.name : undefined;
}

/**
 * Counts the nodes of a parsed expression without recursion (so that a huge tree is measured
 * before anything walks it recursively), stopping once past `limit`.
 *
 * @example
 * ```ts
 * countNodes(math.parse("a + b * 2"), 1000); // 5
 * ```
 */
export function countNodes(root: MathNode, limit: number): number {
  const stack: MathNode[] = [root];
  let count = 0;
  while (stack.length > 0 && count <= limit) {
    const node = stack.pop() as MathNode;
    count++;
    node.forEach((child) => {
      stack.push(child);
    });
  }
  return count;
}

/**
 * The depth of a parsed expression (a lone number or name is 1), measured without recursion and
 * stopping once past `limit`.
 *
 * @example
 * ```ts
 * treeDepth(math.parse("not not x"), 250); // 3
 * ```
 */
export function treeDepth(root: MathNode, limit: number): number {
  const stack: [MathNode, number][] = [[root, 1]];
  let deepest = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [MathNode, number];
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    node.forEach((child) => {
      stack.push([child, depth + 1]);
    });
  }
  return deepest;
}

/**
 * A function call the caller's language adds (e.g. model files' `lookup(table, x, "column")`):
 * given the call's name, its arguments, a visitor that transpiles an argument and the offset of
 * the name in the text, the JavaScript of the call, or undefined when `name` is not such a
 * function. It may throw a {@link LanguageIssue}.
 */
export type SpecialCall = (
  name: string,
  args: readonly MathNode[],
  visit: (node: MathNode) => string,
  offset: number,
) => string | undefined;

/**
 * Checks a parsed expression against the whitelist and transpiles it to a JavaScript
 * expression of sample i, with `column(name)` giving the code that reads a name's column.
 * Throws a {@link LanguageIssue} at the first construct refused. `special` adds functions of
 * the caller's own (see {@link SpecialCall}).
 *
 * @example
 * ```ts
 * transpile(math.parse("a * 2"), "a * 2", scope, (n) => `c0[i]`); // "(c0[i] * (2))"
 * ```
 */
export function transpile(
  root: MathNode,
  text: string,
  scope: NameScope,
  column: (name: string) => string | undefined,
  special?: SpecialCall,
): string {
  const tokens = tokenize(text);
  const find = (test: Locator): number => {
    const k = tokens.findIndex((t, j) => test(t, tokens[j + 1], tokens[j - 1]));
    return k === -1 ? 0 : (tokens[k] as Token).start;
  };
  const nameAt = (name: string, asFunction: boolean) =>
    find((t, next) => t.kind === "name" && t.text === name && (next?.text === "(") === asFunction);
  const refuse = (message: string, offset: number): never => {
    throw new LanguageIssue(message, offset);
  };
  // A blank text parses as a constant with no value.
  if (text.trim() === "") refuse("is empty: write a number or a formula", 0);
  const visit = (node: AnyNode): string => {
    switch (node.type) {
      case "ConstantNode": {
        const v = node.value;
        if (typeof v === "number" && Number.isFinite(v)) return `(${String(v)})`;
        if (typeof v === "number" && Number.isNaN(v)) {
          return refuse(
            'uses "NaN" (not a number), which is not allowed: only numbers, names of inputs and the constants pi and e are',
            find((t) => t.text === "NaN"),
          );
        }
        if (typeof v === "number") {
          return refuse(
            "contains a number too large to represent",
            find((t) => t.kind === "number" && !Number.isFinite(Number(t.text))),
          );
        }
        if (typeof v === "string") {
          return refuse(
            "contains text in quotes, which is not allowed: only numbers are",
            find((t) => t.kind === "string"),
          );
        }
        const word = String(v);
        return refuse(
          `uses "${word}", which is not allowed: only numbers, names of inputs and the constants pi and e are`,
          find((t) => t.text === word),
        );
      }
      case "SymbolNode": {
        const name = node.name as string;
        const code = column(name) ?? CONSTANTS.get(name);
        if (code !== undefined) return code;
        const hint = scope.suggestName(name);
        const list = scope.names();
        return refuse(
          `uses "${name}", which is not a parameter${
            hint !== undefined
              ? ` (did you mean "${hint}"?)`
              : `; the names are ${[...list.slice(0, 40), ...CONSTANTS.keys()].join(", ")}${list.length > 40 ? ", …" : ""}`
          }`,
          nameAt(name, false),
        );
      }
      case "ParenthesisNode":
        return visit(node.content as AnyNode);
      case "ConditionalNode":
        return `((${visit(node.condition as AnyNode)}) ? ${visit(node.trueExpr as AnyNode)} : ${visit(node.falseExpr as AnyNode)})`;
      case "RelationalNode": {
        const params = (node.params ?? []).map(visit);
        const parts = (node.conditionals ?? []).map((fn, k) => {
          const js = BINARY.get(fn);
          if (js === undefined)
            return refuse(`uses the comparison "${fn}", which is not allowed`, 0);
          return `(${js(params[k] as string, params[k + 1] as string)})`;
        });
        return `(${parts.join(" && ")} ? 1 : 0)`;
      }
      case "OperatorNode": {
        const fn = node.fn as string;
        const args = node.args ?? [];
        const unary = args.length === 1 ? UNARY.get(fn) : undefined;
        const binary = args.length === 2 ? BINARY.get(fn) : undefined;
        if (unary === undefined && binary === undefined) {
          const op = node.op ?? fn;
          return refuse(
            `uses the operator "${op}", which is not allowed; the operators are ${OPERATOR_LIST}`,
            find((t) => t.text === op),
          );
        }
        const code = args.map(visit);
        return unary !== undefined
          ? unary(code[0] as string)
          : (binary as (a: string, b: string) => string)(code[0] as string, code[1] as string);
      }
      case "FunctionNode": {
        const name = functionName(node);
        if (name === undefined) {
          return refuse(
            "calls something that is not a function name (such as a.b(1)); only the listed functions can be called",
            find((t) => t.text === "." || t.text === "("),
          );
        }
        const f = FUNCTIONS.get(name);
        const args = node.args ?? [];
        const own = special?.(name, args, visit as (n: MathNode) => string, nameAt(name, true));
        if (own !== undefined) return own;
        if (f === undefined) {
          const hint = scope.suggestFunction(name);
          return refuse(
            `calls "${name}", which is not an allowed function${hint === undefined ? "" : ` (did you mean "${hint}"?)`}; the functions are ${FUNCTION_NAMES.join(", ")}`,
            nameAt(name, true),
          );
        }
        const [lo, hi] = f.arity;
        if (args.length < lo || args.length > hi) {
          const takes = lo === hi ? `${lo}` : hi === 2 ? `${lo} or ${hi}` : `${lo} to ${hi}`;
          return refuse(
            `calls "${name}" with ${args.length} argument${args.length === 1 ? "" : "s"}; it takes ${takes}`,
            nameAt(name, true),
          );
        }
        if (name === "round" && args.length === 2) {
          const digits = args[1] as AnyNode;
          const d = digits.type === "ConstantNode" ? digits.value : undefined;
          if (typeof d !== "number" || !Number.isInteger(d) || d < 0 || d > 15) {
            return refuse(
              "calls round(x, decimals) with decimals that are not a whole number from 0 to 15 written as a number, e.g. round(x, 2)",
              nameAt(name, true),
            );
          }
        }
        return f.js(args.map(visit));
      }
      default: {
        const structure = STRUCTURES[node.type];
        const what = structure?.[0] ?? `a ${node.type}`;
        return refuse(
          `contains ${what}, which is not allowed: an expression is a formula of numbers, names, operators (${OPERATOR_LIST}) and the functions ${FUNCTION_NAMES.join(", ")}`,
          node.type === "RangeNode"
            ? (rangeColon(tokens) ?? 0)
            : structure === undefined
              ? 0
              : find(structure[1]),
        );
      }
    }
  };
  return visit(root as AnyNode);
}

/**
 * Names a parsed expression reads (function names excluded), in order of first use.
 *
 * @example
 * ```ts
 * symbolsOf(math.parse("fte * salary + fte")); // ["fte", "salary"]
 * ```
 */
export function symbolsOf(root: MathNode): string[] {
  const out = new Set<string>();
  const walk = (n: AnyNode) => {
    if (n.type === "SymbolNode") out.add(n.name as string);
    else if (n.type === "FunctionNode") for (const a of n.args ?? []) walk(a);
    else {
      n.forEach((child) => {
        walk(child as AnyNode);
      });
    }
  };
  walk(root as AnyNode);
  return [...out];
}
