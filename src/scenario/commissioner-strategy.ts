/**
 * The per-sample commissioner answers of one strategy against the comparator: programme cost,
 * cashable savings and released staff time over the horizon, the budget year by year, ROI and
 * payback (definitions in commissioner.ts). Every sample-length array lives in one
 * {@link AnswerWorkspace}, shared by all strategies of a run: at 10⁶ samples fresh memory costs
 * time as well as space, so the arrays are allocated (and first touched) once.
 *
 * @module
 */

import { summariseRoi } from "../analysis/return-on-investment.js";
import { quantilePair } from "../core/quantile.js";
import { CeaError } from "../errors.js";
import type { CommissionerSpec, CommissionerYear } from "../model/model-factory.js";
import type { BaseCaseResult } from "../psa/base-case.js";
import type { PsaResult } from "../psa/run-psa.js";
import type {
  CommissionerEstimate,
  CommissionerStrategyAnswers,
  CommissionerYearRow,
} from "./commissioner.js";

/**
 * The sample-length arrays of {@link strategyAnswers}: totals over the horizon of programme
 * cost, cashable savings and all savings, released staff time (all − cashable), and two scratch
 * arrays for the per-sample ROI and the discounted increments (the totals, once summarised, hold
 * the rest of those). The scratch arrays may be the caller's (any contents, the samples' length).
 *
 * @example
 * ```ts
 * const workspace = new AnswerWorkspace(psa.samples.nSamples);
 * strategyAnswers(spec, years, base, psa, "swis", "usual", workspace);
 * ```
 */
export class AnswerWorkspace {
  /** Arrays of doubles the workspace holds, the two scratch arrays included. */
  static readonly ARRAYS = 6;
  readonly totalCost: Float64Array;
  readonly totalCash: Float64Array;
  readonly totalAll: Float64Array;
  readonly staff: Float64Array;
  /** Scratch for the discounted increments and the per-sample ROI. */
  readonly scratch: readonly [Float64Array, Float64Array];

  constructor(
    readonly n: number,
    scratch?: readonly [Float64Array, Float64Array],
  ) {
    this.totalCost = new Float64Array(n);
    this.totalCash = new Float64Array(n);
    this.totalAll = new Float64Array(n);
    this.staff = new Float64Array(n);
    if (scratch !== undefined && !scratch.every((x) => x.length === n)) {
      throw new RangeError(`AnswerWorkspace: the scratch arrays must hold ${n} samples`);
    }
    this.scratch = scratch ?? [new Float64Array(n), new Float64Array(n)];
  }
}

/** An outcome's array for one strategy, or an error naming the model and outcome. */
function outcomeArray(psa: PsaResult, outcome: string, strategy: string): Float64Array {
  const x = (psa.outcomes as Record<string, Record<string, Float64Array>>)[outcome]?.[strategy];
  if (x === undefined) {
    throw new CeaError(
      `commissioner answers: the model emits no outcome "${outcome}" for strategy "${strategy}"`,
    );
  }
  return x;
}

function outcomeBase(base: BaseCaseResult, outcome: string, strategy: string): number {
  return (base.outcomes as Record<string, Record<string, number>>)[outcome]?.[strategy] as number;
}

/**
 * Base case, mean and 95% interval of one amount. The mean is a plain running sum over n, as
 * these answers have always been computed (the cost-consequence table's `estimate` uses a
 * compensated sum; making this one compensated too would change the reported bits).
 */
function estimateOf(base: number, x: Float64Array): CommissionerEstimate {
  let total = 0;
  for (let i = 0; i < x.length; i++) total += x[i] as number;
  const [lower, upper] = quantilePair(x, 0.025, 0.975);
  return { base, mean: total / x.length, lower, upper };
}

/** `out[i] = sign · (x1[i] − x0[i])`: a strategy's increment over the comparator, per sample. */
function increment(out: Float64Array, x1: Float64Array, x0: Float64Array, sign: 1 | -1) {
  for (let i = 0; i < out.length; i++) out[i] = sign * ((x1[i] as number) - (x0[i] as number));
  return out;
}

/** The sums over samples of one year's increments, and the samples paid back by its end. */
interface YearSums {
  readonly cost: number;
  readonly cash: number;
  readonly all: number;
  readonly paidCash: number;
  readonly paidAll: number;
}

/** Sample i of array k. */
const valueAt = (arrays: readonly Float64Array[], k: number, i: number) =>
  (arrays[k] as Float64Array)[i] as number;

/**
 * The years of one strategy against the comparator, sample by sample. `years[6 (y − 1) + k]`
 * are year y's programme cost (k = 0 strategy, 1 comparator), cashable cost (2, 3) and downstream
 * cost (4, 5). Per sample: the increments of programme cost (p1 − p0), cashable savings
 * (c0 − c1) and all savings (d0 − d1) summed over the years into the workspace's totals (and
 * staff time, all − cashable), and the first year the running net (net + savings − cost) reaches
 * 0. Per year: the sums over samples, each added in sample order, and the count of samples paid
 * back by then. Each sum is formed in the order, and so to the bit, of a pass per year.
 */
function addYears(w: AnswerWorkspace, years: readonly Float64Array[]): YearSums[] {
  const { totalCost, totalCash, totalAll, staff } = w;
  const Y = years.length / 6;
  const cost = new Float64Array(Y);
  const cash = new Float64Array(Y);
  const all = new Float64Array(Y);
  // Samples whose payback is year y (index 0: none within the horizon).
  const paidCashIn = new Int32Array(Y + 1);
  const paidAllIn = new Int32Array(Y + 1);
  for (let i = 0; i < w.n; i++) {
    // Seven locals, not a destructured array, which would be allocated for every sample.
    let tc = 0;
    let ts = 0;
    let ta = 0;
    let nc = 0;
    let na = 0;
    let pc = 0;
    let pa = 0;
    for (let y = 0; y < Y; y++) {
      const at = 6 * y;
      const ci = valueAt(years, at, i) - valueAt(years, at + 1, i);
      const si = valueAt(years, at + 3, i) - valueAt(years, at + 2, i);
      const ai = valueAt(years, at + 5, i) - valueAt(years, at + 4, i);
      tc += ci;
      ts += si;
      ta += ai;
      cost[y] = (cost[y] as number) + ci;
      cash[y] = (cash[y] as number) + si;
      all[y] = (all[y] as number) + ai;
      // The payback rule of analysis/payback.ts (accumulatePayback), inlined: net + savings −
      // cost, and the first year it reaches 0.
      nc = nc + si - ci;
      if (pc === 0 && nc >= 0) pc = y + 1;
      na = na + ai - ci;
      if (pa === 0 && na >= 0) pa = y + 1;
    }
    totalCost[i] = tc;
    totalCash[i] = ts;
    totalAll[i] = ta;
    staff[i] = ta - ts;
    paidCashIn[pc] = (paidCashIn[pc] as number) + 1;
    paidAllIn[pa] = (paidAllIn[pa] as number) + 1;
  }
  const sums: YearSums[] = [];
  let [paidCash, paidAll] = [0, 0];
  for (let y = 0; y < Y; y++) {
    paidCash += paidCashIn[y + 1] as number;
    paidAll += paidAllIn[y + 1] as number;
    sums.push({
      cost: cost[y] as number,
      cash: cash[y] as number,
      all: all[y] as number,
      paidCash,
      paidAll,
    });
  }
  return sums;
}

/**
 * The per-year and total amounts of one strategy vs the comparator, per sample and base case,
 * computed in `workspace` (reset here).
 *
 * @example
 * ```ts
 * const answers = strategyAnswers(spec, 5, base, psa, "swis", "usual", new AnswerWorkspace(n));
 * answers.roi.cashable.undiscounted.mean;
 * ```
 */
export function strategyAnswers(
  spec: CommissionerSpec,
  years: number,
  base: BaseCaseResult,
  psa: PsaResult,
  strategy: string,
  comparator: string,
  workspace: AnswerWorkspace,
): CommissionerStrategyAnswers {
  const w = workspace;
  const n = w.n;
  const b = (o: string, s: string) => outcomeBase(base, o, s);
  const pair = (o: string): [Float64Array, Float64Array] => [
    outcomeArray(psa, o, strategy),
    outcomeArray(psa, o, comparator),
  ];
  let [bCost, bCash, bAll, baseNetCash, baseNetAll] = [0, 0, 0, 0, 0];
  let [baseYearCash, baseYearAll] = [null as number | null, null as number | null];
  const budgetImpact: CommissionerYearRow[] = [];
  const pCash: number[] = [];
  const pAll: number[] = [];
  let cumCash = 0;
  let cumAll = 0;
  const yearNames = Array.from({ length: years }, (_, t) => spec.yearly(t + 1));
  const yearSums = addYears(
    w,
    yearNames.flatMap((names) => [
      ...pair(names.programme),
      ...pair(names.cashable),
      ...pair(names.downstream),
    ]),
  );
  for (let y = 1; y <= years; y++) {
    const names = yearNames[y - 1] as CommissionerYear;
    const sums = yearSums[y - 1] as YearSums;
    pCash.push(sums.paidCash / n);
    pAll.push(sums.paidAll / n);
    // The base case, as the kernel computes it: net + savings − cost.
    const yCost = b(names.programme, strategy) - b(names.programme, comparator);
    const yCash = b(names.cashable, comparator) - b(names.cashable, strategy);
    const yAll = b(names.downstream, comparator) - b(names.downstream, strategy);
    bCost += yCost;
    bCash += yCash;
    bAll += yAll;
    baseNetCash = baseNetCash + yCash - yCost;
    baseNetAll = baseNetAll + yAll - yCost;
    if (baseYearCash === null && baseNetCash >= 0) baseYearCash = y;
    if (baseYearAll === null && baseNetAll >= 0) baseYearAll = y;
    const [programmeCost, cashableSavings, allSavings] = [
      sums.cost / n,
      sums.cash / n,
      sums.all / n,
    ];
    cumCash += programmeCost - cashableSavings;
    cumAll += programmeCost - allSavings;
    budgetImpact.push({
      year: y,
      programmeCost,
      cashableSavings,
      staffTimeSavings: allSavings - cashableSavings,
      netCash: programmeCost - cashableSavings,
      netWithStaffTime: programmeCost - allSavings,
      cumulativeNetCash: cumCash,
      cumulativeNetWithStaffTime: cumAll,
      pPaybackCashable: sums.paidCash / n,
      pPaybackWithStaffTime: sums.paidAll / n,
    });
  }
  const { totalCost, totalCash, totalAll, staff } = w;
  // Once the undiscounted amounts are summarised, the programme-cost totals hold the discounted
  // increments of programme cost, and the scratch pair the cashable ones and the per-sample ROI.
  const [dCost, [dCash, roi]] = [totalCost, w.scratch];
  const roiOf = (savings: Float64Array, cost: Float64Array, bs: number, bc: number) => ({
    base: bc > 0 ? (bs - bc) / bc : Number.NaN,
    ...summariseRoi(savings, cost, roi),
  });
  const undiscounted = {
    cost: estimateOf(bCost, totalCost),
    cash: estimateOf(bCash, totalCash),
    staff: estimateOf(bAll - bCash, staff),
    roiCash: roiOf(totalCash, totalCost, bCash, bCost),
    roiAll: roiOf(totalAll, totalCost, bAll, bCost),
  };
  const discounted = spec.discounted === undefined ? null : discountedAnswers();

  /** The discounted totals (when the model emits them), in the scratch arrays. */
  function discountedAnswers() {
    const d = spec.discounted as NonNullable<CommissionerSpec["discounted"]>;
    const [x1, x0] = pair(d.programme);
    const [c1, c0] = pair(d.cashable);
    const [a1, a0] = pair(d.downstream);
    const baseCost = b(d.programme, strategy) - b(d.programme, comparator);
    const baseCash = b(d.cashable, comparator) - b(d.cashable, strategy);
    const baseAll = b(d.downstream, comparator) - b(d.downstream, strategy);
    increment(dCost, x1, x0, 1);
    increment(dCash, c1, c0, -1);
    const cost = estimateOf(baseCost, dCost);
    const cash = estimateOf(baseCash, dCash);
    const roiCash = roiOf(dCash, dCost, baseCash, baseCost);
    // All savings, then released staff time (all − cashable) in place of the cashable ones.
    const dAll = increment(staff, a1, a0, -1);
    const roiAll = roiOf(dAll, dCost, baseAll, baseCost);
    for (let i = 0; i < n; i++) dCash[i] = (dAll[i] as number) - (dCash[i] as number);
    return { cost, cash, staff: estimateOf(baseAll - baseCash, dCash), roiCash, roiAll };
  }

  return {
    strategy,
    comparator,
    programmeCost: { undiscounted: undiscounted.cost, discounted: discounted?.cost ?? null },
    cashable: { undiscounted: undiscounted.cash, discounted: discounted?.cash ?? null },
    staffTime: { undiscounted: undiscounted.staff, discounted: discounted?.staff ?? null },
    budgetImpact,
    roi: {
      cashable: { undiscounted: undiscounted.roiCash, discounted: discounted?.roiCash ?? null },
      withStaffTime: { undiscounted: undiscounted.roiAll, discounted: discounted?.roiAll ?? null },
    },
    payback: {
      cashable: { baseYear: baseYearCash, probability: pCash },
      withStaffTime: { baseYear: baseYearAll, probability: pAll },
    },
  };
}
