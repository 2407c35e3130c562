/**
 * A scenario's inputs as the model takes them: each model input with the scenario's override
 * (if any) over the model's row, checked against the input's bounds and the distribution's
 * support, uprated to the scenario's price year, and with its provenance for reports.
 *
 * @module
 */

import { MAX_STRATEGIES, TOO_MANY_STRATEGIES } from "../analysis/limits.js";
import { createDistribution } from "../distributions/create.js";
import { scaleSpec } from "../distributions/scale.js";
import type { DistributionSpec } from "../distributions/spec.js";
import { InputError } from "../errors.js";
import type { ParameterSpec } from "../model/define-model.js";
import type { ModelFactory, StrategyConfig } from "../model/model-factory.js";
import { distributionPart, splitProvenance } from "../model/provenance.js";
import { type PriceIndex, upratingFactor } from "../model/uprating.js";
import { checkBase, checkBounds, checkDirichlet } from "./input-checks.js";
import type { ResolvedInput } from "./load-scenario.js";
import { inputTableOf, type ScenarioInput } from "./schema.js";
import { locateIssue, type YamlSource } from "./yaml-source.js";

/** Records a problem at a path of the merged scenario (`key`: at the key, not its value). */
export type IssueAt = (path: readonly PropertyKey[], message: string, key?: boolean) => void;

/** What resolving an input needs: the model, the files, and the price year and its index. */
export interface InputContext {
  readonly factory: ModelFactory;
  /** The scenario file (for "set in …" when no file of the chain says where). */
  readonly file: string;
  readonly chain: readonly YamlSource[];
  readonly priceYear: string;
  /** The price index, when the model has one. */
  readonly index: PriceIndex | undefined;
  /** False when the index does not cover the price year: nothing is uprated then. */
  readonly priceYearOk: boolean;
  readonly at: IssueAt;
}

/**
 * The price context of a scenario: its price year and index, checking that the index covers
 * the year (one issue if not, and then nothing is uprated).
 *
 * @example
 * ```ts
 * const ctx = inputContext(file, chain, scenario, factory, at);
 * ctx.priceYear; // "2023/24"
 * ```
 */
export function inputContext(
  file: string,
  chain: readonly YamlSource[],
  scenario: ScenarioInput,
  factory: ModelFactory,
  at: IssueAt,
): InputContext {
  const priceYear = scenario.price_year ?? factory.defaultPriceYear;
  const index = factory.priceIndices[scenario.price_index ?? factory.defaultPriceIndex];
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
  return { factory, file, chain, priceYear, index, priceYearOk, at };
}

/** An override as a spec: a bare number or `{ value }` is a fixed value. */
function overrideSpec(override: unknown): Record<string, unknown> | undefined {
  if (override === undefined) return undefined;
  if (typeof override === "number") return { type: "fixed", value: override };
  return "type" in (override as object)
    ? (override as Record<string, unknown>)
    : { type: "fixed", ...(override as Record<string, unknown>) };
}

/**
 * One input: the override (if any) over the model's row, checked and uprated; undefined (with
 * the problem recorded) when it cannot be used, or when the model has no input of that name.
 *
 * @example
 * ```ts
 * resolveInput(ctx, "sw_salary", 41000, ["parameters", "sw_salary"]);
 * // { name: "sw_salary", spec: { type: "fixed", value: 41000 }, tag: "assumption", … }
 * ```
 */
export function resolveInput(
  ctx: InputContext,
  name: string,
  override: unknown,
  path: readonly PropertyKey[],
  strategy?: string,
): ResolvedInput | undefined {
  const { factory, priceYear, index } = ctx;
  const row = Object.hasOwn(factory.inputs, name) ? factory.inputs[name] : undefined;
  if (row === undefined) return undefined;
  const o = overrideSpec(override);
  const { provenance, rest: spec } = splitProvenance(o ?? {});
  const { label, unit, source, tag, price_year } = provenance;
  const base = o === undefined ? row : (spec as unknown as ParameterSpec);
  const money = row.priceYear !== undefined;
  if (!money && price_year !== undefined) {
    // Only inputs the model prices are uprated: a price year elsewhere (a probability, a count,
    // a cost the model gives no price year) would scale it, or say it was uprated when it was not.
    ctx.at(
      [...path, "price_year"],
      `the model gives ${name} no price year (it is not uprated), so it takes none; remove price_year`,
    );
    return undefined;
  }
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
      const dist = distributionPart(base as unknown as Record<string, unknown>);
      const created = createDistribution(dist as unknown as DistributionSpec);
      // A value or distribution a scenario gives must keep to the input's bounds; the model's
      // own (a model file's, whose draws its probability scan checks) is not refused here.
      if (row.bounds !== undefined && o !== undefined) {
        checkBounds(created.support, row.bounds, dist.type as string, override, path);
      }
      if (typeof dist.base === "number") {
        checkBase(dist.base, created.support, row.bounds, dist.type as string, path);
      }
      if (given !== undefined && given !== priceYear && index !== undefined && ctx.priceYearOk) {
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
    ctx.at(o === undefined ? [] : fieldOf(e.issue.field), e.issue.message);
    return undefined;
  }
  const overridden = o !== undefined;
  const where = overridden ? ctx.chain.find((s) => s.has(path))?.file : undefined;
  return {
    name,
    spec: sampled,
    table: row.table,
    label: (label as string | undefined) ?? row.label ?? name,
    unit: (unit as string | undefined) ?? row.unit ?? "",
    source:
      (source as string | undefined) ??
      (overridden ? `set in ${where ?? ctx.file}` : (row.source ?? "")),
    tag: (tag as string | undefined) ?? (overridden ? "assumption" : (row.tag ?? "assumption")),
    ...(given === undefined ? {} : { priceYear: given }),
    factor,
    ...(where === undefined ? {} : { setIn: where }),
    ...(strategy === undefined ? {} : { strategy }),
    ...(overridden && row.tag !== undefined ? { modelTag: row.tag } : {}),
  };
}

/**
 * Every model input, each with the scenario's override from the table it belongs to
 * (`parameters:`, `unit_costs:`, …).
 *
 * @example
 * ```ts
 * resolveModelInputs(ctx, scenario).map((r) => r.name); // every input of the model
 * ```
 */
export function resolveModelInputs(ctx: InputContext, scenario: ScenarioInput): ResolvedInput[] {
  const resolved: ResolvedInput[] = [];
  for (const [name, row] of Object.entries(ctx.factory.inputs)) {
    const table = inputTableOf(row);
    const overrides = (scenario[table] ?? {}) as Record<string, unknown>;
    const override = Object.hasOwn(overrides, name) ? overrides[name] : undefined;
    const r = resolveInput(ctx, name, override, [table, name]);
    if (r !== undefined) resolved.push(r);
  }
  return resolved;
}

/**
 * The strategies of a scenario (the model's own when it names none), each with its per-strategy
 * input overrides, which are appended to `resolved` for reports. The first is the comparator.
 *
 * @example
 * ```ts
 * resolveStrategies(ctx, scenario, resolved).map((s) => s.name); // ["usual", "swis"]
 * ```
 */
export function resolveStrategies(
  ctx: InputContext,
  scenario: ScenarioInput,
  resolved: ResolvedInput[],
): StrategyConfig[] {
  const { factory, chain, at } = ctx;
  const entries = Object.entries(scenario.strategies ?? {});
  if (entries.length > MAX_STRATEGIES) {
    const [first] = entries[MAX_STRATEGIES] as [string, unknown];
    throw new InputError(locateIssue(chain, ["strategies", first], TOO_MANY_STRATEGIES, true));
  }
  const strategies: StrategyConfig[] =
    entries.length === 0
      ? [...factory.strategies]
      : entries.map(([name, s], j) => {
          const inputs: Record<string, ParameterSpec> = {};
          for (const [input, override] of Object.entries(s.inputs ?? {})) {
            const r = resolveInput(
              ctx,
              input,
              override,
              ["strategies", name, "inputs", input],
              name,
            );
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
  if (strategies.length < 2) {
    const all = factory.strategies.map((s) => s.name);
    const hint =
      all.length >= 2
        ? `; the strategies listed are the ones run, the comparator first: of the model's ${all.join(", ")}, list ${all[0] === strategies[0]?.name ? "another" : `${all[0]} (as { ${all[0]}: {} }) too`}`
        : "";
    at(
      ["strategies"],
      `at least two strategies are needed: a comparator and one to compare with it${hint}`,
    );
  }
  if (strategies[0]?.intervention === true) {
    at(["strategies"], "the first strategy is the comparator and must have intervention: false");
  }
  return strategies;
}
