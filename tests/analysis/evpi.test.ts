import { describe, expect, it } from "vitest";
import { decisionCurves } from "../../src/analysis/decision.js";
import { effectivePopulation, populationEvpi } from "../../src/analysis/evpi.js";
import { createCeSamples } from "../../src/analysis/samples.js";

// Two samples. A costs and gains nothing; B costs 100 and gains 2 in sample 1, 0 in sample 2.
// NB_B = (2λ − 100, −100); NB_A = (0, 0).
//   λ = 0:   NB_B = (−100, −100)  optimal A, A            E[NB] = (0, −100)   EVPI 0 − 0 = 0
//   λ = 50:  NB_B = (0, −100)     tie → lower index, A    E[NB] = (0, −50)    EVPI 0 − 0 = 0
//   λ = 100: NB_B = (100, −100)   B, A                    E[NB] = (0, 0)      EVPI 50 − 0 = 50
//   λ = 150: NB_B = (200, −100)   B, A                    E[NB] = (0, 50)     EVPI 100 − 50 = 50
// Expected loss E[max − NB_j]: λ = 50: A 0, B (0 + 100)/2 = 50; λ = 100: A 100/2 = 50,
// B 100/2 = 50; λ = 150: A 200/2 = 100, B 100/2 = 50.
const ab = createCeSamples({
  strategies: ["A", "B"],
  cost: [0, 0, 100, 100],
  effect: [0, 0, 2, 0],
});
const ba = createCeSamples({
  strategies: ["B", "A"],
  cost: [100, 100, 0, 0],
  effect: [2, 0, 0, 0],
});
const grid = [0, 50, 100, 150];

describe("decisionCurves (hand-worked EVPI)", () => {
  it("decisionCurves EVPI, expected loss and CEAC match the hand computation", () => {
    const c = decisionCurves(ab, grid);
    expect(Array.from(c.enb)).toEqual([0, -100, 0, -50, 0, 0, 0, 50]);
    expect(Array.from(c.ceac)).toEqual([1, 0, 1, 0, 0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(c.evpi)).toEqual([0, 0, 50, 50]);
    expect(Array.from(c.expectedLoss)).toEqual([0, 100, 0, 50, 50, 50, 100, 50]);
    // CEAF: highest expected NB, ties to the lower index (λ = 100: both 0 → A); its probability
    // is that strategy's CEAC value.
    expect(Array.from(c.ceafStrategy)).toEqual([0, 0, 0, 1]);
    expect(Array.from(c.ceaf)).toEqual([1, 1, 0.5, 0.5]);
  });

  it("decisionCurves gives a tie at a grid point to the lower index, also when it is steeper", () => {
    // Same data with B first: at λ = 50 sample 1 ties 0 = 0 and now B has the lower index.
    const c = decisionCurves(ba, grid);
    expect(Array.from(c.ceac)).toEqual([0, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(c.evpi)).toEqual([0, 0, 50, 50]);
    expect(Array.from(c.expectedLoss)).toEqual([100, 0, 50, 0, 50, 50, 50, 100]);
    // λ = 100: expected NB ties (0, 0) → B, the lower index now.
    expect(Array.from(c.ceafStrategy)).toEqual([1, 1, 0, 0]);
    expect(Array.from(c.ceaf)).toEqual([1, 0.5, 0.5, 0.5]);
  });

  it("decisionCurves gives the same values on a non-uniform grid", () => {
    // λ = 1000: NB_B = (1900, −100), E[NB_B] = 900, E[max] = 950 → EVPI 50.
    const c = decisionCurves(ab, [...grid, 1000]);
    expect(Array.from(c.evpi)).toEqual([0, 0, 50, 50, 50]);
    expect(Array.from(c.ceac)).toEqual([1, 0, 1, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
  });

  it("decisionCurves EVPI is not negative when a sample's optimum is a rounding tie", () => {
    // Sample 1 at λ = 1e6: 1e6·40.928 − 92059775.64 and 1e6·21.5851 − 72716875.64 both round to
    // −51131775.64, so s0 (lower index) is optimal there, while s1 has the higher expected NB
    // (sample 2 gives s1 2 more). The loss form λ·ΔE − ΔC of that tie is −3.7e-9 in floating
    // point instead of 0. EVPI was reported as −1.9e-9 because the clamp for rounding was scaled
    // by |E[NB]| + 1 (here 2) instead of by the net-benefit magnitudes (5e7).
    const nb = -51131775.64;
    expect(1e6 * 40.928 - 92059775.64).toBe(1e6 * 21.5851 - 72716875.64);
    const s = createCeSamples({
      strategies: ["s0", "s1"],
      cost: [92059775.64, nb, 72716875.64, nb - 2],
      effect: [40.928, 0, 21.5851, 0],
    });
    const c = decisionCurves(s, [1e6]);
    expect(c.ceafStrategy[0]).toBe(1);
    expect(Array.from(c.ceac)).toEqual([0.5, 0.5]);
    expect(c.evpi[0]).toBe(0);
    for (const loss of c.expectedLoss) expect(loss).toBeGreaterThanOrEqual(0);
    expect(Array.from(c.expectedLoss)).toEqual([1, 0]);
  });

  it("decisionCurves finds a takeover at a grid point when the crossing rounds just above it", () => {
    // new: effect 0.01, cost 0.07; old: nothing. They cross at λ = 7, but 0.07 / 0.01 evaluates
    // to 7.000000000000001. At λ = 7 itself NB_new = 7 · 0.01 − 0.07 = 0 = NB_old, a tie that
    // the lower index (new) wins, so new is optimal from λ = 7 on, not from the next grid point.
    expect(0.07 / 0.01).toBeGreaterThan(7);
    expect(7 * 0.01 - 0.07).toBe(0);
    const s = createCeSamples({ strategies: ["new", "old"], cost: [0.07, 0], effect: [0.01, 0] });
    const uniform = decisionCurves(s, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Array.from(uniform.ceac.filter((_, i) => i % 2 === 0))).toEqual([
      0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1,
    ]);
    const irregular = decisionCurves(s, [0, 3, 7, 8, 20]);
    expect(Array.from(irregular.ceac.filter((_, i) => i % 2 === 0))).toEqual([0, 0, 1, 1, 1]);
  });

  it("decisionCurves rejects empty, non-finite and non-increasing grids", () => {
    expect(() => decisionCurves(ab, [])).toThrow(/^decisionCurves:/);
    expect(() => decisionCurves(ab, [0, Number.NaN])).toThrow(/^decisionCurves:/);
    expect(() => decisionCurves(ab, [0, Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => decisionCurves(ab, [0, 0])).toThrow(/^decisionCurves:/);
    expect(() => decisionCurves(ab, [10, 5])).toThrow(/^decisionCurves:/);
  });
});

describe("effectivePopulation", () => {
  it("effectivePopulation discounts every year after the first", () => {
    // 1000 × (1 + 1/1.035) = 1000 + 966.1835748792271 = 1966.1835748792271
    expect(
      effectivePopulation({ annualPopulation: 1000, years: 2, discountRate: 0.035 }),
    ).toBeCloseTo(1966.1835748792271, 9);
    // 100 × (1 + 1/1.05 + 1/1.05²) = 100 × (1 + 0.952380952… + 0.907029478…) = 285.9410430839…
    expect(
      effectivePopulation({ annualPopulation: 100, years: 3, discountRate: 0.05 }),
    ).toBeCloseTo(285.9410430839, 9);
  });

  it("effectivePopulation without a rate is population × years; one year is the population", () => {
    expect(effectivePopulation({ annualPopulation: 278000, years: 10 })).toBe(2780000);
    expect(effectivePopulation({ annualPopulation: 278000, years: 1, discountRate: 0.035 })).toBe(
      278000,
    );
    expect(effectivePopulation({ annualPopulation: 0, years: 5, discountRate: 0.035 })).toBe(0);
  });

  it("effectivePopulation rejects bad options with RangeErrors naming it", () => {
    const bad = [
      { annualPopulation: -1, years: 1 },
      { annualPopulation: Number.NaN, years: 1 },
      { annualPopulation: Number.POSITIVE_INFINITY, years: 1 },
      { annualPopulation: 10, years: 0 },
      { annualPopulation: 10, years: 1.5 },
      { annualPopulation: 10, years: -2 },
      { annualPopulation: 10, years: 2, discountRate: -1 },
      { annualPopulation: 10, years: 2, discountRate: Number.NaN },
      { annualPopulation: 10, years: 2, discountRate: Number.POSITIVE_INFINITY },
      // Beyond the limits `ceakit analyse` holds its flags to (README, "Limits"): a rate of
      // -99% made (1 + r)^−t overflow to Infinity, and 1e9 years took seconds.
      { annualPopulation: 1e10 * 1.5, years: 1 },
      { annualPopulation: 10, years: 101 },
      { annualPopulation: 10, years: 1e9 },
      { annualPopulation: 10, years: 2, discountRate: -0.99 },
      { annualPopulation: 10, years: 2, discountRate: 0.21 },
      // Not numbers: "0.035" made 1 + r the text "10.035"; null was taken as 0.
      { annualPopulation: 10, years: 2, discountRate: "0.035" as unknown as number },
      { annualPopulation: 10, years: 2, discountRate: null as unknown as number },
      { annualPopulation: "1e3" as unknown as number, years: 2 },
      { annualPopulation: null as unknown as number, years: 2 },
    ];
    for (const options of bad) {
      expect(() => effectivePopulation(options), JSON.stringify(options)).toThrow(RangeError);
      expect(() => effectivePopulation(options)).toThrow(/^effectivePopulation:/);
    }
    expect(() =>
      effectivePopulation({ annualPopulation: 10, years: 2, discountRate: -0.99 }),
    ).toThrow("effectivePopulation: discountRate must be a rate from 0 to 0.2, got -0.99");
    expect(() => effectivePopulation({ annualPopulation: 10, years: 1e9 })).toThrow(
      "effectivePopulation: years must be a whole number from 1 to 100, got 1000000000",
    );
    // The limits themselves are accepted.
    expect(
      effectivePopulation({ annualPopulation: 1e10, years: 100, discountRate: 0.2 }),
    ).toBeGreaterThan(0);
    expect(effectivePopulation({ annualPopulation: 0, years: 1, discountRate: 0 })).toBe(0);
  });
});

describe("populationEvpi", () => {
  it("populationEvpi multiplies each EVPI by the effective population", () => {
    // Effective population 100 × 3 = 300 (no discounting): 0, 50·300 = 15000, 2.5·300 = 750.
    const out = populationEvpi([0, 50, 2.5], { annualPopulation: 100, years: 3 });
    expect(out).toEqual(new Float64Array([0, 15000, 750]));
    expect(populationEvpi([], { annualPopulation: 100, years: 3 })).toEqual(new Float64Array(0));
  });

  it("populationEvpi rejects bad population options", () => {
    expect(() => populationEvpi([1], { annualPopulation: 100, years: 0 })).toThrow(RangeError);
  });
});
