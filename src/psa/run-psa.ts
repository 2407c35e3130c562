/**
 * Probabilistic sensitivity analysis: sample every parameter, evaluate the model chunk by chunk
 * and collect the results as {@link CeSamples} plus the parameter draws and secondary outcomes.
 *
 * Reproducibility does not depend on how the work is split. Random numbers are drawn in fixed
 * blocks of {@link BLOCK} samples, and block b of sampling unit u (a parameter, a correlated
 * group or a Dirichlet group, numbered in definition order) always uses the stream
 * `Rng.create(seed, u · 2³² + b)`. A chunk regenerates the blocks it overlaps, so any chunk size
 * and any number of workers give bit-identical results for the same seed.
 *
 * @module
 */

import { allWithinMagnitude, limitText, MAX_MAGNITUDE, MAX_SAMPLES } from "../analysis/limits.js";
import { type CeSamples, createCeSamples } from "../analysis/samples.js";
import { Rng } from "../core/rng.js";
import { valueText } from "../core/value-text.js";
import { createDistribution } from "../distributions/create.js";
import { createDirichlet, type Dirichlet } from "../distributions/dirichlet.js";
import type { Distribution } from "../distributions/distribution.js";
import { InputError, ModelError } from "../errors.js";
import type { Model, ModelOutput, ParameterSpec } from "../model/define-model.js";
import {
  type CompiledExpression,
  compileDerived,
  type ExpressionSource,
  fromSource,
} from "../model/expressions.js";
import { choleskyOfCorrelation } from "./correlation.js";
import { computeDerived } from "./derived-values.js";
import { type NormalScoreQuantile, normalScoreQuantile } from "./quantile-table.js";

/** Samples per random-number block; fixed, so that results never depend on chunking. */
export const BLOCK = 1024;

const STREAMS_PER_UNIT = 2 ** 32;

/** One thing sampled from its own streams. */
type Unit =
  | { readonly kind: "independent"; readonly name: string; readonly dist: Distribution }
  | {
      readonly kind: "copula";
      readonly group: string;
      readonly names: readonly string[];
      readonly dists: readonly Distribution[];
      readonly tables: readonly NormalScoreQuantile[];
      readonly chol: Float64Array;
    }
  | {
      readonly kind: "dirichlet";
      readonly names: readonly string[];
      readonly dirichlet: Dirichlet;
    };

/** A model made ready to run: distributions created, matrices factorised, expressions compiled. */
export interface PreparedModel {
  /** Marks a prepared model, so that functions taking a model or a prepared one tell them apart. */
  readonly prepared: true;
  readonly model: Model;
  readonly units: readonly Unit[];
  readonly derived: readonly CompiledExpression[];
  /** Sampled names then derived names: the columns handed to `evaluate`. */
  readonly columns: readonly string[];
}

/** Creates a distribution, naming the parameter in any error. */
function distributionOf(name: string, spec: ParameterSpec): Distribution {
  try {
    return createDistribution(spec as Parameters<typeof createDistribution>[0]);
  } catch (e) {
    if (e instanceof InputError)
      throw new InputError({ ...e.issue, field: e.issue.field ?? `parameters.${name}` });
    throw e;
  }
}

/** A model, or one already prepared (which every run function takes as it is). */
export type ModelOrPrepared = Model | PreparedModel;

/**
 * Whether `x` is a prepared model rather than a model.
 *
 * @example
 * ```ts
 * isPrepared(await prepareModel(model)); // true
 * isPrepared(model); // false
 * ```
 */
export function isPrepared(x: ModelOrPrepared): x is PreparedModel {
  return (x as Partial<PreparedModel>).prepared === true;
}

/**
 * Checks and compiles a model's distributions, correlations and derived expressions. A model
 * that is already prepared is returned as it is, so a run prepares its model once and hands the
 * result to the base case, the PSA and the sensitivity analyses.
 *
 * @example
 * ```ts
 * const prepared = await prepareModel(model);
 * prepared.columns; // ["salary", "fte", ..., "staff_cost"]
 * await prepareModel(prepared) === prepared; // true
 * ```
 */
export async function prepareModel(
  input: ModelOrPrepared,
  precompiled?: readonly ExpressionSource[],
): Promise<PreparedModel> {
  if (isPrepared(input)) return input;
  const model = input;
  const groupOf = new Map<string, number>();
  model.correlations.forEach((c, g) => {
    for (const name of c.parameters) {
      const spec = model.parameters[name];
      if (spec === undefined) {
        throw new InputError({
          field: `correlations.${c.name}`,
          message: `unknown parameter "${name}"`,
        });
      }
      if (spec.type === "dirichlet") {
        throw new InputError({
          field: `correlations.${c.name}`,
          message: `"${name}" is a Dirichlet group; only single parameters can be correlated`,
        });
      }
      if (groupOf.has(name)) {
        throw new InputError({
          field: `correlations.${c.name}`,
          message: `"${name}" is already in another correlation`,
        });
      }
      groupOf.set(name, g);
    }
  });
  const units: Unit[] = [];
  const placedGroups = new Set<number>();
  for (const [name, spec] of Object.entries(model.parameters)) {
    if (spec.type === "dirichlet") {
      const dirichlet = createDirichlet(spec);
      units.push({ kind: "dirichlet", names: dirichlet.names, dirichlet });
      continue;
    }
    const g = groupOf.get(name);
    if (g === undefined) {
      units.push({ kind: "independent", name, dist: distributionOf(name, spec) });
      continue;
    }
    if (placedGroups.has(g)) continue;
    placedGroups.add(g);
    const c = model.correlations[g] as (typeof model.correlations)[number];
    const dists = c.parameters.map((p) => distributionOf(p, model.parameters[p] as ParameterSpec));
    let tables: readonly NormalScoreQuantile[] | undefined;
    units.push({
      kind: "copula",
      group: c.name,
      names: c.parameters,
      dists,
      // Tabulated when first sampled: a model that is only checked (validate, the base case)
      // never needs them, and each costs thousands of quantile evaluations.
      get tables() {
        tables ??= dists.map((d) => normalScoreQuantile(d));
        return tables;
      },
      chol: choleskyOfCorrelation(c.name, c.parameters, c.matrix, c.scale ?? "spearman"),
    });
  }
  const derived =
    precompiled === undefined
      ? await compileDerived(model.derived, model.parameterNames)
      : precompiled.map((e) => fromSource(e));
  return {
    prepared: true,
    model,
    units,
    derived,
    columns: [...model.parameterNames, ...derived.map((d) => d.name)],
  };
}

/** Fills `out[0..n)` with samples [start, start + n) of one unit's stream blocks. */
function sampleUnit(
  unit: Unit,
  u: number,
  seed: string | number,
  start: number,
  n: number,
  outs: readonly Float64Array[],
  scratch: Float64Array[],
): void {
  const first = Math.floor(start / BLOCK);
  const last = Math.floor((start + n - 1) / BLOCK);
  for (let b = first; b <= last; b++) {
    const rng = Rng.create(seed, u * STREAMS_PER_UNIT + b);
    const from = Math.max(start, b * BLOCK) - b * BLOCK; // offset inside the block
    const to = Math.min(start + n, (b + 1) * BLOCK) - b * BLOCK;
    const at = b * BLOCK + from - start; // offset inside the chunk
    // A block wholly inside the chunk is drawn straight into the output (the same numbers: a
    // block always has BLOCK draws); a partial one through scratch, keeping the part needed.
    const whole = from === 0 && to === BLOCK;
    const targets = whole ? outs.map((o) => o.subarray(at, at + BLOCK)) : scratch;
    if (unit.kind === "independent") {
      unit.dist.sample(rng, targets[0] as Float64Array);
    } else if (unit.kind === "dirichlet") {
      unit.dirichlet.sample(rng, targets);
    } else {
      const m = unit.names.length;
      const z = scratch[m] as Float64Array;
      rng.fillNormal(z);
      const l = unit.chol;
      for (let r = 0; r < m; r++) {
        const target = targets[r] as Float64Array;
        const table = unit.tables[r] as NormalScoreQuantile;
        for (let t = from; t < to; t++) {
          let y = 0;
          for (let c = 0; c <= r; c++) y += (l[r * m + c] as number) * (z[c * BLOCK + t] as number);
          target[t] = table.at(y);
        }
      }
    }
    if (!whole) {
      for (let r = 0; r < outs.length; r++) {
        (outs[r] as Float64Array).set((scratch[r] as Float64Array).subarray(from, to), at);
      }
    }
  }
}

function scratchFor(unit: Unit): Float64Array[] {
  if (unit.kind === "independent") return [new Float64Array(BLOCK)];
  const m = unit.names.length;
  const buffers = Array.from({ length: m }, () => new Float64Array(BLOCK));
  if (unit.kind === "copula") buffers.push(new Float64Array(m * BLOCK));
  return buffers;
}

/** Output arrays of one chunk. */
export interface ChunkArrays {
  /** One array per column of {@link PreparedModel.columns}, each of the chunk's length. */
  readonly columns: Readonly<Record<string, Float64Array>>;
  readonly output: ModelOutput<string, string>;
}

/**
 * Allocates (or views) the arrays of one chunk.
 *
 * @example
 * ```ts
 * const arrays = chunkArrays(prepared, 1000);
 * ```
 */
export function chunkArrays(prepared: PreparedModel, n: number): ChunkArrays {
  const { model } = prepared;
  const per = () => Object.fromEntries(model.strategies.map((s) => [s, new Float64Array(n)]));
  return {
    columns: Object.fromEntries(prepared.columns.map((c) => [c, new Float64Array(n)])),
    output: {
      cost: per(),
      effect: per(),
      outcomes: Object.fromEntries(model.outcomes.map((o) => [o, per()])),
    },
  };
}

/**
 * Throws a {@link ModelError} naming the first output of an evaluation that is NaN, ±Infinity
 * or beyond ±{@link MAX_MAGNITUDE}: the row (`label(i)`, e.g. "sample 17" or "base case"), the
 * strategy, the output and the value of every parameter and derived column in that row, or,
 * when the rows start from a `base` setting, of those that differ from it. Every evaluation (PSA
 * chunk, base case, DSA points) goes through it.
 *
 * @example
 * ```ts
 * checkOutputs(prepared, arrays, 1000, (i) => `sample ${i + 1}`);
 * ```
 */
export function checkOutputs(
  prepared: PreparedModel,
  arrays: ChunkArrays,
  n: number,
  label: (row: number) => string,
  base?: Readonly<Record<string, number>>,
): void {
  const { model } = prepared;
  const report = (strategy: string, what: string, i: number, value: number): never => {
    const at = (c: string) => (arrays.columns[c] as Float64Array)[i] as number;
    // Rows that start from one setting (sensitivity points) name only what differs from it.
    const shown = prepared.columns.filter((c) => base === undefined || !Object.is(at(c), base[c]));
    const values = [
      ...shown.map((c) => `${c} = ${valueText(at(c))}`),
      ...(shown.length < prepared.columns.length ? ["every other at its base-case value"] : []),
    ].join(", ");
    const beyond = Number.isFinite(value)
      ? `, beyond the limit of ±${limitText(MAX_MAGNITUDE)}`
      : "";
    throw new ModelError(
      `model ${model.name}: ${label(i)}, strategy "${strategy}": ${what} is ${valueText(value)}${beyond} (parameters: ${values})`,
      strategy,
    );
  };
  for (const s of model.strategies) {
    const lists: [string, Float64Array][] = [
      ["cost", arrays.output.cost[s] as Float64Array],
      ["effect", arrays.output.effect[s] as Float64Array],
      ...model.outcomes.map((o): [string, Float64Array] => [
        `outcome ${o}`,
        (arrays.output.outcomes[o] as Record<string, Float64Array>)[s] as Float64Array,
      ]),
    ];
    for (const [what, x] of lists) {
      if (allWithinMagnitude(x, n)) continue;
      for (let i = 0; i < n; i++) {
        if (!(Math.abs(x[i] as number) <= MAX_MAGNITUDE)) report(s, what, i, x[i] as number);
      }
    }
  }
}

/** How the rows of one evaluation are named in its messages. */
export interface RowLabels {
  /** For a derived value out of its domain, e.g. "in sample 17", "at the base case". */
  readonly derived: (row: number) => string;
  /** For a model output that is not a usable number, e.g. "sample 17", "base case". */
  readonly output: (row: number) => string;
  /**
   * Whether the rows are something other than samples (the base case, sensitivity points): the
   * model's own messages then name them as `derived` does, not as "sample N".
   */
  readonly notSamples?: boolean;
  /**
   * The setting every row starts from (sensitivity points: the base case), when there is one: a
   * message then lists only the columns whose value differs from it.
   */
  readonly base?: Readonly<Record<string, number>>;
}

/**
 * The one evaluation path of every run (PSA chunk, base case, DSA and threshold points): the
 * derived values, checked against the domain of any input they replace; the model; and its
 * outputs, checked for NaN, ±Infinity and magnitude. `arrays` holds n rows whose parameter
 * columns are filled; `start` is the first row's index in the run.
 *
 * @example
 * ```ts
 * evaluateRows(prepared, arrays, n, 0, { derived: () => "at the base case", output: () => "base case" });
 * ```
 */
export function evaluateRows(
  prepared: PreparedModel,
  arrays: ChunkArrays,
  n: number,
  start: number,
  labels: RowLabels,
): void {
  computeDerived(prepared.derived, arrays.columns, n, labels.derived);
  const where =
    labels.notSamples === true ? (row: number) => labels.derived(row - start) : undefined;
  prepared.model.evaluate(arrays.columns, arrays.output, { n, start, where });
  checkOutputs(prepared, arrays, n, labels.output, labels.base);
}

/**
 * Samples and evaluates samples [start, start + n) into `arrays` (which must have length n).
 * Deterministic in (seed, start, n): this is what every worker runs.
 *
 * @example
 * ```ts
 * const arrays = chunkArrays(prepared, 1000);
 * runChunk(prepared, "seed", 5000, 1000, arrays);
 * ```
 */
export function runChunk(
  prepared: PreparedModel,
  seed: string | number,
  start: number,
  n: number,
  arrays: ChunkArrays,
): void {
  prepared.units.forEach((unit, u) => {
    const names = unit.kind === "independent" ? [unit.name] : unit.names;
    const outs = names.map((name) => arrays.columns[name] as Float64Array);
    sampleUnit(unit, u, seed, start, n, outs, scratchFor(unit));
  });
  evaluateRows(prepared, arrays, n, start, {
    derived: (i) => `in sample ${start + i + 1}`,
    output: (i) => `sample ${start + i + 1}`,
  });
}

/** Options of {@link runPsa}. */
export interface PsaOptions {
  /** Number of samples. */
  readonly samples: number;
  /** Seed: any string or number. */
  readonly seed: string | number;
  /** Samples per chunk (default 10,000); never changes the results. */
  readonly chunkSize?: number;
  /** Called after each chunk with the samples done so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Parameter (and derived) columns whose draws are returned (default: all). The others are
   * sampled into chunk-sized scratch arrays and dropped, which saves 8 bytes per sample per
   * column: 264 MB for a 33-parameter model at 10⁶ samples. Never changes the results.
   */
  readonly keepParameters?: readonly string[];
}

/** Results of a PSA run. */
export interface PsaResult<
  N extends string = string,
  S extends string = string,
  O extends string = string,
> {
  readonly seed: string | number;
  /** Costs and effects per strategy, ready for the analysis functions. */
  readonly samples: CeSamples;
  /** Draws of every sampled and derived parameter (those in `keepParameters`, if given). */
  readonly parameters: Readonly<Record<N, Float64Array>>;
  /** Secondary outcomes per outcome and strategy. */
  readonly outcomes: Readonly<Record<O, Readonly<Record<S, Float64Array>>>>;
}

/** {@link MAX_SAMPLES} with thousands separators, for messages. */
const MAX_SAMPLES_TEXT = String(MAX_SAMPLES).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * What a caller gave for an option, for a message: "none given", a number as `valueText` writes
 * it ("not a number", "infinity"), a text quoted, and anything else by its kind ("an object").
 */
function givenText(value: unknown): string {
  if (value === undefined) return "none given";
  if (typeof value === "number") return `got ${valueText(value)}`;
  if (typeof value === "string") return `got ${JSON.stringify(value)}`;
  if (value === null) return "got null";
  return `got ${Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`}`;
}

/** Checks the sample count and chunk size. */
export function checkRunOptions(options: PsaOptions): number {
  if (typeof options !== "object" || options === null) {
    throw new InputError({
      field: "options",
      message: "expected the run's options, such as { samples: 10000, seed: 1 }",
    });
  }
  const { samples } = options;
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES) {
    throw new InputError({
      field: "samples",
      message: `expected a whole number from 1 to ${MAX_SAMPLES_TEXT}, ${givenText(samples)}`,
    });
  }
  const seed: unknown = options.seed;
  if (!(typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed)))) {
    throw new InputError({
      field: "seed",
      message: `expected a text or a finite number (the same seed gives the same draws), ${givenText(seed)}`,
    });
  }
  const chunkSize = options.chunkSize ?? 10_000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new InputError({
      field: "chunkSize",
      message: `expected a positive whole number, ${givenText(chunkSize)}`,
    });
  }
  return chunkSize;
}

/**
 * Whole-run arrays, with chunk views onto them so that chunks are written in place.
 */
export interface RunArrays extends RunBuffers {
  /** Views of samples [start, start + n) of every array. */
  view(start: number, n: number): ChunkArrays;
}

/** The whole-run arrays themselves (what {@link runArraysOver} wraps). */
export interface RunBuffers {
  readonly parameters: Record<string, Float64Array>;
  readonly cost: Float64Array;
  readonly effect: Float64Array;
  readonly outcomes: Record<string, Record<string, Float64Array>>;
}

/**
 * Allocates the arrays of a whole run; with `shared`, on SharedArrayBuffers that worker
 * threads write into directly.
 *
 * @example
 * ```ts
 * const run = runArrays(prepared, 100000);
 * runChunk(prepared, seed, 0, 10000, run.view(0, 10000));
 * ```
 */
export function runArrays(
  prepared: PreparedModel,
  total: number,
  shared = false,
  keep: readonly string[] = prepared.columns,
): RunArrays {
  const { strategies, outcomes } = prepared.model;
  const make = (length: number) =>
    shared ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
  const kept = new Set(keep);
  return runArraysOver(prepared, total, {
    parameters: Object.fromEntries(
      prepared.columns.filter((c) => kept.has(c)).map((c) => [c, make(total)]),
    ),
    cost: make(strategies.length * total),
    effect: make(strategies.length * total),
    outcomes: Object.fromEntries(
      outcomes.map((o) => [o, Object.fromEntries(strategies.map((s) => [s, make(total)]))]),
    ),
  });
}

/**
 * Wraps existing whole-run arrays (e.g. shared ones received by a worker) with chunk views.
 * Parameter columns missing from `buffers` are given scratch arrays, reused from one view to
 * the next (views are used one at a time).
 *
 * @example
 * ```ts
 * const run = runArraysOver(prepared, total, buffersFromMainThread);
 * ```
 */
export function runArraysOver(
  prepared: PreparedModel,
  total: number,
  buffers: RunBuffers,
): RunArrays {
  const { strategies, outcomes } = prepared.model;
  const { parameters, cost, effect } = buffers;
  const outcomeArrays = buffers.outcomes;
  const scratch = new Map<string, Float64Array>();
  const scratchOf = (c: string, n: number) => {
    let x = scratch.get(c);
    if (x === undefined || x.length < n) {
      x = new Float64Array(n);
      scratch.set(c, x);
    }
    return x.subarray(0, n);
  };
  return {
    parameters,
    cost,
    effect,
    outcomes: outcomeArrays,
    view(start, n) {
      const per = (flat: Float64Array) =>
        Object.fromEntries(
          strategies.map((s, j) => [s, flat.subarray(j * total + start, j * total + start + n)]),
        );
      const slice = (x: Float64Array) => x.subarray(start, start + n);
      return {
        columns: Object.fromEntries(
          prepared.columns.map((c) => {
            const whole = parameters[c];
            return [c, whole === undefined ? scratchOf(c, n) : slice(whole)];
          }),
        ),
        output: {
          cost: per(cost),
          effect: per(effect),
          outcomes: Object.fromEntries(
            outcomes.map((o) => [
              o,
              Object.fromEntries(
                strategies.map((s) => [
                  s,
                  slice((outcomeArrays[o] as Record<string, Float64Array>)[s] as Float64Array),
                ]),
              ),
            ]),
          ),
        },
      };
    },
  };
}

/**
 * Turns whole-run arrays into a {@link PsaResult}.
 */
export function psaResult(
  prepared: PreparedModel,
  run: RunArrays,
  seed: string | number,
): PsaResult {
  return {
    seed,
    samples: createCeSamples({
      strategies: prepared.model.strategies,
      cost: run.cost,
      effect: run.effect,
    }),
    parameters: run.parameters,
    outcomes: run.outcomes,
  };
}

/**
 * Runs a PSA on the current thread, chunk by chunk (in the browser too). For worker threads in
 * Node, see `runPsaParallel` in `ceakit/node`; it gives bit-identical results.
 *
 * @example
 * ```ts
 * const result = await runPsa(model, { samples: 10000, seed: 20240917 });
 * analysePsa(result.samples, { wtp: [20000] });
 * result.parameters.salary; // the salary draws
 * ```
 */
export async function runPsa<N extends string, S extends string, O extends string>(
  model: Model<N, S, O> | PreparedModel,
  options: PsaOptions,
): Promise<PsaResult<N, S, O>> {
  const chunkSize = checkRunOptions(options);
  const prepared = await prepareModel(model as ModelOrPrepared);
  const total = options.samples;
  const run = runArrays(prepared, total, false, options.keepParameters);
  for (let start = 0; start < total; start += chunkSize) {
    const n = Math.min(chunkSize, total - start);
    runChunk(prepared, options.seed, start, n, run.view(start, n));
    options.onProgress?.(start + n, total);
  }
  return psaResult(prepared, run, options.seed) as unknown as PsaResult<N, S, O>;
}
