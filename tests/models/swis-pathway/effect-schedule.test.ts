/**
 * The SWIS care-pathway model's effect schedule: full strength while the programme runs and
 * for the persistence years after it, then (1 − δ) a year on the log rate-ratio scale.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { effectStrength, rateRatioAt } from "../../../models/swis-pathway/effect-schedule.js";

const L = 0.25;

describe("effectStrength", () => {
  it("effectStrength is 1 in every cycle of the programme and of the persistence after it", () => {
    // Programme 2 years = cycles 1-8; persistence 1 year = cycles 9-12.
    for (let t = 1; t <= 12; t++) expect(effectStrength(t, L, 2, 1, 0.5)).toBe(1);
    expect(effectStrength(13, L, 2, 1, 0.5)).toBeLessThan(1);
  });

  it("effectStrength decays by (1 − δ) per year after programme + persistence, from the cycle's end", () => {
    // Programme 2 y, persistence 0.5 y: the decay starts at 2.5 y. Cycle 11 ends at 2.75 y.
    expect(effectStrength(11, L, 2, 0.5, 0.5)).toBe(0.5 ** 0.25);
    expect(effectStrength(14, L, 2, 0.5, 0.5)).toBe(0.5 ** 1);
    expect(effectStrength(18, L, 2, 0.5, 0.5)).toBe(0.5 ** 2);
    // A persistence ending inside a cycle gives that cycle the part of a year's decay after it.
    expect(effectStrength(9, L, 2, 0.1, 0.5)).toBe(0.5 ** (9 * L - 2 - 0.1));
  });

  it("effectStrength is exactly 0 after the persistence when δ = 1, and 1 for ever when δ = 0", () => {
    for (let t = 9; t <= 40; t++) {
      expect(effectStrength(t, L, 2, 0, 1)).toBe(0);
      expect(effectStrength(t, L, 2, 0, 0)).toBe(1);
    }
  });

  it("effectStrength lies in [0, 1] and never rises with time (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (programme, persistence, decay) => {
          let previous = 1;
          for (let t = 1; t <= 60; t++) {
            const s = effectStrength(t, L, programme, persistence, decay);
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(previous);
            if (t * L <= programme) expect(s).toBe(1);
            previous = s;
          }
        },
      ),
    );
  });
});

describe("rateRatioAt", () => {
  it("rateRatioAt is irr at full strength, 1 at none, and irr^s between", () => {
    expect(rateRatioAt(1.055, 1)).toBe(1.055);
    expect(rateRatioAt(1.055, 0)).toBe(1);
    expect(rateRatioAt(0.81, 0.5)).toBeCloseTo(0.9, 15);
    // A ratio of 1 stays 1 at every strength (no effect, no increment).
    for (const s of [0, 0.3, 0.99, 1]) expect(rateRatioAt(1, s)).toBe(1);
  });
});
