/**
 * The incremental cost-effectiveness table with dominance, following dampack's
 * `calculate_icers` rules exactly (see README, "Conventions").
 *
 * 1. Sort by cost ascending, then effect descending (stable).
 * 2. Strong dominance (`D`): an earlier strategy in that order has effect ≥ this one's.
 * 3. Extended dominance (`ED`), repeated until stable: over the remaining strategies compute
 *    sequential ICERs and flag, in one pass, every interior strategy whose ICER exceeds the next
 *    one's (strictly); collinear points stay on the frontier.
 * 4. Each non-dominated (`ND`) strategy's ICER is against the previous ND one; the first has none.
 * 5. Rows: ND by cost, then ED, then D.
 *
 * @module
 */

/** Dominance status: non-dominated, extendedly dominated, (strongly) dominated. */
export type IcerStatus = "ND" | "ED" | "D";

/** One row of the incremental table. Increments and ICER are `null` where undefined. */
export interface IcerRow {
  readonly strategy: string;
  readonly cost: number;
  readonly effect: number;
  /** Cost minus the previous non-dominated strategy's cost (ND rows after the first). */
  readonly incCost: number | null;
  /** Effect minus the previous non-dominated strategy's effect. */
  readonly incEffect: number | null;
  /** incCost / incEffect. */
  readonly icer: number | null;
  readonly status: IcerStatus;
}

/** Mean cost and effect per strategy, the input to {@link calculateIcers}. */
export interface StrategyPoints {
  readonly strategies: readonly string[];
  readonly cost: ArrayLike<number>;
  readonly effect: ArrayLike<number>;
}

/** Indices sorted by cost ascending, then effect descending, stable. */
function costOrder(cost: ArrayLike<number>, effect: ArrayLike<number>): number[] {
  const idx = Array.from({ length: cost.length }, (_, i) => i);
  return idx.sort(
    (a, b) =>
      (cost[a] as number) - (cost[b] as number) ||
      (effect[b] as number) - (effect[a] as number) ||
      a - b,
  );
}

/** ICER of `b` against `a`. */
function icerOf(cost: ArrayLike<number>, effect: ArrayLike<number>, a: number, b: number): number {
  return (
    ((cost[b] as number) - (cost[a] as number)) / ((effect[b] as number) - (effect[a] as number))
  );
}

/**
 * Removes extendedly dominated strategies from `frontier` (indices in cost order), marking them.
 * Every pass flags all interior points whose ICER exceeds the next one's, then removes them.
 */
function removeExtendedDominance(
  frontier: number[],
  cost: ArrayLike<number>,
  effect: ArrayLike<number>,
  status: IcerStatus[],
): number[] {
  let current = frontier;
  for (;;) {
    const flagged = new Set<number>();
    for (let i = 1; i + 1 < current.length; i++) {
      const here = icerOf(cost, effect, current[i - 1] as number, current[i] as number);
      const next = icerOf(cost, effect, current[i] as number, current[i + 1] as number);
      if (here > next) flagged.add(current[i] as number);
    }
    if (flagged.size === 0) return current;
    for (const j of flagged) status[j] = "ED";
    current = current.filter((j) => !flagged.has(j));
  }
}

/**
 * Incremental cost-effectiveness table with dampack's dominance rules.
 * Works for any number of strategies; a single strategy gives one ND row with no ICER.
 *
 * @example
 * ```ts
 * calculateIcers({ strategies: ["A", "B", "C"], cost: [0, 100, 130], effect: [0, 1, 1] });
 * // [ { strategy: "A", status: "ND", icer: null, ... },
 * //   { strategy: "B", status: "ND", icer: 100, incCost: 100, incEffect: 1, ... },
 * //   { strategy: "C", status: "D", icer: null, ... } ]
 * ```
 */
export function calculateIcers(points: StrategyPoints): IcerRow[] {
  const { strategies, cost, effect } = points;
  const k = strategies.length;
  if (k === 0) throw new RangeError("calculateIcers: no strategies");
  if (cost.length !== k || effect.length !== k) {
    throw new RangeError("calculateIcers: cost and effect need one value per strategy");
  }
  for (let j = 0; j < k; j++) {
    if (!Number.isFinite(cost[j]) || !Number.isFinite(effect[j])) {
      throw new RangeError(`calculateIcers: strategy "${strategies[j]}" has a non-finite mean`);
    }
  }
  const order = costOrder(cost, effect);
  const status: IcerStatus[] = new Array<IcerStatus>(k).fill("ND");
  const undominated: number[] = [];
  let bestEffect = Number.NEGATIVE_INFINITY;
  for (const j of order) {
    if ((effect[j] as number) <= bestEffect) status[j] = "D";
    else {
      bestEffect = effect[j] as number;
      undominated.push(j);
    }
  }
  const frontier = removeExtendedDominance(undominated, cost, effect, status);
  const row = (j: number, prev: number | undefined): IcerRow => {
    const c = cost[j] as number;
    const e = effect[j] as number;
    if (prev === undefined) {
      return {
        strategy: strategies[j] as string,
        cost: c,
        effect: e,
        incCost: null,
        incEffect: null,
        icer: null,
        status: status[j] as IcerStatus,
      };
    }
    const incCost = c - (cost[prev] as number);
    const incEffect = e - (effect[prev] as number);
    return {
      strategy: strategies[j] as string,
      cost: c,
      effect: e,
      incCost,
      incEffect,
      icer: incCost / incEffect,
      status: "ND",
    };
  };
  const rows = frontier.map((j, i) => row(j, i === 0 ? undefined : frontier[i - 1]));
  for (const wanted of ["ED", "D"] as const) {
    for (const j of order) if (status[j] === wanted) rows.push(row(j, undefined));
  }
  return rows;
}
