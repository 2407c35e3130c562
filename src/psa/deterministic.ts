/**
 * Deterministic sensitivity analysis: the model evaluated at chosen parameter values with every
 * other parameter at its point value. One-way analysis (tornado data), two-way grids and
 * threshold analysis (where the optimal strategy changes) are built on {@link evaluatePoints}.
 *
 * @module
 */

import { InputError } from "../errors.js";
import { pointValues } from "./base-case.js";
import {
  chunkArrays,
  evaluateRows,
  type ModelOrPrepared,
  type PreparedModel,
  prepareModel,
} from "./run-psa.js";

/** Costs and effects of every strategy at a set of points: `cost[r * S + j]`. */
export interface PointResults {
  readonly strategies: readonly string[];
  readonly cost: Float64Array;
  readonly effect: Float64Array;
}

/** "irr_s47 = 1.1" for messages: the values a point sets. */
function describePoint(point: Readonly<Record<string, number>> | undefined): string {
  const set = Object.entries(point ?? {});
  return set.length === 0 ? "point values" : set.map(([k, v]) => `${k} = ${v}`).join(", ");
}

/**
 * Evaluates a prepared model at `points.length` parameter settings at once: each point sets
 * some parameters; the rest stay at their point values. Derived expressions are recomputed.
 *
 * @example
 * ```ts
 * const r = evaluatePoints(prepared, [{ irr_s47: 0.9 }, { irr_s47: 1.1 }]);
 * r.cost[1 * 2 + 1]; // cost of the second strategy at irr_s47 = 1.1
 * ```
 */
export function evaluatePoints(
  prepared: PreparedModel,
  points: readonly Readonly<Record<string, number>>[],
): PointResults {
  const n = points.length;
  const arrays = chunkArrays(prepared, n);
  const base = pointValues(prepared);
  for (const [name, value] of Object.entries(base))
    (arrays.columns[name] as Float64Array).fill(value);
  points.forEach((point, r) => {
    for (const [name, value] of Object.entries(point)) {
      const column = arrays.columns[name];
      if (column === undefined || !(name in base)) {
        throw new InputError({
          field: name,
          message: `not a sampled parameter of ${prepared.model.name}`,
        });
      }
      column[r] = value;
    }
  });
  evaluateRows(prepared, arrays, n, 0, {
    derived: (r) => `at sensitivity point ${r + 1}`,
    output: (r) => `point ${r + 1} (${describePoint(points[r])})`,
    notSamples: true,
    base,
  });
  const { strategies } = prepared.model;
  const S = strategies.length;
  const cost = new Float64Array(n * S);
  const effect = new Float64Array(n * S);
  strategies.forEach((s, j) => {
    const c = arrays.output.cost[s] as Float64Array;
    const e = arrays.output.effect[s] as Float64Array;
    for (let r = 0; r < n; r++) {
      cost[r * S + j] = c[r] as number;
      effect[r * S + j] = e[r] as number;
    }
  });
  return { strategies, cost, effect };
}

/** Incremental cost and effect of a strategy against the comparator. */
export interface Increment {
  readonly cost: number;
  readonly effect: number;
}

/** One bar of a tornado diagram. */
export interface TornadoBar {
  readonly parameter: string;
  readonly low: number;
  readonly high: number;
  /** Incremental NMB of `strategy` vs the comparator at the low and high values. */
  readonly inmbLow: number;
  readonly inmbHigh: number;
  /** ICER of `strategy` vs the comparator at the low and high values (null if ΔE = 0). */
  readonly icerLow: number | null;
  readonly icerHigh: number | null;
  /** The increments behind each ICER (an ICER means nothing without its quadrant). */
  readonly lowIncrement: Increment;
  readonly highIncrement: Increment;
  /** |inmbHigh − inmbLow|: bars are sorted by it, largest first. */
  readonly swing: number;
  /** The parameter's point value, where the other bars hold it (it may lie outside low–high). */
  readonly base: number;
}

/** Options of {@link oneWayDsa}. */
export interface OneWayOptions {
  /**
   * Parameters to vary (default: every sampled univariate parameter that is not fixed, and a
   * fixed one that `ranges` gives a range).
   */
  readonly parameters?: readonly string[];
  /** Low and high values per parameter (default: the 2.5% and 97.5% quantiles). */
  readonly ranges?: Readonly<Record<string, readonly [number, number]>>;
  /** WTP at which incremental net monetary benefit is computed. */
  readonly wtp: number;
  /** The strategy compared (default: the second) and the comparator (default: the first). */
  readonly strategy?: string;
  readonly comparator?: string;
}

/** One-way DSA results: the base case and the tornado bars. */
export interface OneWayResult {
  readonly strategy: string;
  readonly comparator: string;
  readonly wtp: number;
  readonly baseInmb: number;
  readonly baseIcer: number | null;
  readonly base: Increment;
  readonly bars: TornadoBar[];
}

/** Names and distributions of the univariate sampled parameters (Dirichlet components excluded). */
function univariate(prepared: PreparedModel) {
  const out = new Map<string, { quantile(p: number): number; fixed: boolean }>();
  for (const unit of prepared.units) {
    if (unit.kind === "independent") {
      out.set(unit.name, {
        quantile: (p) => unit.dist.quantile(p),
        fixed: unit.dist.variance === 0,
      });
    } else if (unit.kind === "copula") {
      unit.names.forEach((name, r) => {
        const d = unit.dists[r] as (typeof unit.dists)[number];
        out.set(name, { quantile: (p) => d.quantile(p), fixed: d.variance === 0 });
      });
    }
  }
  return out;
}

/** The index of a strategy, or an InputError naming the option. */
function strategyAt(
  prepared: PreparedModel,
  name: string | undefined,
  fallback: number,
  field: string,
) {
  const { strategies } = prepared.model;
  if (name === undefined) return fallback;
  const j = strategies.indexOf(name);
  if (j < 0) {
    throw new InputError({
      field,
      message: `unknown strategy "${name}"; the model has ${strategies.join(", ")}`,
    });
  }
  return j;
}

/**
 * One-way deterministic sensitivity analysis: each parameter set to its low and its high value
 * in turn, the rest at their point values; tornado bars of the incremental net monetary benefit
 * at `wtp` (and the ICER), sorted by swing.
 *
 * @example
 * ```ts
 * const dsa = await oneWayDsa(model, { wtp: 20000 });
 * dsa.bars[0].parameter; // the parameter with the widest swing
 * ```
 */
export async function oneWayDsa(
  model: ModelOrPrepared,
  options: OneWayOptions,
): Promise<OneWayResult> {
  const prepared = await prepareModel(model);
  const S = prepared.model.strategies.length;
  const ref = strategyAt(prepared, options.comparator, 0, "comparator");
  const j = strategyAt(prepared, options.strategy, ref === 0 ? 1 : 0, "strategy");
  if (j === ref) {
    throw new InputError({
      field: "strategy",
      message: `"${prepared.model.strategies[j]}" is also the comparator: a strategy compared with itself has no sensitivity`,
    });
  }
  const dists = univariate(prepared);
  // By default every parameter that varies, and a fixed one that is given a range.
  const names =
    options.parameters ??
    [...dists]
      .filter(([name, d]) => !d.fixed || options.ranges?.[name] !== undefined)
      .map(([name]) => name);
  const ranges = names.map((name): [number, number] => {
    const given = options.ranges?.[name];
    if (given !== undefined) {
      if (!(given[0] <= given[1])) {
        throw new InputError({
          field: `ranges.${name}`,
          message: `expected low ≤ high, got [${given[0]}, ${given[1]}]`,
        });
      }
      return [given[0], given[1]];
    }
    const d = dists.get(name);
    if (d === undefined) {
      throw new InputError({ field: name, message: "not a univariate sampled parameter" });
    }
    return [d.quantile(0.025), d.quantile(0.975)];
  });
  const points = [
    {},
    ...names.flatMap((name, k) => (ranges[k] as [number, number]).map((v) => ({ [name]: v }))),
  ];
  const r = evaluatePoints(prepared, points);
  const lambda = options.wtp;
  const inmb = (row: number) =>
    lambda * ((r.effect[row * S + j] as number) - (r.effect[row * S + ref] as number)) -
    ((r.cost[row * S + j] as number) - (r.cost[row * S + ref] as number));
  const increment = (row: number): Increment => ({
    cost: (r.cost[row * S + j] as number) - (r.cost[row * S + ref] as number),
    effect: (r.effect[row * S + j] as number) - (r.effect[row * S + ref] as number),
  });
  const icer = (row: number) => {
    const de = (r.effect[row * S + j] as number) - (r.effect[row * S + ref] as number);
    const dc = (r.cost[row * S + j] as number) - (r.cost[row * S + ref] as number);
    return de === 0 ? null : dc / de;
  };
  const point = pointValues(prepared);
  const bars = names.map((parameter, k): TornadoBar => {
    const lowRow = 1 + 2 * k;
    const highRow = lowRow + 1;
    const [low, high] = ranges[k] as [number, number];
    return {
      parameter,
      low,
      high,
      inmbLow: inmb(lowRow),
      inmbHigh: inmb(highRow),
      icerLow: icer(lowRow),
      icerHigh: icer(highRow),
      lowIncrement: increment(lowRow),
      highIncrement: increment(highRow),
      swing: Math.abs(inmb(highRow) - inmb(lowRow)),
      base: point[parameter] as number,
    };
  });
  bars.sort((a, b) => b.swing - a.swing || a.parameter.localeCompare(b.parameter));
  return {
    strategy: prepared.model.strategies[j] as string,
    comparator: prepared.model.strategies[ref] as string,
    wtp: lambda,
    baseInmb: inmb(0),
    baseIcer: icer(0),
    base: increment(0),
    bars,
  };
}

/** Options of {@link twoWayDsa}. */
export interface TwoWayOptions {
  readonly x: { readonly parameter: string; readonly values: readonly number[] };
  readonly y: { readonly parameter: string; readonly values: readonly number[] };
  readonly wtp: number;
}

/** The optimal strategy (highest net monetary benefit; ties: the first) in every cell. */
export interface TwoWayResult {
  readonly strategies: readonly string[];
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** `optimal[iy * x.length + ix]`: index of the optimal strategy. */
  readonly optimal: Int32Array;
  /** Net monetary benefit of each strategy per cell, `nmb[(iy * nx + ix) * S + j]`. */
  readonly nmb: Float64Array;
}

/**
 * Two-way DSA: the optimal strategy at `wtp` on a grid of two parameters' values.
 *
 * @example
 * ```ts
 * const grid = await twoWayDsa(model, {
 *   x: { parameter: "irr_s47", values: [0.8, 0.9, 1, 1.1] },
 *   y: { parameter: "sw_salary", values: [30000, 40000] },
 *   wtp: 20000,
 * });
 * ```
 */
export async function twoWayDsa(
  model: ModelOrPrepared,
  options: TwoWayOptions,
): Promise<TwoWayResult> {
  const prepared = await prepareModel(model);
  const S = prepared.model.strategies.length;
  const { x, y } = options;
  const points = y.values.flatMap((vy) =>
    x.values.map((vx) => ({ [x.parameter]: vx, [y.parameter]: vy })),
  );
  const r = evaluatePoints(prepared, points);
  const nmb = new Float64Array(points.length * S);
  const optimal = new Int32Array(points.length);
  for (let c = 0; c < points.length; c++) {
    let best = 0;
    for (let j = 0; j < S; j++) {
      const v = options.wtp * (r.effect[c * S + j] as number) - (r.cost[c * S + j] as number);
      nmb[c * S + j] = v;
      if (v > (nmb[c * S + best] as number)) best = j;
    }
    optimal[c] = best;
  }
  return { strategies: prepared.model.strategies, x: x.values, y: y.values, optimal, nmb };
}

/** Interior points evaluated per refinement round of {@link thresholdAnalysis}. */
const SECTIONS = 31;

/** Options of {@link thresholdAnalysis}. */
export interface ThresholdOptions {
  readonly parameter: string;
  readonly wtp: number;
  /** The interval searched, low to high. */
  readonly range: readonly [number, number];
  /** Grid steps that bracket changes before they are refined (default 200). */
  readonly steps?: number;
  /**
   * Other parameters set to the same value as `parameter` at every point (e.g. a strategy's own
   * draw of it, `irr_s47__visiting`); default none.
   */
  readonly linked?: readonly string[];
}

/** A value of the parameter at which the optimal strategy changes. */
export interface Threshold {
  readonly value: number;
  /** Optimal just below and just above the value. */
  readonly from: string;
  readonly to: string;
}

/** Where the optimal strategy changes within the range; empty when it never does. */
export interface ThresholdResult {
  readonly parameter: string;
  readonly wtp: number;
  readonly range: readonly [number, number];
  /** Optimal strategy at the low end of the range. */
  readonly optimalAtLow: string;
  readonly thresholds: Threshold[];
}

/**
 * The first value in (a, b] at which the optimal strategy leaves `left` (optimal at a; `atB` is
 * the optimum at b, which differs), by multisection until the bracket is two neighbouring
 * doubles: each round evaluates up to 31 interior points in one call and keeps the first
 * sub-interval where the optimum leaves `left` (5 bits a round instead of bisection's 1). Gives
 * the bracket's midpoint, its upper end and the strategy optimal there.
 */
function firstChange(
  optimalAt: (values: readonly number[]) => number[],
  a: number,
  b: number,
  left: number,
  atB: number,
): { readonly value: number; readonly above: number; readonly to: number } {
  let to = atB;
  for (let round = 0; round < 200; round++) {
    const inside: number[] = [];
    for (let m = 1; m <= SECTIONS; m++) {
      const x = a + ((b - a) * m) / (SECTIONS + 1);
      if (x > a && x < b && x !== inside.at(-1)) inside.push(x);
    }
    if (inside.length === 0) break;
    const opt = optimalAt(inside);
    const first = opt.findIndex((j) => j !== left);
    if (first < 0) a = inside.at(-1) as number;
    else {
      b = inside[first] as number;
      to = opt[first] as number;
      if (first > 0) a = inside[first - 1] as number;
    }
  }
  return { value: a + (b - a) / 2, above: b, to };
}

/**
 * Threshold analysis: the values of one parameter, within `range`, at which the strategy with
 * the highest net monetary benefit at `wtp` changes, every other parameter at its point value.
 * A grid brackets each change and multisection (bisection with 31 points a round) refines it
 * to the last representable digit; where the strategies at a step's two ends differ, every
 * change between them is found in turn (A → B → C within one step), but a change and its
 * reversal within one step (A → B → A) can be missed, so the grid is an option.
 *
 * @example
 * ```ts
 * const t = await thresholdAnalysis(model, { parameter: "irr_s47", wtp: 20000, range: [0.5, 1.2] });
 * t.thresholds; // [{ value: 0.86…, from: "swis", to: "usual" }] or [] for "no change"
 * ```
 */
export async function thresholdAnalysis(
  model: ModelOrPrepared,
  options: ThresholdOptions,
): Promise<ThresholdResult> {
  const [lo, hi] = options.range;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
    throw new InputError({ field: "range", message: `expected low < high, got [${lo}, ${hi}]` });
  }
  const steps = options.steps ?? 200;
  const prepared = await prepareModel(model);
  const S = prepared.model.strategies.length;
  const names = [options.parameter, ...(options.linked ?? [])];
  const optimalAt = (values: readonly number[]) => {
    const r = evaluatePoints(
      prepared,
      values.map((v) => Object.fromEntries(names.map((name) => [name, v]))),
    );
    return values.map((_, row) => {
      let best = 0;
      let bestNmb = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < S; j++) {
        const v = options.wtp * (r.effect[row * S + j] as number) - (r.cost[row * S + j] as number);
        if (v > bestNmb) {
          best = j;
          bestNmb = v;
        }
      }
      return best;
    });
  };
  const grid = Array.from({ length: steps + 1 }, (_, k) => lo + ((hi - lo) * k) / steps);
  const optimal = optimalAt(grid);
  const thresholds: Threshold[] = [];
  const name = (j: number) => prepared.model.strategies[j] as string;
  for (let k = 0; k < steps; k++) {
    if (optimal[k] === optimal[k + 1]) continue;
    // Each change within the step in turn: the first where the optimum leaves `left`, then, if
    // the strategy it changes to is not the one at the step's end, the next one after it. An
    // upper envelope of S lines changes at most S − 1 times; more means strategies tied to
    // within rounding that swap back and forth, and the step is then reported as one change,
    // from its first strategy to its last, where the optimum first leaves the first.
    const changes: Threshold[] = [];
    let from = grid[k] as number;
    let left = optimal[k] as number;
    while (changes.length < S - 1) {
      const change = firstChange(
        optimalAt,
        from,
        grid[k + 1] as number,
        left,
        optimal[k + 1] as number,
      );
      changes.push({ value: change.value, from: name(left), to: name(change.to) });
      if (change.to === optimal[k + 1]) break;
      from = change.above;
      left = change.to;
    }
    const resolved = changes.at(-1)?.to === name(optimal[k + 1] as number);
    thresholds.push(
      ...(resolved
        ? changes
        : [
            {
              value: (changes[0] as Threshold).value,
              from: name(optimal[k] as number),
              to: name(optimal[k + 1] as number),
            },
          ]),
    );
  }
  return {
    parameter: options.parameter,
    wtp: options.wtp,
    range: [lo, hi],
    optimalAtLow: prepared.model.strategies[optimal[0] as number] as string,
    thresholds,
  };
}
