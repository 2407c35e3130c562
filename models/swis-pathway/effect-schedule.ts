/**
 * When SWIS changes the entry rates: the full rate ratio while the programme runs and for
 * `persistence` years after it ends, then an effect that fades towards no effect (a ratio of 1).
 *
 * The effect's strength s(t) ∈ [0, 1] is the share of the log rate ratio that applies in cycle t
 * (t = 1 … n, the cycle ((t − 1)·L, t·L] in years): the rate ratio in that cycle is irr^s(t).
 * With u = t·L (the cycle's end), P the programme years, K the persistence and δ the share of the
 * remaining effect lost per year:
 *
 *   s(t) = 1                      if u ≤ P + K
 *   s(t) = (1 − δ)^(u − P − K)     otherwise
 *
 * so δ = 1 ends the effect when persistence ends, δ = 0 keeps it for ever, and a persistence that
 * ends inside a cycle gives that cycle the fraction of a year's decay that falls in it.
 *
 * @module
 */

import { power } from "ceakit";

/**
 * The strength s(t) of the programme's effect in cycle t (see the module comment).
 *
 * @example
 * ```ts
 * effectStrength(8, 0.25, 2, 0, 0.5);   // 1: the eighth quarter is inside the two programme years
 * effectStrength(12, 0.25, 2, 0, 0.5);  // 0.5: one year after the programme, half the effect
 * effectStrength(9, 0.25, 2, 0, 1);     // 0: no persistence and full decay
 * ```
 */
export function effectStrength(
  t: number,
  cycleYears: number,
  programmeYears: number,
  persistenceYears: number,
  decayPerYear: number,
): number {
  const after = t * cycleYears - programmeYears - persistenceYears;
  if (after <= 0) return 1;
  const kept = 1 - decayPerYear;
  return kept <= 0 ? 0 : power(kept, after);
}

/**
 * The rate ratio that applies at strength s: irr^s, exactly irr at full strength and exactly 1
 * at none (so the limits hold to the bit).
 *
 * @example
 * ```ts
 * rateRatioAt(0.8, 1);    // 0.8
 * rateRatioAt(0.8, 0);    // 1
 * rateRatioAt(0.81, 0.5); // 0.9
 * ```
 */
export function rateRatioAt(irr: number, strength: number): number {
  if (strength === 1) return irr;
  if (strength === 0) return 1;
  return power(irr, strength);
}
