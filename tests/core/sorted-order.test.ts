/**
 * sortedOrder is the order a comparator sort by value, ties by index, gives: checked against
 * that sort on random columns built to have ties, −0 beside 0, both signs, tiny and huge
 * magnitudes and the infinities.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { sortedOrder } from "../../src/core/sorted-order.js";

/** The order by the comparator the EVPPI sort used before: by value, ties by index. */
const byComparator = (x: ArrayLike<number>) =>
  Array.from({ length: x.length }, (_, i) => i).sort(
    (a, b) => (x[a] as number) - (x[b] as number) || a - b,
  );

const value = fc.oneof(
  fc.double({ noNaN: true }),
  fc.double({ min: -1, max: 1, noNaN: true }),
  fc.constantFrom(0, -0, 1, -1, 0.5, Number.MIN_VALUE, -Number.MIN_VALUE, 1e308, -1e308),
  fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

describe("sortedOrder", () => {
  test("is the comparator sort's order, for any finite or infinite values", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (xs) => {
        expect(Array.from(sortedOrder(Float64Array.from(xs)))).toEqual(byComparator(xs));
      }),
      { numRuns: 2000 },
    );
  });

  test("ties keep index order, and −0 ties with 0", () => {
    expect(Array.from(sortedOrder([0.3, -1, 0.3, 2]))).toEqual([1, 0, 2, 3]);
    expect(Array.from(sortedOrder([0, -0, 0, -0]))).toEqual([0, 1, 2, 3]);
    expect(Array.from(sortedOrder([5, 5, 5]))).toEqual([0, 1, 2]);
    expect(Array.from(sortedOrder([]))).toEqual([]);
  });

  test("a large column with many ties and values of one sign and scale (passes skipped)", () => {
    // 100,000 values from 2,000 distinct ones near 30,000: the top digits never differ.
    const x = Float64Array.from({ length: 100_000 }, (_, i) => 30000 + ((i * 7919) % 2000) / 8);
    expect(Array.from(sortedOrder(x))).toEqual(byComparator(x));
  });

  test("refuses NaN, naming its index", () => {
    expect(() => sortedOrder([1, Number.NaN])).toThrow("sortedOrder: value 1 is not a number");
  });
});
