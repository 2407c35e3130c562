/**
 * Building the {@link Model} of a compiled model file for one configuration: the generated
 * loops of its expressions turned into functions, the derived values and time-independent
 * entries computed once per chunk, time-dependent entries filled per cycle, and (for
 * `kind: markov`) the cohort engine's kernel. Every value is checked where it is computed: a
 * probability outside [0, 1] or a value that is not finite is an {@link InputError} located at
 * the expression in the model file, naming the strategy, the cycle, the sample and the values
 * the expression read. Synchronous and plain-data in, so worker threads build the same model.
 *
 * @module
 */

import { type CohortModel, cohortEvaluator } from "../cohort/define-cohort-model.js";
import { type CohortFill, type CycleContext, C as REST } from "../cohort/definition.js";
import { lookupRow } from "../cohort/lookup-table.js";
import { compileCohort, type LooseDefinition } from "../cohort/plan.js";
import { valueText } from "../core/value-text.js";
import { InputError, ModelError, type SourceLocation } from "../errors.js";
import {
  type ChunkInfo,
  type Model,
  type ModelOutput,
  type ParameterSpec,
  whereIs,
} from "../model/define-model.js";
import { runtime } from "../model/expression-runtime.js";
import type { ModelConfig } from "../model/model-factory.js";
import { hoistedColumns, isHoisted } from "./hoisted-columns.js";
import type { TableData } from "./lookup-csv.js";
import { type EntryCode, HOISTED, type Loop } from "./model-expressions.js";
import {
  type DerivedProgram,
  type MarkovProgram,
  type ModelProgram,
  ROW_SUM_TOLERANCE,
  type ValueRef,
} from "./program.js";

/** A lookup below a table's first key (caught and located by the caller). */
export class LookupBelow extends Error {
  constructor(
    readonly table: TableData,
    readonly x: number,
  ) {
    super(`lookup(${table.name}, ${x})`);
  }
}

export type { Loop } from "./model-expressions.js";

/**
 * A lookup function per table column, refusing x below the first key (or NaN).
 *
 * @example
 * ```ts
 * lookupFunction(table, "male")(47);
 * ```
 */
export function lookupFunction(table: TableData, column: string): (x: number) => number {
  const keys = Float64Array.from(table.keys);
  const values = Float64Array.from(table.columns[column] ?? []);
  return (x) => {
    const row = lookupRow(keys, x);
    if (row < 0) throw new LookupBelow(table, x);
    return values[row] as number;
  };
}

/**
 * The generated loop of an expression.
 *
 * @example
 * ```ts
 * loopOf(code, lookups)(columns, out, n, t, tau);
 * ```
 */
export function loopOf(code: EntryCode, lookups: readonly ((x: number) => number)[]): Loop {
  const source = [
    ...code.inputs.map((_, k) => `const c${k} = columns[${k}];`),
    `for (let i = 0; i < n; i++) out[i] = ${code.body};`,
  ].join("\n");
  const make = new Function(
    "lib",
    "L",
    `return function (columns, out, n, t, tau) {\n${source}\n};`,
  );
  return make(runtime, lookups) as Loop;
}

/** A number for messages. */
const show = (x: number) => valueText(x, 12);

/** Where a value was computed, for messages. */
interface Place {
  readonly start: number;
  readonly where: ChunkInfo["where"];
  readonly t?: number;
  readonly tau?: number;
  readonly tunnel?: boolean;
}

/** A place from plain values (t and tunnel undefined when not given). */
function placeOf(
  start: number,
  where: ChunkInfo["where"],
  t: number | undefined,
  tau: number,
  tunnel?: boolean,
): Place {
  return {
    start,
    where,
    tau,
    ...(t === undefined ? {} : { t }),
    ...(tunnel === undefined ? {} : { tunnel }),
  };
}

/** "in sample 4, t = 3", "at the base case, t = 3". */
function placeText(place: Place, i: number): string {
  const cycle = place.t === undefined ? "" : `, t = ${place.t}`;
  const tau = place.tunnel === true ? `, time_in_state = ${place.tau}` : "";
  return `${whereIs(place, place.start + i)}${cycle}${tau}`;
}

/**
 * Runs `loop` and checks its values: finite, and in [0, 1] for a probability. Problems are
 * located at `at`.
 */
function runChecked(
  loop: Loop,
  code: CheckedCode,
  inputs: readonly Float64Array[],
  out: Float64Array,
  n: number,
  place: Place,
): void {
  runCheckedAt(
    loop,
    code,
    inputs,
    out,
    n,
    place.start,
    place.where,
    place.t,
    place.tau ?? 1,
    place.tunnel,
  );
}

/** What {@link runChecked} runs: an expression's code, where it is and what it computes. */
type CheckedCode = EntryCode & {
  readonly at: SourceLocation;
  readonly what: string;
  readonly probability: boolean;
};

/**
 * {@link runChecked} with the place as plain values (t undefined outside the cycles), so that a
 * fill called every cycle allocates nothing: the place is made only for a message.
 */
function runCheckedAt(
  loop: Loop,
  code: CheckedCode,
  inputs: readonly Float64Array[],
  out: Float64Array,
  n: number,
  start: number,
  where: ChunkInfo["where"],
  t: number | undefined,
  tau: number,
  tunnel: boolean | undefined,
): void {
  try {
    loop(inputs, out, n, t ?? 0, tau);
  } catch (e) {
    if (!(e instanceof LookupBelow)) throw e;
    throw new InputError({
      ...code.at,
      message: `${code.what}: ${quoteText(code.text)} looks up ${show(e.x)} in table ${e.table.name}, ${Number.isNaN(e.x) ? `which is not a value of its ${e.table.key}` : `below its first ${e.table.key} (${e.table.keys[0]})`}${t === undefined ? "" : ` at t = ${t}`}`,
    });
  }
  const probability = code.probability;
  for (let i = 0; i < n; i++) {
    const x = out[i] as number;
    const bad = probability ? !(x >= 0 && x <= 1) : !Number.isFinite(x);
    if (!bad) continue;
    const used = code.inputs.map(
      (name, k) => `${name} = ${show((inputs[k] as Float64Array)[i] as number)}`,
    );
    throw new InputError({
      ...code.at,
      message: `${code.what}: ${quoteText(code.text)} is ${show(x)} ${placeText(placeOf(start, where, t, tau, tunnel), i)}${probability ? ", not a probability between 0 and 1" : Number.isNaN(x) ? "" : ", not a finite number"}${used.length > 0 ? ` (${used.join(", ")})` : ""}`,
    });
  }
}

function quoteText(text: string): string {
  return `"${text.length > 80 ? `${text.slice(0, 77)}…` : text}"`;
}

/** A placeholder for a column not in use. */
const NO_COLUMN = new Float64Array(0);

/** Name of the column holding entry k (messages leave columns named # out of the inputs they list). */
const entryColumn = (k: number) => `#${k}`;

/** A model file's model: a {@link Model}, and for Markov files a cohort model too. */
export type ModelFileModel = Model & {
  /** Computes the model file's own columns (derived values, entries) for a chunk. */
  readonly extendColumns: (
    columns: Readonly<Record<string, Float64Array>>,
    chunk: ChunkInfo,
  ) => Record<string, Float64Array>;
  readonly cohort?: CohortModel["cohort"];
  readonly states?: readonly string[];
};

/**
 * Builds the model of a compiled model file for a configuration (inputs, strategies, horizon
 * and discounting as a scenario sets them).
 *
 * @example
 * ```ts
 * const model = modelFileModel(program, loaded.config);
 * await runBaseCase(model);
 * ```
 */
export function modelFileModel(program: ModelProgram, config: ModelConfig): ModelFileModel {
  const lookups = program.lookups.map((l) =>
    lookupFunction(program.tables.find((t) => t.name === l.table) as TableData, l.column),
  );
  const known = new Set(program.model.strategies.map((s) => s.name));
  config.strategies.forEach((s) => {
    if (!known.has(s.name)) {
      throw new InputError({
        field: `strategies.${s.name}`,
        message: `the model has no strategy "${s.name}"; its strategies are ${[...known].join(", ")}`,
      });
    }
  });
  const own = strategyColumns(program, config);
  const derived = [...program.derived, ...own.derived].map((d) => ({
    ...d,
    loop: loopOf(d, lookups),
    what: `derived value ${d.name}`,
    probability: false,
  }));
  const entries = program.entries.map((e) => {
    const rename = e.strategy === undefined ? (x: string) => x : own.column(e.strategy);
    const mapped = e.strategy === undefined ? e : { ...e, inputs: e.inputs.map(rename) };
    // The fast path reads hoisted columns as they are; its other inputs are renamed alike.
    const fast =
      e.fast === undefined
        ? undefined
        : { ...e.fast, inputs: e.fast.inputs.map((x) => (isHoisted(x) ? x : rename(x))) };
    return {
      ...mapped,
      loop: loopOf(mapped, lookups),
      rename,
      fast: fast === undefined ? undefined : { code: fast, loop: loopOf(fast, lookups) },
    };
  });
  const ownInputs = new Set(
    config.strategies.filter((s) => Object.keys(s.inputs).length > 0).map((s) => s.name),
  );
  const hoisted = hoistedColumns(
    program.hoisted ?? [],
    (code) => loopOf(code, lookups),
    config.strategies.map((s) => s.name),
    (strategy) => !ownInputs.has(strategy),
  );
  const hoistedNames = new Set((program.hoisted ?? []).map((h) => h.name));
  const names = config.strategies.map((s) => s.name);
  const staticEntries = entries.flatMap((e, k) => (e.timeDependent ? [] : [k]));
  const ownColumns = [...derived.map((d) => d.name), ...staticEntries.map(entryColumn)];
  let buffers: Record<string, Float64Array> = {};
  let capacity = 0;

  const extendColumns = (
    columns: Readonly<Record<string, Float64Array>>,
    chunk: ChunkInfo,
  ): Record<string, Float64Array> => {
    const { n, start, where } = chunk;
    if (capacity < n) {
      capacity = n;
      buffers = Object.fromEntries(ownColumns.map((name) => [name, new Float64Array(n)]));
    }
    const all: Record<string, Float64Array> = { ...columns };
    for (const name of ownColumns) all[name] = (buffers[name] as Float64Array).subarray(0, n);
    for (const d of derived) {
      runChecked(
        d.loop,
        d,
        d.inputs.map((x) => all[x] as Float64Array),
        all[d.name] as Float64Array,
        n,
        { start, where },
      );
    }
    for (const k of staticEntries) {
      const e = entries[k] as (typeof entries)[number];
      runChecked(
        e.loop,
        e,
        e.inputs.map((x) => all[x] as Float64Array),
        all[entryColumn(k)] as Float64Array,
        n,
        { start, where },
      );
    }
    return all;
  };

  /** A value as the cohort engine takes it: a number, a column or a fill. */
  const cohortValue = (ref: ValueRef, tunnel: boolean): number | string | CohortFill => {
    if ("value" in ref) return ref.value;
    const e = entries[ref.entry] as (typeof entries)[number];
    if (!e.timeDependent) return entryColumn(ref.entry);
    // Called every cycle: the input columns go into the same array each time (and are let go
    // after the call, so that no chunk is kept alive), so that a cycle allocates nothing.
    const inputs: Float64Array[] = e.inputs.map(() => NO_COLUMN);
    // The fast path, when every hoisted column it reads was compiled (hoisted-columns.ts).
    const fast = e.fast?.code.inputs.every(
      (x) => !isHoisted(x) || hoistedNames.has(x.slice(HOISTED.length)),
    )
      ? e.fast
      : undefined;
    const strategy = e.strategy ?? "";
    const fastColumns: Float64Array[] = (fast?.code.inputs ?? []).map(() => NO_COLUMN);
    return (out: Float64Array, ctx: CycleContext) => {
      if (
        fast !== undefined &&
        hoisted.fill(fast.code, fast.loop, e.probability, e.rename, strategy, fastColumns, out, ctx)
      ) {
        return;
      }
      for (let k = 0; k < inputs.length; k++) {
        inputs[k] = ctx.p[e.inputs[k] as string] as Float64Array;
      }
      try {
        runCheckedAt(e.loop, e, inputs, out, ctx.n, ctx.start, ctx.where, ctx.t, ctx.tau, tunnel);
      } finally {
        inputs.fill(NO_COLUMN);
      }
    };
  };

  const parameters = { ...config.inputs, ...own.parameters };
  const parameterNames = Object.entries(parameters).flatMap(([name, spec]) =>
    spec.type === "dirichlet" ? Object.keys("alpha" in spec ? spec.alpha : spec.mean) : [name],
  );
  const base = {
    name: program.name,
    description: program.title,
    parameters: parameters as Readonly<Record<string, ParameterSpec>>,
    parameterNames,
    derived: config.derived,
    correlations: config.correlations,
    strategies: names,
    extendColumns,
  };

  if (program.model.kind === "formula") {
    const outcomes = program.model.outcomes;
    const strategies = program.model.strategies.filter((s) => names.includes(s.name));
    const fill = (
      ref: ValueRef,
      all: Record<string, Float64Array>,
      out: Float64Array,
      n: number,
    ) => {
      if ("value" in ref) out.fill(ref.value, 0, n);
      else out.set((all[entryColumn(ref.entry)] as Float64Array).subarray(0, n));
    };
    return Object.freeze({
      ...base,
      outcomes,
      evaluate(
        params: Readonly<Record<string, Float64Array>>,
        out: ModelOutput<string, string>,
        chunk: ChunkInfo,
      ) {
        const all = extendColumns(params, chunk);
        for (const s of strategies) {
          fill(s.cost, all, out.cost[s.name] as Float64Array, chunk.n);
          fill(s.effect, all, out.effect[s.name] as Float64Array, chunk.n);
          for (const o of outcomes) {
            fill(
              s.outcomes[o] as ValueRef,
              all,
              (out.outcomes[o] as Record<string, Float64Array>)[s.name] as Float64Array,
              chunk.n,
            );
          }
        }
      },
    });
  }

  const m: MarkovProgram = program.model;
  const cycles = Math.max(1, Math.round(config.horizonYears / m.cycleYears));
  const discount =
    config.discountGiven === true
      ? { costs: config.discount.costs, effects: config.discount.outcomes }
      : m.discount;
  const tunnel = (s: string) => Object.hasOwn(m.tunnels, s);
  const strategies = m.strategies.filter((s) => names.includes(s.name));
  const mapRow = <T>(table: Readonly<Record<string, T>>, f: (v: T, key: string) => unknown) =>
    Object.fromEntries(Object.entries(table).map(([k, v]) => [k, f(v, k)]));
  const cost = "cost";
  const effect = program.effect.key === cost ? "effect" : program.effect.key;
  const definition: LooseDefinition = {
    name: program.name,
    states: m.states,
    tunnels: m.tunnels,
    initial: mapRow(m.initial, (v) => (v === "rest" ? REST : cohortValue(v, false))) as never,
    cycles,
    cycleLength: m.cycleYears,
    rowTolerance: ROW_SUM_TOLERANCE,
    conventions: {
      counting: m.rewardsOn,
      correction: m.correction,
      discount,
      discountAt: m.discountAt,
    },
    outcomes: { [cost]: "costs", [effect]: "effects" },
    cost,
    effect,
    strategies: Object.fromEntries(
      strategies.map((s) => [
        s.name,
        {
          transitions: mapRow(s.transitions, (row, from) =>
            mapRow(row, (v) => (v === "rest" ? REST : cohortValue(v, tunnel(from)))),
          ),
          rewards: {
            [cost]: mapRow(s.stateCosts, (v, st) => cohortValue(v, tunnel(st))),
            [effect]: mapRow(s.stateEffects, (v, st) => cohortValue(v, tunnel(st))),
          },
          transitionRewards: {
            [cost]: mapRow(s.transitionCosts, (row, from) =>
              mapRow(row, (v) => cohortValue(v, tunnel(from))),
            ),
            [effect]: mapRow(s.transitionEffects, (row, from) =>
              mapRow(row, (v) => cohortValue(v, tunnel(from))),
            ),
          },
        },
      ]),
    ) as never,
  };
  const columns = [...parameterNames, ...Object.keys(config.derived), ...ownColumns];
  const plan = compileCohort(definition, columns);
  const kernel = cohortEvaluator(plan);
  const initialLoops = strategies.map((s) => ({
    name: s.name,
    cost: s.initialCost,
    effect: s.initialEffect,
  }));
  const scratch = { buffer: new Float64Array(0) };
  const addInitial = (
    ref: ValueRef | undefined,
    all: Record<string, Float64Array>,
    target: Float64Array,
    n: number,
    start: number,
    where: ChunkInfo["where"],
  ) => {
    if (ref === undefined) return;
    if ("value" in ref) {
      for (let i = 0; i < n; i++) target[i] = (target[i] as number) + ref.value;
      return;
    }
    const e = entries[ref.entry] as (typeof entries)[number];
    let values: Float64Array;
    if (e.timeDependent) {
      if (scratch.buffer.length < n) scratch.buffer = new Float64Array(n);
      values = scratch.buffer.subarray(0, n);
      runChecked(
        e.loop,
        e,
        e.inputs.map((x) => all[x] as Float64Array),
        values,
        n,
        { start, where, t: 0 },
      );
    } else values = all[entryColumn(ref.entry)] as Float64Array;
    for (let i = 0; i < n; i++) target[i] = (target[i] as number) + (values[i] as number);
  };
  const rowAt = Object.fromEntries(m.strategies.map((s) => [s.name, s.rowAt]));
  return Object.freeze({
    ...base,
    outcomes: [],
    cohort: plan,
    states: m.states,
    evaluate(
      params: Readonly<Record<string, Float64Array>>,
      out: ModelOutput<string, string>,
      chunk: ChunkInfo,
    ) {
      const all = extendColumns(params, chunk);
      try {
        kernel(all, out, chunk);
      } catch (e) {
        throw locateRowError(e, rowAt, program.name);
      }
      for (const s of initialLoops) {
        const { n, start, where } = chunk;
        addInitial(s.cost, all, out.cost[s.name] as Float64Array, n, start, where);
        addInitial(s.effect, all, out.effect[s.name] as Float64Array, n, start, where);
      }
    },
  });
}

/**
 * The cohort engine's error for a row (a sum that is not 1, a negative rest) located at the
 * row in the model file; other errors as they are.
 */
function locateRowError(
  e: unknown,
  rowAt: Readonly<Record<string, Readonly<Record<string, SourceLocation>>>>,
  model: string,
): unknown {
  if (!(e instanceof ModelError)) return e;
  const m = /strategy "([^"]+)", state "([^"]+)"/.exec(e.message);
  const at = m === null ? undefined : rowAt[m[1] as string]?.[m[2] as string];
  if (at === undefined) return e;
  const message = e.message
    .replace(`model ${model}: `, "")
    .replace(
      "give one entry as C, the rest of the row",
      "give one entry as rest, the rest of the row",
    );
  return new InputError({ ...at, message });
}

/** The columns a strategy's own inputs add (see {@link strategyColumns}). */
interface StrategyColumns {
  /** The sampled inputs of strategies, named `input__strategy`. */
  readonly parameters: Readonly<Record<string, ParameterSpec>>;
  /** The derived values that read them, recomputed per strategy as `name__strategy`. */
  readonly derived: readonly DerivedProgram[];
  /** The column a strategy's expression reads for a name. */
  column(strategy: string): (name: string) => string;
}

/**
 * Inputs a scenario gives one strategy (`strategies.<name>.inputs`): each becomes a sampled
 * column `input__strategy`, drawn on its own; every derived value that reads it, directly or
 * through other derived values, is recomputed for that strategy; and that strategy's
 * expressions read those columns instead of the shared ones.
 *
 * @example
 * ```ts
 * const own = strategyColumns(program, config);
 * own.column("comb")("rr"); // "rr__comb" when the scenario sets rr for comb
 * ```
 */
export function strategyColumns(program: ModelProgram, config: ModelConfig): StrategyColumns {
  const parameters: Record<string, ParameterSpec> = {};
  const derived: DerivedProgram[] = [];
  const renamed = new Map<string, Set<string>>();
  for (const s of config.strategies) {
    const names = new Set<string>();
    // Model files have no Dirichlet groups, so each input is one column.
    for (const [name, spec] of Object.entries(s.inputs)) {
      parameters[`${name}__${s.name}`] = spec;
      names.add(name);
    }
    if (names.size === 0) continue;
    // Derived values are in dependency order, so one pass finds every one that is affected.
    for (const d of program.derived) {
      if (!d.inputs.some((x) => names.has(x))) continue;
      derived.push({
        ...d,
        name: `${d.name}__${s.name}`,
        inputs: d.inputs.map((x) => (names.has(x) ? `${x}__${s.name}` : x)),
      });
      names.add(d.name);
    }
    renamed.set(s.name, names);
  }
  return {
    parameters,
    derived,
    column: (strategy) => {
      const names = renamed.get(strategy);
      return (name) => (names?.has(name) === true ? `${name}__${strategy}` : name);
    },
  };
}
