/**
 * comparePairwise's P(INMB > 0): the binary-search path (increasing grids) and the direct path
 * (any other grid) both equal a brute-force count of `l * dE - dC > 0`, including samples whose
 * INMB is exactly 0 at a grid point, ΔE = 0 and signed zeros.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareOne, comparePairwise } from "../../src/analysis/pairwise.js";
import { createCeSamples } from "../../src/analysis/samples.js";

/** Two strategies whose increments are small integers (many exact zeros of the INMB). */
const arb = fc
  .tuple(
    fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -6, max: 6 })), {
      minLength: 1,
      maxLength: 200,
    }),
    fc.uniqueArray(fc.integer({ min: -2, max: 8 }), { minLength: 1, maxLength: 12 }),
    fc.boolean(),
  )
  .map(([pairs, grid, sorted]) => ({
    de: pairs.map(([e]) => e),
    dc: pairs.map(([, c]) => c),
    wtp: sorted ? [...grid].sort((a, b) => a - b) : grid,
  }));

describe("comparePairwise", () => {
  it("comparePairwise P(INMB > 0) equals a brute-force count on sorted and unsorted grids (fast-check)", () => {
    fc.assert(
      fc.property(arb, ({ de, dc, wtp }) => {
        const n = de.length;
        // comparator has cost 0 and effect 0 (as -0 too, to exercise signed zeros)
        const samples = createCeSamples({
          strategies: ["ref", "b"],
          cost: Float64Array.from([...de.map(() => -0), ...dc]),
          effect: Float64Array.from([...de.map(() => 0), ...de]),
        });
        const [b] = comparePairwise(samples, "ref", wtp, false);
        const expected = wtp.map((l) => {
          let count = 0;
          for (let s = 0; s < n; s++) if (l * (de[s] as number) - (dc[s] as number) > 0) count++;
          return count / n;
        });
        expect(Array.from(b?.probCostEffective ?? [])).toEqual(expected);
        expect(b?.inmbLower).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe("compareOne", () => {
  const samples = createCeSamples({
    strategies: ["a", "b", "c"],
    cost: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    effect: [0.1, 0.2, 0.3, 0.5, 0.4, 0.6, 0.9, 0.8, 0.7],
  });
  const scratch = (n: number) => ({ dc: new Float64Array(n), de: new Float64Array(n) });

  it("compareOne is comparePairwise's comparison of that strategy", () => {
    const all = comparePairwise(samples, "a", [0, 10, 20]);
    expect(compareOne(samples, 2, 0, [0, 10, 20], true, scratch(3))).toEqual(all[1]);
  });

  it("compareOne refuses scratch of another length, a strategy against itself and indices out of range", () => {
    expect(() => compareOne(samples, 1, 0, [0], true, scratch(4))).toThrow(/scratch/);
    expect(() => compareOne(samples, 1, 1, [0], true, scratch(3))).toThrow(/itself/);
    expect(() => compareOne(samples, 3, 0, [0], true, scratch(3))).toThrow(/0…2/);
    expect(() => compareOne(samples, -1, 0, [0], true, scratch(3))).toThrow(/0…2/);
  });
});
