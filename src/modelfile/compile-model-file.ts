/**
 * Compiling a model file (`format: ceakit-model/1`) into a {@link ModelProgram}: the schema
 * checked, names resolved (states, inputs, derived values, tables, with "did you mean"), tables
 * read, every expression checked and transpiled. Every problem found is reported with its file,
 * line, column and field, all together (an {@link InputError} for one, a {@link ScenarioError}
 * for several). Browser-safe: files are read through the caller's `readTable`.
 *
 * @module
 */

import { MAX_REPORTED_ISSUES, moreProblems } from "../analysis/limits.js";
import {
  conventionProblem,
  DISCOUNT_AT,
  discountTiming,
  PER_CYCLE_TRANSITIONS,
} from "../cohort/reward-timing.js";
import { valueText } from "../core/value-text.js";
import { createDistribution } from "../distributions/create.js";
import type { DistributionSpec } from "../distributions/spec.js";
import { FileReadError, InputError, type InputIssue, ScenarioError } from "../errors.js";
import type { ParameterSpec } from "../model/define-model.js";
import { runtime } from "../model/expression-runtime.js";
import { suggest } from "../model/expressions.js";
import { DEFAULT_CURRENCY, type InputRow } from "../model/model-factory.js";
import { splitProvenance } from "../model/provenance.js";
import { locateIssue, locateIssueInText, type YamlSource } from "../scenario/yaml-source.js";
import {
  describeValue,
  explainIssue,
  keysFor,
  seedFormMessage,
  tightestBounds,
  wtpFormMessage,
} from "../scenario/zod-issues.js";
import { hoistedPrograms, isHoisted } from "./hoisted-columns.js";
import { parseLookupCsv, type TableData } from "./lookup-csv.js";
import {
  type ExpressionCompiler as Compiler,
  type EntryCode,
  ExpressionCompiler,
  type ExpressionContext,
  ModelExpressionIssue,
  quote,
  RESERVED,
} from "./model-expressions.js";
import { scanProbabilities } from "./probability-scan.js";
import {
  type DerivedProgram,
  type EntryProgram,
  type FormulaStrategyProgram,
  type MarkovStrategyProgram,
  type ModelProgram,
  ROW_SUM_TOLERANCE,
  type ValueRef,
} from "./program.js";
import {
  type FormulaFile,
  formulaFileSchema,
  type MarkovFile,
  markovFileSchema,
  type RateInput,
} from "./schema.js";

/** Reads a table's CSV text by path (relative paths already resolved); rejects if it cannot. */
export type ReadTable = (path: string) => Promise<string>;

/** Resolves `relative` against the directory of `from` (POSIX-style paths). */
export function resolveRelative(from: string, relative: string): string {
  if (relative.startsWith("/")) return relative;
  const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/") + 1) : "";
  const out: string[] = [];
  for (const part of (dir + relative).split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out.at(-1) !== "..") out.pop();
    else out.push(part);
  }
  return (from.startsWith("/") ? "/" : "") + out.join("/");
}

/** The short name of a model file: its base name without `.model.yaml`, `.yaml` or `.yml`. */
export function modelFileName(file: string): string {
  const base = file.slice(file.lastIndexOf("/") + 1);
  return base.replace(/(\.model)?\.ya?ml$/i, "") || "model";
}

/** Whether a parsed YAML value is a model file (its `format:` says so). */
export function isModelFile(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { format?: unknown }).format === "ceakit-model/1"
  );
}

/**
 * Throws the issues found (one as an InputError, several as a ScenarioError): the first
 * {@link MAX_REPORTED_ISSUES} in file order and a count of the rest, as for scenarios.
 */
function fail(issues: readonly InputIssue[]): never {
  const sorted = [...issues].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  if (sorted.length === 1) throw new InputError(sorted[0] as InputIssue);
  const shown = sorted.slice(0, MAX_REPORTED_ISSUES);
  const rest = sorted.length - shown.length;
  if (rest > 0) {
    shown.push({ file: shown[0]?.file, message: moreProblems(rest) });
  }
  throw new ScenarioError(shown);
}

/** An input as the file gives it: a number, `{ value, … }` or a distribution, normalised. */
function inputRow(
  raw: unknown,
  path: readonly PropertyKey[],
  at: (path: readonly PropertyKey[], message: string) => void,
): InputRow | undefined {
  const o =
    typeof raw === "number"
      ? { type: "fixed" as const, value: raw }
      : "type" in (raw as object)
        ? (raw as Record<string, unknown>)
        : { type: "fixed" as const, ...(raw as Record<string, unknown>) };
  const { provenance, rest: spec } = splitProvenance(o as Record<string, unknown>);
  const { label, unit, source, tag, price_year } = provenance;
  try {
    const d = createDistribution(spec as unknown as DistributionSpec);
    if (
      typeof spec.base === "number" &&
      !(spec.base >= d.support[0] && spec.base <= d.support[1])
    ) {
      at(
        [...path, "base"],
        `expected a base-case value the ${String(spec.type)} distribution can take (from ${d.support[0]} to ${d.support[1]}), got ${spec.base}`,
      );
      return undefined;
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const field = e.issue.field;
    at(field === undefined ? path : [...path, ...field.split(".").slice(-1)], e.issue.message);
    return undefined;
  }
  return {
    ...(spec as unknown as ParameterSpec),
    table: "parameters",
    ...(label === undefined ? {} : { label: label as string }),
    ...(unit === undefined ? {} : { unit: unit as string }),
    ...(source === undefined ? {} : { source: source as string }),
    ...(tag === undefined ? {} : { tag: tag as InputRow["tag"] }),
    ...(price_year === undefined ? {} : { priceYear: price_year as string }),
  } as InputRow;
}

/** A discount rate as the cohort engine takes it ("end" of a band is infinity). */
function rateOf(r: RateInput) {
  if (typeof r === "number" || typeof r === "string") return r;
  return r.map((b) => ({
    until: b.until === "end" ? Number.POSITIVE_INFINITY : b.until,
    rate: b.rate,
  }));
}

/** Stand-ins for settings with a mistake, so that the rest of the file can still be checked. */
const STAND_INS: Readonly<Record<string, unknown>> = {
  title: "model",
  rewards_on: "end",
  correction: "none",
  discount: 0,
  discount_at: "vector",
  cycles: 1,
  cycle_years: 1,
};
/**
 * Reports a counting, correction and discount timing that do not go together (at `correction`
 * or `discount_at`), and transition rewards where they cannot be earned: per cycle with rewards
 * on start or all (see `PER_CYCLE_TRANSITIONS`).
 */
function checkConventions(
  markov: MarkovFile,
  at: (path: readonly PropertyKey[], message: string, key?: boolean) => void,
): void {
  const timing = discountTiming(markov.discount_at);
  const problem = conventionProblem(markov.cycles, markov.rewards_on, markov.correction, timing);
  if (problem !== undefined) {
    at(
      [timing.costs === "vector" && timing.effects === "vector" ? "correction" : "discount_at"],
      problem,
    );
    return;
  }
  if (timing.costs === "vector" || markov.rewards_on === "end") return;
  for (const [name, s] of Object.entries(markov.strategies)) {
    for (const key of ["transition_costs", "transition_effects"] as const) {
      if (s[key] !== undefined) at(["strategies", name, key], PER_CYCLE_TRANSITIONS, true);
    }
  }
}

/**
 * Most states a Markov model file may follow once its tunnels are expanded: each takes a
 * sample-length slice of the trace, twice, in every block of samples.
 */
export const MAX_EXPANDED_STATES = 20_000;

/** Top-level keys that may simply be dropped when they have a mistake. */
const OPTIONAL = new Set([
  "description",
  "psa",
  "wtp",
  "report_wtp",
  "price_year",
  "effect",
  "cost",
]);

/**
 * The file with its mistaken settings replaced by stand-ins (an input by 0, a derived value by
 * "0", a table left out), or undefined when a mistake is elsewhere.
 */
function repair(
  value: Record<string, unknown>,
  paths: readonly (readonly PropertyKey[])[],
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = { ...value };
  for (const path of paths) {
    const top = String(path[0]);
    if (Object.hasOwn(STAND_INS, top)) out[top] = STAND_INS[top];
    else if (OPTIONAL.has(top)) delete out[top];
    else if ((top === "parameters" || top === "derived" || top === "tables") && path.length > 1) {
      const table = { ...(out[top] as Record<string, unknown>) };
      const name = String(path[1]);
      if (top === "parameters") table[name] = 0;
      else if (top === "derived") table[name] = "0";
      else delete table[name];
      out[top] = table;
    } else return undefined;
  }
  return out;
}

/** The value at `path` in a parsed YAML value, or undefined. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * What a discount setting may be, for one that is none of them (with a "did you mean"); `top`
 * for `discount:` itself, which may also be `{ costs, effects }`.
 */
function discountMessage(input: unknown, top: boolean): string {
  const named = ["green-book", "green-book-health"];
  const hint = typeof input === "string" ? suggest(input, named) : undefined;
  const forms = `a rate from 0 to 0.2, ${named.join(" or ")}, bands [{ until, rate }, …]${top ? " or { costs, effects }" : ""}`;
  return `expected ${forms}, got ${describeValue(input)}${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`;
}

/**
 * What a setting of several forms expects, in its own words, for a value that is none of them;
 * undefined where the message about what inside it is wrong says more (a discount's bands, an
 * input's distribution, a derived value).
 */
function unionMessage(path: readonly PropertyKey[], at: unknown): string | undefined {
  const top = String(path[0]);
  const scalar = typeof at !== "object" || at === null;
  if (top === "discount") return scalar ? discountMessage(at, path.length === 1) : undefined;
  if (top === "discount_at") return discountAtMessage(at, path.length === 1);
  if (top === "parameters" || top === "derived") return undefined;
  if (top === "wtp") {
    return (
      wtpFormMessage(at) ??
      `expected { from, to, by } or a list of values, got ${describeValue(at)}`
    );
  }
  if (top === "psa" && path[1] === "seed") return seedFormMessage(at);
  return `expected a number or a formula in quotes, got ${describeValue(at)}`;
}

/** The message for a `discount_at` (`top`) or one of its kinds that is none of its values. */
function discountAtMessage(input: unknown, top: boolean): string {
  const hint = typeof input === "string" ? suggest(input, DISCOUNT_AT) : undefined;
  const values = DISCOUNT_AT.map((x) => `"${x}"`).join(", ");
  return `expected one of ${values}${top ? " or { costs, effects }" : ""}, got ${describeValue(input)}${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`;
}

/** A transition reward rule, "A->B", "*->B" or "A->*". */
const RULE = /^\s*(\*|[A-Za-z_][A-Za-z0-9_]*)\s*->\s*(\*|[A-Za-z_][A-Za-z0-9_]*)\s*$/;

/**
 * Compiles a parsed model file. `readTable` reads the CSV of a table (its path resolved against
 * the model file's directory).
 *
 * @example
 * ```ts
 * const program = await compileModelFile(parseYaml("hiv.model.yaml", text), readTable);
 * program.model.kind; // "markov"
 * ```
 */
export async function compileModelFile(
  source: YamlSource,
  readTable: ReadTable,
): Promise<ModelProgram> {
  const chain = [source];
  const file = source.file;
  const issues: InputIssue[] = [];
  // One message per place: a rule such as "*->D" is checked once per flow it matches.
  const told = new Set<string>();
  const at = (path: readonly PropertyKey[], message: string, key = false) => {
    const issue = locateIssue(chain, path, message, key);
    const id = JSON.stringify([issue.line, issue.column, issue.field, issue.message]);
    if (told.has(id)) return;
    told.add(id);
    issues.push(issue);
  };
  const value = source.value as Record<string, unknown>;
  const kind = value.kind;
  if (kind !== "markov" && kind !== "formula") {
    const hint = typeof kind === "string" ? suggest(kind, ["markov", "formula"]) : undefined;
    fail([
      locateIssue(
        chain,
        ["kind"],
        kind === undefined
          ? 'required: the kind of model, "markov" or "formula"'
          : `expected "markov" or "formula", got ${JSON.stringify(kind)}${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`,
      ),
    ]);
  }
  const schema = kind === "markov" ? markovFileSchema : formulaFileSchema;
  let parsed = schema.safeParse(value, { reportInput: true });
  /** Top-level settings with a mistake (replaced by stand-ins to check the rest). */
  const mistaken = new Set<string>();
  if (!parsed.success) {
    const keysAt = keysFor(schema);
    const found = tightestBounds(parsed.error.issues).flatMap((i) =>
      explainIssue(i, keysAt).map((x) => {
        // A value that is none of a union's forms is told them all, in the setting's words.
        // (A discount's forms are told at either level: the whole or one kind's rate.)
        const own =
          i.code === "invalid_union" &&
          (x.path.length === i.path.length || /^discount/.test(String(x.path[0])));
        const message =
          (own ? unionMessage(x.path, valueAt(value, x.path)) : undefined) ?? x.message;
        return { path: x.path, issue: locateIssue(chain, x.path, message, x.key) };
      }),
    );
    issues.push(...found.map((f) => f.issue));
    // Settings with a safe stand-in are replaced so that the rest of the file is still checked
    // (every mistake is reported at once); any other problem stops here.
    for (const f of found) mistaken.add(String(f.path[0]));
    const repaired = repair(
      value,
      found.map((f) => f.path),
    );
    parsed = repaired === undefined ? parsed : schema.safeParse(repaired);
    if (!parsed.success) fail(issues);
  }
  const model = parsed.data as MarkovFile | FormulaFile;

  // Names: inputs, derived values, tables and states share one space of names.
  const owner = new Map<string, string>();
  const claim = (name: string, what: string, path: readonly PropertyKey[]) => {
    if (RESERVED.has(name)) {
      at(
        path,
        `"${name}" is a reserved word of the expression language; choose another name`,
        true,
      );
      return;
    }
    const before = owner.get(name);
    if (before !== undefined) {
      at(path, `"${name}" is already the name of ${before}; names must be different`, true);
      return;
    }
    owner.set(name, what);
  };
  const inputs: Record<string, InputRow> = {};
  for (const [name, raw] of Object.entries(model.parameters ?? {})) {
    claim(name, `an input`, ["parameters", name]);
    const row = inputRow(raw, ["parameters", name], at);
    if (row !== undefined) inputs[name] = row;
  }
  const derivedTexts: Record<string, string> = {};
  const derivedPath = (name: string) =>
    typeof model.derived?.[name] === "object" ? ["derived", name, "expression"] : ["derived", name];
  for (const [name, d] of Object.entries(model.derived ?? {})) {
    claim(name, "a derived value", ["derived", name]);
    derivedTexts[name] = typeof d === "string" ? d : d.expression;
  }

  // Tables.
  const tables: TableData[] = [];
  const tableInfo: ModelProgram["tableInfo"][number][] = [];
  const unreadable = new Set<string>();
  for (const [name, t] of Object.entries(model.tables ?? {})) {
    claim(name, "a table", ["tables", name]);
    const path = resolveRelative(file, t.file);
    let text: string;
    try {
      text = await readTable(path);
    } catch (e) {
      unreadable.add(name);
      if (e instanceof InputError && !(e instanceof FileReadError)) {
        issues.push(e.issue);
        continue;
      }
      const why = e instanceof FileReadError ? `: ${e.reason}` : "";
      at(
        ["tables", name, "file"],
        `cannot read table ${name}, "${t.file}" (looked for ${path})${why}`,
      );
      continue;
    }
    try {
      tables.push(parseLookupCsv(name, path, text, t.key));
      tableInfo.push({ name, file: t.file, source: t.source ?? "", tag: t.tag ?? "assumption" });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      unreadable.add(name);
      issues.push(e.issue);
    }
  }

  const markov = model.kind === "markov" ? model : undefined;
  const conventionKeys = ["cycles", "rewards_on", "correction", "discount_at"];
  if (markov !== undefined && !conventionKeys.some((k) => mistaken.has(k))) {
    checkConventions(markov, at);
  }
  const states = markov?.states ?? [];
  states.forEach((s, k) => {
    claim(s, "a state", ["states", k]);
  });

  // Derived values: parsed and ordered, then each checked on its own. A derived value with a
  // mistake is reported once, where it is defined, not again at each use.
  const broken = new Set<string>();
  const usesBroken = (text: string) => {
    const code = text.replace(/"[^"]*"|'[^']*'/g, '""');
    return [...broken].some((name) => new RegExp(`(^|[^\\w.])${name}($|[^\\w])`).test(code));
  };
  const compiler = await ExpressionCompiler.create(
    Object.keys(inputs).concat(
      Object.keys(model.parameters ?? {}).filter((n) => !Object.hasOwn(inputs, n)),
    ),
    derivedTexts,
    tables,
    (name, issue) => {
      broken.add(name);
      issues.push(
        locateIssueInText(
          chain,
          derivedPath(name),
          issueText(derivedTexts[name] ?? "", issue),
          issue.offset,
        ),
      );
    },
    unreadable,
  );
  const derived: DerivedProgram[] = [];
  for (const name of compiler.order) {
    if (!compiler.hasDerived(name)) continue;
    const path = derivedPath(name);
    try {
      const code = compiler.derived(name, { time: markov !== undefined, tunnel: true });
      if (!compiler.timeDependent.has(name)) {
        derived.push({ ...code, name, at: locateIssue(chain, ["derived", name], "") });
      }
    } catch (e) {
      if (!(e instanceof ModelExpressionIssue)) throw e;
      const text = derivedTexts[name] ?? "";
      if (!usesBroken(text))
        issues.push(locateIssueInText(chain, path, issueText(text, e), e.offset));
      broken.add(name);
    }
  }

  const entries: EntryProgram[] = [];
  /** Compiles one expression of the file into a value, or records its problem. */
  const entry = async (
    text: string | number,
    path: readonly PropertyKey[],
    context: ExpressionContext,
    what: string,
    probability: boolean,
  ): Promise<ValueRef | undefined> => {
    let code: EntryCode;
    try {
      code = await compiler.compile(text, context);
    } catch (e) {
      if (!(e instanceof ModelExpressionIssue)) throw e;
      if (!usesBroken(String(text))) {
        issues.push(locateIssueInText(chain, path, issueText(String(text), e), e.offset));
      }
      return undefined;
    }
    if (code.constant) {
      const x = constantValue(code);
      if (!Number.isFinite(x)) {
        at(
          path,
          `${quote(String(text))} is ${valueText(x)}${Number.isNaN(x) ? "" : ", not a finite number"}`,
        );
        return undefined;
      }
      if (probability && !(x >= 0 && x <= 1)) {
        at(path, `${what}: ${quote(String(text))} is ${x}, not a probability between 0 and 1`);
        return undefined;
      }
      return { value: x };
    }
    // Its fast path reads the time-dependent derived values it uses as shared columns.
    const fast = code.timeDependent ? await compiler.compile(text, context, true) : undefined;
    entries.push({
      ...code,
      at: locateIssue(chain, path, ""),
      what,
      probability,
      tunnelLength: context.tunnelLength ?? 1,
      ...(path[0] === "strategies" ? { strategy: String(path[1]) } : {}),
      ...(fast?.inputs.some(isHoisted) === true ? { fast } : {}),
    });
    return { entry: entries.length - 1 };
  };

  if (markov !== undefined) {
    const stateSet = new Set(states);
    const tunnels: Record<string, number> = {};
    const isState = (s: string, path: readonly PropertyKey[], key = true): boolean => {
      if (stateSet.has(s)) return true;
      const hint = suggest(s, states);
      at(
        path,
        `unknown state "${s}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}; the states are ${states.join(", ")}`,
        key,
      );
      return false;
    };
    for (const [s, k] of Object.entries(markov.tunnels ?? {})) {
      if (isState(s, ["tunnels", s])) tunnels[s] = k;
    }
    const expanded = states.reduce(
      (n, s) => n + (Object.hasOwn(tunnels, s) ? (tunnels[s] as number) : 1),
      0,
    );
    if (expanded > MAX_EXPANDED_STATES) {
      at(
        ["tunnels"],
        `the states and their tunnels' times in state make ${expanded} states to follow, more than the ${MAX_EXPANDED_STATES.toLocaleString("en-GB")} a model may have; shorten the tunnels (a tunnel's last time in state keeps those who stay longer)`,
        true,
      );
    }
    const initial: Record<string, ValueRef | "rest"> = {};
    let initialRests = 0;
    let initialSum = 0;
    let initialKnown = true;
    for (const [s, v] of Object.entries(markov.initial)) {
      if (!isState(s, ["initial", s])) continue;
      if (v === "rest") {
        initialRests++;
        initial[s] = "rest";
        continue;
      }
      const ref = await entry(
        v,
        ["initial", s],
        { time: false, tunnel: false },
        `initial share of ${s}`,
        true,
      );
      // A share with a mistake of its own leaves the sum unknown (its problem is reported).
      if (ref === undefined) {
        initialKnown = false;
        continue;
      }
      initial[s] = ref;
      if ("value" in ref) initialSum += ref.value;
      else initialKnown = false;
    }
    if (initialRests > 1) at(["initial"], "at most one initial share may be rest");
    if (initialKnown && initialRests === 0 && Math.abs(initialSum - 1) > ROW_SUM_TOLERANCE) {
      at(["initial"], `the initial shares sum to ${initialSum}, not 1 (give one as rest)`);
    }
    const strategies: MarkovStrategyProgram[] = [];
    for (const [name, s] of Object.entries(markov.strategies)) {
      const base: readonly PropertyKey[] = ["strategies", name];
      const ctxOf = (state: string): ExpressionContext => ({
        time: true,
        tunnel: Object.hasOwn(tunnels, state),
        state,
      });
      const transitions: Record<string, Record<string, ValueRef | "rest">> = {};
      const rowAt: Record<string, InputIssue> = {};
      const missing = states.filter((st) => !Object.hasOwn(s.transitions, st));
      if (missing.length > 0) {
        at(
          [...base, "transitions"],
          `no row for ${missing.map((m) => `"${m}"`).join(", ")} (an absorbing state is { ${missing[0]}: 1 })`,
        );
      }
      for (const [from, row] of Object.entries(s.transitions)) {
        const rowPath = [...base, "transitions", from];
        if (!isState(from, rowPath)) continue;
        rowAt[from] = locateIssue(chain, rowPath, "");
        const out: Record<string, ValueRef | "rest"> = {};
        let rests = 0;
        let sum = 0;
        let allKnown = true;
        for (const [to, v] of Object.entries(row)) {
          const path = [...rowPath, to];
          if (!isState(to, path)) continue;
          if (v === "rest") {
            rests++;
            out[to] = "rest";
            continue;
          }
          const ref = await entry(
            v,
            path,
            ctxOf(from),
            `strategy "${name}", ${from} → ${to}`,
            true,
          );
          if (ref === undefined) {
            allKnown = false;
            continue;
          }
          out[to] = ref;
          if ("value" in ref) sum += ref.value;
          else allKnown = false;
        }
        if (rests > 1) at(rowPath, `at most one entry of a row may be rest, got ${rests}`);
        if (allKnown && rests === 0 && Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
          at(
            rowPath,
            `strategy "${name}": the probabilities of row ${from} sum to ${sum}, not 1 (within ${ROW_SUM_TOLERANCE}); give one entry as rest, the rest of the row`,
          );
        }
        if (allKnown && rests === 1 && sum > 1 + ROW_SUM_TOLERANCE) {
          at(
            rowPath,
            `strategy "${name}": the probabilities of row ${from} sum to ${sum}, above 1, so the rest of the row would be negative`,
          );
        }
        transitions[from] = out;
      }
      const stateRewards = async (
        table: Record<string, string | number> | undefined,
        key: string,
      ) => {
        const out: Record<string, ValueRef> = {};
        for (const [st, v] of Object.entries(table ?? {})) {
          const path = [...base, key, st];
          if (!isState(st, path)) continue;
          const ref = await entry(v, path, ctxOf(st), `strategy "${name}", ${key}.${st}`, false);
          if (ref !== undefined) out[st] = ref;
        }
        return out;
      };
      const transitionRewards = async (
        table: Record<string, string | number> | undefined,
        key: string,
      ) => {
        const rules: { from: string; to: string; text: string | number; path: PropertyKey[] }[] =
          [];
        for (const [rule, v] of Object.entries(table ?? {})) {
          const path = [...base, key, rule];
          const m = RULE.exec(rule);
          if (m === null || (m[1] === "*" && m[2] === "*")) {
            at(
              path,
              `expected a transition such as "A->B", "*->D" (any other state to D) or "A->*" (A to any other state), got "${rule}"`,
              true,
            );
            continue;
          }
          const [, from, to] = m as unknown as [string, string, string];
          if ((from !== "*" && !isState(from, path)) || (to !== "*" && !isState(to, path)))
            continue;
          rules.push({ from, to, text: v, path });
        }
        const out: Record<string, Record<string, ValueRef>> = {};
        for (const [from, row] of Object.entries(transitions)) {
          for (const to of Object.keys(row)) {
            const matching = rules.filter(
              (r) =>
                (r.from === from && r.to === to) ||
                (r.from === "*" && r.to === to && from !== to) ||
                (r.from === from && r.to === "*" && from !== to),
            );
            if (matching.length === 0) continue;
            const first = matching[0] as (typeof matching)[number];
            const text =
              matching.length === 1
                ? first.text
                : matching
                    .map((r) => `(${typeof r.text === "number" ? r.text : r.text})`)
                    .join(" + ");
            const ref = await entry(
              text,
              first.path,
              ctxOf(from),
              `strategy "${name}", ${key} on ${from} → ${to}`,
              false,
            );
            if (ref === undefined) continue;
            out[from] ??= {};
            (out[from] as Record<string, ValueRef>)[to] = ref;
          }
        }
        return out;
      };
      const once = async (v: string | number | undefined, key: string) =>
        v === undefined
          ? undefined
          : await entry(
              v,
              [...base, key],
              { time: true, tunnel: false },
              `strategy "${name}", ${key}`,
              false,
            );
      const initialCost = await once(s.initial_costs, "initial_costs");
      const initialEffect = await once(s.initial_effects, "initial_effects");
      strategies.push({
        name,
        label: s.label ?? name,
        transitions,
        rowAt,
        stateCosts: await stateRewards(s.state_costs, "state_costs"),
        stateEffects: await stateRewards(s.state_effects, "state_effects"),
        transitionCosts: await transitionRewards(s.transition_costs, "transition_costs"),
        transitionEffects: await transitionRewards(s.transition_effects, "transition_effects"),
        ...(initialCost === undefined ? {} : { initialCost }),
        ...(initialEffect === undefined ? {} : { initialEffect }),
      });
    }
    issues.push(
      ...(await scanProbabilities({
        inputs,
        derived,
        entries,
        tables,
        lookups: compiler.lookups,
        psa: {
          ...(model.psa?.samples === undefined ? {} : { samples: model.psa.samples }),
          ...(model.psa?.seed === undefined ? {} : { seed: model.psa.seed }),
        },
        cycles: markov.cycles,
        rows: strategies.flatMap((st) =>
          Object.entries(st.transitions).map(([from, refs]) => {
            const { message: _, ...at } = st.rowAt[from] as InputIssue;
            return { at, what: `strategy "${st.name}": row ${from}`, refs: Object.values(refs) };
          }),
        ),
      })),
    );
    if (issues.length > 0) fail(issues);
    boundProbabilityInputs(inputs, entries);
    const d = markov.discount;
    const both = typeof d === "object" && !Array.isArray(d) ? d : { costs: d, effects: d };
    return {
      ...header(model, file, inputs, derived, entries, tables, tableInfo, compiler),
      model: {
        kind: "markov",
        states,
        tunnels,
        initial,
        cycles: markov.cycles,
        cycleYears: markov.cycle_years,
        rewardsOn: markov.rewards_on,
        correction: markov.correction,
        discountAt: discountTiming(markov.discount_at),
        discount: { costs: rateOf(both.costs), effects: rateOf(both.effects) },
        strategies,
      },
    };
  }

  const formula = model as FormulaFile;
  const strategies: FormulaStrategyProgram[] = [];
  const outcomeNames = [
    ...new Set(Object.values(formula.strategies).flatMap((s) => Object.keys(s.outcomes ?? {}))),
  ];
  const plain: ExpressionContext = { time: false, tunnel: false };
  for (const [name, s] of Object.entries(formula.strategies)) {
    const base = ["strategies", name];
    const cost = await entry(s.cost, [...base, "cost"], plain, `strategy "${name}", cost`, false);
    const effect = await entry(
      s.effect,
      [...base, "effect"],
      plain,
      `strategy "${name}", effect`,
      false,
    );
    const outcomes: Record<string, ValueRef> = {};
    for (const o of outcomeNames) {
      const text = s.outcomes?.[o];
      if (text === undefined) {
        at(
          [...base, ...(s.outcomes === undefined ? [] : ["outcomes"])],
          `no outcome "${o}", which other strategies have (every strategy needs the same outcomes)`,
        );
        continue;
      }
      const ref = await entry(
        text,
        [...base, "outcomes", o],
        plain,
        `strategy "${name}", outcome ${o}`,
        false,
      );
      if (ref !== undefined) outcomes[o] = ref;
    }
    if (cost !== undefined && effect !== undefined) {
      strategies.push({ name, label: s.label ?? name, cost, effect, outcomes });
    }
  }
  if (issues.length > 0) fail(issues);
  const d = formula.discount ?? 0;
  return {
    ...header(model, file, inputs, derived, entries, tables, tableInfo, compiler),
    model: {
      kind: "formula",
      outcomes: outcomeNames,
      discount: typeof d === "number" ? { costs: d, effects: d } : d,
      horizonYears: formula.horizon_years ?? 1,
      strategies,
    },
  };
}

/**
 * Gives the bounds [0, 1] to every input that some probability entry is, as it stands (`S: p`):
 * a scenario's value, DSA range or threshold range for it outside [0, 1] is then refused where
 * it is written, not reported later as an impossible probability in the model.
 */
function boundProbabilityInputs(
  inputs: Record<string, InputRow>,
  entries: readonly EntryProgram[],
) {
  for (const e of entries) {
    const name = e.inputs[0];
    if (!e.probability || e.inputs.length !== 1 || !/^\(*c0\[i\]\)*$/.test(e.body)) continue;
    const row = name === undefined || !Object.hasOwn(inputs, name) ? undefined : inputs[name];
    if (row !== undefined && row.bounds === undefined)
      inputs[name as string] = { ...row, bounds: [0, 1] };
  }
}

/** The parts of a program both kinds share. */
function header(
  model: MarkovFile | FormulaFile,
  file: string,
  inputs: Record<string, InputRow>,
  derived: DerivedProgram[],
  entries: EntryProgram[],
  tables: TableData[],
  tableInfo: ModelProgram["tableInfo"],
  compiler: Compiler,
): Omit<ModelProgram, "model"> {
  const key = model.effect?.key ?? "effect";
  return {
    name: modelFileName(file),
    file,
    title: model.title,
    description: model.description ?? "",
    effect: {
      key,
      label: model.effect?.label ?? key,
      unit: model.effect?.unit ?? "",
      per: model.effect?.per ?? model.effect?.unit ?? model.effect?.label ?? key,
    },
    costUnit: model.cost?.unit?.trim() ?? DEFAULT_CURRENCY,
    inputs,
    derived,
    entries,
    hoisted: hoistedPrograms(compiler, entries),
    tables,
    tableInfo,
    lookups: [...compiler.lookups],
    psa: {
      ...(model.psa?.samples === undefined ? {} : { samples: model.psa.samples }),
      ...(model.psa?.seed === undefined ? {} : { seed: model.psa.seed }),
    },
    ...(model.wtp === undefined ? {} : { wtp: model.wtp }),
    ...(model.report_wtp === undefined ? {} : { reportWtp: model.report_wtp }),
    ...(model.price_year === undefined ? {} : { priceYear: model.price_year }),
  };
}

/** The message of an expression problem: "the expression "…" uses …". */
function issueText(text: string, issue: ModelExpressionIssue): string {
  return issue.message.startsWith("the expression ") || issue.message.startsWith("derived values ")
    ? issue.message
    : `the expression ${quote(text)} ${issue.message}`;
}

/** The value of a constant expression (no columns, no time, no tables), evaluated once. */
function constantValue(code: EntryCode): number {
  const out = new Float64Array(1);
  const make = new Function("lib", `return function (out) { out[0] = ${code.body}; };`);
  make(runtime)(out);
  return out[0] as number;
}
