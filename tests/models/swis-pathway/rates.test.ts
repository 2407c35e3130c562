/**
 * The SWIS care-pathway model's conversions of rates to per-cycle probabilities: one event
 * (1 − exp(−r·Δt)) and the competing-risk split of a referral's onward moves.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  competingShare,
  cycleProbability,
  hazardScale,
} from "../../../models/swis-pathway/rates.js";

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

describe("hazardScale and competingShare", () => {
  it("competingShare of hazards q_k · hazardScale(Q) gives the q_k back (Q = Σ q_k < 1)", () => {
    // The national flows: per referral 0.4300 to a child-in-need episode, 0.0930 to a plan,
    // 0.0404 to care.
    const q = [(55.7 / 54.4) * 0.42, (19.16 / 54.4) * 0.33 * 0.8, 2.2 / 54.4];
    const Q = q.reduce((a, b) => a + b, 0);
    const scale = hazardScale(Q);
    expect(scale).toBeCloseTo(-Math.log(1 - Q) / Q, 15);
    for (const x of q) expect(competingShare(x * scale, Q * scale) / x).toBeCloseTo(1, 14);
    expect(hazardScale(0)).toBe(1);
    expect(competingShare(0, 0)).toBe(0);
  });

  it("competingShare: shares of any hazards are probabilities summing to 1 − exp(−Λ) (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (lambdas) => {
          const total = lambdas.reduce((a, b) => a + b, 0);
          const shares = lambdas.map((l) => competingShare(l, total));
          for (const p of shares) {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
          }
          const sum = shares.reduce((a, b) => a + b, 0);
          expect(sum).toBeCloseTo(total === 0 ? 0 : -Math.expm1(-total), 12);
        },
      ),
    );
  });
});
