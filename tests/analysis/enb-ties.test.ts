/**
 * settleNearTies changes an expected NB only where two strategies are within rounding of each
 * other at a WTP, and then to the mean of the per-sample net benefits (R's way).
 */
import { describe, expect, test } from "vitest";
import { settleNearTies } from "../../src/analysis/enb-ties.js";
import { expectedNetBenefit } from "../../src/analysis/nmb.js";
import { createCeSamples } from "../../src/analysis/samples.js";
import { strategyMeans } from "../../src/analysis/summary.js";
import { Rng } from "../../src/core/rng.js";
import { mean } from "../../src/core/sum.js";

describe("settleNearTies", () => {
  test("no near tie: every expected NB stays λ·Ē − C̄, bit for bit", () => {
    const n = 2000;
    const rng = Rng.create("enb-ties", 0);
    const cost = rng.fillNormal(new Float64Array(3 * n)).map((z, i) => 1000 * (i % 3) + 50 * z);
    const effect = rng.fillNormal(new Float64Array(3 * n)).map((z) => 1 + 0.1 * z);
    const samples = createCeSamples({ strategies: ["a", "b", "c"], cost, effect });
    const means = strategyMeans(samples);
    const grid = [0, 1000, 2500, 10000];
    const enb = expectedNetBenefit(means.cost, means.effect, grid);
    const settled = enb.slice();
    settleNearTies(samples, grid, settled, means);
    expect(Array.from(settled)).toEqual(Array.from(enb));
  });

  test("a near tie: the tied strategies' expected NBs are the means of their per-sample NBs", () => {
    const samples = createCeSamples({
      strategies: ["A", "B", "C"],
      cost: [0, 2, 4, 5, 4, 1, 100, 100, 100],
      effect: [0.9, 0.6, 0.4, 0.9, 0.8, 0.6, 0, 0, 0],
    });
    const grid = [10];
    const means = strategyMeans(samples);
    const enb = expectedNetBenefit(means.cost, means.effect, grid);
    // From the means the two differ in the last place; C is far below both and is left alone.
    expect(enb[0]).not.toBe(enb[1]);
    settleNearTies(samples, grid, enb, means);
    expect(enb[0]).toBe(mean([9, 4, 0]));
    expect(enb[1]).toBe(mean([4, 4, 5]));
    expect(enb[0]).toBe(enb[1]);
    expect(enb[2]).toBe(-100);
  });

  test("means given without their scale: the scale is computed, the same answer", () => {
    const samples = createCeSamples({
      strategies: ["A", "B"],
      cost: [0, 2, 4, 5, 4, 1],
      effect: [0.9, 0.6, 0.4, 0.9, 0.8, 0.6],
    });
    const { cost, effect } = strategyMeans(samples);
    const enb = expectedNetBenefit(cost, effect, [10]);
    settleNearTies(samples, [10], enb, { cost, effect });
    expect(enb[0]).toBe(enb[1]);
  });

  test("a duplicated strategy is not recomputed: its expected NBs tie both ways already", () => {
    // B's λ·Ē − C̄ at λ = 10 is 4.333333333333334, its per-sample mean 13/3 = 4.333333333333333:
    // left as it is for B and its copy, which tie whichever way they are computed.
    const samples = createCeSamples({
      strategies: ["B", "copy"],
      cost: [5, 4, 1, 5, 4, 1],
      effect: [0.9, 0.8, 0.6, 0.9, 0.8, 0.6],
    });
    const means = strategyMeans(samples);
    const enb = expectedNetBenefit(means.cost, means.effect, [10]);
    const before = enb[0];
    settleNearTies(samples, [10], enb, means);
    expect(enb[0]).toBe(before);
    expect(enb[1]).toBe(before);
    expect(before).not.toBe(13 / 3);
  });
});
