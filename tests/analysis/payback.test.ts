import { describe, expect, it } from "vitest";
import {
  accumulatePayback,
  paybackProbabilities,
  paybackYears,
} from "../../src/analysis/payback.js";

describe("paybackYears", () => {
  it("paybackYears is the first year cumulative savings reach cumulative cost (hand-computed)", () => {
    // Three samples, three years, year-major (x[y * 3 + i]).
    // Sample 1: costs 100, 0, 0; savings 40 a year → cumulative 40, 80, 120 vs 100: year 3.
    // Sample 2: costs 50, 50, 0; savings 60, 40, 0 → 60 ≥ 50: year 1.
    // Sample 3: costs 100, 100, 100; savings 90 a year → 90 < 100, 180 < 200, 270 < 300: never.
    const cost = new Float64Array([100, 50, 100, 0, 50, 100, 0, 0, 100]);
    const savings = new Float64Array([40, 60, 90, 40, 40, 90, 40, 0, 90]);
    expect(Array.from(paybackYears(cost, savings, 3))).toEqual([3, 1, 0]);
  });

  it("paybackYears keeps the first year even when cumulative savings fall back below cost", () => {
    // Costs 10, 10; savings 15, −20: cumulative 15 ≥ 10 in year 1, −5 < 20 in year 2.
    expect(
      Array.from(paybackYears(new Float64Array([10, 10]), new Float64Array([15, -20]), 1)),
    ).toEqual([1]);
  });

  it("paybackYears counts an exact tie as paying back", () => {
    expect(
      Array.from(paybackYears(new Float64Array([5, 5]), new Float64Array([0, 10]), 1)),
    ).toEqual([2]);
  });

  it("paybackYears checks its shapes", () => {
    expect(() => paybackYears(new Float64Array(3), new Float64Array(3), 2)).toThrow(/paybackYears/);
    expect(() => paybackYears(new Float64Array(2), new Float64Array(4), 2)).toThrow(/paybackYears/);
  });
});

describe("paybackProbabilities", () => {
  it("paybackProbabilities is P(payback within N years), cumulative (hand-computed)", () => {
    // Payback years 3, none, 1, 2: within 1 year 1/4, 2 years 2/4, 3 years 3/4.
    expect(Array.from(paybackProbabilities(Int32Array.from([3, 0, 1, 2]), 3))).toEqual([
      0.25, 0.5, 0.75,
    ]);
  });

  it("paybackProbabilities checks its inputs", () => {
    expect(() => paybackProbabilities(new Int32Array(0), 2)).toThrow(/paybackProbabilities/);
    expect(() => paybackProbabilities(new Int32Array(1), 0)).toThrow(/paybackProbabilities/);
  });
});

describe("accumulatePayback", () => {
  it("accumulatePayback year by year gives paybackYears' answer (hand-computed)", () => {
    // Costs 100 then 0; savings 40 then 70: cumulative net −60, then +10 → year 2.
    const net = new Float64Array(1);
    const payback = new Int32Array(1);
    accumulatePayback(net, payback, Float64Array.of(100), Float64Array.of(40), 1);
    expect([net[0], payback[0]]).toEqual([-60, 0]);
    accumulatePayback(net, payback, Float64Array.of(0), Float64Array.of(70), 2);
    expect([net[0], payback[0]]).toEqual([10, 2]);
    expect(() =>
      accumulatePayback(net, payback, new Float64Array(2), new Float64Array(1), 3),
    ).toThrow(/accumulatePayback/);
  });
});
