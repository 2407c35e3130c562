/**
 * Checks of the values a scenario gives a model input: within the input's bounds, a base-case
 * value the distribution can take, a Dirichlet over the model's components. Each failure is an
 * {@link InputError} naming the field, which the loader locates in the file.
 *
 * @module
 */

import { createDirichlet } from "../distributions/dirichlet.js";
import type { DirichletSpec } from "../distributions/spec.js";
import { InputError } from "../errors.js";
import type { ParameterSpec } from "../model/define-model.js";
import { suggest } from "../model/expressions.js";
import type { InputRow, ModelFactory } from "../model/model-factory.js";
import type { ScenarioInput } from "./schema.js";

/** Describes bounds for messages: "between 0 and 1", "at least 0". */
export function describeBounds([min, max]: readonly [number, number]): string {
  return max === Number.POSITIVE_INFINITY ? `at least ${min}` : `between ${min} and ${max}`;
}

/**
 * Refuses a value or distribution that can fall outside the input's bounds, e.g. a negative
 * cost or a probability above 1, pointing at the value itself.
 */
export function checkBounds(
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
export function checkBase(
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
export function checkDirichlet(
  row: InputRow,
  spec: ParameterSpec,
  path: readonly PropertyKey[],
): void {
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

/**
 * The values a sampled parameter can take: its model input's bounds, [0, 1] for a share of a
 * Dirichlet group, or undefined when the model states none.
 */
export function sampledBounds(
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

/**
 * Checks a scenario's `dsa.ranges`: each names a sampled parameter, low < high, both within the
 * parameter's bounds. Problems are recorded with `at`.
 *
 * @example
 * ```ts
 * checkDsaRanges(scenario, factory, inputSpecs, sampledNames, at);
 * ```
 */
export function checkDsaRanges(
  scenario: ScenarioInput,
  factory: ModelFactory,
  inputSpecs: Readonly<Record<string, ParameterSpec>>,
  sampledNames: readonly string[],
  at: (path: readonly PropertyKey[], message: string) => void,
): void {
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
}
