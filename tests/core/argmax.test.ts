import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { argmax } from "../../src/core/argmax.js";

describe("argmax", () => {
  it("argmax finds the largest value", () => {
    expect(argmax([1, 5, 3])).toBe(1);
    expect(argmax([9])).toBe(0);
    expect(argmax([-3, -1, -2])).toBe(1);
    expect(argmax(new Float64Array([0, 0.5, 0.25]))).toBe(1);
  });

  it("argmax gives exact ties to the lowest index", () => {
    expect(argmax([3, 7, 7, 1])).toBe(1);
    expect(argmax([2, 2, 2])).toBe(0);
    expect(argmax([1, 4, 2, 4])).toBe(1);
    expect(argmax([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(0);
    expect(argmax([Number.POSITIVE_INFINITY, 5, Number.POSITIVE_INFINITY])).toBe(0);
    // -0 and +0 are equal, so the first wins.
    expect(argmax([-0, 0])).toBe(0);
    expect(argmax([0, -0])).toBe(0);
  });

  it("argmax never picks NaN when a number is present", () => {
    expect(argmax([Number.NaN, 1])).toBe(1);
    expect(argmax([1, Number.NaN, 2])).toBe(2);
    expect(argmax([3, Number.NaN, 2])).toBe(0);
    expect(argmax([Number.NaN, Number.NaN, -5, -5])).toBe(2);
    expect(argmax([Number.NaN, Number.NaN])).toBe(0);
  });

  it("argmax only looks at the first n values", () => {
    expect(argmax([1, 5, 9], 2)).toBe(1);
    expect(argmax([1, 5, 9], 1)).toBe(0);
  });

  it("argmax of empty input throws RangeError naming argmax", () => {
    expect(() => argmax([])).toThrow(RangeError);
    expect(() => argmax([])).toThrow(/^argmax:/);
    expect(() => argmax([1, 2], 0)).toThrow(/^argmax:/);
  });

  it("argmax is the first index of the maximum (fast-check, many ties)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 30 }),
        (xs) => {
          const max = Math.max(...xs);
          expect(argmax(xs)).toBe(xs.indexOf(max));
        },
      ),
      { numRuns: 300 },
    );
  });
});
