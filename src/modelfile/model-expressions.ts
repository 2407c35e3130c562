/**
 * Expressions of model files: the derived-expression language (src/model/expression-language.ts)
 * with three additions, `t` (the transition index 1 … n in transitions, the index of m_t in
 * state rewards), `time_in_state` (1 … k in a tunnel state's expressions) and
 * `lookup(table, x[, "column"])`. Each expression is checked and transpiled into plain data, an
 * {@link EntryCode}: a JavaScript loop body over the samples of a chunk, the columns it reads,
 * whether it depends on time. Derived values that use `t` (directly or through another derived
 * value) are inlined wherever they are used, so they are evaluated for every t where used.
 *
 * @module
 */

import type { MathNode } from "mathjs";
import {
  CONSTANTS,
  FUNCTION_NAMES,
  LanguageIssue,
  type NameScope,
  type SpecialCall,
  transpile,
} from "../model/expression-language.js";
import { ExpressionError, parseExpression, suggest } from "../model/expressions.js";
import type { TableData } from "./lookup-csv.js";

/** Names an expression may use besides inputs, derived values and tables. */
export const TIME = "t";
export const TIME_IN_STATE = "time_in_state";
/** Names that cannot be given to inputs, derived values, tables or states. */
export const RESERVED = new Set([
  TIME,
  TIME_IN_STATE,
  "lookup",
  "rest",
  ...CONSTANTS.keys(),
  ...FUNCTION_NAMES,
  // Words the parser reads as values of their own, never as a name.
  "NaN",
  "Infinity",
  "undefined",
  "null",
  "true",
  "false",
]);

/**
 * Prefix of an input that is a time-dependent derived value read as a column (see
 * {@link ExpressionCompiler.compile}'s `hoist`): "\u0000" followed by the value's name, a name
 * no parameter can have.
 */
export const HOISTED = "\u0000";

/** Which of t and time_in_state a time-dependent derived value uses (directly or not). */
export interface TimeUse {
  readonly t: boolean;
  readonly tau: boolean;
}

/** One generated loop of an expression's code over a block: (columns, out, n, t, tau). */
export type Loop = (
  columns: readonly Float64Array[],
  out: Float64Array,
  n: number,
  t: number,
  tau: number,
) => void;

/** A compiled expression as plain data. */
export interface EntryCode {
  /** The text as written. */
  readonly text: string;
  /** Columns read, in the order of `c0`, `c1`, … in `body`. */
  readonly inputs: readonly string[];
  /** A JavaScript expression of sample i over c0[i] …, t, tau and the lookups L[k]. */
  readonly body: string;
  /** Whether it uses t or time_in_state (directly or through derived values). */
  readonly timeDependent: boolean;
  /** Whether it uses nothing at all (no names, no tables): a number. */
  readonly constant: boolean;
}

/** A lookup of one table's column, as code refers to it (`L[k]`). */
export interface LookupRef {
  readonly table: string;
  readonly column: string;
}

/** What may be used where an expression is written. */
export interface ExpressionContext {
  /** `t` is defined here. */
  readonly time: boolean;
  /** `time_in_state` is defined here (a tunnel state's expressions). */
  readonly tunnel: boolean;
  /** The tunnel's length, where `time_in_state` is defined. */
  readonly tunnelLength?: number;
  /** The state whose row or reward this is (for messages); none in initial values. */
  readonly state?: string;
}

/** A problem in an expression: its message and the offset in the text (0 when unknown). */
export class ModelExpressionIssue extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/** A node with the fields read here. */
type AnyNode = MathNode & { name?: string; args?: AnyNode[]; fn?: AnyNode; value?: unknown };

/** Names a parsed expression reads (lookup's table argument excluded). */
function namesOf(root: MathNode): string[] {
  const out = new Set<string>();
  const walk = (n: AnyNode) => {
    if (n.type === "SymbolNode") out.add(n.name as string);
    else if (n.type === "FunctionNode") {
      const args = n.args ?? [];
      const lookup = n.fn?.type === "SymbolNode" && n.fn.name === "lookup";
      args.forEach((a, k) => {
        if (!(lookup && k === 0 && a.type === "SymbolNode")) walk(a);
      });
    } else {
      n.forEach((child) => {
        walk(child as AnyNode);
      });
    }
  };
  walk(root as AnyNode);
  return [...out];
}

/** Whether a parsed expression calls lookup. */
function usesLookup(root: MathNode): boolean {
  let found = false;
  root.traverse((n) => {
    const f = (n as AnyNode).fn;
    if (n.type === "FunctionNode" && f?.type === "SymbolNode" && f.name === "lookup") found = true;
  });
  return found;
}

/** An expression's text for a message, shortened when long. */
export function quote(text: string): string {
  return `"${text.length > 80 ? `${text.slice(0, 77)}…` : text}"`;
}

/**
 * Compiles the expressions of one model file: built once with the file's parameter names,
 * derived values (parsed up front, see {@link ExpressionCompiler.create}) and tables.
 *
 * @example
 * ```ts
 * const compiler = await ExpressionCompiler.create(["rr"], { rr_t: "t <= 2 ? rr : 1" }, []);
 * const code = await compiler.compile("0.2 * rr_t", { time: true, tunnel: false });
 * code.timeDependent; // true
 * ```
 */
export class ExpressionCompiler {
  /** The lookups code refers to, in the order of L[k]. */
  readonly lookups: LookupRef[] = [];
  /** Derived values that depend on time (inlined where used, or read as hoisted columns). */
  readonly timeDependent: ReadonlySet<string>;
  /** For each time-dependent derived value, whether it uses t, time_in_state or both. */
  readonly timeUse: ReadonlyMap<string, TimeUse>;
  /** Derived values in an order where each comes after those it reads. */
  readonly order: readonly string[];
  private readonly parameters: ReadonlySet<string>;
  private readonly tables: ReadonlyMap<string, TableData>;
  private readonly unreadable: ReadonlySet<string>;
  private readonly nodes: ReadonlyMap<string, MathNode>;
  private readonly texts: ReadonlyMap<string, string>;

  private constructor(
    parameters: readonly string[],
    texts: ReadonlyMap<string, string>,
    nodes: ReadonlyMap<string, MathNode>,
    tables: readonly TableData[],
    order: readonly string[],
    timeUse: ReadonlyMap<string, TimeUse>,
    unreadable: ReadonlySet<string>,
  ) {
    this.parameters = new Set(parameters);
    this.unreadable = unreadable;
    this.texts = texts;
    this.nodes = nodes;
    this.tables = new Map(tables.map((t) => [t.name, t]));
    this.order = order;
    this.timeUse = timeUse;
    this.timeDependent = new Set(timeUse.keys());
  }

  /**
   * Parses the derived values and orders them. `report(name, issue)` receives each derived value
   * that cannot be read and each cycle between derived values (at the first of the cycle); such
   * values are left out. `unreadable` names tables declared but not read (their problem is
   * reported where they are declared): a lookup on one compiles to 0 instead of being a second,
   * misleading problem at every expression that uses it.
   */
  static async create(
    parameters: readonly string[],
    derived: Readonly<Record<string, string>>,
    tables: readonly TableData[],
    report: (name: string, issue: ModelExpressionIssue) => void = () => {},
    unreadable: ReadonlySet<string> = new Set(),
  ): Promise<ExpressionCompiler> {
    const nodes = new Map<string, MathNode>();
    const texts = new Map<string, string>();
    for (const [name, text] of Object.entries(derived)) {
      try {
        nodes.set(name, await parseExpression(name, text));
        texts.set(name, text);
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        report(name, new ModelExpressionIssue(e.issue.message, e.offset));
      }
    }
    const reads = new Map([...nodes].map(([n, node]) => [n, namesOf(node)]));
    const order: string[] = [];
    const state = new Map<string, "visiting" | "done" | "bad">();
    const visit = (name: string, path: string[]): boolean => {
      const s = state.get(name);
      if (s === "done") return true;
      if (s === "bad") return false;
      if (s === "visiting") {
        const cycle = [...path.slice(path.indexOf(name)), name];
        report(
          name,
          new ModelExpressionIssue(
            `derived values depend on each other in a cycle: ${cycle.join(" -> ")}`,
            0,
          ),
        );
        for (const c of cycle) state.set(c, "bad");
        return false;
      }
      state.set(name, "visiting");
      let ok = true;
      for (const s2 of reads.get(name) ?? []) {
        if (reads.has(s2) && !visit(s2, [...path, name])) ok = false;
      }
      if (state.get(name) === "bad" || !ok) {
        state.set(name, "bad");
        return false;
      }
      state.set(name, "done");
      order.push(name);
      return true;
    };
    for (const name of reads.keys()) visit(name, []);
    for (const [name, s] of state) {
      if (s === "bad") {
        nodes.delete(name);
        texts.delete(name);
      }
    }
    const timeUse = new Map<string, TimeUse>();
    for (const name of order) {
      const r = reads.get(name) ?? [];
      const t = r.some((s) => s === TIME || timeUse.get(s)?.t === true);
      const tau = r.some((s) => s === TIME_IN_STATE || timeUse.get(s)?.tau === true);
      if (t || tau) timeUse.set(name, { t, tau });
    }
    return new ExpressionCompiler(parameters, texts, nodes, tables, order, timeUse, unreadable);
  }

  /** Whether `name` is a derived value that was read without problems. */
  hasDerived(name: string): boolean {
    return this.nodes.has(name);
  }

  /**
   * The derived value `name` compiled on its own (its text as written), for per-chunk columns,
   * or with `hoist` for a time-dependent one's column per cycle or time in state.
   */
  derived(name: string, context: ExpressionContext, hoist = false): EntryCode {
    const node = this.nodes.get(name);
    const text = this.texts.get(name);
    if (node === undefined || text === undefined) {
      throw new RangeError(`ExpressionCompiler: no derived value "${name}"`);
    }
    return this.fromNode(node, text, context, hoist);
  }

  /**
   * Compiles one expression written in the file (a number or a formula). Throws a
   * {@link ModelExpressionIssue} at the offending token. A time-dependent derived value it uses
   * is written out in its code, or with `hoist` read as an input column named {@link HOISTED}
   * + its name, which the caller computes once per cycle (or time in state) and shares: the same
   * operations on the same numbers, so the same bits.
   */
  async compile(
    text: string | number,
    context: ExpressionContext,
    hoist = false,
  ): Promise<EntryCode> {
    if (typeof text === "number") {
      return {
        text: String(text),
        inputs: [],
        body: `(${text})`,
        timeDependent: false,
        constant: true,
      };
    }
    let node: MathNode;
    try {
      node = await parseExpression("expression", text);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      throw new ModelExpressionIssue(e.issue.message, e.offset);
    }
    return this.fromNode(node, text, context, hoist);
  }

  private fromNode(
    node: MathNode,
    text: string,
    context: ExpressionContext,
    hoist: boolean,
  ): EntryCode {
    const inputs: string[] = [];
    const index = new Map<string, string>();
    let timeDependent = false;
    const known = [...this.parameters, ...this.nodes.keys(), ...(context.time ? [TIME] : [])];
    const scope: NameScope = {
      has: (s) => this.parameters.has(s) || this.nodes.has(s),
      suggestName: (s) => suggest(s, [...known, ...CONSTANTS.keys()]),
      suggestFunction: (s) => suggest(s, [...FUNCTION_NAMES, "lookup"]),
      names: () => known,
    };
    // A name the context does not define is refused before transpiling, with a reason.
    const check = (root: MathNode, at: string) => {
      for (const s of namesOf(root)) {
        if (s === TIME && !context.time) {
          throw new ModelExpressionIssue(
            `uses t, which is not defined here${at}: t is the cycle in transitions and state rewards`,
            offsetOf(text, s),
          );
        }
        if (s === TIME_IN_STATE && !context.tunnel) {
          const state = context.state;
          const fix =
            state === undefined
              ? "not in initial shares or rewards"
              : `here the state is ${state}, which is not a tunnel: declare tunnels: { ${state}: length } to follow its time in state`;
          throw new ModelExpressionIssue(
            `uses time_in_state, which is defined only in a tunnel state's expressions${at} (${fix})`,
            offsetOf(text, s),
          );
        }
      }
    };
    check(node, "");
    const column = (name: string): string | undefined => {
      if (name === TIME) {
        timeDependent = true;
        return "t";
      }
      if (name === TIME_IN_STATE) {
        timeDependent = true;
        return "tau";
      }
      if (this.timeDependent.has(name)) {
        timeDependent = true;
        const inner = this.nodes.get(name) as MathNode;
        check(inner, ` (through the derived value ${name})`);
        if (hoist) return input(`${HOISTED}${name}`);
        return `(${transpile(inner, this.texts.get(name) as string, scope, column, special)})`;
      }
      if (this.parameters.has(name) || this.nodes.has(name)) return input(name);
      return undefined;
    };
    /** The code that reads column `name`, added to the inputs on first use. */
    const input = (name: string): string => {
      let code = index.get(name);
      if (code === undefined) {
        code = `c${inputs.length}[i]`;
        inputs.push(name);
        index.set(name, code);
      }
      return code;
    };
    const special: SpecialCall = (name, args, visit, offset) => {
      if (name !== "lookup") return undefined;
      if (args.length < 2 || args.length > 3) {
        throw new LanguageIssue(
          `calls lookup with ${args.length} argument${args.length === 1 ? "" : "s"}; it takes lookup(table, x) or lookup(table, x, "column")`,
          offset,
        );
      }
      const first = args[0] as AnyNode;
      const tableName = first.type === "SymbolNode" ? (first.name as string) : undefined;
      if (tableName !== undefined && this.unreadable.has(tableName)) return "0";
      const table = tableName === undefined ? undefined : this.tables.get(tableName);
      if (table === undefined) {
        const names = [...this.tables.keys()];
        const hint = tableName === undefined ? undefined : suggest(tableName, names);
        throw new LanguageIssue(
          `calls lookup on ${tableName === undefined ? "something that is not a table name" : `"${tableName}", which is not a table`}${hint === undefined ? "" : ` (did you mean "${hint}"?)`}; ${names.length === 0 ? "the model file has no tables (a tables: section names them)" : `the tables are ${names.join(", ")}`}`,
          offset,
        );
      }
      const columns = Object.keys(table.columns);
      let columnName: string;
      if (args.length === 3) {
        const c = args[2] as AnyNode;
        if (c.type !== "ConstantNode" || typeof c.value !== "string") {
          throw new LanguageIssue(
            `calls lookup with a third argument that is not a column name in quotes, e.g. lookup(${table.name}, x, "${columns[0]}")`,
            offset,
          );
        }
        columnName = c.value;
        if (!columns.includes(columnName)) {
          const hint = suggest(columnName, columns);
          throw new LanguageIssue(
            `calls lookup on the column "${columnName}", which table ${table.name} does not have${hint === undefined ? "" : ` (did you mean "${hint}"?)`}; its value columns are ${columns.join(", ")}`,
            offset,
          );
        }
      } else {
        if (columns.length !== 1) {
          throw new LanguageIssue(
            `calls lookup(${table.name}, x) on a table with several value columns (${columns.join(", ")}); name one: lookup(${table.name}, x, "${columns[0]}")`,
            offset,
          );
        }
        columnName = columns[0] as string;
      }
      let k = this.lookups.findIndex((l) => l.table === table.name && l.column === columnName);
      if (k < 0) {
        k = this.lookups.length;
        this.lookups.push({ table: table.name, column: columnName });
      }
      return `L[${k}](${visit(args[1] as MathNode)})`;
    };
    let body: string;
    try {
      body = transpile(node, text, scope, column, special);
    } catch (e) {
      if (e instanceof LanguageIssue) throw new ModelExpressionIssue(e.message, e.offset);
      throw e;
    }
    const constant = inputs.length === 0 && !timeDependent && !usesLookup(node);
    return { text, inputs, body, timeDependent, constant };
  }
}

/** Offset of the first whole-word occurrence of `name` in `text` (0 if none). */
function offsetOf(text: string, name: string): number {
  const m = new RegExp(`(^|[^A-Za-z0-9_])${name}(?![A-Za-z0-9_])`).exec(text);
  return m === null ? 0 : m.index + (m[1] as string).length;
}
