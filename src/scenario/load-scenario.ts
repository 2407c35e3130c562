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

import { MAX_REPORTED_ISSUES, moreProblems } from "../analysis/limits.js";
import {
  CeaError,
  FileReadError,
  InputError,
  type InputIssue,
  ModelError,
  ScenarioError,
  type SourceLocation,
} from "../errors.js";
import type { ParameterSpec } from "../model/define-model.js";
import { suggest } from "../model/expressions.js";
import type { ModelConfig, ModelFactory } from "../model/model-factory.js";
import { runBaseCase } from "../psa/base-case.js";
import { reportSizeProblem } from "../psa/memory-estimate.js";
import { type PreparedModel, prepareModel } from "../psa/run-psa.js";
import { checkDsaRanges, sampledBounds } from "./input-checks.js";
import { mergeScenarios } from "./merge.js";
import {
  isModelPath,
  MODEL_FILE_FORMAT,
  modelAtPath,
  modelFileFactory,
  unknownModelText,
} from "./model-source.js";
import { resolvePath } from "./paths.js";
import { type MemoryBudget, psaFitProblem, scenarioPsaShape } from "./psa-shape.js";
import { inputContext, resolveModelInputs, resolveStrategies } from "./resolve-inputs.js";
import { checkCorrelations } from "./scenario-correlations.js";
import {
  checkDerived,
  type DerivedEntry,
  derivedInput,
  refuseReservedDerivedNames,
} from "./scenario-derived.js";
import { rememberModel } from "./scenario-model.js";
import type { ScenarioInput } from "./schema.js";
import { scenarioSchema } from "./schema.js";
import { blameSetting, inputSettings } from "./setting-blame.js";
import { wtpGrid } from "./wtp-grid.js";
import { locateIssue, parseYaml, type YamlSource } from "./yaml-source.js";
import {
  describeValue,
  explainIssue,
  keysFor,
  mergeMisspelt,
  tightestBounds,
} from "./zod-issues.js";

export { outsideBounds } from "./input-checks.js";
export { resolvePath } from "./paths.js";

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
  /**
   * The model built from `config` and prepared once (distributions created, correlations
   * factorised, derived values compiled) when the scenario was loaded; the base case, PSA and
   * sensitivity analyses of a run all use it.
   */
  readonly model: PreparedModel;
  readonly inputs: readonly ResolvedInput[];
  readonly samples: number;
  readonly seed: string | number;
  readonly wtp: readonly number[];
  readonly reportWtp: readonly number[];
  readonly priceIndex: string;
  /** Where each strategy is named in the files (see {@link locatedModelError}). */
  readonly strategyAt: Readonly<Record<string, SourceLocation>>;
  /**
   * A model's mistake located at the scenario's setting of an input it shows a value of, among
   * `settings` (paths in the scenario's files), with `lead` before the model's message; the
   * mistake itself when it shows none (see src/scenario/setting-blame.ts).
   */
  readonly blame: (
    e: InputError,
    settings: readonly (readonly PropertyKey[])[],
    lead: string,
    known?: boolean,
  ) => InputError;
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
    const format = (source.value as { format?: unknown }).format;
    if (chain.length > 0 && typeof format === "string" && format.startsWith("ceakit-model/")) {
      // A scenario extends scenarios; a model file is run with `model:`.
      const previous = chain.at(-1) as YamlSource;
      throw new InputError({
        file: previous.file,
        ...previous.locate(["extends"]),
        field: "extends",
        message: `${current} is a model file, not a scenario; to run it with this scenario's settings, name it with model: ${(previous.value as { extends: string }).extends}`,
      });
    }
    chain.push(source);
    const parent = (source.value as { extends?: unknown }).extends;
    if (parent === undefined) return chain;
    const at = source.locate(["extends"]);
    const where = { file: current, ...at, field: "extends" };
    if (typeof parent !== "string" || parent.trim() === "") {
      throw new InputError({
        ...where,
        message: `expected the path of a scenario file, got ${typeof parent === "string" ? "an empty one" : describeValue(parent)}`,
      });
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
  const format = (head.value as { format?: unknown }).format;
  if (
    typeof format === "string" &&
    format.startsWith("ceakit-model/") &&
    format !== MODEL_FILE_FORMAT
  ) {
    // A model file of another version: say so, rather than read it as a scenario.
    fail([
      locateIssue(
        chain,
        ["format"],
        `"${format}" is not a model file format this ceakit reads; it reads ${MODEL_FILE_FORMAT}`,
      ),
    ]);
  }
  if (format === MODEL_FILE_FORMAT) {
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
    // A model file without its first line reads as a scenario without a model: say which.
    const modelFileKeys = ["kind", "states", "cycles"].filter((k) => Object.hasOwn(merged, k));
    const hint =
      modelFileKeys.length > 0 && format === undefined
        ? `; this file has ${modelFileKeys.join(", ")} like a model file: if it is one, begin it with format: ${MODEL_FILE_FORMAT}`
        : "";
    fail([
      locateIssue(
        chain,
        ["model"],
        `required: the model to run, one of ${host.models.join(", ")}${hint}`,
      ),
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
          unknownModelText(
            modelName as string,
            host.models,
            hint,
            host.loadModelFile !== undefined,
          ),
        ),
      ]);
    }
  }
  return checkAndBuild(file, chain, merged, factory, host);
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
    const explained = mergeMisspelt(
      tightestBounds(parsed.error.issues).flatMap((i) => explainIssue(i, keysAt)),
    );
    const shown = explained
      .slice(0, MAX_REPORTED_ISSUES)
      .map((i) => locateIssue(chain, i.path, i.message, i.key));
    const rest = explained.length - shown.length;
    if (rest > 0) {
      throw new ScenarioError([
        ...inFileOrder(shown, chain),
        { file, message: moreProblems(rest) },
      ]);
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
 * Checks the model-level rules and builds the configuration: the inputs with their overrides,
 * the strategies, derived values, correlations, WTP grid and DSA ranges, then the model itself
 * (prepared, with its base case run). Every problem found is reported together.
 */
async function build(
  file: string,
  chain: readonly YamlSource[],
  scenario: ScenarioInput,
  factory: ModelFactory,
): Promise<LoadedScenario> {
  const issues: InputIssue[] = [];
  const at = (path: readonly PropertyKey[], message: string, key = false) =>
    issues.push(locateIssue(chain, path, message, key));
  const ctx = inputContext(file, chain, scenario, factory, at);
  const resolved = resolveModelInputs(ctx, scenario);
  const strategies = resolveStrategies(ctx, scenario, resolved);
  const inputSpecs: Record<string, ParameterSpec> = {};
  for (const r of resolved) if (r.strategy === undefined) inputSpecs[r.name] = r.spec;
  const derivedEntries = scenario.derived ?? {};
  for (const name of Object.keys(derivedEntries)) delete inputSpecs[name];
  const sampledNames = Object.entries(inputSpecs).flatMap(([name, spec]) =>
    spec.type === "dirichlet" ? Object.keys("alpha" in spec ? spec.alpha : spec.mean) : [name],
  );
  const derived = await checkDerived(scenario, factory, chain, inputSpecs, sampledNames, issues);
  const setIn = (path: readonly PropertyKey[]) => chain.find((s) => s.has(path))?.file;
  const inputs = resolved.map((r) =>
    r.strategy !== undefined || !Object.hasOwn(derivedEntries, r.name)
      ? r
      : derivedInput(
          r,
          derivedEntries[r.name] as DerivedEntry,
          setIn(["derived", r.name]) ?? file,
          ctx.priceYear,
        ),
  );
  const univariate = Object.keys(inputSpecs).filter((n) => inputSpecs[n]?.type !== "dirichlet");
  const correlations = checkCorrelations(scenario, univariate, sampledNames, at);
  const wtp = wtpGrid(scenario, at, factory.defaultWtp);
  const tooLong = reportSizeProblem(
    strategies.map((s) => s.name),
    wtp.length,
  );
  if (tooLong !== undefined) at(chain.some((s) => s.has(["wtp"])) ? ["wtp"] : [], tooLong);
  checkDsaRanges(scenario, factory, inputSpecs, sampledNames, at);
  if (issues.length > 0) {
    throw issues.length === 1
      ? new InputError(issues[0] as InputIssue)
      : new ScenarioError(inFileOrder(issues, chain));
  }
  const config = modelConfig(scenario, factory, {
    inputs: inputSpecs,
    strategies,
    priceYear: ctx.priceYear,
    derived,
    correlations,
  });
  const model = await checkBaseCase(factory, config, chain);
  return {
    file,
    files: chain.map((s) => s.file),
    strategyAt: strategyLocations(chain, config),
    blame: (e, settings, lead, known) => blameSetting(chain, e, settings, lead, known),
    scenario,
    factory,
    config,
    model,
    inputs,
    samples: scenario.psa?.samples ?? factory.defaultPsa?.samples ?? 10_000,
    seed: scenario.psa?.seed ?? factory.defaultPsa?.seed ?? 1,
    wtp,
    reportWtp: scenario.report_wtp ?? factory.defaultReportWtp ?? [1000, 10_000, 20_000],
    priceIndex: scenario.price_index ?? factory.defaultPriceIndex,
  };
}

/**
 * The model configuration: the checked inputs, strategies, derived values and correlations,
 * with the scenario's settings, horizon, discounting, perspective and effect over the model's
 * defaults.
 */
function modelConfig(
  scenario: ScenarioInput,
  factory: ModelFactory,
  checked: Pick<ModelConfig, "inputs" | "strategies" | "priceYear" | "derived" | "correlations">,
): ModelConfig {
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
  return {
    ...checked,
    settings,
    horizonYears: scenario.horizon_years ?? factory.defaultHorizonYears,
    discount,
    discountGiven: scenario.discount !== undefined,
    perspective: scenario.perspective ?? (Object.keys(factory.perspectives)[0] as string),
    effect: scenario.effect ?? (Object.keys(factory.effects)[0] as string),
  };
}

/**
 * Builds and prepares the model and runs its base case, so that loading (and `ceakit validate`)
 * refuses whatever a run would refuse before its first sample: a distribution or correlation the
 * PSA engine cannot prepare, or a base case that is not a finite number. Returns the prepared
 * model, which the run then uses as it is.
 */
async function checkBaseCase(
  factory: ModelFactory,
  config: ModelConfig,
  chain: readonly YamlSource[],
): Promise<PreparedModel> {
  try {
    const prepared = await prepareModel(factory.create(config));
    await runBaseCase(prepared);
    return rememberModel(prepared, config);
  } catch (e) {
    if (e instanceof InputError) {
      // A mistake in a model file the scenario builds on, whose own values pass its checks: the
      // scenario's values are to blame, and the person is pointed at them.
      if (e.issue.file !== undefined && !chain.some((s) => s.file === e.issue.file)) {
        throw blameSetting(
          chain,
          e,
          inputSettings(chain),
          "with this scenario's values, the model fails",
        );
      }
      const path = e.issue.field?.split(".") ?? [];
      throw new InputError(locateIssue(chain, path, e.issue.message));
    }
    throw locatedModelError(
      { file: chain[0]?.file ?? "", strategyAt: strategyLocations(chain, config) },
      e,
    );
  }
}

/** Where each strategy of `config` is named in the scenario's files (its key), if it is. */
function strategyLocations(
  chain: readonly YamlSource[],
  config: ModelConfig,
): Readonly<Record<string, SourceLocation>> {
  const at: Record<string, SourceLocation> = {};
  for (const { name } of config.strategies) {
    const path = ["strategies", name];
    if (!chain.some((s) => s.has(path))) continue;
    const { message: _, ...where } = locateIssue(chain, path, "", true);
    at[name] = where;
  }
  return at;
}

/**
 * A model's unusable output (a {@link ModelError}) as a mistake in the person's files: located at
 * the strategy to blame where the files name it, else at the scenario's first line. Any other
 * error is returned as it is.
 *
 * @example
 * ```ts
 * try { await runScenario(loaded); } catch (e) { throw locatedModelError(loaded, e); }
 * ```
 */
export function locatedModelError(
  loaded: Pick<LoadedScenario, "file" | "strategyAt">,
  e: unknown,
): unknown {
  if (!(e instanceof ModelError)) return e;
  const at = e.strategy === undefined ? undefined : loaded.strategyAt[e.strategy];
  return new InputError({
    ...(at ?? { file: loaded.file, line: 1, column: 1 }),
    message: e.message,
  });
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
