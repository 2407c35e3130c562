import { describe, expect, it } from "vitest";
import { annuityFactor, discountFactor } from "../../src/model/discounting.js";

describe("discounting", () => {
  it("discountFactor is (1 + r)^−t with the first year undiscounted (Green Book)", () => {
    expect(discountFactor(0.035, 0)).toBe(1);
    expect(discountFactor(0.035, 1)).toBeCloseTo(1 / 1.035, 15);
    expect(discountFactor(0.035, 2)).toBeCloseTo(1 / 1.035 ** 2, 15);
    expect(discountFactor(0, 7)).toBe(1);
  });

  it("annuityFactor sums the years' factors: 2.8997 over 3 years at 3.5%, H at 0%", () => {
    expect(annuityFactor(0.035, 1)).toBe(1);
    expect(annuityFactor(0.035, 2)).toBeCloseTo(1.9661835748792271, 14);
    expect(annuityFactor(0.035, 3)).toBeCloseTo(2.899694, 6); // domain.md §5
    expect(annuityFactor(0, 3)).toBe(3);
  });

  it("annuityFactor and discountFactor reject bad arguments with RangeErrors naming them", () => {
    expect(() => annuityFactor(0.035, 0)).toThrow(/^annuityFactor: years/);
    expect(() => annuityFactor(0.035, 1.5)).toThrow(RangeError);
    expect(() => discountFactor(-1, 1)).toThrow(/^discountFactor: rate/);
    expect(() => discountFactor(Number.NaN, 1)).toThrow(RangeError);
  });
});
