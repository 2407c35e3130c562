import { describe, expect, it } from "vitest";
import { switchPoints } from "../../src/analysis/switch-points.js";

// Lines NB = λ·Ē − C̄:  A = 0,  B = 0.5λ − 1000,  C = 0.75λ − 3000.
// A → B where 0.5λ = 1000: λ = 2000; B → C where 0.25λ = 2000: λ = 8000.
const names = ["A", "B", "C"];
const cost = [0, 1000, 3000];
const effect = [0, 0.5, 0.75];

describe("switchPoints", () => {
  it("switchPoints of the documented two-strategy example", () => {
    // (25000 − 20000) / (8.15 − 8) = 5000 / 0.15 = 33333.33…
    const points = switchPoints(["usual", "swis"], [20000, 25000], [8, 8.15]);
    expect(points).toHaveLength(1);
    expect(points[0]?.from).toBe("usual");
    expect(points[0]?.to).toBe("swis");
    expect(points[0]?.wtp).toBeCloseTo(100000 / 3, 6);
  });

  it("switchPoints walks the upper envelope", () => {
    expect(switchPoints(names, cost, effect)).toEqual([
      { wtp: 2000, from: "A", to: "B" },
      { wtp: 8000, from: "B", to: "C" },
    ]);
  });

  it("switchPoints skips a strategy that is never the expected best", () => {
    // D = 0.6λ − 2000 overtakes B only at 1000/0.1 = 10000, after C has taken over at 8000;
    // against C it is less effective, so it never wins.
    expect(switchPoints([...names, "D"], [...cost, 2000], [...effect, 0.6])).toEqual([
      { wtp: 2000, from: "A", to: "B" },
      { wtp: 8000, from: "B", to: "C" },
    ]);
  });

  it("switchPoints lets the steepest line take over where several cross at one point", () => {
    // P = λ, Q = 3λ − 4, R = 9λ − 16 all pass through (2, 2); R is steepest, Q is never best
    // (below 2, P > Q; above 2, R > Q).
    expect(switchPoints(["P", "Q", "R"], [0, 4, 16], [1, 3, 9])).toEqual([
      { wtp: 2, from: "P", to: "R" },
    ]);
  });

  it("switchPoints keeps the lower index among identical lines", () => {
    expect(switchPoints(["a", "b", "c"], [0, 100, 100], [0, 1, 1])).toEqual([
      { wtp: 100, from: "a", to: "b" },
    ]);
  });

  it("switchPoints picks the higher of two parallel lines even when their crossings round equal", () => {
    // a and b have the same slope 3; b is cheaper by one ulp, so b is above a everywhere.
    // Their crossings with `none` are 1000/3 and 999.9999999999999/3, which round to the same
    // double; the old tie rule (steepest, then lowest index) picked a.
    const cheaper = 999.9999999999999;
    expect(cheaper).toBeLessThan(1000);
    expect(1000 / 3).toBe(cheaper / 3);
    const points = switchPoints(["none", "a", "b"], [0, 1000, cheaper], [0, 3, 3]);
    expect(points).toEqual([{ wtp: cheaper / 3, from: "none", to: "b" }]);
  });

  it("switchPoints honours the from/to range", () => {
    // At λ = 3000: A 0, B 1500 − 1000 = 500, C 2250 − 3000 = −750 → B owns; next switch 8000.
    expect(switchPoints(names, cost, effect, { from: 3000 })).toEqual([
      { wtp: 8000, from: "B", to: "C" },
    ]);
    expect(switchPoints(names, cost, effect, { to: 5000 })).toEqual([
      { wtp: 2000, from: "A", to: "B" },
    ]);
    // A switch exactly at `to` is included.
    expect(switchPoints(names, cost, effect, { to: 8000 })).toHaveLength(2);
    expect(switchPoints(names, cost, effect, { from: 8001, to: 1e9 })).toEqual([]);
    // Negative WTP: at λ = −10000 A (0) beats B (−6000) and C (−10500); same switches follow.
    expect(switchPoints(names, cost, effect, { from: -10000 })).toHaveLength(2);
  });

  it("switchPoints reports a tie at `from` as a switch at `from`", () => {
    // At λ = 2000 A and B tie (both 0); A has the lower index, B is best just above.
    expect(switchPoints(names, cost, effect, { from: 2000 })).toEqual([
      { wtp: 2000, from: "A", to: "B" },
      { wtp: 8000, from: "B", to: "C" },
    ]);
  });

  it("switchPoints starts from a cheaper, less effective strategy when it is best at λ = 0", () => {
    // X = −0.5λ + 1000 is best at 0 (1000 > A's 0). X meets A at (1000 − 0)/(0 + 0.5) = 2000 and
    // B at (1000 + 1000)/(0.5 + 0.5) = 2000: B is steeper and takes over.
    expect(switchPoints(["X", ...names], [-1000, ...cost], [-0.5, ...effect])).toEqual([
      { wtp: 2000, from: "X", to: "B" },
      { wtp: 8000, from: "B", to: "C" },
    ]);
  });

  it("switchPoints of one strategy, or of a dominant one, is empty", () => {
    expect(switchPoints(["only"], [5], [1])).toEqual([]);
    // B is cheaper and more effective than A: best for every λ >= 0.
    expect(switchPoints(["A", "B"], [10, 5], [1, 2])).toEqual([]);
  });

  it("switchPoints rejects no strategies and an empty range with RangeErrors naming it", () => {
    expect(() => switchPoints([], [], [])).toThrow(RangeError);
    expect(() => switchPoints([], [], [])).toThrow(/^switchPoints:/);
    expect(() => switchPoints(names, cost, effect, { from: 10, to: 5 })).toThrow(/^switchPoints:/);
    expect(() => switchPoints(names, cost, effect, { from: Number.NaN })).toThrow(RangeError);
  });
});
