/**
 * Property tests of the analysis kernels against brute-force reference implementations written
 * here as the obvious loops: NB = λ·effect − cost evaluated per sample and per WTP, optimal
 * strategy = strict arg-max with the lowest index winning exact ties.
 *
 * Three kinds of data are generated:
 * - "exact": costs are multiples of 125, effects multiples of 0.25, WTP values are integers and
 *   the number of samples is a power of two, so every sum, mean and net benefit is exact in
 *   binary floating point and the kernels must agree with the brute force to the last bit;
 * - "double": arbitrary doubles in a bounded range (fast-check favours extremes: zeros,
 *   subnormals, values one ulp apart); "decimal": numbers with a few decimal digits, as a CSV
 *   holds. Both are compared within a tolerance relative to the net-benefit magnitudes, and
 *   counts exactly except in samples decided by rounding (see `fragile`).
 * All kinds include duplicated strategies, equal-effect strategies and exact ties.
 *
 * Known limit of the decision-curve kernel (not a tolerance of these tests elsewhere): it walks
 * the exact upper envelope of each sample's NB lines, so where two lines differ by less than the
 * rounding of λ·effect − cost it keeps the mathematically higher one, while direct evaluation
 * sees a tie and gives it to the lower index. Example: effects 10 and 10, costs
 * 1000.0000000000001 and 1000; at λ = 1e5 both NB round to 999000, direct evaluation says
 * strategy 0, the kernel strategy 1 (which is higher by 1.1e-13).
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DecisionCurves, decisionCurves } from "../../src/analysis/decision.js";
import { effectivePopulation, populationEvpi } from "../../src/analysis/evpi.js";
import { calculateIcers, type IcerRow } from "../../src/analysis/icers.js";
import { comparePairwise } from "../../src/analysis/pairwise.js";
import { type CeSamples, createCeSamples } from "../../src/analysis/samples.js";
import { switchPoints } from "../../src/analysis/switch-points.js";
import { wtpRange } from "../../src/analysis/wtp.js";

const RUNS = { numRuns: Number(process.env.PROP_RUNS ?? 200) };

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/** Strategy names s0, s1, … */
function names(count: number): string[] {
  return Array.from({ length: count }, (_, j) => `s${j}`);
}

/** Builds samples from per-strategy columns (each `n` long). */
function fromColumns(costCols: number[][], effectCols: number[][]): CeSamples {
  return createCeSamples({
    strategies: names(costCols.length),
    cost: costCols.flat(),
    effect: effectCols.flat(),
  });
}

/** Strategy columns of a PSA. */
interface Columns {
  readonly cost: number[][];
  readonly effect: number[][];
}

/** One generated decision problem. */
interface Case {
  readonly exact: boolean;
  readonly samples: CeSamples;
  readonly grid: readonly number[];
}

/** Exact values; a small `width` makes ties between strategies and at grid points common. */
const exactCost = (width: number) => fc.integer({ min: -width, max: width }).map((i) => i * 125);
const exactEffect = (width: number) => fc.integer({ min: -width, max: width }).map((i) => i * 0.25);
const doubleCost = fc.double({ min: -1e5, max: 1e5, noNaN: true });
const doubleEffect = fc.double({ min: -5, max: 5, noNaN: true });

/**
 * Extra strategies inserted at a random position: an exact duplicate of an existing strategy,
 * or one with the same effects as one strategy and the costs of another (equal-effect lines).
 */
const extraArb = fc.record({
  of: fc.nat(),
  other: fc.nat(),
  kind: fc.constantFrom("duplicate", "sameEffect"),
  at: fc.nat(),
});

/** Decimals with a few digits, as a PSA written to CSV would hold: rarely exact in binary. */
const decimalCost = fc.integer({ min: -1e7, max: 1e7 }).map((i) => i / 100);
const decimalEffect = fc.integer({ min: -50000, max: 50000 }).map((i) => i / 10000);

type Kind = "exact" | "double" | "decimal";

function columnsArb(kind: Kind): fc.Arbitrary<Columns> {
  const exact = kind === "exact";
  const nArb = exact ? fc.constantFrom(1, 2, 4, 8, 16, 32) : fc.integer({ min: 1, max: 30 });
  const widthArb = fc.constantFrom(2, 8);
  return fc.tuple(fc.integer({ min: 1, max: 4 }), nArb, widthArb).chain(([s, n, width]) => {
    const costArb = exact ? exactCost(width) : kind === "double" ? doubleCost : decimalCost;
    const effectArb = exact ? exactEffect(width) : kind === "double" ? doubleEffect : decimalEffect;
    return fc
      .record({
        cost: fc.array(fc.array(costArb, { minLength: n, maxLength: n }), {
          minLength: s,
          maxLength: s,
        }),
        effect: fc.array(fc.array(effectArb, { minLength: n, maxLength: n }), {
          minLength: s,
          maxLength: s,
        }),
        extra: fc.array(extraArb, { maxLength: 2 }),
      })
      .map(({ cost, effect, extra }) => {
        const c = [...cost];
        const e = [...effect];
        for (const x of extra) {
          const of = x.of % c.length;
          const other = x.other % c.length;
          const at = x.at % (c.length + 1);
          const newCost = (x.kind === "duplicate" ? c[of] : c[other]) as number[];
          c.splice(at, 0, [...newCost]);
          e.splice(at, 0, [...(e[of] as number[])]);
        }
        return { cost: c, effect: e };
      });
  });
}

const sortNumbers = (a: number[]) => a.sort((x, y) => x - y);

/** Integer grids: uniform (wtpRange) and non-uniform sorted unique lists, negatives included. */
const integerGrid: fc.Arbitrary<readonly number[]> = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: -2000, max: 2000 }),
      fc.constantFrom(1, 25, 100, 250, 500),
      fc.integer({ min: 1, max: 40 }),
    )
    .map(([start, step, k]) => Array.from(wtpRange(start, start + step * (k - 1), step))),
  fc
    .uniqueArray(fc.integer({ min: -5000, max: 5000 }), { minLength: 1, maxLength: 30 })
    .map(sortNumbers),
);

/** Any grid: integer ones, uniform ones with a fractional step, and sorted unique doubles. */
const anyGrid: fc.Arbitrary<readonly number[]> = fc.oneof(
  integerGrid,
  fc
    .tuple(
      fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      fc.double({ min: 0.01, max: 5000, noNaN: true }),
      fc.integer({ min: 1, max: 40 }),
    )
    .map(([start, step, k]) => Array.from(wtpRange(start, start + step * (k - 1), step))),
  fc
    .uniqueArray(
      fc.double({ min: -1e5, max: 1e5, noNaN: true }).map((v) => v + 0),
      { minLength: 1, maxLength: 30 },
    )
    .map(sortNumbers),
);

const caseArb: fc.Arbitrary<Case> = fc.oneof(
  fc.record({ cols: columnsArb("exact"), grid: integerGrid }).map(({ cols, grid }) => ({
    exact: true,
    samples: fromColumns(cols.cost, cols.effect),
    grid,
  })),
  ...(["double", "decimal"] as const).map((kind) =>
    fc.record({ cols: columnsArb(kind), grid: anyGrid }).map(({ cols, grid }) => ({
      exact: false,
      samples: fromColumns(cols.cost, cols.effect),
      grid,
    })),
  ),
);

// ---------------------------------------------------------------------------------------------
// Brute force
// ---------------------------------------------------------------------------------------------

/** Index of the largest value, lowest index on exact ties. */
function firstArgmax(values: readonly number[]): number {
  let best = 0;
  for (let j = 1; j < values.length; j++) {
    if ((values[j] as number) > (values[best] as number)) best = j;
  }
  return best;
}

/** Brute-force decision curves; per-WTP arrays are WTP-major like the kernel's. */
interface Brute {
  readonly ceac: number[];
  readonly enb: number[];
  readonly evpi: number[];
  readonly loss: number[];
  /** Largest |NB| at each WTP (for tolerances). */
  readonly scale: number[];
  /** `[k * S + j]`: strategy j ties for the maximum with another strategy in some sample. */
  readonly tied: boolean[];
  /**
   * Per WTP index k, the number of samples whose optimal strategy rested on rounding at some
   * WTP index <= k: the best and another strategy that is not identical to it in that sample had
   * net benefits within a few ulps. The kernel decides the owner where a segment of the upper
   * envelope starts and keeps it along the segment, so a decision made by rounding can carry
   * forward; everywhere else it must agree with direct evaluation exactly.
   */
  readonly fragile: number[];
}

function bruteForce(samples: CeSamples, grid: readonly number[]): Brute {
  const { cost, effect, nSamples: n } = samples;
  const S = samples.strategies.length;
  const out: Brute = { ceac: [], enb: [], evpi: [], loss: [], scale: [], tied: [], fragile: [] };
  const wasFragile = new Array<boolean>(n).fill(false);
  for (const l of grid) {
    const count = new Array<number>(S).fill(0);
    const sumNb = new Array<number>(S).fill(0);
    const sumLoss = new Array<number>(S).fill(0);
    const tied = new Array<boolean>(S).fill(false);
    let sumMax = 0;
    let scale = 0;
    for (let s = 0; s < n; s++) {
      const nb: number[] = [];
      for (let j = 0; j < S; j++)
        nb.push(l * (effect[j * n + s] as number) - (cost[j * n + s] as number));
      const best = firstArgmax(nb);
      const max = nb[best] as number;
      count[best] = (count[best] as number) + 1;
      sumMax += max;
      const atMax = nb.filter((v) => v === max).length;
      const eb = effect[best * n + s] as number;
      const cb = cost[best * n + s] as number;
      const near = nb.some((v, j) => {
        const e = effect[j * n + s] as number;
        const c = cost[j * n + s] as number;
        if (e === eb && c === cb) return false; // identical lines tie exactly at every λ
        const size = Math.abs(l * e) + Math.abs(c) + Math.abs(l * eb) + Math.abs(cb);
        return Math.abs(max - v) <= 4 * Number.EPSILON * size + 4 * Number.MIN_VALUE;
      });
      if (near) wasFragile[s] = true;
      for (let j = 0; j < S; j++) {
        const v = nb[j] as number;
        sumNb[j] = (sumNb[j] as number) + v;
        sumLoss[j] = (sumLoss[j] as number) + (max - v);
        if (atMax > 1 && v === max) tied[j] = true;
        scale = Math.max(scale, Math.abs(v));
      }
    }
    const enb = sumNb.map((v) => v / n);
    out.ceac.push(...count.map((c) => c / n));
    out.enb.push(...enb);
    out.evpi.push(sumMax / n - Math.max(...enb));
    out.loss.push(...sumLoss.map((v) => v / n));
    out.scale.push(scale);
    out.tied.push(...tied);
    out.fragile.push(wasFragile.filter(Boolean).length);
  }
  return out;
}

/** Asserts |actual − expected| <= tol (tol = 0 demands equality). */
function expectNear(actual: number, expected: number, tol: number, what: string): void {
  if (tol === 0) {
    // === rather than Object.is: -0 and 0 are the same net benefit.
    if (actual !== expected) throw new Error(`${what}: ${actual} !== ${expected}`);
    return;
  }
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new Error(
      `${what}: ${actual} vs ${expected} (|diff| ${Math.abs(actual - expected)} > ${tol})`,
    );
  }
}

/** Tolerance at WTP index k: 0 for exact cases, else 1e-9 · (1 + max |NB|). */
function tolAt(c: Case, b: Brute, k: number): number {
  return c.exact ? 0 : 1e-9 * (1 + (b.scale[k] as number));
}

/** Strategy-permuted copy: new strategy i is old strategy perm[i] (names follow). */
function permuteSamples(samples: CeSamples, perm: readonly number[]): CeSamples {
  const n = samples.nSamples;
  const cost: number[] = [];
  const effect: number[] = [];
  for (const j of perm) {
    cost.push(...samples.cost.subarray(j * n, (j + 1) * n));
    effect.push(...samples.effect.subarray(j * n, (j + 1) * n));
  }
  return createCeSamples({
    strategies: perm.map((j) => samples.strategies[j] as string),
    cost,
    effect,
  });
}

/** A case together with a permutation of its strategies. */
const permutedCaseArb = caseArb.chain((c) => {
  const idx = Array.from({ length: c.samples.strategies.length }, (_, j) => j);
  return fc
    .shuffledSubarray(idx, { minLength: idx.length, maxLength: idx.length })
    .map((perm) => ({ c, perm }));
});

// ---------------------------------------------------------------------------------------------
// decisionCurves
// ---------------------------------------------------------------------------------------------

describe("decisionCurves properties", () => {
  const run = (c: Case): DecisionCurves => decisionCurves(c.samples, c.grid);

  it("decisionCurves returns the grid and arrays of the documented shapes", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const out = run(c);
        const K = c.grid.length;
        const S = c.samples.strategies.length;
        expect(Array.from(out.wtp)).toEqual(c.grid);
        expect(out.strategies).toEqual(c.samples.strategies);
        for (const a of [out.enb, out.ceac, out.expectedLoss]) expect(a.length).toBe(K * S);
        for (const a of [out.ceaf, out.evpi, out.ceafStrategy]) expect(a.length).toBe(K);
      }),
      RUNS,
    );
  });

  it("decisionCurves CEAC rows sum to 1 and equal the brute-force count exactly", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const out = run(c);
        const b = bruteForce(c.samples, c.grid);
        const S = c.samples.strategies.length;
        const n = c.samples.nSamples;
        for (let k = 0; k < c.grid.length; k++) {
          let total = 0;
          const fragile = c.exact ? 0 : (b.fragile[k] as number);
          for (let j = 0; j < S; j++) {
            const v = out.ceac[k * S + j] as number;
            const ref = b.ceac[k * S + j] as number;
            total += v;
            const what = `ceac[${k}][${j}] at wtp ${c.grid[k]}`;
            if (fragile === 0) expect(v, what).toBe(ref);
            // Samples decided by rounding alone may go either way (see the header comment).
            else
              expect(Math.abs(Math.round(v * n) - Math.round(ref * n)), what).toBeLessThanOrEqual(
                fragile,
              );
          }
          expect(Math.abs(total - 1)).toBeLessThanOrEqual(1e-12);
        }
      }),
      RUNS,
    );
  });

  it("decisionCurves EVPI is non-negative and equals E[max NB] - max E[NB]", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const out = run(c);
        const b = bruteForce(c.samples, c.grid);
        for (let k = 0; k < c.grid.length; k++) {
          const v = out.evpi[k] as number;
          expect(v, `evpi[${k}]`).toBeGreaterThanOrEqual(0);
          expectNear(v, b.evpi[k] as number, tolAt(c, b, k), `evpi[${k}] at wtp ${c.grid[k]}`);
        }
      }),
      RUNS,
    );
  });

  it("decisionCurves ENB is the mean NB and the CEAF strategy is the argmax of expected NB", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const out = run(c);
        const b = bruteForce(c.samples, c.grid);
        const S = c.samples.strategies.length;
        for (let k = 0; k < c.grid.length; k++) {
          const tol = tolAt(c, b, k);
          const enbRow = Array.from(out.enb.subarray(k * S, (k + 1) * S));
          const bruteRow = b.enb.slice(k * S, (k + 1) * S);
          for (let j = 0; j < S; j++) {
            expectNear(enbRow[j] as number, bruteRow[j] as number, tol, `enb[${k}][${j}]`);
          }
          const best = out.ceafStrategy[k] as number;
          // Exactly the lowest-index argmax of the kernel's own expected NB …
          expect(best).toBe(firstArgmax(enbRow));
          // … which is the brute-force argmax (exactly, when everything is exact).
          if (c.exact) expect(best).toBe(firstArgmax(bruteRow));
          else {
            expect(bruteRow[best] as number).toBeGreaterThanOrEqual(
              Math.max(...bruteRow) - 2 * tol,
            );
          }
          // Its probability is its own CEAC value (not the largest CEAC value).
          expect(out.ceaf[k]).toBe(out.ceac[k * S + best]);
        }
      }),
      RUNS,
    );
  });

  it("decisionCurves expected loss is E[max NB - NB_j] and its minimum is the EVPI", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const out = run(c);
        const b = bruteForce(c.samples, c.grid);
        const S = c.samples.strategies.length;
        for (let k = 0; k < c.grid.length; k++) {
          const row = Array.from(out.expectedLoss.subarray(k * S, (k + 1) * S));
          for (let j = 0; j < S; j++) {
            expectNear(
              row[j] as number,
              b.loss[k * S + j] as number,
              tolAt(c, b, k),
              `loss[${k}][${j}]`,
            );
            expect(row[j] as number).toBeGreaterThanOrEqual(0);
          }
          expect(Math.min(...row) === out.evpi[k]).toBe(true);
          expect(row[out.ceafStrategy[k] as number] === out.evpi[k]).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("decisionCurves permuting the strategies permutes every output", () => {
    fc.assert(
      fc.property(permutedCaseArb, ({ c, perm }) => {
        const out = run(c);
        const p = decisionCurves(permuteSamples(c.samples, perm), c.grid);
        const b = bruteForce(c.samples, c.grid);
        const S = perm.length;
        for (let k = 0; k < c.grid.length; k++) {
          const tol = tolAt(c, b, k);
          expectNear(p.evpi[k] as number, out.evpi[k] as number, tol, `evpi[${k}]`);
          for (let i = 0; i < S; i++) {
            const j = perm[i] as number;
            expect(p.enb[k * S + i]).toBe(out.enb[k * S + j]);
            expectNear(
              p.expectedLoss[k * S + i] as number,
              out.expectedLoss[k * S + j] as number,
              tol,
              `loss[${k}][${j}]`,
            );
            // A strategy that never ties for the best in a sample is optimal in the same samples
            // whatever its position; tied ones are resolved by position (lowest index).
            if (!b.tied[k * S + j] && b.fragile[k] === 0) {
              expect(p.ceac[k * S + i]).toBe(out.ceac[k * S + j]);
            }
          }
          const enbRow = Array.from(out.enb.subarray(k * S, (k + 1) * S));
          const max = Math.max(...enbRow);
          if (enbRow.filter((v) => v === max).length === 1) {
            const best = out.ceafStrategy[k] as number;
            expect(perm[p.ceafStrategy[k] as number]).toBe(best);
            if (!b.tied[k * S + best] && b.fragile[k] === 0) expect(p.ceaf[k]).toBe(out.ceaf[k]);
          }
        }
      }),
      RUNS,
    );
  });

  it("decisionCurves gives a tie in every sample to the lowest index (duplicate strategy)", () => {
    // Two identical strategies: the first is optimal wherever either is, the copy never.
    fc.assert(
      fc.property(columnsArb("double"), anyGrid, (cols, grid) => {
        const cost = [...cols.cost, cols.cost[0] as number[]];
        const effect = [...cols.effect, cols.effect[0] as number[]];
        const out = decisionCurves(fromColumns(cost, effect), grid);
        const S = cost.length;
        for (let k = 0; k < grid.length; k++) expect(out.ceac[k * S + S - 1]).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// calculateIcers
// ---------------------------------------------------------------------------------------------

interface Points {
  readonly exact: boolean;
  readonly strategies: string[];
  readonly cost: number[];
  readonly effect: number[];
}

/** Exact points: multiples of 100 and 0.5, so cross products and ICER comparisons are exact. */
const exactPointsArb: fc.Arbitrary<Points> = fc.integer({ min: 1, max: 8 }).chain((k) =>
  fc
    .record({
      cost: fc.array(
        fc.integer({ min: -10, max: 10 }).map((i) => i * 100),
        { minLength: k, maxLength: k },
      ),
      effect: fc.array(
        fc.integer({ min: -6, max: 6 }).map((i) => i * 0.5),
        { minLength: k, maxLength: k },
      ),
    })
    .map(({ cost, effect }) => ({ exact: true, strategies: names(k), cost, effect })),
);

const doublePointsArb: fc.Arbitrary<Points> = fc.integer({ min: 1, max: 8 }).chain((k) =>
  fc
    .record({
      cost: fc.array(fc.double({ min: -1e5, max: 1e5, noNaN: true }), {
        minLength: k,
        maxLength: k,
      }),
      effect: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
        minLength: k,
        maxLength: k,
      }),
    })
    .map(({ cost, effect }) => ({ exact: false, strategies: names(k), cost, effect })),
);

const pointsArb = fc.oneof(exactPointsArb, doublePointsArb);

/** dampack's order: cost ascending, then effect descending, then input position. */
function costOrder(p: Points): number[] {
  return p.cost
    .map((_, j) => j)
    .sort(
      (a, b) =>
        (p.cost[a] as number) - (p.cost[b] as number) ||
        (p.effect[b] as number) - (p.effect[a] as number) ||
        a - b,
    );
}

/** Strongly dominated: an earlier strategy in cost order has an effect at least as large. */
function stronglyDominated(p: Points): boolean[] {
  const order = costOrder(p);
  const out = new Array<boolean>(p.cost.length).fill(false);
  order.forEach((j, pos) => {
    for (let q = 0; q < pos; q++) {
      const m = order[q] as number;
      if ((p.effect[m] as number) >= (p.effect[j] as number)) out[j] = true;
    }
  });
  return out;
}

/**
 * On the efficient frontier (lower convex hull of the non-D points in the effect–cost plane,
 * collinear points included): never strictly above a chord between two non-D points on either
 * side. Exact for the exact points.
 */
function onHull(p: Points, dominated: boolean[]): boolean[] {
  const u = p.cost.map((_, j) => j).filter((j) => !dominated[j]);
  const c = (j: number) => p.cost[j] as number;
  const e = (j: number) => p.effect[j] as number;
  return p.cost.map((_, j) => {
    if (dominated[j]) return false;
    for (const a of u) {
      for (const b of u) {
        if (!(e(a) < e(j) && e(j) < e(b))) continue;
        if ((c(j) - c(a)) * (e(b) - e(a)) > (c(b) - c(a)) * (e(j) - e(a))) return false;
      }
    }
    return true;
  });
}

const icers = (p: Points): IcerRow[] =>
  calculateIcers({ strategies: p.strategies, cost: p.cost, effect: p.effect });

describe("calculateIcers properties", () => {
  it("calculateIcers lists every strategy once: ND by cost, then ED, then D", () => {
    fc.assert(
      fc.property(pointsArb, (p) => {
        const rows = icers(p);
        expect(rows.map((r) => r.strategy).sort()).toEqual([...p.strategies].sort());
        const rank = { ND: 0, ED: 1, D: 2 } as const;
        for (let i = 1; i < rows.length; i++) {
          const prev = rows[i - 1] as IcerRow;
          const row = rows[i] as IcerRow;
          expect(rank[row.status]).toBeGreaterThanOrEqual(rank[prev.status]);
        }
        for (const row of rows) {
          const j = p.strategies.indexOf(row.strategy);
          expect(row.cost).toBe(p.cost[j]);
          expect(row.effect).toBe(p.effect[j]);
        }
        expect(rows[0]?.status).toBe("ND");
      }),
      RUNS,
    );
  });

  it("calculateIcers frontier increments are against the previous ND row and ICERs never decrease", () => {
    fc.assert(
      fc.property(pointsArb, (p) => {
        const rows = icers(p);
        const nd = rows.filter((r) => r.status === "ND");
        const first = nd[0] as IcerRow;
        expect([first.incCost, first.incEffect, first.icer]).toEqual([null, null, null]);
        for (let i = 1; i < nd.length; i++) {
          const prev = nd[i - 1] as IcerRow;
          const row = nd[i] as IcerRow;
          expect(row.incCost).toBe(row.cost - prev.cost);
          expect(row.incEffect).toBe(row.effect - prev.effect);
          expect(row.icer).toBe((row.incCost as number) / (row.incEffect as number));
          // Strong dominance leaves strictly increasing cost and effect along the frontier.
          expect(row.incCost as number).toBeGreaterThan(0);
          expect(row.incEffect as number).toBeGreaterThan(0);
          if (i >= 2) {
            // dampack flags only ICER > next ICER, so equal ICERs (collinear points) stay ND.
            expect(row.icer as number).toBeGreaterThanOrEqual(prev.icer as number);
            if (p.exact) {
              const before = nd[i - 2] as IcerRow;
              const cross =
                (prev.cost - before.cost) * (row.effect - before.effect) -
                (row.cost - before.cost) * (prev.effect - before.effect);
              // Equal ICERs exactly when the three points are collinear.
              expect(row.icer === prev.icer).toBe(cross === 0);
            }
          }
        }
        for (const row of rows.filter((r) => r.status !== "ND")) {
          expect([row.incCost, row.incEffect, row.icer]).toEqual([null, null, null]);
        }
      }),
      RUNS,
    );
  });

  it("calculateIcers marks D exactly the strategies strongly dominated by an earlier one", () => {
    fc.assert(
      fc.property(pointsArb, (p) => {
        const rows = icers(p);
        const dominated = stronglyDominated(p);
        const order = costOrder(p);
        for (const row of rows) {
          const j = p.strategies.indexOf(row.strategy);
          expect(row.status === "D", `${row.strategy}`).toBe(dominated[j]);
          if (row.status === "D") {
            // Some strategy earlier in cost order is no dearer and at least as effective.
            const pos = order.indexOf(j);
            const by = order
              .slice(0, pos)
              .filter(
                (m) =>
                  (p.cost[m] as number) <= (p.cost[j] as number) &&
                  (p.effect[m] as number) >= (p.effect[j] as number),
              );
            expect(by.length).toBeGreaterThan(0);
          }
        }
      }),
      RUNS,
    );
  });

  it("calculateIcers ND strategies are exactly the efficient frontier (exact data)", () => {
    fc.assert(
      fc.property(exactPointsArb, (p) => {
        const rows = icers(p);
        const dominated = stronglyDominated(p);
        const hull = onHull(p, dominated);
        for (const row of rows) {
          const j = p.strategies.indexOf(row.strategy);
          const expected = dominated[j] ? "D" : hull[j] ? "ND" : "ED";
          expect(row.status, `${row.strategy} (${p.cost[j]}, ${p.effect[j]})`).toBe(expected);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("calculateIcers ED strategies lie on or above the frontier chord around them", () => {
    fc.assert(
      fc.property(pointsArb, (p) => {
        const rows = icers(p);
        const nd = rows.filter((r) => r.status === "ND");
        for (const row of rows.filter((r) => r.status === "ED")) {
          const a = nd.filter((r) => r.effect < row.effect).at(-1);
          const b = nd.find((r) => r.effect > row.effect);
          expect(a, `${row.strategy} has an ND strategy below it`).toBeDefined();
          expect(b, `${row.strategy} has an ND strategy above it`).toBeDefined();
          if (a === undefined || b === undefined) return;
          const lhs = (row.cost - a.cost) * (b.effect - a.effect);
          const rhs = (b.cost - a.cost) * (row.effect - a.effect);
          if (p.exact) expect(lhs).toBeGreaterThan(rhs);
          else expect(lhs).toBeGreaterThanOrEqual(rhs - 1e-9 * (Math.abs(lhs) + Math.abs(rhs)));
        }
      }),
      RUNS,
    );
  });

  it("calculateIcers is unchanged by adding a strategy dearer and less effective than all", () => {
    fc.assert(
      fc.property(pointsArb, (p) => {
        const rows = icers(p);
        const maxCost = Math.max(...p.cost);
        const minEffect = Math.min(...p.effect);
        const extra: Points = {
          exact: p.exact,
          strategies: [...p.strategies, "worse"],
          cost: [...p.cost, maxCost + 1 + Math.abs(maxCost)],
          effect: [...p.effect, minEffect - 1 - Math.abs(minEffect)],
        };
        const more = icers(extra);
        expect(more.length).toBe(rows.length + 1);
        expect(more.slice(0, rows.length)).toEqual(rows);
        expect(more[rows.length]).toEqual({
          strategy: "worse",
          cost: extra.cost.at(-1),
          effect: extra.effect.at(-1),
          incCost: null,
          incEffect: null,
          icer: null,
          status: "D",
        });
      }),
      RUNS,
    );
  });

  it("calculateIcers does not depend on the input order of the strategies", () => {
    const arb = pointsArb.chain((p) =>
      fc
        .shuffledSubarray(
          p.cost.map((_, j) => j),
          { minLength: p.cost.length, maxLength: p.cost.length },
        )
        .map((perm) => ({ p, perm })),
    );
    fc.assert(
      fc.property(arb, ({ p, perm }) => {
        const rows = icers(p);
        const q: Points = {
          exact: p.exact,
          strategies: perm.map((j) => p.strategies[j] as string),
          cost: perm.map((j) => p.cost[j] as number),
          effect: perm.map((j) => p.effect[j] as number),
        };
        const permuted = icers(q);
        // Identical points may swap names (the first in input order is kept), nothing else.
        const strip = (r: IcerRow) => ({ ...r, strategy: "" });
        expect(permuted.map(strip)).toEqual(rows.map(strip));
        const keys = p.cost.map((c, j) => `${c}|${p.effect[j]}`);
        if (new Set(keys).size === keys.length) {
          expect(permuted).toEqual(rows);
          const status = (rs: IcerRow[]) =>
            Object.fromEntries(rs.map((r) => [r.strategy, r.status]));
          expect(status(permuted)).toEqual(status(rows));
        }
      }),
      RUNS,
    );
  });

  it("calculateIcers of a single strategy is one ND row without increments", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (cost, effect) => {
          expect(calculateIcers({ strategies: ["only"], cost: [cost], effect: [effect] })).toEqual([
            {
              strategy: "only",
              cost,
              effect,
              incCost: null,
              incEffect: null,
              icer: null,
              status: "ND",
            },
          ]);
        },
      ),
      { numRuns: 50 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// switchPoints
// ---------------------------------------------------------------------------------------------

interface Means {
  readonly strategies: string[];
  readonly cost: number[];
  readonly effect: number[];
}

/**
 * Integer means with effects in [0, 10]: switch points are rationals with denominators <= 10.
 * Each strategy is random (cost in [0, 100]) or passes through a common point (x, y) with
 * integer x in [0, 10] and y in [-20, 0] (cost x·e − y in [0, 120]), so that three or more lines
 * often meet at one point of the envelope. All switch points lie in [0, 120].
 */
const integerMeansArb: fc.Arbitrary<Means> = fc
  .record({
    x: fc.integer({ min: 0, max: 10 }),
    y: fc.integer({ min: -20, max: 0 }),
    lines: fc.array(
      fc.record({
        effect: fc.integer({ min: 0, max: 10 }),
        cost: fc.integer({ min: 0, max: 100 }),
        through: fc.boolean(),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ x, y, lines }) => ({
    strategies: names(lines.length),
    cost: lines.map((l) => (l.through ? x * l.effect - y : l.cost)),
    effect: lines.map((l) => l.effect),
  }));

/**
 * Doubles of ordinary size (magnitudes below 1e-3 become 0). With magnitudes spread over
 * hundreds of binary orders (e.g. 1e-275 next to 1e-147) the crossings of distinct lines can
 * round to the same value, and no tie rule can then tell which line is really higher.
 */
const ordinary = (max: number) =>
  fc.double({ min: -max, max, noNaN: true }).map((v) => (Math.abs(v) < 1e-3 ? 0 : v));

const doubleMeansArb: fc.Arbitrary<Means> = fc.integer({ min: 1, max: 6 }).chain((k) =>
  fc
    .record({
      cost: fc.array(ordinary(1e5), { minLength: k, maxLength: k }),
      effect: fc.array(ordinary(10), { minLength: k, maxLength: k }),
    })
    .map(({ cost, effect }) => ({ strategies: names(k), cost, effect })),
);

/** Expected-best strategy at λ: argmax of λ·Ē − C̄, lowest index on ties. */
function bestAt(m: Means, lambda: number): number {
  return firstArgmax(m.cost.map((c, j) => lambda * (m.effect[j] as number) - c));
}

/**
 * Like {@link bestAt}, but undefined when the winner rests on rounding: another, non-identical
 * line is within a few ulps of the best net benefit at λ (near-parallel lines far out).
 */
function clearBestAt(m: Means, lambda: number): number | undefined {
  const best = bestAt(m, lambda);
  const nb = (j: number) => lambda * (m.effect[j] as number) - (m.cost[j] as number);
  const size = (j: number) =>
    Math.abs(lambda * (m.effect[j] as number)) + Math.abs(m.cost[j] as number);
  for (let j = 0; j < m.cost.length; j++) {
    if (m.cost[j] === m.cost[best] && m.effect[j] === m.effect[best]) continue;
    if (Math.abs(nb(best) - nb(j)) <= 4 * Number.EPSILON * (size(j) + size(best))) return undefined;
  }
  return best;
}

/** Asserts the clear winner at λ (if there is one) is `expected`. */
function expectBestAt(m: Means, lambda: number, expected: number, what: string): void {
  const best = clearBestAt(m, lambda);
  if (best !== undefined) expect(best, what).toBe(expected);
}

/** Checks the switch points against direct evaluation between and around them. */
function checkSwitchPoints(m: Means, lower: number, upper: number): void {
  const opts = Number.isFinite(upper) ? { from: lower, to: upper } : { from: lower };
  const points = switchPoints(m.strategies, m.cost, m.effect, opts);
  const idx = (name: string) => m.strategies.indexOf(name);
  let owner = bestAt(m, lower);
  let prev = lower;
  points.forEach((pt, i) => {
    expect(pt.wtp).toBeGreaterThanOrEqual(lower);
    expect(pt.wtp).toBeLessThanOrEqual(upper);
    if (i > 0) expect(pt.wtp, "switch points increase").toBeGreaterThan(prev);
    expect(idx(pt.from), `switch ${i} starts from the current owner`).toBe(owner);
    expect(pt.to).not.toBe(pt.from);
    expect(m.effect[idx(pt.to)] as number).toBeGreaterThan(m.effect[idx(pt.from)] as number);
    // Just below (midway from the previous switch point): the `from` strategy is the best.
    const below = (prev + pt.wtp) / 2;
    if (prev < below && below < pt.wtp) expectBestAt(m, below, owner, `below switch ${i}`);
    // Just above (midway to the next one): the `to` strategy.
    const next =
      points[i + 1]?.wtp ?? (Number.isFinite(upper) ? upper : pt.wtp + 1 + Math.abs(pt.wtp));
    const above = (pt.wtp + next) / 2;
    if (pt.wtp < above && above < next) {
      expectBestAt(m, above, idx(pt.to), `above switch ${i}`);
    }
    owner = idx(pt.to);
    prev = pt.wtp;
  });
  if (points.length === 0) {
    const far = Number.isFinite(upper) ? upper : lower + 1e9;
    expectBestAt(m, (lower + far) / 2, owner, "no switch point");
    if (Number.isFinite(upper) && upper > lower) {
      expectBestAt(m, upper, owner, "no switch point, at the upper end");
    }
  }
}

describe("switchPoints properties", () => {
  it("switchPoints from integer means: increasing, exact crossings, from/to around each", () => {
    fc.assert(
      fc.property(integerMeansArb, (m) => {
        checkSwitchPoints(m, 0, Number.POSITIVE_INFINITY);
        for (const pt of switchPoints(m.strategies, m.cost, m.effect)) {
          const a = m.strategies.indexOf(pt.from);
          const b = m.strategies.indexOf(pt.to);
          const x =
            ((m.cost[b] as number) - (m.cost[a] as number)) /
            ((m.effect[b] as number) - (m.effect[a] as number));
          expect(pt.wtp).toBe(Math.max(0, x));
        }
      }),
      { numRuns: 400 },
    );
  });

  it("switchPoints from double means and a bounded range: from/to around each", () => {
    fc.assert(
      fc.property(
        doubleMeansArb,
        ordinary(1e4),
        fc.option(ordinary(1e5).map(Math.abs)),
        (m, lower, width) => {
          checkSwitchPoints(m, lower, width === null ? Number.POSITIVE_INFINITY : lower + width);
        },
      ),
      RUNS,
    );
  });

  it("switchPoints count equals the changes of the expected-best strategy on a fine grid", () => {
    // Integer means: switch points are p/q with q <= 10, so distinct ones differ by at least
    // 1/90 > 1/128, the grid step, and all lie in [0, 120]. The grid is 0 then the odd multiples
    // of 1/256 up to 121, which no p/q with q <= 10 equals (at a switch point itself a third,
    // lower-index strategy may tie), so each switch point shows as exactly one change.
    const grid = [0, ...Array.from({ length: 121 * 128 }, (_, k) => (2 * k + 1) / 256)];
    fc.assert(
      fc.property(integerMeansArb, (m) => {
        let changes = 0;
        let prev = bestAt(m, 0);
        for (let k = 1; k < grid.length; k++) {
          const b = bestAt(m, grid[k] as number);
          if (b !== prev) changes++;
          prev = b;
        }
        expect(switchPoints(m.strategies, m.cost, m.effect).length).toBe(changes);
        expect(switchPoints(m.strategies, m.cost, m.effect, { to: 121 }).length).toBe(changes);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// comparePairwise
// ---------------------------------------------------------------------------------------------

/** Type-7 quantile of an ascending array. */
function type7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

describe("comparePairwise properties", () => {
  const arb = caseArb.chain((c) =>
    fc.nat({ max: c.samples.strategies.length - 1 }).map((ref) => ({ c, ref })),
  );

  it("comparePairwise matches per-sample differences, quadrants and P(INMB > 0)", () => {
    fc.assert(
      fc.property(arb, ({ c, ref }) => {
        const { samples, grid } = c;
        const { cost, effect, nSamples: n, strategies } = samples;
        const comparator = strategies[ref] as string;
        const out = comparePairwise(samples, comparator, grid);
        expect(out.map((r) => r.strategy)).toEqual(strategies.filter((_, j) => j !== ref));
        for (const r of out) {
          const j = strategies.indexOf(r.strategy);
          expect(r.comparator).toBe(comparator);
          const dc: number[] = [];
          const de: number[] = [];
          for (let s = 0; s < n; s++) {
            dc.push((cost[j * n + s] as number) - (cost[ref * n + s] as number));
            de.push((effect[j * n + s] as number) - (effect[ref * n + s] as number));
          }
          const meanOf = (x: number[]) => x.reduce((a, v) => a + v, 0) / n;
          const tolOf = (x: number[]) => (c.exact ? 0 : 1e-12 * (1 + Math.max(...x.map(Math.abs))));
          expectNear(r.incCost, meanOf(dc), tolOf(dc), "incCost");
          expectNear(r.incEffect, meanOf(de), tolOf(de), "incEffect");
          expect(r.icer).toBe(r.incEffect === 0 ? null : r.incCost / r.incEffect);

          const q = { northEast: 0, northWest: 0, southEast: 0, southWest: 0 };
          for (let s = 0; s < n; s++) {
            const x = dc[s] as number;
            const y = de[s] as number;
            if (y >= 0 && x <= 0) q.southEast++;
            else if (y <= 0 && x >= 0) q.northWest++;
            else if (y > 0 && x > 0) q.northEast++;
            else if (y < 0 && x < 0) q.southWest++;
            else throw new Error("unclassified point");
          }
          expect(r.quadrants).toEqual({
            northEast: q.northEast / n,
            northWest: q.northWest / n,
            southEast: q.southEast / n,
            southWest: q.southWest / n,
          });
          const total =
            r.quadrants.northEast +
            r.quadrants.northWest +
            r.quadrants.southEast +
            r.quadrants.southWest;
          expect(Math.abs(total - 1)).toBeLessThanOrEqual(1e-12);

          grid.forEach((l, k) => {
            const inb = Float64Array.from(dc, (x, s) => l * (de[s] as number) - x);
            const positive = inb.filter((v) => v > 0).length;
            expect(r.probCostEffective[k], `P(CE) at ${l}`).toBe(positive / n);
            const scale = 1e-9 * (1 + Math.max(...Array.from(inb, Math.abs)));
            expectNear(
              r.inmb[k] as number,
              meanOf(Array.from(inb)),
              c.exact ? 0 : scale,
              `inmb at ${l}`,
            );
            const lower = r.inmbLower?.[k] as number;
            const upper = r.inmbUpper?.[k] as number;
            expect(lower).toBeLessThanOrEqual(upper);
            inb.sort();
            expect(lower).toBe(type7(inb, 0.025));
            expect(upper).toBe(type7(inb, 0.975));
          });
        }
      }),
      RUNS,
    );
  });

  it("comparePairwise of a single strategy is empty", () => {
    const samples = createCeSamples({ strategies: ["a"], cost: [1, 2], effect: [0.5, 0.6] });
    expect(comparePairwise(samples, "a", [0, 100])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// populationEvpi / effectivePopulation
// ---------------------------------------------------------------------------------------------

describe("effectivePopulation and populationEvpi properties", () => {
  const population = fc.double({ min: 0, max: 1e7, noNaN: true });
  // The rates effectivePopulation takes: DISCOUNT_RANGE, 0 to 20% (README, "Limits").
  const rate = fc.double({ min: 0, max: 0.2, noNaN: true });
  const years = fc.integer({ min: 1, max: 100 });

  it("effectivePopulation over one year is the annual population", () => {
    fc.assert(
      fc.property(population, rate, (annualPopulation, discountRate) => {
        expect(effectivePopulation({ annualPopulation, years: 1, discountRate })).toBe(
          annualPopulation,
        );
      }),
      RUNS,
    );
  });

  it("effectivePopulation without discounting is population × years", () => {
    fc.assert(
      fc.property(population, years, (annualPopulation, y) => {
        expect(effectivePopulation({ annualPopulation, years: y, discountRate: 0 })).toBe(
          annualPopulation * y,
        );
        expect(effectivePopulation({ annualPopulation, years: y })).toBe(annualPopulation * y);
      }),
      RUNS,
    );
  });

  it("effectivePopulation matches the geometric-series closed form for r > 0", () => {
    fc.assert(
      fc.property(population, fc.double({ min: 1e-4, max: 0.2, noNaN: true }), years, (a, r, y) => {
        // Σ_{t=0}^{y-1} (1+r)^-t = (1 − (1+r)^-y) / (1 − 1/(1+r)).
        const closed = (a * (1 - (1 + r) ** -y)) / (1 - 1 / (1 + r));
        const got = effectivePopulation({ annualPopulation: a, years: y, discountRate: r });
        expect(Math.abs(got - closed)).toBeLessThanOrEqual(1e-10 * (1 + closed));
        // Discounting never adds people: between one year's worth and y years' worth.
        expect(got).toBeLessThanOrEqual(a * y);
        expect(got).toBeGreaterThanOrEqual(a);
      }),
      RUNS,
    );
  });

  it("populationEvpi scales every EVPI by the effective population", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 20 }),
        population,
        rate,
        years,
        (evpi, annualPopulation, discountRate, y) => {
          const options = { annualPopulation, years: y, discountRate };
          const scale = effectivePopulation(options);
          const out = populationEvpi(evpi, options);
          expect(Array.from(out)).toEqual(evpi.map((v) => v * scale));
        },
      ),
      RUNS,
    );
  });
});
