/**
 * From the published flows (events per 1,000 children per year) to the pathway's per-cycle
 * probabilities and per-referral quantities.
 *
 * A yearly rate r per child becomes the probability of at least one event in a cycle of L years,
 * p = 1 − exp(−r·L) (a constant hazard over the cycle). Referrals per 1,000 children per year,
 * 54.4, with quarterly cycles: p = 1 − exp(−0.0544 × 0.25) = 0.013507…
 *
 * A stay of mean length μ years (a child-in-need episode, a protection plan, time in care) is
 * left with the constant hazard 1/μ, so with probability 1 − exp(−L/μ) per cycle.
 *
 * @module
 */

/**
 * The probability of an event in a cycle of `cycleYears` years at `ratePerYear` events per
 * person-year: 1 − exp(−rate × cycleYears).
 *
 * @example
 * ```ts
 * cycleProbability(54.4 / 1000, 0.25); // 0.0135074… (referrals, one quarter)
 * cycleProbability(1 / 0.5, 0.25);     // 0.3935 (leaving a six-month episode in a quarter)
 * ```
 */
export function cycleProbability(ratePerYear: number, cycleYears: number): number {
  return -Math.expm1(-ratePerYear * cycleYears);
}
