/**
 * The commissioner answers' per-year kernel works sample by sample (one pass over the years of
 * each sample); its totals, year sums, payback shares and estimates must be those of the plain
 * definition, a pass per year over every sample, to the bit. The reference below is that
 * definition, written out; the inputs include exact zeros of both signs and nets that land on
 * exactly 0, where the payback rule (net ≥ 0) is decided.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCeSamples } from "../../src/analysis/samples.js";
import { quantilePair } from "../../src/core/quantile.js";
import type { CommissionerSpec } from "../../src/model/model-factory.js";
import type { BaseCaseResult } from "../../src/psa/base-case.js";
import type { PsaResult } from "../../src/psa/run-psa.js";
import { AnswerWorkspace, strategyAnswers } from "../../src/scenario/commissioner-strategy.js";

const KINDS = ["programme", "cashable", "downstream"] as const;
const name = (kind: string, y: number) => `${kind}_${y}`;

const spec: CommissionerSpec = {
  yearly: (y) => ({
    programme: name("programme", y),
    cashable: name("cashable", y),
    downstream: name("downstream", y),
  }),
  cashable: "placements",
  staffTime: "social-work time",
};

/** Per year, per kind, the strategy's and the comparator's per-sample amounts. */
type Years = { programme: number[][]; cashable: number[][]; downstream: number[][] }[];

/** The plain definition: a pass per year over every sample. */
function reference(years: Years, n: number) {
  const total = { cost: new Float64Array(n), cash: new Float64Array(n), all: new Float64Array(n) };
  const net = { cash: new Float64Array(n), all: new Float64Array(n) };
  const payback = { cash: new Int32Array(n), all: new Int32Array(n) };
  const rows = years.map((year, t) => {
    let [cost, cash, all, paidCash, paidAll] = [0, 0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const [p1, p0] = year.programme.map((x) => x[i] as number) as [number, number];
      const [c1, c0] = year.cashable.map((x) => x[i] as number) as [number, number];
      const [d1, d0] = year.downstream.map((x) => x[i] as number) as [number, number];
      const [ci, si, ai] = [p1 - p0, c0 - c1, d0 - d1];
      total.cost[i] = (total.cost[i] as number) + ci;
      total.cash[i] = (total.cash[i] as number) + si;
      total.all[i] = (total.all[i] as number) + ai;
      cost += ci;
      cash += si;
      all += ai;
      net.cash[i] = (net.cash[i] as number) + si - ci;
      net.all[i] = (net.all[i] as number) + ai - ci;
      if (payback.cash[i] === 0 && (net.cash[i] as number) >= 0) payback.cash[i] = t + 1;
      if (payback.all[i] === 0 && (net.all[i] as number) >= 0) payback.all[i] = t + 1;
      if (payback.cash[i] !== 0) paidCash++;
      if (payback.all[i] !== 0) paidAll++;
    }
    return {
      cost: cost / n,
      cash: cash / n,
      all: all / n,
      paidCash: paidCash / n,
      paidAll: paidAll / n,
    };
  });
  const staff = total.all.map((a, i) => a - (total.cash[i] as number));
  const estimate = (x: Float64Array) => {
    let sum = 0;
    for (const v of x) sum += v;
    const [lower, upper] = quantilePair(x, 0.025, 0.975);
    return { mean: sum / n, lower, upper };
  };
  return { rows, cost: estimate(total.cost), cash: estimate(total.cash), staff: estimate(staff) };
}

/** A PSA result and base case holding `years` for strategies "on" and "off". */
function inputs(years: Years, n: number): { psa: PsaResult; base: BaseCaseResult } {
  const outcomes: Record<string, Record<string, Float64Array>> = {};
  const point: Record<string, Record<string, number>> = {};
  years.forEach((year, t) => {
    for (const kind of KINDS) {
      const [on, off] = year[kind].map((x) => Float64Array.from(x)) as [Float64Array, Float64Array];
      outcomes[name(kind, t + 1)] = { on, off };
      point[name(kind, t + 1)] = { on: on[0] as number, off: off[0] as number };
    }
  });
  const samples = createCeSamples({
    strategies: ["off", "on"],
    cost: new Float64Array(2 * n),
    effect: new Float64Array(2 * n),
  });
  return {
    psa: { seed: 1, samples, parameters: {}, outcomes },
    base: { parameters: {}, cost: { on: 0, off: 0 }, effect: { on: 0, off: 0 }, outcomes: point },
  };
}

/** Amounts with exact zeros of both signs and small integers, so that nets often land on 0. */
const amount = fc.oneof(
  fc.constantFrom(0, -0, 1, 2, 3, 0.1, 0.2, 0.30000000000000004),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);

describe("commissioner answers, year by year", () => {
  it("strategyAnswers (a pass over each sample's years) equals a pass per year over the samples, to the bit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((nYears) =>
          fc.integer({ min: 1, max: 40 }).chain((n) => {
            const column = fc.array(amount, { minLength: n, maxLength: n });
            const pair = fc.tuple(column, column);
            const year = fc.record({ programme: pair, cashable: pair, downstream: pair });
            return fc.tuple(
              fc.constant(n),
              fc.array(year, { minLength: nYears, maxLength: nYears }),
            );
          }),
        ),
        ([n, years]) => {
          const { psa, base } = inputs(years, n);
          const workspace = new AnswerWorkspace(n);
          const got = strategyAnswers(spec, years.length, base, psa, "on", "off", workspace);
          const want = reference(years, n);
          const same = (a: number, b: number) =>
            Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
          got.budgetImpact.forEach((row, t) => {
            const w = want.rows[t] as (typeof want.rows)[number];
            expect(same(row.programmeCost, w.cost)).toBe(true);
            expect(same(row.cashableSavings, w.cash)).toBe(true);
            expect(same(row.staffTimeSavings, w.all - w.cash)).toBe(true);
            expect(row.pPaybackCashable).toBe(w.paidCash);
            expect(row.pPaybackWithStaffTime).toBe(w.paidAll);
          });
          for (const [key, w] of [
            ["programmeCost", want.cost],
            ["cashable", want.cash],
            ["staffTime", want.staff],
          ] as const) {
            const g = got[key].undiscounted;
            expect([same(g.mean, w.mean), same(g.lower, w.lower), same(g.upper, w.upper)]).toEqual([
              true,
              true,
              true,
            ]);
          }
          expect(got.payback.cashable.probability).toEqual(want.rows.map((r) => r.paidCash));
          // A workspace that held another strategy's answers gives the same ones again.
          strategyAnswers(spec, years.length, base, psa, "off", "on", workspace);
          expect(strategyAnswers(spec, years.length, base, psa, "on", "off", workspace)).toEqual(
            got,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
