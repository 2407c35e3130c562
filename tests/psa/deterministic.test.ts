/**
 * Deterministic sensitivity analysis on a model whose answers can be written down:
 * INMB(λ) of B vs A = λ·b − 100·a − 10·c, so swings, the two-way grid and the threshold
 * (b = (100·a + 10·c) / λ) follow by hand.
 */
import { describe, expect, it } from "vitest";
import { createDistribution } from "../../src/distributions/create.js";
import { InputError } from "../../src/errors.js";
import { defineModel } from "../../src/model/define-model.js";
import { runBaseCase } from "../../src/psa/base-case.js";
import {
  evaluatePoints,
  oneWayDsa,
  thresholdAnalysis,
  twoWayDsa,
} from "../../src/psa/deterministic.js";
import { prepareModel } from "../../src/psa/run-psa.js";

const SPECS = {
  a: { type: "normal", mean: 10, sd: 2 },
  b: { type: "gamma", mean: 5, sd: 1 },
  c: { type: "uniform", min: 0, max: 4 },
  f: { type: "fixed", value: 3 },
} as const;

const model = defineModel({
  name: "linear",
  parameters: SPECS,
  derived: { twice_a: "2 * a" },
  strategies: ["A", "B"],
  evaluate(p, out, { n }) {
    for (let i = 0; i < n; i++) {
      out.cost.A[i] = 0;
      out.effect.A[i] = 0;
      // 50 · twice_a = 100 · a: the derived column is recomputed at every point.
      out.cost.B[i] = 50 * (p.twice_a[i] as number) + 10 * (p.c[i] as number);
      out.effect.B[i] = p.b[i] as number;
    }
  },
});

const q = (name: keyof typeof SPECS, p: number) => createDistribution(SPECS[name]).quantile(p);
const inmb = (lambda: number, a: number, b: number, c: number) => lambda * b - 100 * a - 10 * c;

describe("deterministic sensitivity analysis", () => {
  it("evaluatePoints sets the given parameters, keeps the rest at point values, recomputes derived", async () => {
    const prepared = await prepareModel(model);
    const r = evaluatePoints(prepared, [{}, { a: 12 }, { b: 7, c: 1 }]);
    expect(Array.from(r.cost)).toEqual([0, 1020, 0, 1220, 0, 1010]);
    expect(Array.from(r.effect)).toEqual([0, 5, 0, 5, 0, 7]);
    expect(() => evaluatePoints(prepared, [{ nope: 1 }])).toThrow(InputError);
  });

  it("oneWayDsa: bars at the 2.5% / 97.5% quantiles, INMB and ICER by hand, sorted by swing", async () => {
    const lambda = 1000;
    const dsa = await oneWayDsa(model, { wtp: lambda });
    expect(dsa.strategy).toBe("B");
    expect(dsa.comparator).toBe("A");
    expect(dsa.baseInmb).toBeCloseTo(inmb(lambda, 10, 5, 2), 9);
    expect(dsa.baseIcer).toBeCloseTo((100 * 10 + 20) / 5, 12);
    // The fixed parameter f is not varied; the derived twice_a is not a parameter.
    expect(dsa.bars.map((b) => b.parameter)).toEqual(["b", "a", "c"]);
    const [bBar, aBar, cBar] = dsa.bars;
    expect(bBar?.low).toBeCloseTo(q("b", 0.025), 12);
    expect(bBar?.inmbHigh).toBeCloseTo(inmb(lambda, 10, q("b", 0.975), 2), 8);
    expect(bBar?.swing).toBeCloseTo(lambda * (q("b", 0.975) - q("b", 0.025)), 8);
    // a: 10 ± 1.959964 × 2, swing 100 × 2 × 3.919928 = 783.99
    expect(aBar?.swing).toBeCloseTo(100 * (q("a", 0.975) - q("a", 0.025)), 8);
    expect(aBar?.swing).toBeCloseTo(783.9856, 3);
    expect(aBar?.icerLow).toBeCloseTo((100 * q("a", 0.025) + 20) / 5, 9);
    // c: uniform(0, 4) → 0.1 and 3.9, swing 10 × 3.8 = 38
    expect(cBar?.swing).toBeCloseTo(38, 9);
  });

  it("oneWayDsa takes ranges from the caller and refuses unknown names", async () => {
    const dsa = await oneWayDsa(model, { wtp: 0, parameters: ["c"], ranges: { c: [1, 3] } });
    expect(dsa.bars).toHaveLength(1);
    expect(dsa.bars[0]).toMatchObject({
      low: 1,
      high: 3,
      inmbLow: -1010,
      inmbHigh: -1030,
      swing: 20,
    });
    await expect(oneWayDsa(model, { wtp: 0, parameters: ["zz"] })).rejects.toThrow(InputError);
    await expect(oneWayDsa(model, { wtp: 0, strategy: "C" })).rejects.toThrow(
      /unknown strategy "C"/,
    );
  });

  it("twoWayDsa gives the optimal strategy cell by cell, as the formula does", async () => {
    const xs = [8, 10, 12];
    const ys = [0.5, 1, 5, 9];
    const grid = await twoWayDsa(model, {
      x: { parameter: "a", values: xs },
      y: { parameter: "b", values: ys },
      wtp: 1000,
    });
    ys.forEach((b, iy) => {
      xs.forEach((a, ix) => {
        const expected = inmb(1000, a, b, 2) > 0 ? 1 : 0;
        expect(grid.optimal[iy * xs.length + ix], `a=${a} b=${b}`).toBe(expected);
        expect(grid.nmb[(iy * xs.length + ix) * 2 + 1]).toBeCloseTo(1000 * b - 100 * a - 20, 9);
      });
    });
  });

  it("thresholdAnalysis finds b = (100a + 10c)/λ = 1.02 to 1e-6 relative, and reports no change where there is none", async () => {
    const t = await thresholdAnalysis(model, { parameter: "b", wtp: 1000, range: [0, 10] });
    expect(t.optimalAtLow).toBe("A");
    expect(t.thresholds).toHaveLength(1);
    expect(t.thresholds[0]?.from).toBe("A");
    expect(t.thresholds[0]?.to).toBe("B");
    expect(Math.abs((t.thresholds[0]?.value as number) / 1.02 - 1)).toBeLessThan(1e-6);
    const none = await thresholdAnalysis(model, { parameter: "c", wtp: 1000, range: [0, 4] });
    expect(none.thresholds).toEqual([]);
    expect(none.optimalAtLow).toBe("B");
    await expect(
      thresholdAnalysis(model, { parameter: "b", wtp: 1000, range: [3, 3] }),
    ).rejects.toThrow(InputError);
  });

  it("oneWayDsa refuses a range given high to low, and varies a fixed parameter given a range", async () => {
    await expect(oneWayDsa(model, { wtp: 1000, ranges: { a: [12, 8] } })).rejects.toThrow(
      "ranges.a: expected low ≤ high, got [12, 8]",
    );
    // f is fixed (3) and the model does not use it: a bar of zero swing, at its base value.
    const dsa = await oneWayDsa(model, { wtp: 1000, ranges: { f: [1, 5] } });
    const f = dsa.bars.find((b) => b.parameter === "f");
    expect(f?.swing).toBe(0);
    expect(f?.base).toBe(3);
    expect(dsa.bars.find((b) => b.parameter === "a")?.base).toBe(10);
  });

  it("thresholdAnalysis finds two changes within one grid step, each with the strategies either side", async () => {
    // NB at λ = 1: A 0, B x − 10.3, C 2x − 20.9. B overtakes A at x = 10.3 and C overtakes B at
    // x = 10.6, both inside the grid step [10, 11] of 200 steps over [0, 200].
    const three = defineModel({
      name: "three",
      parameters: { x: { type: "uniform", min: 0, max: 200 } },
      strategies: ["A", "B", "C"],
      evaluate(p, out, { n }) {
        for (let i = 0; i < n; i++) {
          const x = p.x[i] as number;
          out.cost.A[i] = 0;
          out.effect.A[i] = 0;
          out.cost.B[i] = 10.3;
          out.effect.B[i] = x;
          out.cost.C[i] = 20.9;
          out.effect.C[i] = 2 * x;
        }
      },
    });
    const t = await thresholdAnalysis(three, { parameter: "x", wtp: 1, range: [0, 200] });
    expect(t.thresholds.map((h) => [h.from, h.to])).toEqual([
      ["A", "B"],
      ["B", "C"],
    ]);
    expect(t.thresholds[0]?.value).toBeCloseTo(10.3, 12);
    expect(t.thresholds[1]?.value).toBeCloseTo(10.6, 12);
  });

  it("thresholdAnalysis: strategies tied to within rounding do not make thousands of thresholds", async () => {
    // A's and B's costs are 0.1x + 0.2x and 0.3x: equal but for rounding, so the optimum swaps
    // between them at random; C (cost 2400 − 2.4x) takes over at x = 2400 / 2.7 = 888.9. With one
    // grid step the step holds thousands of swaps: it is reported as one change, A to C.
    let calls = 0;
    const flicker = defineModel({
      name: "flicker",
      parameters: { x: { type: "uniform", min: 1, max: 1000 } },
      strategies: ["A", "B", "C"],
      evaluate(p, out, { n }) {
        calls++;
        for (let i = 0; i < n; i++) {
          const x = p.x[i] as number;
          out.cost.A[i] = 0.1 * x + 0.2 * x;
          out.effect.A[i] = 0;
          out.cost.B[i] = 0.3 * x;
          out.effect.B[i] = 0;
          out.cost.C[i] = 2400 - 2.4 * x;
          out.effect.C[i] = 0;
        }
      },
    });
    const t = await thresholdAnalysis(flicker, {
      parameter: "x",
      wtp: 1,
      range: [1, 1000],
      steps: 1,
    });
    expect(t.thresholds).toHaveLength(1);
    expect(t.thresholds[0]?.to).toBe("C");
    expect(calls).toBeLessThan(200);
  });

  it("thresholdAnalysis refines to neighbouring doubles, and sets linked parameters to the same value", async () => {
    // Linked: a = c = v, so cost_B = 100v + 10v = 110v against λ·b = 1000 × 5 (b's point value,
    // the gamma's mean): B is optimal below v = 5000/110 = 45.4545…, A above.
    const t = await thresholdAnalysis(model, {
      parameter: "a",
      linked: ["c"],
      wtp: 1000,
      range: [0, 100],
    });
    expect(t.optimalAtLow).toBe("B");
    expect(t.thresholds).toHaveLength(1);
    const v = t.thresholds[0]?.value as number;
    expect(t.thresholds[0]?.from).toBe("B");
    expect(Math.abs(v / (5000 / 110) - 1)).toBeLessThan(1e-14);
    // Unlinked, c stays at its point value 2: 100v + 20 = 5000 → v = 49.8.
    const alone = await thresholdAnalysis(model, { parameter: "a", wtp: 1000, range: [0, 100] });
    expect(Math.abs((alone.thresholds[0]?.value as number) / 49.8 - 1)).toBeLessThan(1e-14);
  });

  it("the point-value row of evaluatePoints is the base case", async () => {
    const base = await runBaseCase(model);
    const r = evaluatePoints(await prepareModel(model), [{}]);
    expect(r.cost[1]).toBe(base.cost.B);
    expect(r.effect[1]).toBe(base.effect.B);
  });
});
