/**
 * From the published flows (events per 1,000 children per year) to the pathway's per-cycle
 * probabilities and per-referral quantities.
 *
 * A yearly rate r per child becomes the probability of at least one event in a cycle of L years,
 * p = 1 − exp(−r·L) (a constant hazard over the cycle). Referrals per 1,000 children per year,
 * 54.4, with quarterly cycles: p = 1 − exp(−0.0544 × 0.25) = 0.013507…
 *
 * The outcome of a referral is a split of the referred children ({@link onwardShare}).
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

/**
 * The probability that a referred child moves on to destination k, from the expected onward
 * moves per referral m_k (baseline probability × rate ratios) and their sum M: m_k while
 * M ≤ 1, and m_k / M (every referred child moves on, in the ratios' proportions) when the ratios
 * ask for more onward moves than there are referrals.
 *
 * @example
 * ```ts
 * onwardShare(0.43, 0.563); // 0.43: the published split, unchanged
 * onwardShare(0.86, 1.075); // 0.8: saturated
 * ```
 */
export function onwardShare(m: number, total: number): number {
  return total > 1 ? m / total : m;
}
