/**
 * Loading a scenario: read the file and the chain of files it `extends`, merge them, check the
 * result against the model's schema and the model's own rules, and build the model
 * configuration. Every problem is reported with its file, line, column and field; all problems
 * found are reported together as one {@link ScenarioError}.
 *
 * File access is injected (a {@link ScenarioHost}), so this runs in the browser too.
 *
 * @module
 */

import { MAX_REPORTED_ISSUES, MAX_STRATEGIES } from "../analysis/limits.js";
import { createDistribution } from "../distributions/create.js";
import { createDirichlet } from "../distributions/dirichlet.js";
import { scaleSpec } from "../distributions/scale.js";
import type { DirichletSpec, DistributionSpec } from "../distributions/spec.js";
import {
  CeaError,
  FileReadError,
  InputError,
  type InputIssue,
  ModelError,
  ScenarioError,
} from "../errors.js";
import type { CorrelationSpec, ParameterSpec } from "../model/define-model.js";
import {
  type CompiledExpression,
  compileDerived,
  type DerivedSpec,
  ExpressionError,
  suggest,
} from "../model/expressions.js";
import type {
  InputRow,
  ModelConfig,
  ModelFactory,
  StrategyConfig,
} from "../model/model-factory.js";
import { pointValue } from "../model/point-value.js";
import { upratingFactor } from "../model/uprating.js";
import { runBaseCase } from "../psa/base-case.js";
import { choleskyOfCorrelation } from "../psa/correlation.js";
import { computeDerived } from "../psa/derived-values.js";
import { mergeScenarios } from "./merge.js";
import { type MemoryBudget, psaFitProblem, scenarioPsaShape } from "./psa-shape.js";
import { NUMBER_LIMIT, type ScenarioInput, scenarioSchema } from "./schema.js";
import { locateIssue, locateIssueInText, parseYaml, type YamlSource } from "./yaml-source.js";
import { explainIssue, keysFor } from "./zod-issues.js";

/** What loading needs from its surroundings. */
export interface ScenarioHost {
  /** Reads a file's text; rejects if it cannot. */
  readFile(path: string): Promise<string>;
  /** The model factory of a name; rejects if there is none. */
  loadModel(name: string): Promise<ModelFactory>;
  /** Names of the available models (for "did you mean"). */
  readonly models: readonly string[];
  /** Memory a PSA may use here: a scenario whose `psa.samples` needs more is refused. */
  readonly memory?: MemoryBudget;
  /**
   * The factory of a model file (`format: ceakit-model/1`), already parsed, at `file`; absent
   * where model files cannot be opened. See src/modelfile/host.ts.
   */
  loadModelFile?(file: string, source: YamlSource): Promise<ModelFactory>;
  /** The factory of an ES module's model (`model: ./my-model.js`); absent where modules cannot be imported. */
  importModel?(file: string): Promise<ModelFactory>;
  /** Reads a CSV table's text (a model file's `tables:`); by default through {@link readFile}. */
  readTable?(path: string): Promise<string>;
}

/** The `format:` of model files. */
const MODEL_FILE_FORMAT = "ceakit-model/1";

/** Whether `model:` names a file (a model file or an ES module) rather than a shipped model. */
function isModelPath(name: string): boolean {
  return /\.(ya?ml|m?js)$/i.test(name) || name.startsWith(".") || name.startsWith("/");
}

/**
 * A scenario host over files held in memory (path → text) and the given model factories: for
 * the browser, where there is no file system, and for tests.
 *
 * @example
 * ```ts
 * const host = memoryScenarioHost({ "mine.yaml": text }, { swis });
 * await loadScenario("mine.yaml", host);
 * ```
 */
export function memoryScenarioHost(
  files: Readonly<Record<string, string>>,
  factories: Readonly<Record<string, ModelFactory>>,
  memory?: MemoryBudget,
): ScenarioHost {
  return {
    ...(memory === undefined ? {} : { memory }),
    readFile: async (path) => {
      if (!Object.hasOwn(files, path)) throw new FileReadError(path, "no such file");
      return files[path] as string;
    },
    loadModel: async (name) => {
      if (!Object.hasOwn(factories, name)) throw new TypeError(`no model ${name}`);
      return factories[name] as ModelFactory;
    },
    models: Object.keys(factories),
  };
}

/** One input as the scenario uses it, for reports. */
export interface ResolvedInput {
  readonly name: string;
  /** The spec sampled, in the scenario's price year. */
  readonly spec: ParameterSpec;
  readonly table: string;
  readonly label: string;
  readonly unit: string;
  readonly source: string;
  readonly tag: string;
  /** Price year the value was given in, and the uprating factor applied (1 if none). */
  readonly priceYear?: string;
  readonly factor: number;
  /** The scenario file that set it, or undefined for the model's default. */
  readonly setIn?: string;
  /** The strategy it applies to, for a per-strategy override. */
  readonly strategy?: string;
  /** The formula that computes it, when a derived value replaces the input. */
  readonly expression?: string;
  /**
   * The model's own tag for the input, when a scenario overrides it: a scenario's
   * `national-default` rests on this evidence (an assumption stays an assumption).
   */
  readonly modelTag?: string;
}

/** A loaded, checked scenario. */
export interface LoadedScenario {
  readonly file: string;
  /** The files read, the scenario itself first. */
  readonly files: readonly string[];
  readonly scenario: ScenarioInput;
  readonly factory: ModelFactory;
  readonly config: ModelConfig;
  readonly inputs: readonly ResolvedInput[];
  readonly samples: number;
  readonly seed: string | number;
  readonly wtp: readonly number[];
  readonly reportWtp: readonly number[];
  readonly priceIndex: string;
}

/** Resolves `relative` against the directory of `from` (POSIX-style paths). */
export function resolvePath(from: string, relative: string): string {
  if (relative.startsWith("/")) return normalise(relative);
  const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/") + 1) : "";
  return normalise(dir + relative);
}

function normalise(path: string): string {
  const absolute = path.startsWith("/");
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out.at(-1) !== "..") out.pop();
    else out.push(part);
  }
  return (absolute ? "/" : "") + out.join("/");
}

/** Reads and parses `file` and every file it extends, most derived first. */
async function readChain(file: string, host: ScenarioHost): Promise<YamlSource[]> {
  const chain: YamlSource[] = [];
  let current = file;
  let text: string;
  try {
    text = await host.readFile(file);
  } catch (e) {
    // The host's own refusal (not a regular file, too large, not UTF-8) says why.
    if (e instanceof InputError) throw e;
    throw new InputError({ file, message: "cannot read the file (does it exist?)" });
  }
  for (;;) {
    const source = parseYaml(current, text);
    if (typeof source.value !== "object" || source.value === null || Array.isArray(source.value)) {
      throw new InputError({
        file: current,
        ...(source.locate([]) ?? { line: 1, column: 1 }),
        message: "a scenario must be a mapping of keys (model:, title:, …)",
      });
    }
    chain.push(source);
    const parent = (source.value as { extends?: unknown }).extends;
    if (parent === undefined) return chain;
    const at = source.locate(["extends"]);
    const where = { file: current, ...at, field: "extends" };
    if (typeof parent !== "string") {
      throw new InputError({ ...where, message: "expected the path of a scenario file" });
    }
    const next = resolvePath(current, parent);
    if (chain.some((s) => s.file === next)) {
      const cycle = [...chain.map((s) => s.file), next].join(" → ");
      throw new InputError({ ...where, message: `extends makes a cycle: ${cycle}` });
    }
    try {
      text = await host.readFile(next);
    } catch (e) {
      // Bad text inside the file is located in that file; a file that cannot be read at all is
      // located at the `extends:` that names it.
      if (e instanceof InputError && !(e instanceof FileReadError)) throw e;
      const why = e instanceof FileReadError ? `: ${e.reason}` : "";
      throw new InputError({
        ...where,
        message: `cannot read "${parent}" (looked for ${next})${why}`,
      });
    }
    current = next;
  }
}

/**
 * Computes derived values at every input's point value, through the same checks as every PSA
 * sample: a value that is not finite (a square root of a negative, a division by zero) or that
 * leaves the domain of the input it replaces is a mistake in the scenario.
 */
function checkDerivedAtBase(
  compiled: readonly CompiledExpression[],
  specs: Readonly<Record<string, ParameterSpec>>,
): void {
  const values: [string, Float64Array][] = [];
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.type === "dirichlet") {
      const d = createDirichlet(spec);
      d.names.forEach((n, i) => {
        values.push([n, Float64Array.of(d.mean[i] as number)]);
      });
    } else {
      values.push([name, Float64Array.of(pointValue(spec, createDistribution(spec)))]);
    }
  }
  for (const e of compiled) values.push([e.name, new Float64Array(1)]);
  computeDerived(compiled, Object.fromEntries(values), 1, () => "at the base case");
}

/**
 * The derived values as the model takes them: each formula with, for one that replaces a model
 * input, that input's bounds (within the scenario number limit), and where it was written.
 */
function derivedSpecs(
  entries: NonNullable<ScenarioInput["derived"]>,
  factory: ModelFactory,
  chain: readonly YamlSource[],
): Record<string, DerivedSpec> {
  return Object.fromEntries(
    Object.entries(entries).map(([name, def]): [string, DerivedSpec] => {
      const expression = typeof def === "string" ? def : def.expression;
      const row = Object.hasOwn(factory.inputs, name) ? factory.inputs[name] : undefined;
      const [lo, hi] = row?.bounds ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
      const { message: _, ...at } = locateIssue(chain, ["derived", name], "");
      return [
        name,
        {
          expression,
          ...(row === undefined
            ? {}
            : { bounds: [Math.max(lo, -NUMBER_LIMIT), Math.min(hi, NUMBER_LIMIT)] as const }),
          at,
        },
      ];
    }),
  );
}

/**
 * A derived name must replace a (single) model input or be read by another derived value;
 * anything else is most likely a misspelt input, which would otherwise be silently ignored.
 */
function checkDerivedNames(
  compiled: readonly CompiledExpression[],
  factory: ModelFactory,
  at: (path: readonly PropertyKey[], message: string, key?: boolean) => void,
): void {
  const read = new Set(compiled.flatMap((e) => e.inputs));
  const single = Object.keys(factory.inputs).filter(
    (n) => (factory.inputs[n] as InputRow).type !== "dirichlet",
  );
  for (const { name } of compiled) {
    const row = Object.hasOwn(factory.inputs, name) ? factory.inputs[name] : undefined;
    if (row?.type === "dirichlet") {
      at(
        ["derived", name],
        `"${name}" is a Dirichlet group of inputs; a derived value can replace a single input only`,
        true,
      );
    } else if (row === undefined && !read.has(name)) {
      const hint = suggest(name, single);
      at(
        ["derived", name],
        `"${name}" is not a model input${hint === undefined ? "" : ` (did you mean "${hint}"?)`}, and no other derived value uses it`,
        true,
      );
    }
  }
}

/** Describes bounds for messages: "between 0 and 1", "at least 0". */
function describeBounds([min, max]: readonly [number, number]): string {
  return max === Number.POSITIVE_INFINITY ? `at least ${min}` : `between ${min} and ${max}`;
}

/**
 * Refuses a value or distribution that can fall outside the input's bounds, e.g. a negative
 * cost or a probability above 1, pointing at the value itself.
 */
function checkBounds(
  support: readonly [number, number],
  bounds: readonly [number, number],
  type: string,
  override: unknown,
  path: readonly PropertyKey[],
): void {
  const [lo, hi] = support;
  if (lo >= bounds[0] && hi <= bounds[1]) return;
  if (type === "fixed") {
    const bare = typeof override === "number";
    throw new InputError({
      field: [...path, ...(bare ? [] : ["value"])].join("."),
      message: `expected a value ${describeBounds(bounds)}, got ${lo}`,
    });
  }
  const fix =
    bounds[1] === 1
      ? "use a beta distribution"
      : "use gamma or lognormal, or truncnormal with lower: 0";
  throw new InputError({
    field: path.join("."),
    message: `a ${type} distribution here takes ${supportValues([lo, hi])}, but this input must be ${describeBounds(bounds)}: ${fix}`,
  });
}

/**
 * Refuses a stated base-case value (`base:`) that the input's distribution cannot take or that
 * lies outside the input's bounds: the deterministic analyses would run the model at a value the
 * PSA never draws, or at an impossible one (a probability of 3).
 */
function checkBase(
  value: number,
  support: readonly [number, number],
  bounds: readonly [number, number] | undefined,
  type: string,
  path: readonly PropertyKey[],
): void {
  const field = [...path, "base"].join(".");
  const problem = outsideBounds(value, bounds);
  if (problem !== undefined) {
    throw new InputError({ field, message: `${problem}, got ${value}` });
  }
  if (!(value >= support[0] && value <= support[1])) {
    throw new InputError({
      field,
      message: `expected a base-case value the ${type} distribution can take (${describeSupport(support)}), got ${value}`,
    });
  }
}

/** The values a distribution takes, for messages: "any value", "values of at least 0", …. */
function supportValues(support: readonly [number, number]): string {
  const text = describeSupport(support);
  return text === "any number"
    ? "any value"
    : `values ${text.startsWith("from") ? "" : "of "}${text}`;
}

/** Describes a distribution's support for messages: "from 2 to 5", "exactly 4", "at least 0". */
function describeSupport([lo, hi]: readonly [number, number]): string {
  if (lo === hi) return `exactly ${lo}`;
  if (hi === Number.POSITIVE_INFINITY) {
    return lo === Number.NEGATIVE_INFINITY ? "any number" : `at least ${lo}`;
  }
  if (lo === Number.NEGATIVE_INFINITY) return `at most ${hi}`;
  return `from ${lo} to ${hi}`;
}

/**
 * A Dirichlet override must name the model's components (any order) and be a valid Dirichlet.
 */
function checkDirichlet(row: InputRow, spec: ParameterSpec, path: readonly PropertyKey[]): void {
  const expected = Object.keys(
    (row as { alpha?: object }).alpha ?? (row as { mean?: object }).mean ?? {},
  ).sort();
  const given = spec as { alpha?: object; mean?: object };
  const key = given.alpha !== undefined ? "alpha" : "mean";
  const names = Object.keys(given.alpha ?? given.mean ?? {}).sort();
  if (names.join() !== expected.join()) {
    throw new InputError({
      field: [...path, key].join("."),
      message: `expected the components ${expected.join(", ")}, got ${names.join(", ") || "none"}`,
    });
  }
  createDirichlet(spec as DirichletSpec);
}

/** Issues sorted as a reader meets them: by file (most derived first), line, column. */
function inFileOrder(issues: readonly InputIssue[], chain: readonly YamlSource[]): InputIssue[] {
  const rank = (i: InputIssue) => {
    const f = chain.findIndex((s) => s.file === i.file);
    return f === -1 ? chain.length : f;
  };
  return [...issues].sort(
    (a, b) =>
      rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

/**
 * Loads, merges and checks a scenario file.
 *
 * @example
 * ```ts
 * const loaded = await loadScenario("scenarios/swis-rct.yaml", host);
 * loaded.config.horizonYears; // 2
 * ```
 */
export async function loadScenario(file: string, host: ScenarioHost): Promise<LoadedScenario> {
  const chain = await readChain(file, host);
  const fail = (issues: InputIssue[]): never => {
    throw issues.length === 1
      ? new InputError(issues[0] as InputIssue)
      : new ScenarioError(inFileOrder(issues, chain));
  };
  const head = chain[0] as YamlSource;
  if ((head.value as { format?: unknown }).format === MODEL_FILE_FORMAT) {
    // A model file runs as a scenario of itself, with the model's own defaults.
    const factory = await modelFileFactory(file, head, host, chain);
    const scenario = {
      model: factory.name,
      title: factory.title,
      ...(factory.description === "" ? {} : { description: factory.description }),
    };
    return checkAndBuild(file, chain, scenario, factory, host);
  }
  const merged = mergeScenarios(chain.map((s) => s.value as Record<string, unknown>).reverse());
  const modelName = merged.model;
  if (typeof modelName !== "string") {
    fail([
      locateIssue(chain, ["model"], `required: the model to run, one of ${host.models.join(", ")}`),
    ]);
  }
  let factory: ModelFactory;
  if (isModelPath(modelName as string)) {
    factory = await modelAtPath(modelName as string, chain, host);
    merged.model = factory.name;
  } else {
    try {
      factory = await host.loadModel(modelName as string);
      // The host may know a model by another name (an alias): the scenario names the factory.
      merged.model = factory.name;
    } catch (e) {
      if (e instanceof CeaError) throw e;
      const hint = suggest(modelName as string, host.models);
      return fail([
        locateIssue(
          chain,
          ["model"],
          `unknown model "${modelName}"${hint ? ` (did you mean "${hint}"?)` : ""}; available: ${host.models.join(", ")}`,
        ),
      ]);
    }
  }
  return checkAndBuild(file, chain, merged, factory, host);
}

/** The factory of the model file `file` (parsed as `source`), through the host. */
async function modelFileFactory(
  file: string,
  source: YamlSource,
  host: ScenarioHost,
  chain: readonly YamlSource[],
): Promise<ModelFactory> {
  if (host.loadModelFile === undefined) {
    throw new InputError(
      locateIssue(chain, ["model"], "model files cannot be opened here; use the command line"),
    );
  }
  return host.loadModelFile(file, source);
}

/**
 * The model a scenario names by path (relative to the file that says `model:`): a model file
 * or, where the host can import modules, an ES module.
 */
async function modelAtPath(
  name: string,
  chain: readonly YamlSource[],
  host: ScenarioHost,
): Promise<ModelFactory> {
  const owner = chain.find((s) => s.has(["model"])) as YamlSource;
  const path = resolvePath(owner.file, name);
  const at = (message: string) => new InputError(locateIssue([owner], ["model"], message));
  if (/\.m?js$/i.test(name)) {
    if (host.importModel === undefined) {
      throw at("ES modules can be run only from the command line; use a model file here");
    }
    try {
      return await host.importModel(path);
    } catch (e) {
      if (e instanceof CeaError) throw e;
      throw at(
        `cannot load the model module "${name}" (looked for ${path}): ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  let text: string;
  try {
    text = await host.readFile(path);
  } catch (e) {
    if (e instanceof InputError && !(e instanceof FileReadError)) throw e;
    const why = e instanceof FileReadError ? `: ${e.reason}` : "";
    throw at(`cannot read the model file "${name}" (looked for ${path})${why}`);
  }
  const source = parseYaml(path, text);
  if ((source.value as { format?: unknown } | null)?.format !== MODEL_FILE_FORMAT) {
    throw at(`"${name}" is not a model file: its first key should be format: ${MODEL_FILE_FORMAT}`);
  }
  return modelFileFactory(path, source, host, [owner]);
}

/** Checks a merged scenario against its model's schema and builds the configuration. */
async function checkAndBuild(
  file: string,
  chain: readonly YamlSource[],
  merged: Record<string, unknown>,
  factory: ModelFactory,
  host: ScenarioHost,
): Promise<LoadedScenario> {
  const fail = (issues: InputIssue[]): never => {
    throw issues.length === 1
      ? new InputError(issues[0] as InputIssue)
      : new ScenarioError(inFileOrder(issues, chain));
  };
  refuseReservedDerivedNames(chain, fail);
  const schema = scenarioSchema(factory);
  const parsed = schema.safeParse(merged, { reportInput: true });
  if (!parsed.success) {
    const keysAt = keysFor(schema);
    // Only the first problems are located and reported: a file of tens of thousands of mistakes
    // is answered at once, with a count of the rest.
    const explained = parsed.error.issues.flatMap((i) => explainIssue(i, keysAt));
    const shown = explained
      .slice(0, MAX_REPORTED_ISSUES)
      .map((i) => locateIssue(chain, i.path, i.message, i.key));
    const rest = explained.length - shown.length;
    if (rest > 0) {
      const more = `and ${rest.toLocaleString("en-GB")} more problems; fix these first`;
      throw new ScenarioError([...inFileOrder(shown, chain), { file, message: more }]);
    }
    fail(shown);
  }
  const scenario = parsed.data as ScenarioInput;
  const loaded = await build(file, chain, scenario, factory);
  if (host.memory !== undefined) {
    const problem = psaFitProblem(scenarioPsaShape(loaded), loaded.samples, host.memory);
    if (problem !== undefined) fail([locateIssue(chain, ["psa", "samples"], problem)]);
  }
  return loaded;
}

/**
 * A derived value named `__proto__` would be dropped without a word by merging and schema
 * checking (both guard objects against that key), so it is refused where it is written.
 */
function refuseReservedDerivedNames(
  chain: readonly YamlSource[],
  fail: (issues: InputIssue[]) => never,
): void {
  for (const source of chain) {
    const derived = (source.value as { derived?: unknown }).derived;
    if (typeof derived === "object" && derived !== null && Object.hasOwn(derived, "__proto__")) {
      fail([
        {
          file: source.file,
          ...source.locate(["derived", "__proto__"], true),
          field: "derived.__proto__",
          message: '"__proto__" cannot name a derived value; choose another name',
        },
      ]);
    }
  }
}

/** Checks the model-level rules and builds the configuration. */
async function build(
  file: string,
  chain: readonly YamlSource[],
  scenario: ScenarioInput,
  factory: ModelFactory,
): Promise<LoadedScenario> {
  const issues: InputIssue[] = [];
  const at = (path: readonly PropertyKey[], message: string, key = false) =>
    issues.push(locateIssue(chain, path, message, key));
  const priceYear = scenario.price_year ?? factory.defaultPriceYear;
  const priceIndex = scenario.price_index ?? factory.defaultPriceIndex;
  const index = factory.priceIndices[priceIndex];
  const setIn = (path: readonly PropertyKey[]) => chain.find((s) => s.has(path))?.file;
  // With a price year the index does not cover, nothing is uprated (and that is one error).
  let priceYearOk = true;
  if (index !== undefined) {
    try {
      upratingFactor(index, priceYear, priceYear);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      at(["price_year"], e.issue.message);
      priceYearOk = false;
    }
  }

  /** One input: the override (if any) over the model's row, checked and uprated. */
  const resolve = (
    name: string,
    override: unknown,
    path: readonly PropertyKey[],
    strategy?: string,
  ): ResolvedInput | undefined => {
    const row = factory.inputs[name];
    if (row === undefined) return undefined;
    const o =
      override === undefined
        ? undefined
        : typeof override === "number"
          ? { type: "fixed" as const, value: override }
          : "type" in (override as object)
            ? (override as Record<string, unknown>)
            : { type: "fixed" as const, ...(override as Record<string, unknown>) };
    const { label, unit, source, tag, price_year, ...spec } = (o ?? {}) as Record<string, unknown>;
    const base = o === undefined ? row : ({ ...spec } as unknown as ParameterSpec);
    const money = row.priceYear !== undefined;
    const given =
      o === undefined
        ? row.priceYear
        : ((price_year as string | undefined) ?? (money ? priceYear : undefined));
    let factor = 1;
    let sampled: ParameterSpec = base;
    // Errors raised here name their own field (e.g. `….price_year`); others belong to the input.
    const prefix = path.join(".");
    const fieldOf = (field: string | undefined): readonly PropertyKey[] =>
      field?.startsWith(`${prefix}.`) ? field.split(".") : path;
    try {
      if (base.type === "dirichlet") {
        checkDirichlet(row, base, path);
      } else {
        const {
          table: _t,
          priceYear: _p,
          label: _l,
          unit: _u,
          source: _s,
          tag: _g,
          ...dist
        } = base as unknown as Record<string, unknown>;
        const created = createDistribution(dist as unknown as DistributionSpec);
        if (row.bounds !== undefined) {
          checkBounds(created.support, row.bounds, dist.type as string, override, path);
        }
        if (typeof dist.base === "number") {
          checkBase(dist.base, created.support, row.bounds, dist.type as string, path);
        }
        if (given !== undefined && given !== priceYear && index !== undefined && priceYearOk) {
          factor = upratingFactor(index, given, priceYear, path.concat("price_year").join("."));
          sampled = {
            ...(scaleSpec(dist as unknown as DistributionSpec, factor) as object),
          } as ParameterSpec;
          if (base.base !== undefined) sampled = { ...sampled, base: base.base * factor };
        } else {
          sampled = dist as unknown as ParameterSpec;
        }
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      at(o === undefined ? [] : fieldOf(e.issue.field), e.issue.message);
      return undefined;
    }
    const overridden = o !== undefined;
    const where = overridden ? setIn(path) : undefined;
    return {
      name,
      spec: sampled,
      table: row.table,
      label: (label as string | undefined) ?? row.label ?? name,
      unit: (unit as string | undefined) ?? row.unit ?? "",
      source:
        (source as string | undefined) ??
        (overridden ? `set in ${where ?? file}` : (row.source ?? "")),
      tag: (tag as string | undefined) ?? (overridden ? "assumption" : (row.tag ?? "assumption")),
      ...(given === undefined ? {} : { priceYear: given }),
      factor,
      ...(where === undefined ? {} : { setIn: where }),
      ...(strategy === undefined ? {} : { strategy }),
      ...(overridden && row.tag !== undefined ? { modelTag: row.tag } : {}),
    };
  };

  const resolved: ResolvedInput[] = [];
  for (const name of Object.keys(factory.inputs)) {
    const row = factory.inputs[name];
    const table = row?.table === "unit_costs" ? "unit_costs" : "parameters";
    const overrides = (scenario[table] ?? {}) as Record<string, unknown>;
    const r = resolve(name, overrides[name], [table, name]);
    if (r !== undefined) resolved.push(r);
  }
  const strategyEntries = Object.entries(scenario.strategies ?? {});
  if (strategyEntries.length > MAX_STRATEGIES) {
    const [first] = strategyEntries[MAX_STRATEGIES] as [string, unknown];
    throw new InputError(
      locateIssue(
        chain,
        ["strategies", first],
        `more than ${MAX_STRATEGIES} strategies; at most ${MAX_STRATEGIES} can be compared (see README, "Limits")`,
        true,
      ),
    );
  }
  const strategies: StrategyConfig[] =
    strategyEntries.length === 0
      ? [...factory.strategies]
      : strategyEntries.map(([name, s], j) => {
          const inputs: Record<string, ParameterSpec> = {};
          for (const [input, override] of Object.entries(s.inputs ?? {})) {
            const r = resolve(input, override, ["strategies", name, "inputs", input], name);
            if (r !== undefined) {
              inputs[input] = r.spec;
              resolved.push(r);
            }
          }
          return {
            name,
            label: s.label ?? factory.strategies.find((d) => d.name === name)?.label ?? name,
            intervention: s.intervention ?? j > 0,
            inputs,
          };
        });
  if (strategies.length < 2)
    at(["strategies"], "at least two strategies are needed: usual practice and a programme");
  if (strategies[0]?.intervention === true) {
    at(["strategies"], "the first strategy is the comparator and must have intervention: false");
  }

  const inputSpecs: Record<string, ParameterSpec> = {};
  for (const r of resolved) if (r.strategy === undefined) inputSpecs[r.name] = r.spec;
  const derivedEntries = scenario.derived ?? {};
  for (const name of Object.keys(derivedEntries)) {
    delete inputSpecs[name];
    // A value and a formula for one input: one of them would be dropped without a word.
    for (const table of ["parameters", "unit_costs"] as const) {
      if (Object.hasOwn((scenario[table] ?? {}) as object, name)) {
        at(
          ["derived", name],
          `"${name}" is given both in ${table} and as a derived formula; keep one of them`,
        );
      }
    }
  }
  const sampledNames = Object.entries(inputSpecs).flatMap(([name, spec]) =>
    spec.type === "dirichlet" ? Object.keys("alpha" in spec ? spec.alpha : spec.mean) : [name],
  );
  const derived = derivedSpecs(derivedEntries, factory, chain);
  try {
    const compiled = await compileDerived(derived, sampledNames);
    const before = issues.length;
    checkDerivedNames(compiled, factory, at);
    if (issues.length === before) checkDerivedAtBase(compiled, inputSpecs);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (e.issue.line !== undefined) issues.push(e.issue);
    else {
      const name = (e.issue.field ?? "").replace(/^derived\./, "");
      const path =
        typeof derivedEntries[name] === "object"
          ? ["derived", name, "expression"]
          : ["derived", name];
      issues.push(
        e instanceof ExpressionError
          ? locateIssueInText(chain, path, e.issue.message, e.offset)
          : locateIssue(chain, ["derived", name], e.issue.message),
      );
    }
  }
  const inputs = resolved.map((r) => {
    if (r.strategy !== undefined || !Object.hasOwn(derivedEntries, r.name)) return r;
    return derivedInput(
      r,
      derivedEntries[r.name] as DerivedEntry,
      setIn(["derived", r.name]) ?? file,
      priceYear,
    );
  });
  const correlations: CorrelationSpec[] = [];
  const univariate = Object.keys(inputSpecs).filter((n) => inputSpecs[n]?.type !== "dirichlet");
  const groupOf = new Map<string, string>();
  (scenario.correlations ?? []).forEach((c, i) => {
    for (const [k, p] of c.parameters.entries()) {
      const where = ["correlations", i, "parameters", k];
      if (!univariate.includes(p)) {
        const hint = suggest(p, univariate);
        at(
          where,
          sampledNames.includes(p)
            ? `"${p}" is a share of a Dirichlet group; only single parameters can be correlated`
            : `unknown parameter "${p}"${hint ? ` (did you mean "${hint}"?)` : ""}`,
        );
        return;
      }
      const other = groupOf.get(p);
      if (other !== undefined) {
        at(
          where,
          other === c.name
            ? `"${p}" is named twice in this correlation`
            : `"${p}" is already in the correlation "${other}"; a parameter can be in one correlation only`,
        );
        return;
      }
      groupOf.set(p, c.name);
    }
    try {
      choleskyOfCorrelation(c.name, c.parameters, c.matrix, c.scale ?? "spearman");
      correlations.push({
        name: c.name,
        parameters: c.parameters,
        matrix: c.matrix,
        scale: c.scale ?? "spearman",
      });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      at(["correlations", i, "matrix"], `correlation "${c.name}": ${e.issue.message}`);
    }
  });
  const wtp = wtpGrid(scenario, at, factory.defaultWtp);
  for (const [name, [low, high]] of Object.entries(scenario.dsa?.ranges ?? {})) {
    if (!sampledNames.includes(name)) {
      const hint = suggest(name, sampledNames);
      at(
        ["dsa", "ranges", name],
        `unknown parameter "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}`,
      );
    } else if (!(high > low)) {
      at(["dsa", "ranges", name], `expected [low, high] with low < high, got [${low}, ${high}]`);
    } else {
      const bounds = sampledBounds(factory, inputSpecs, name);
      [low, high].forEach((v, k) => {
        const problem = outsideBounds(v, bounds);
        if (problem !== undefined) at(["dsa", "ranges", name, k], `${problem}, got ${v}`);
      });
    }
  }
  if (issues.length > 0) {
    throw issues.length === 1
      ? new InputError(issues[0] as InputIssue)
      : new ScenarioError(inFileOrder(issues, chain));
  }
  const settings: Record<string, number | string> = {};
  for (const [name, spec] of Object.entries(factory.settings)) {
    settings[name] =
      (scenario.settings as Record<string, number | string> | undefined)?.[name] ?? spec.default;
  }
  const discount =
    typeof scenario.discount === "number"
      ? { costs: scenario.discount, outcomes: scenario.discount }
      : (scenario.discount ??
        factory.defaultDiscountRates ?? {
          costs: factory.defaultDiscount,
          outcomes: factory.defaultDiscount,
        });
  const config: ModelConfig = {
    inputs: inputSpecs,
    strategies,
    settings,
    priceYear,
    horizonYears: scenario.horizon_years ?? factory.defaultHorizonYears,
    discount,
    discountGiven: scenario.discount !== undefined,
    perspective: scenario.perspective ?? (Object.keys(factory.perspectives)[0] as string),
    effect: scenario.effect ?? (Object.keys(factory.effects)[0] as string),
    derived,
    correlations,
  };
  await checkBaseCase(factory, config, chain);
  return {
    file,
    files: chain.map((s) => s.file),
    scenario,
    factory,
    config,
    inputs,
    samples: scenario.psa?.samples ?? factory.defaultPsa?.samples ?? 10_000,
    seed: scenario.psa?.seed ?? factory.defaultPsa?.seed ?? 1,
    wtp,
    reportWtp: scenario.report_wtp ?? factory.defaultReportWtp ?? [1000, 10_000, 20_000],
    priceIndex,
  };
}

/**
 * Builds the model and runs its base case, so that loading (and `ceakit validate`) refuses
 * whatever a run would refuse before its first sample: a distribution or correlation the PSA
 * engine cannot prepare, or a base case that is not a finite number.
 */
async function checkBaseCase(
  factory: ModelFactory,
  config: ModelConfig,
  chain: readonly YamlSource[],
): Promise<void> {
  try {
    await runBaseCase(factory.create(config));
  } catch (e) {
    if (e instanceof InputError) {
      const path = e.issue.field?.split(".") ?? [];
      throw new InputError(locateIssue(chain, path, e.issue.message));
    }
    if (e instanceof ModelError) {
      throw new InputError({ file: chain[0]?.file, line: 1, column: 1, message: e.message });
    }
    throw e;
  }
}

/**
 * The values a sampled parameter can take: its model input's bounds, [0, 1] for a share of a
 * Dirichlet group, or undefined when the model states none.
 */
function sampledBounds(
  factory: ModelFactory,
  specs: Readonly<Record<string, ParameterSpec>>,
  name: string,
): readonly [number, number] | undefined {
  if (Object.hasOwn(factory.inputs, name)) return factory.inputs[name]?.bounds;
  for (const spec of Object.values(specs)) {
    if (
      spec.type === "dirichlet" &&
      Object.hasOwn("alpha" in spec ? spec.alpha : spec.mean, name)
    ) {
      return [0, 1];
    }
  }
  return undefined;
}

/**
 * The values a sampled parameter of a loaded scenario can take (its input's bounds; [0, 1] for a
 * share of a Dirichlet group), for checking values a person gives on the command line.
 *
 * @example
 * ```ts
 * parameterBounds(loaded, "p_icpc"); // [0, 1]
 * ```
 */
export function parameterBounds(
  loaded: LoadedScenario,
  name: string,
): readonly [number, number] | undefined {
  return sampledBounds(loaded.factory, loaded.config.inputs, name);
}

/**
 * Checks that `value` lies within `bounds`, describing them otherwise ("between 0 and 1",
 * "at least 0"); undefined when it does.
 *
 * @example
 * ```ts
 * outsideBounds(7, [0, 1]); // "expected a value between 0 and 1"
 * ```
 */
export function outsideBounds(
  value: number,
  bounds: readonly [number, number] | undefined,
): string | undefined {
  if (bounds === undefined || (value >= bounds[0] && value <= bounds[1])) return undefined;
  return `expected a value ${describeBounds(bounds)}`;
}

/** One entry of a scenario's `derived`: a formula, or a formula with provenance. */
type DerivedEntry = NonNullable<ScenarioInput["derived"]>[string];

/**
 * An input replaced by a derived value, as reports show it: the formula instead of the
 * distribution, the provenance given with it (an assumption unless tagged otherwise).
 */
function derivedInput(
  input: ResolvedInput,
  entry: DerivedEntry,
  setIn: string,
  priceYear: string,
): ResolvedInput {
  const given = typeof entry === "string" ? { expression: entry } : entry;
  const { priceYear: _, ...rest } = input;
  return {
    ...rest,
    expression: given.expression,
    label: given.label ?? input.label,
    unit: given.unit ?? input.unit,
    source: given.source ?? `derived in ${setIn}`,
    tag: given.tag ?? "assumption",
    ...(input.priceYear === undefined ? {} : { priceYear }),
    factor: 1,
    setIn,
  };
}

/** The WTP grid: a {from, to, by} range or a strictly increasing list. */
function wtpGrid(
  scenario: ScenarioInput,
  at: (path: readonly PropertyKey[], message: string) => void,
  fallback: ModelFactory["defaultWtp"],
): number[] {
  const w = scenario.wtp ?? fallback ?? { from: 0, to: 100_000, by: 1000 };
  if (isList(w)) {
    for (let i = 1; i < w.length; i++) {
      if (!((w[i] as number) > (w[i - 1] as number))) {
        at(["wtp", i], "the WTP list must be strictly increasing");
        return [];
      }
    }
    return [...w];
  }
  if (!(w.to > w.from)) {
    at(["wtp", "to"], `expected a number above from (${w.from}), got ${w.to}`);
    return [];
  }
  const count = Math.floor((w.to - w.from) / w.by + 1e-9) + 1;
  if (count > 100_001) {
    at(["wtp", "by"], `the grid would have ${count} values; at most 100,001`);
    return [];
  }
  return Array.from({ length: count }, (_, k) => w.from + k * w.by);
}

/** Whether a WTP setting is a list (not a { from, to, by } range). */
function isList(w: readonly number[] | object): w is readonly number[] {
  return Array.isArray(w);
}
