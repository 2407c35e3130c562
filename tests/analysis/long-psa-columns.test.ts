import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LongColumns } from "../../src/analysis/long-psa-columns.js";

describe("LongColumns", () => {
  it("LongColumns.fillRun marks the cells fill() would mark one by one, and no others", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.tuple(fc.nat(3), fc.nat(), fc.nat()), { maxLength: 6 }),
        (cap, runs) => {
          const bulk = new LongColumns(cap, 4);
          const single = new LongColumns(cap, 4);
          for (const [st, a, b] of runs) {
            const from = a % (cap + 1);
            const to = from + (b % (cap + 1 - from));
            bulk.fillRun(st, from, to);
            for (let it = from; it < to; it++) single.fill(st, it);
          }
          expect(Array.from(bulk.filled)).toEqual(Array.from(single.filled));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("LongColumns.fill refuses a cell twice, and isFilled reports it", () => {
    const columns = new LongColumns(64, 2);
    columns.fillRun(1, 30, 40);
    expect(columns.isFilled(1, 29)).toBe(false);
    expect(columns.isFilled(1, 35)).toBe(true);
    expect(columns.fill(1, 35)).toBe(false);
    expect(columns.fill(1, 40)).toBe(true);
    expect(columns.isFilled(0, 35)).toBe(false);
  });
});
