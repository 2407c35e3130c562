/**
 * Derived parameters written as mathjs expressions, e.g.
 * `staff_cost: "fte * salary * (1 + oncost)"`, evaluated over whole sample columns.
 *
 * An expression is parsed by mathjs. When every node is in a small whitelist (numbers, names,
 * + − × ÷ ^, unary minus, parentheses and exp, log, log10, sqrt, abs, min, max, pow) it is
 * transpiled to one JavaScript loop over the columns (about 30 times faster); anything else is
 * evaluated by mathjs' own `compile()` one sample at a time. mathjs runs with
 * `predictable: true`, so both paths stay in real numbers: the square root or logarithm of a
 * negative is NaN (which the PSA engine then reports), never a complex number. mathjs is
 * imported only when an expression is compiled, keeping it off the start-up path.
 *
 * @module
 */

import type { MathNode } from "mathjs";
import { InputError } from "../errors.js";

/** A compiled derived parameter. */
export interface CompiledExpression {
  /** Name of the derived parameter. */
  readonly name: string;
  /** Source text. */
  readonly text: string;
  /** Names of the columns it reads, in the order `evaluate` expects them. */
  readonly inputs: readonly string[];
  /** Whether it was transpiled to a JavaScript loop (false: evaluated by mathjs). */
  readonly fast: boolean;
  /** The generated loop's JavaScript, for fast expressions (lets workers skip mathjs). */
  readonly source?: string;
  /** Computes `out[i]` for i < n from `columns[k][i]`, columns ordered as `inputs`. */
  evaluate(columns: readonly Float64Array[], out: Float64Array, n: number): void;
}

const OPERATORS: Record<string, string> = {
  add: "+",
  subtract: "-",
  multiply: "*",
  divide: "/",
};

const FUNCTIONS: Record<string, { arity: [number, number]; js: (args: string[]) => string }> = {
  exp: { arity: [1, 1], js: (a) => `Math.exp(${a[0]})` },
  log: {
    arity: [1, 2],
    js: (a) => (a.length === 1 ? `Math.log(${a[0]})` : `(Math.log(${a[0]}) / Math.log(${a[1]}))`),
  },
  log10: { arity: [1, 1], js: (a) => `Math.log10(${a[0]})` },
  sqrt: { arity: [1, 1], js: (a) => `Math.sqrt(${a[0]})` },
  abs: { arity: [1, 1], js: (a) => `Math.abs(${a[0]})` },
  min: {
    arity: [1, 64],
    js: (a) => `lib.min(${a.join(", ")})`,
  },
  max: {
    arity: [1, 64],
    js: (a) => `lib.max(${a.join(", ")})`,
  },
  pow: { arity: [2, 2], js: (a) => `Math.pow(${a[0]}, ${a[1]})` },
};

const CONSTANTS: Record<string, string> = { pi: "Math.PI", e: "Math.E" };

/**
 * mathjs' comparison of numbers: equal within a relative tolerance of 1e-12 or an absolute one
 * of 1e-15 (its defaults), never equal to NaN.
 */
function nearlyEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(1e-12 * Math.max(Math.abs(a), Math.abs(b)), 1e-15);
}

/** mathjs' `smaller` on numbers. */
const smaller = (x: number, y: number) => x < y && !nearlyEqual(x, y);
/** mathjs' `larger` on numbers. */
const larger = (x: number, y: number) => x > y && !nearlyEqual(x, y);

/**
 * min and max exactly as mathjs computes them on numbers: scan left to right, replace the
 * current value only by one that is smaller (larger) beyond mathjs' tolerance, and let a NaN
 * stick. So min(1, 1 + 1e-13) is 1 but min(1 + 1e-13, 1) is 1 + 1e-13, as in mathjs.
 */
const lib = {
  min: (...xs: number[]) => {
    let m = xs[0] as number;
    for (let i = 1; i < xs.length; i++) {
      const v = xs[i] as number;
      if (Number.isNaN(v) || smaller(v, m)) m = v;
    }
    return m;
  },
  max: (...xs: number[]) => {
    let m = xs[0] as number;
    for (let i = 1; i < xs.length; i++) {
      const v = xs[i] as number;
      if (Number.isNaN(v) || larger(v, m)) m = v;
    }
    return m;
  },
};

/** A node with the fields ceakit reads (mathjs' node classes share them). */
type AnyNode = MathNode & {
  fn?: string | { name?: string };
  args?: MathNode[];
  content?: MathNode;
  name?: string;
  value?: unknown;
};

/** Symbols an expression reads (function names excluded). */
export function symbolsOf(node: MathNode): Set<string> {
  const out = new Set<string>();
  const walk = (n: AnyNode) => {
    if (n.type === "SymbolNode") out.add(n.name as string);
    else if (n.type === "FunctionNode") for (const a of n.args ?? []) walk(a as AnyNode);
    else {
      n.forEach((child) => {
        walk(child as AnyNode);
      });
    }
  };
  walk(node as AnyNode);
  return out;
}

/** JavaScript source for `node`, or undefined if a node is outside the whitelist. */
function transpile(
  node: AnyNode,
  column: (name: string) => string | undefined,
): string | undefined {
  switch (node.type) {
    case "ConstantNode":
      return typeof node.value === "number" ? `(${String(node.value)})` : undefined;
    case "SymbolNode": {
      const name = node.name as string;
      return column(name) ?? CONSTANTS[name];
    }
    case "ParenthesisNode":
      return transpile(node.content as AnyNode, column);
    case "OperatorNode": {
      const args = (node.args ?? []).map((a) => transpile(a as AnyNode, column));
      if (args.some((a) => a === undefined)) return undefined;
      const fn = node.fn as string;
      if (fn === "unaryMinus" && args.length === 1) return `(-${args[0]})`;
      if (fn === "unaryPlus" && args.length === 1) return `(+${args[0]})`;
      if (fn === "pow" && args.length === 2) return `Math.pow(${args[0]}, ${args[1]})`;
      const op = OPERATORS[fn];
      return op !== undefined && args.length === 2 ? `(${args[0]} ${op} ${args[1]})` : undefined;
    }
    case "FunctionNode": {
      const name = typeof node.fn === "string" ? node.fn : node.fn?.name;
      const f = name === undefined ? undefined : FUNCTIONS[name];
      const args = (node.args ?? []).map((a) => transpile(a as AnyNode, column));
      if (f === undefined || args.some((a) => a === undefined)) return undefined;
      if (args.length < f.arity[0] || args.length > f.arity[1]) return undefined;
      return f.js(args as string[]);
    }
    default:
      return undefined;
  }
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

/** A mathjs instance (its functions, not the module's factories). */
type MathJs = ReturnType<typeof import("mathjs")["create"]>;

let mathjs: Promise<MathJs> | undefined;

/**
 * mathjs, loaded on first use, configured `predictable: true` so that results stay real numbers
 * (the square root or logarithm of a negative is NaN, not a complex number), as on the fast path.
 */
function loadMath(): Promise<MathJs> {
  mathjs ??= import("mathjs").then(({ create, all }) =>
    create(all as NonNullable<typeof all>, { predictable: true }),
  );
  return mathjs;
}

/** Parses with mathjs, turning a syntax error into an InputError naming the expression. */
function parse(math: MathJs, name: string, text: string): MathNode {
  try {
    return math.parse(text);
  } catch (e) {
    throw new InputError({
      field: name,
      message: `cannot read the expression "${text}": ${e instanceof Error ? e.message : String(e)}`,
    });
  }
}

/** Compiles one parsed expression over known column names. */
function compileNode(
  name: string,
  text: string,
  node: MathNode,
  known: ReadonlySet<string>,
): CompiledExpression {
  const inputs = [...symbolsOf(node)].filter((s) => known.has(s));
  for (const s of symbolsOf(node)) {
    if (!known.has(s) && !(s in CONSTANTS)) {
      const hint = suggest(s, known);
      throw new InputError({
        field: name,
        message: `the expression "${text}" uses "${s}", which is not a parameter${hint ? ` (did you mean "${hint}"?)` : ""}`,
      });
    }
  }
  const index = new Map(inputs.map((s, k) => [s, k]));
  const body = transpile(node as AnyNode, (s) =>
    index.has(s) ? `c${index.get(s)}[i]` : undefined,
  );
  if (body !== undefined) {
    const source = [
      ...inputs.map((_, k) => `const c${k} = columns[${k}];`),
      `for (let i = 0; i < n; i++) out[i] = ${body};`,
    ].join("\n");
    return fromSource({ name, text, inputs, source });
  }
  const compiled = node.compile();
  const scope = new Map<string, number>();
  return {
    name,
    text,
    inputs,
    fast: false,
    evaluate(columns, out, n) {
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < inputs.length; k++) {
          scope.set(inputs[k] as string, (columns[k] as Float64Array)[i] as number);
        }
        const v: unknown = compiled.evaluate(scope);
        out[i] = typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : Number.NaN;
      }
    },
  };
}

/** A fast expression as plain data: what a worker thread needs to rebuild it. */
export interface ExpressionSource {
  readonly name: string;
  readonly text: string;
  readonly inputs: readonly string[];
  readonly source: string;
}

/**
 * Rebuilds a transpiled expression from its generated source, without loading mathjs (used by
 * worker threads, which receive the source from the thread that compiled it).
 *
 * @example
 * ```ts
 * const [compiled] = await compileDerived({ x: "a * 2" }, ["a"]);
 * const copy = fromSource({ ...compiled, source: compiled.source as string });
 * ```
 */
export function fromSource(expression: ExpressionSource): CompiledExpression {
  const make = new Function("lib", `return function (columns, out, n) {\n${expression.source}\n};`);
  const loop = make(lib) as CompiledExpression["evaluate"];
  return { ...expression, fast: true, evaluate: loop };
}

/**
 * Compiles derived parameters, checking names and ordering them so that each is computed after
 * the ones it reads. Throws {@link InputError} (with `field` = the derived name) on a syntax
 * error, an unknown name (with a "did you mean" hint) or a cycle between expressions.
 *
 * @example
 * ```ts
 * const [staff] = await compileDerived({ staff_cost: "fte * salary" }, ["fte", "salary"]);
 * staff.evaluate([fteColumn, salaryColumn], out, n);
 * ```
 */
export async function compileDerived(
  definitions: Readonly<Record<string, string>>,
  parameters: Iterable<string>,
): Promise<CompiledExpression[]> {
  const names = Object.keys(definitions);
  if (names.length === 0) return [];
  const math = await loadMath();
  const base = new Set(parameters);
  for (const name of names) {
    if (base.has(name)) {
      throw new InputError({
        field: name,
        message: `"${name}" is both a parameter and a derived expression`,
      });
    }
  }
  const known = new Set([...base, ...names]);
  const nodes = new Map(names.map((n) => [n, parse(math, n, definitions[n] as string)]));
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
    for (const s of symbolsOf(nodes.get(name) as MathNode)) {
      if (nodes.has(s)) visit(s, [...path, name]);
    }
    state.set(name, "done");
    order.push(name);
  };
  for (const name of names) visit(name, []);
  return order.map((name) =>
    compileNode(name, definitions[name] as string, nodes.get(name) as MathNode, known),
  );
}
