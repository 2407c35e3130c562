/**
 * A scenario's `derived:` values: formulas over inputs that replace a model input or feed other
 * formulas. Their specs for the model (with the bounds of the input they replace), the checks of
 * their names and of their values at the base case, and how reports show a replaced input.
 *
 * @module
 */

import { createDistribution } from "../distributions/create.js";
import { createDirichlet } from "../distributions/dirichlet.js";
import { InputError, type InputIssue } from "../errors.js";
import type { ParameterSpec } from "../model/define-model.js";
import {
  type CompiledExpression,
  compileDerived,
  type DerivedSpec,
  ExpressionError,
  suggest,
} from "../model/expressions.js";
import type { InputRow, ModelFactory } from "../model/model-factory.js";
import { pointValue } from "../model/point-value.js";
import { computeDerived } from "../psa/derived-values.js";
import type { ResolvedInput } from "./load-scenario.js";
import { INPUT_TABLES, NUMBER_LIMIT, type ScenarioInput } from "./schema.js";
import { locateIssue, locateIssueInText, type YamlSource } from "./yaml-source.js";

/**
 * Computes derived values at every input's point value, through the same checks as every PSA
 * sample: a value that is not finite (a square root of a negative, a division by zero) or that
 * leaves the domain of the input it replaces is a mistake in the scenario.
 */
export function checkDerivedAtBase(
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
export function derivedSpecs(
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
export function checkDerivedNames(
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

/**
 * A derived value named `__proto__` would be dropped without a word by merging and schema
 * checking (both guard objects against that key), so it is refused where it is written.
 */
export function refuseReservedDerivedNames(
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

/** One entry of a scenario's `derived`: a formula, or a formula with provenance. */
export type DerivedEntry = NonNullable<ScenarioInput["derived"]>[string];

/**
 * An input replaced by a derived value, as reports show it: the formula instead of the
 * distribution, the provenance given with it (an assumption unless tagged otherwise).
 */
export function derivedInput(
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

/**
 * Compiles and checks a scenario's derived values against the inputs they read: the formulas
 * parse, their names replace a single input or feed another formula, and their values at the
 * base case are usable. Problems are appended to `issues`; the derived specs are returned.
 *
 * @example
 * ```ts
 * const derived = await checkDerived(scenario, factory, chain, inputSpecs, sampledNames, issues);
 * ```
 */
export async function checkDerived(
  scenario: ScenarioInput,
  factory: ModelFactory,
  chain: readonly YamlSource[],
  inputSpecs: Readonly<Record<string, ParameterSpec>>,
  sampledNames: readonly string[],
  issues: InputIssue[],
): Promise<Record<string, DerivedSpec>> {
  const entries = scenario.derived ?? {};
  const at = (path: readonly PropertyKey[], message: string, key = false) =>
    issues.push(locateIssue(chain, path, message, key));
  for (const name of Object.keys(entries)) {
    // A value and a formula for one input: one of them would be dropped without a word.
    for (const table of INPUT_TABLES) {
      if (Object.hasOwn((scenario[table] ?? {}) as object, name)) {
        at(
          ["derived", name],
          `"${name}" is given both in ${table} and as a derived formula; keep one of them`,
        );
      }
    }
  }
  const derived = derivedSpecs(entries, factory, chain);
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
        typeof entries[name] === "object" ? ["derived", name, "expression"] : ["derived", name];
      issues.push(
        e instanceof ExpressionError
          ? locateIssueInText(chain, path, e.issue.message, e.offset)
          : locateIssue(chain, ["derived", name], e.issue.message),
      );
    }
  }
  return derived;
}
