/**
 * `CeSamples`: the one data shape every analysis works on. Costs and effects of every strategy
 * for every PSA sample, stored strategy-major in two Float64Arrays so that one strategy's column
 * is a zero-copy `subarray`.
 *
 * @module
 */

import { allWithinMagnitude, MAX_MAGNITUDE, magnitudeProblem } from "./limits.js";

/**
 * Per-strategy samples of cost and effect.
 *
 * Layout is strategy-major: the value of strategy `j` in sample `s` is at `j * nSamples + s`.
 * Build one with {@link createCeSamples}, which checks lengths and finiteness once so that the
 * kernels can trust the shape.
 */
export interface CeSamples {
  /** Strategy names, unique, in the order used by every per-strategy output. */
  readonly strategies: readonly string[];
  /** Number of PSA samples (iterations). */
  readonly nSamples: number;
  /** Costs, strategy-major: `cost[j * nSamples + s]`. */
  readonly cost: Float64Array;
  /** Effects, same layout as `cost`. */
  readonly effect: Float64Array;
}

/** Input to {@link createCeSamples}. */
export interface CeSamplesInit {
  readonly strategies: readonly string[];
  readonly cost: Float64Array | readonly number[];
  readonly effect: Float64Array | readonly number[];
}

/**
 * Throws a TypeError naming the first entry of `x` that is not finite or is beyond
 * ±{@link MAX_MAGNITUDE} (so that no mean, sum of squares or net benefit can overflow).
 */
function assertFinite(x: Float64Array, name: string, strategies: readonly string[], n: number) {
  if (allWithinMagnitude(x)) return;
  for (let i = 0; i < x.length; i++) {
    if (!(Math.abs(x[i] as number) <= MAX_MAGNITUDE)) {
      const j = Math.floor(i / n);
      throw new TypeError(
        `createCeSamples: ${name} of strategy "${strategies[j]}" in sample ${(i % n) + 1} is ${x[i]} (${magnitudeProblem(x[i] as number)})`,
      );
    }
  }
}

/**
 * Checks and wraps strategy-major cost and effect arrays as {@link CeSamples}.
 * Throws a TypeError on duplicate or missing strategy names, mismatched lengths or a value that
 * is not finite or beyond ±10¹⁵ (naming the strategy and the 1-based sample).
 *
 * @example
 * ```ts
 * const s = createCeSamples({
 *   strategies: ["usual", "swis"],
 *   cost: [100, 110, 300, 320],   // usual: 100, 110; swis: 300, 320
 *   effect: [1, 1.2, 1.5, 1.4],
 * });
 * s.nSamples; // 2
 * ```
 */
export function createCeSamples(init: CeSamplesInit): CeSamples {
  if (typeof init !== "object" || init === null) {
    throw new TypeError("createCeSamples: expected { strategies, cost, effect }");
  }
  if (!Array.isArray(init.strategies) || init.strategies.some((s) => typeof s !== "string")) {
    throw new TypeError("createCeSamples: strategies must be an array of names (strings)");
  }
  for (const key of ["cost", "effect"] as const) {
    const values: unknown = init[key];
    if (!(values instanceof Float64Array) && !Array.isArray(values)) {
      throw new TypeError(`createCeSamples: ${key} must be a Float64Array or an array of numbers`);
    }
  }
  const strategies = [...init.strategies];
  const nStrategies = strategies.length;
  if (nStrategies === 0) throw new TypeError("createCeSamples: at least one strategy is needed");
  const seen = new Set<string>();
  for (const name of strategies) {
    if (seen.has(name)) throw new TypeError(`createCeSamples: duplicate strategy "${name}"`);
    seen.add(name);
  }
  const cost = init.cost instanceof Float64Array ? init.cost : Float64Array.from(init.cost);
  const effect = init.effect instanceof Float64Array ? init.effect : Float64Array.from(init.effect);
  if (cost.length !== effect.length) {
    throw new TypeError(
      `createCeSamples: cost has ${cost.length} values but effect has ${effect.length}`,
    );
  }
  if (cost.length === 0 || cost.length % nStrategies !== 0) {
    throw new TypeError(
      `createCeSamples: ${cost.length} values is not a positive multiple of ${nStrategies} strategies`,
    );
  }
  const nSamples = cost.length / nStrategies;
  assertFinite(cost, "cost", strategies, nSamples);
  assertFinite(effect, "effect", strategies, nSamples);
  return Object.freeze({ strategies: Object.freeze(strategies), nSamples, cost, effect });
}

/**
 * Builds {@link CeSamples} from sample rows (rows = samples, columns = strategies), the layout
 * R packages print and the reference vectors use.
 *
 * @example
 * ```ts
 * const s = fromSampleRows(["A", "B"], [[0, 10], [0, 12]], [[1, 1.5], [1, 1.2]]);
 * s.cost; // Float64Array [0, 0, 10, 12]
 * ```
 */
export function fromSampleRows(
  strategies: readonly string[],
  costRows: readonly (readonly number[])[],
  effectRows: readonly (readonly number[])[],
): CeSamples {
  const n = costRows.length;
  const k = strategies.length;
  if (effectRows.length !== n) {
    throw new TypeError(`fromSampleRows: ${n} cost rows but ${effectRows.length} effect rows`);
  }
  const cost = new Float64Array(n * k);
  const effect = new Float64Array(n * k);
  for (let s = 0; s < n; s++) {
    const c = costRows[s] as readonly number[];
    const e = effectRows[s] as readonly number[];
    if (c.length !== k || e.length !== k) {
      throw new TypeError(`fromSampleRows: row ${s + 1} does not have ${k} values`);
    }
    for (let j = 0; j < k; j++) {
      cost[j * n + s] = c[j] as number;
      effect[j * n + s] = e[j] as number;
    }
  }
  return createCeSamples({ strategies, cost, effect });
}

/**
 * Index of a strategy by name; throws a RangeError listing the known names if absent.
 *
 * @example
 * ```ts
 * strategyIndex(samples, "swis"); // 1
 * ```
 */
export function strategyIndex(samples: Pick<CeSamples, "strategies">, name: string): number {
  const j = samples.strategies.indexOf(name);
  if (j < 0) {
    throw new RangeError(
      `strategyIndex: unknown strategy "${name}"; known: ${samples.strategies.join(", ")}`,
    );
  }
  return j;
}

/**
 * Zero-copy view of one strategy's costs or effects.
 *
 * @example
 * ```ts
 * column(samples, 1, "cost"); // Float64Array of strategy 1's costs
 * ```
 */
export function column(samples: CeSamples, j: number, what: "cost" | "effect"): Float64Array {
  const n = samples.nSamples;
  return samples[what].subarray(j * n, (j + 1) * n);
}
