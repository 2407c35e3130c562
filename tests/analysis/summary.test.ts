import { describe, expect, it } from "vitest";
import { createCeSamples } from "../../src/analysis/samples.js";
import { strategyMeans, summarise } from "../../src/analysis/summary.js";

// Two strategies, five samples (strategy-major: A's five values, then B's).
//   A cost   10 20 30 40 50      A effect 1 1 1 1 1
//   B cost    5  1  4  2  3      B effect 0.5 0.25 0 1 0.75
const samples = createCeSamples({
  strategies: ["A", "B"],
  cost: [10, 20, 30, 40, 50, 5, 1, 4, 2, 3],
  effect: [1, 1, 1, 1, 1, 0.5, 0.25, 0, 1, 0.75],
});

describe("summarise", () => {
  it("summarise gives mean, sd and type-7 2.5%/97.5% quantiles per strategy", () => {
    const [a, b] = summarise(samples);
    expect(a?.strategy).toBe("A");
    expect(b?.strategy).toBe("B");

    // A cost: mean 150/5 = 30; deviations -20 -10 0 10 20, squares sum 1000, /4 = 250.
    // Quantiles (n = 5, h = 4p): p = 0.025 → h = 0.1 → 10 + 0.1·10 = 11;
    //                            p = 0.975 → h = 3.9 → 40 + 0.9·10 = 49.
    expect(a?.cost.mean).toBe(30);
    expect(a?.cost.sd).toBe(Math.sqrt(250));
    expect(a?.cost.lower).toBeCloseTo(11, 12);
    expect(a?.cost.upper).toBeCloseTo(49, 12);
    // A effect: constant 1 → sd 0 and both quantiles 1.
    expect(a?.effect).toEqual({ mean: 1, sd: 0, lower: 1, upper: 1 });

    // B cost (sorted 1 2 3 4 5): mean 3; squares 4 1 0 1 4 = 10, /4 = 2.5;
    // lower 1 + 0.1·1 = 1.1; upper 4 + 0.9·1 = 4.9.
    expect(b?.cost.mean).toBe(3);
    expect(b?.cost.sd).toBe(Math.sqrt(2.5));
    expect(b?.cost.lower).toBeCloseTo(1.1, 12);
    expect(b?.cost.upper).toBeCloseTo(4.9, 12);
    // B effect (sorted 0 .25 .5 .75 1): mean 2.5/5 = 0.5; squares 0.25 .0625 0 .0625 .25 = 0.625,
    // /4 = 0.15625; lower 0 + 0.1·0.25 = 0.025; upper 0.75 + 0.9·0.25 = 0.975.
    expect(b?.effect.mean).toBe(0.5);
    expect(b?.effect.sd).toBe(Math.sqrt(0.15625));
    expect(b?.effect.lower).toBeCloseTo(0.025, 12);
    expect(b?.effect.upper).toBeCloseTo(0.975, 12);
  });

  it("summarise leaves the samples unchanged", () => {
    const before = Array.from(samples.cost);
    summarise(samples);
    expect(Array.from(samples.cost)).toEqual(before);
  });

  it("summarise of one sample has NaN sd and both quantiles equal to the value", () => {
    const one = createCeSamples({ strategies: ["x", "y"], cost: [7, 9], effect: [0.5, 2] });
    const [x, y] = summarise(one);
    expect(x?.cost.mean).toBe(7);
    expect(x?.cost.sd).toBeNaN();
    expect([x?.cost.lower, x?.cost.upper]).toEqual([7, 7]);
    expect(y?.effect.mean).toBe(2);
    expect([y?.effect.lower, y?.effect.upper]).toEqual([2, 2]);
  });
});

describe("strategyMeans", () => {
  it("strategyMeans returns mean cost and effect in strategy order", () => {
    const { cost, effect } = strategyMeans(samples);
    // A: 150/5 = 30, 5/5 = 1; B: 15/5 = 3, 2.5/5 = 0.5.
    expect(cost).toEqual(new Float64Array([30, 3]));
    expect(effect).toEqual(new Float64Array([1, 0.5]));
  });

  it("strategyMeans is compensated: ten samples of 0.1 average to 0.1", () => {
    // A plain running sum gives 0.9999999999999999 / 10 = 0.09999999999999999.
    const s = createCeSamples({
      strategies: ["only"],
      cost: new Array<number>(10).fill(0.1),
      effect: new Array<number>(10).fill(0),
    });
    expect(strategyMeans(s).cost[0]).toBe(0.1);
  });
});
