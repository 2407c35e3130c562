import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { lookupTable } from "../../src/cohort/lookup-table.js";

// Briggs et al. (2006) THR model, female mortality by age band (heemod test_dmhee.R).
const ages = [35, 45, 55, 65, 75, 85];
const female = [0.00099, 0.0026, 0.0067, 0.0193, 0.0535, 0.1548];

describe("lookupTable", () => {
  test("lookupTable.at takes the row with the largest key ≤ the value", () => {
    const t = lookupTable(ages, female);
    expect(t.at(35)).toBe(0.00099);
    expect(t.at(44.99)).toBe(0.00099);
    expect(t.at(45)).toBe(0.0026);
    expect(t.at(60)).toBe(0.0067);
    expect(t.at(120)).toBe(0.1548);
  });

  test("lookupTable.at rejects values below the first key and NaN", () => {
    const t = lookupTable(ages, female);
    expect(() => t.at(34)).toThrow("lookupTable: 34 is below the first key 35");
    expect(() => t.at(Number.NaN)).toThrow("lookupTable: NaN is below the first key 35");
  });

  test("lookupTable.fill looks up every sample and agrees with a linear scan (property)", () => {
    const t = lookupTable(ages, female);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 35, max: 130, noNaN: true }), { minLength: 1 }),
        (xs) => {
          const out = new Float64Array(xs.length);
          t.fill(Float64Array.from(xs), out, xs.length);
          xs.forEach((x, i) => {
            let k = 0;
            while (k + 1 < ages.length && (ages[k + 1] as number) <= x) k++;
            expect(out[i]).toBe(female[k]);
          });
        },
      ),
    );
  });

  test("lookupTable rejects unsorted keys and mismatched lengths", () => {
    expect(() => lookupTable([1, 1], [0, 0])).toThrow(
      "keys must be finite and strictly increasing",
    );
    expect(() => lookupTable([1, 2], [0])).toThrow("of the same length");
  });
});
