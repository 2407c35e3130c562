/**
 * The SWIS care-pathway model's conversions of rates to per-cycle probabilities: one event
 * (1 − exp(−r·Δt)) and the split of a referral's onward moves.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cycleProbability, onwardShare } from "../../../models/swis-pathway/rates.js";

describe("cycleProbability", () => {
  it("cycleProbability is 1 − exp(−r·Δt): 54.4 referrals per 1,000 a year in a quarter", () => {
    expect(Math.abs(cycleProbability(0.0544, 0.25) / (1 - Math.exp(-0.0136)) - 1)).toBeLessThan(
      1e-14,
    );
    expect(cycleProbability(0.0544, 0.25)).toBeCloseTo(0.013507937821, 12);
    // Leaving a state of mean length 0.5 years in a quarter: 1 − e^−0.5.
    expect(cycleProbability(2, 0.25)).toBeCloseTo(0.39346934028737, 13);
    expect(cycleProbability(0, 0.25)).toBe(0);
  });
});

describe("onwardShare", () => {
  it("onwardShare leaves the per-referral probabilities as they are while they sum to at most 1", () => {
    const q = [(55.7 / 54.4) * 0.42, (19.16 / 54.4) * 0.33 * 0.8 * 1.055, 2.2 / 54.4];
    const total = q.reduce((a, b) => a + b, 0);
    for (const x of q) expect(onwardShare(x, total)).toBe(x);
    expect(onwardShare(0.5, 1)).toBe(0.5);
  });

  it("onwardShare: beyond 1, every referred child moves on in proportion (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (ms) => {
          const total = ms.reduce((a, b) => a + b, 0);
          const shares = ms.map((m) => onwardShare(m, total));
          const sum = shares.reduce((a, b) => a + b, 0);
          if (total > 1) expect(sum).toBeCloseTo(1, 12);
          else expect(sum).toBeCloseTo(total, 12);
          for (const x of shares) expect(x).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
