import { describe, expect, it } from "vitest";
import { returnOnInvestment, summariseRoi } from "../../src/analysis/return-on-investment.js";

describe("returnOnInvestment", () => {
  it("returnOnInvestment is (savings − cost) / cost per sample (hand-computed)", () => {
    // (150 − 100)/100 = 0.5; (50 − 100)/100 = −0.5; (0 − 40)/40 = −1; (90 − 30)/30 = 2.
    const got = returnOnInvestment(
      new Float64Array([150, 50, 0, 90]),
      new Float64Array([100, 100, 40, 30]),
    );
    expect(Array.from(got)).toEqual([0.5, -0.5, -1, 2]);
  });

  it("returnOnInvestment is NaN where the programme costs nothing or less", () => {
    const got = returnOnInvestment(new Float64Array([10, 10]), new Float64Array([0, -5]));
    expect(Number.isNaN(got[0])).toBe(true);
    expect(Number.isNaN(got[1])).toBe(true);
  });

  it("returnOnInvestment writes into out and checks lengths", () => {
    const out = new Float64Array(1);
    expect(returnOnInvestment(new Float64Array([3]), new Float64Array([2]), out)).toBe(out);
    expect(out[0]).toBe(0.5);
    expect(() => returnOnInvestment(new Float64Array(2), new Float64Array(1))).toThrow(
      /returnOnInvestment/,
    );
  });
});

describe("summariseRoi", () => {
  it("summariseRoi gives the ratio of means, type-7 quantiles and P(break even) (hand-computed)", () => {
    // ROI 0.5, −0.5, 1.5, 0; sorted −0.5, 0, 0.5, 1.5. Type 7: h = 3 × 0.025 = 0.075 →
    // −0.5 + 0.075 × 0.5 = −0.4625; h = 2.925 → 0.5 + 0.925 × 1 = 1.425.
    // Mean savings 137.5 on a mean cost 100: (137.5 − 100)/100 = 0.375. Break even: 3 of 4.
    const s = summariseRoi(new Float64Array([150, 50, 250, 100]), new Float64Array(4).fill(100));
    expect(s.mean).toBeCloseTo(0.375, 15);
    expect(s.lower).toBeCloseTo(-0.4625, 15);
    expect(s.upper).toBeCloseTo(1.425, 15);
    expect(s.pBreakEven).toBe(0.75);
    expect(s.undefinedSamples).toBe(0);
  });

  it("summariseRoi with a scratch array gives the same summary and writes the ROI into it", () => {
    const savings = new Float64Array([150, 50, 250, 100]);
    const cost = new Float64Array(4).fill(100);
    const scratch = new Float64Array(4).fill(Number.NaN);
    expect(summariseRoi(savings, cost, scratch)).toEqual(summariseRoi(savings, cost));
    expect([...scratch]).toEqual([0.5, -0.5, 1.5, 0]);
    expect(() => summariseRoi(savings, cost, new Float64Array(3))).toThrow(/unequal/);
  });

  it("summariseRoi is the ratio of means, not the mean of ratios", () => {
    // Costs 100 and 300, savings 200 and 300: ROI 1 and 0 (mean 0.5), but the ratio of means
    // is (250 − 200)/200 = 0.25.
    const s = summariseRoi(new Float64Array([200, 300]), new Float64Array([100, 300]));
    expect(s.mean).toBeCloseTo(0.25, 15);
  });

  it("summariseRoi has no interval when a sample's ROI is undefined", () => {
    const s = summariseRoi(new Float64Array([10, 10]), new Float64Array([0, 20]));
    expect(s.undefinedSamples).toBe(1);
    expect(Number.isNaN(s.lower)).toBe(true);
    // Mean cost 10 > 0: (10 − 10)/10 = 0.
    expect(s.mean).toBe(0);
    expect(() => summariseRoi(new Float64Array(0), new Float64Array(0))).toThrow(/summariseRoi/);
  });
});
