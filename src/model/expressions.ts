/**
 * Derived values: inputs computed from other inputs by a formula, e.g.
 * `staff_cost: "fte * salary * (1 + oncost)"`, evaluated over whole sample columns.
 *
 * The formula language is small and scalar (see expression-language.ts for the whitelist):
 * numbers, names, `+ - * / ^`, comparisons, `and`/`or`/`not`, `c ? a : b` and the functions
 * abs, sign, sqrt, cbrt, exp, log, log10, log2, pow, min, max, round, floor and ceil. The text
 * is parsed by mathjs, checked node by node, and transpiled to one JavaScript loop per
 * expression; there is no fallback to mathjs' evaluator, so no formula can reach matrices,
 * strings, units or anything else mathjs offers. Results equal mathjs' own with
 * `predictable: true` (real numbers only: the square root or logarithm of a negative is NaN,
 * never a complex number; comparisons, min, max, round, floor and ceil use mathjs' tolerances).
 * Size limits ({@link EXPRESSION_LIMITS}) are checked before and after parsing, so a huge or
 * deeply nested text is refused without exhausting memory or the stack. A refused formula
 * throws an {@link ExpressionError} carrying the offset of the offending token.
 *
 * mathjs is imported only when an expression is compiled, keeping it off the start-up path;
 * worker threads rebuild compiled expressions from their generated source ({@link fromSource})
 * without loading it.
 *
 * @module
 */

import type { MathNode } from "mathjs";
import { InputError, type InputIssue, type SourceLocation } from "../errors.js";
import {
  CONSTANTS,
  countNodes,
  EXPRESSION_LIMITS,
  FUNCTION_NAMES,
  LanguageIssue,
  type NameScope,
  symbolsOf,
  transpile,
  treeDepth,
} from "./expression-language.js";
import { runtime } from "./expression-runtime.js";
import { nesting } from "./expression-tokens.js";
import { loadMathJs, type MathJs } from "./load-mathjs.js";

export { EXPRESSION_LIMITS } from "./expression-language.js";

/** A derived value with the domain it must stay in and where it was written. */
export interface DerivedSpec {
  /** The formula. */
  readonly expression: string;
  /**
   * Values the derived value may take, inclusive (e.g. [0, 1] for a probability); every
   * evaluation refuses a value outside them, or a value that is not finite.
   */
  readonly bounds?: readonly [number, number];
  /** Where the definition was written (file, line, column, field), for errors while running. */
  readonly at?: SourceLocation;
}

/** A derived value: its formula, or the formula with its domain. */
export type DerivedDefinition = string | DerivedSpec;

/** A compiled expression as plain data: what a worker thread needs to rebuild it. */
export interface ExpressionSource {
  /** Name of the derived value. */
  readonly name: string;
  /** The formula as written. */
  readonly text: string;
  /** Names of the columns it reads, in the order `evaluate` expects them. */
  readonly inputs: readonly string[];
  /** The generated loop's JavaScript. */
  readonly source: string;
  /** The values it may take (see {@link DerivedSpec.bounds}). */
  readonly bounds?: readonly [number, number];
  /** Where it was written (see {@link DerivedSpec.at}). */
  readonly at?: SourceLocation;
}

/** A compiled derived value. */
export interface CompiledExpression extends ExpressionSource {
  /** Computes `out[i]` for i < n from `columns[k][i]`, columns ordered as `inputs`. */
  evaluate(columns: readonly Float64Array[], out: Float64Array, n: number): void;
}

/**
 * A derived expression refused: an {@link InputError} (field = the derived name) that also
 * carries the offset of the offending token in the expression's text.
 *
 * @example
 * ```ts
 * try { await compileDerived({ x: "foo(1)" }, []); } catch (e) { (e as ExpressionError).offset; } // 0
 * ```
 */
export class ExpressionError extends InputError {
  override readonly name: string = "ExpressionError";
  /** Offset of the offending token in the expression text (0-based). */
  readonly offset: number;

  constructor(issue: InputIssue, offset: number) {
    super(issue);
    this.offset = offset;
  }
}

/**
 * The formula of a definition.
 *
 * @example
 * ```ts
 * expressionOf({ expression: "fte * salary", bounds: [0, Infinity] }); // "fte * salary"
 * ```
 */
export function expressionOf(definition: DerivedDefinition): string {
  return typeof definition === "string" ? definition : definition.expression;
}

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j] as number;
      row[j] = Math.min(
        here + 1,
        (row[j - 1] as number) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = here;
    }
  }
  return row[b.length] as number;
}

/**
 * The closest of `candidates` to `name` when it is a plausible typo, for error messages.
 *
 * @example
 * ```ts
 * suggest("slary", ["salary", "fte"]); // "salary"
 * ```
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** An expression's text for a message, shortened when long. */
function quote(text: string): string {
  return `"${text.length > 80 ? `${text.slice(0, 77)}…` : text}"`;
}

/** Thousands separators for limits in messages. */
const count = (n: number) => n.toLocaleString("en-GB");

/**
 * Checks an expression's size and parses it, refusing a text that is too long or too deeply
 * nested before the parser sees it (so that it cannot exhaust the stack).
 */
function parse(math: MathJs, name: string, text: string): MathNode {
  const fail = (message: string, offset: number): never => {
    throw new ExpressionError({ field: name, message }, offset);
  };
  if (text.length > EXPRESSION_LIMITS.length) {
    fail(
      `the expression is ${count(text.length)} characters long; at most ${count(EXPRESSION_LIMITS.length)} are allowed (split it into several derived values)`,
      0,
    );
  }
  const deepest = nesting(text, EXPRESSION_LIMITS.depth);
  if (deepest.over !== undefined) {
    fail(
      `the expression ${quote(text)} nests brackets ${deepest.depth} deep; at most ${EXPRESSION_LIMITS.depth} are allowed`,
      deepest.over,
    );
  }
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (e) {
    if (e instanceof RangeError) {
      return fail(`the expression ${quote(text)} is nested too deeply to read`, 0);
    }
    const at = (e as { char?: unknown }).char;
    return fail(
      `cannot read the expression ${quote(text)}: ${e instanceof Error ? e.message : String(e)}`,
      // mathjs counts characters from 1.
      typeof at === "number" ? Math.min(Math.max(at - 1, 0), text.length) : 0,
    );
  }
  if (countNodes(node, EXPRESSION_LIMITS.nodes) > EXPRESSION_LIMITS.nodes) {
    fail(
      `the expression ${quote(text)} has more than ${count(EXPRESSION_LIMITS.nodes)} parts (numbers, names, operators, calls); split it into several derived values`,
      0,
    );
  }
  if (treeDepth(node, EXPRESSION_LIMITS.treeDepth) > EXPRESSION_LIMITS.treeDepth) {
    fail(
      `the expression ${quote(text)} nests more than ${EXPRESSION_LIMITS.treeDepth} operations inside one another; split it into several derived values`,
      0,
    );
  }
  return node;
}

/**
 * Parses an expression of the derived-expression language (size limits checked first),
 * throwing an {@link ExpressionError} (field = `name`, with the offset of the offending token)
 * when it cannot be read; the caller checks the parsed tree (see expression-language.ts's
 * `transpile`). Loads mathjs on first use.
 *
 * @example
 * ```ts
 * const node = await parseExpression("rr_t", "t <= 2 ? rr : 1");
 * ```
 */
export async function parseExpression(name: string, text: string): Promise<MathNode> {
  return parse(await loadMathJs(), name, text);
}

/**
 * The generated loops already built, by source: a model prepared again (every run, and every
 * job of a worker thread) reuses the loop V8 has already optimised instead of starting a new
 * one cold. A loop depends on its source alone.
 */
const LOOPS = new Map<string, CompiledExpression["evaluate"]>();
const LOOP_CACHE_SIZE = 1024;

/**
 * Rebuilds a compiled expression from its generated source, without loading mathjs (used by
 * worker threads, which receive the source from the thread that compiled it).
 *
 * @example
 * ```ts
 * const [compiled] = await compileDerived({ x: "a * 2" }, ["a"]);
 * const copy = fromSource(compiled);
 * ```
 */
export function fromSource(expression: ExpressionSource): CompiledExpression {
  let loop = LOOPS.get(expression.source);
  if (loop === undefined) {
    const make = new Function(
      "lib",
      `return function (columns, out, n) {\n${expression.source}\n};`,
    );
    loop = make(runtime) as CompiledExpression["evaluate"];
    if (LOOPS.size >= LOOP_CACHE_SIZE) LOOPS.clear();
    LOOPS.set(expression.source, loop);
  }
  const { name, text, inputs, source, bounds, at } = expression;
  return {
    name,
    text,
    inputs,
    source,
    ...(bounds === undefined ? {} : { bounds }),
    ...(at === undefined ? {} : { at }),
    evaluate: loop,
  };
}

/** The order in which derived values are computed: each after those it reads. */
function evaluationOrder(reads: ReadonlyMap<string, readonly string[]>): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      const cycle = [...path.slice(path.indexOf(name)), name];
      throw new InputError({
        field: name,
        message: `derived expressions depend on each other in a cycle: ${cycle.join(" -> ")}`,
      });
    }
    state.set(name, "visiting");
    for (const s of reads.get(name) ?? []) if (reads.has(s)) visit(s, [...path, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const name of reads.keys()) visit(name, []);
  return order;
}

/**
 * Compiles derived values, checking their formulas against the language and their names, and
 * ordering them so that each is computed after the ones it reads. Throws an
 * {@link ExpressionError} (field = the derived name, with the offending token's offset) for a
 * formula that cannot be read, is too large or uses anything outside the language (an unknown
 * name or function comes with a "did you mean"), and an {@link InputError} for a cycle, a name
 * that is also a parameter, or more definitions than {@link EXPRESSION_LIMITS} allows.
 *
 * @example
 * ```ts
 * const [staff] = await compileDerived({ staff_cost: "fte * salary" }, ["fte", "salary"]);
 * staff.evaluate([fteColumn, salaryColumn], out, n);
 * ```
 */
export async function compileDerived(
  definitions: Readonly<Record<string, DerivedDefinition>>,
  parameters: Iterable<string>,
): Promise<CompiledExpression[]> {
  const names = Object.keys(definitions);
  if (names.length === 0) return [];
  if (names.length > EXPRESSION_LIMITS.definitions) {
    throw new InputError({
      field: names[EXPRESSION_LIMITS.definitions],
      message: `${count(names.length)} derived values; at most ${count(EXPRESSION_LIMITS.definitions)} are allowed`,
    });
  }
  const base = new Set(parameters);
  for (const name of names) {
    if (base.has(name)) {
      throw new InputError({
        field: name,
        message: `"${name}" is both a parameter and a derived expression`,
      });
    }
  }
  const math = await loadMathJs();
  const defs = new Map(names.map((n) => [n, definitions[n] as DerivedDefinition]));
  const nodes = new Map<string, MathNode>();
  for (const [name, def] of defs) nodes.set(name, parse(math, name, expressionOf(def)));
  const reads = new Map([...nodes].map(([name, node]) => [name, symbolsOf(node)]));
  const known = new Set([...base, ...names]);
  const scope: NameScope = {
    has: (s) => known.has(s),
    suggestName: (s) => suggest(s, [...known, ...CONSTANTS.keys()]),
    suggestFunction: (s) => suggest(s, FUNCTION_NAMES),
    names: () => [...known],
  };
  // Every formula is checked (in the order written) before the order between them is sought.
  const compiled = new Map<string, CompiledExpression>();
  for (const [name, def] of defs) {
    const text = expressionOf(def);
    const inputs = (reads.get(name) as string[]).filter((s) => known.has(s));
    const index = new Map(inputs.map((s, k) => [s, `c${k}[i]`]));
    let body: string;
    try {
      body = transpile(nodes.get(name) as MathNode, text, scope, (s) => index.get(s));
    } catch (e) {
      if (!(e instanceof LanguageIssue)) throw e;
      throw new ExpressionError(
        { field: name, message: `the expression ${quote(text)} ${e.message}` },
        e.offset,
      );
    }
    const source = [
      ...inputs.map((_, k) => `const c${k} = columns[${k}];`),
      `for (let i = 0; i < n; i++) out[i] = ${body};`,
    ].join("\n");
    const extra: Partial<DerivedSpec> = typeof def === "string" ? {} : def;
    compiled.set(
      name,
      fromSource({
        name,
        text,
        inputs,
        source,
        ...(extra.bounds === undefined ? {} : { bounds: extra.bounds }),
        ...(extra.at === undefined ? {} : { at: extra.at }),
      }),
    );
  }
  return evaluationOrder(reads).map((name) => compiled.get(name) as CompiledExpression);
}
