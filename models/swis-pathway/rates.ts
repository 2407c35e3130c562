/**
 * From the published flows (events per 1,000 children per year) to the pathway's per-cycle
 * probabilities and per-referral quantities.
 *
 * A yearly rate r per child becomes the probability of at least one event in a cycle of L years,
 * p = 1 − exp(−r·L) (a constant hazard over the cycle). Referrals per 1,000 children per year,
 * 54.4, with quarterly cycles: p = 1 − exp(−0.0544 × 0.25) = 0.013507…
 *
 * A one-cycle stage with several destinations (the outcome of a referral) splits its leavers as
 * competing risks, {@link hazardScale} and {@link competingShare}, so that scaled hazards always
 * give valid probabilities.
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
 * The hazard scale Λ₀ / Q of a one-cycle stage whose destinations have probabilities q_k summing
 * to Q: Λ₀ = −ln(1 − Q) is the total cumulative hazard that leaves the stage with probability Q,
 * so hazards λ_k = q_k · Λ₀ / Q reproduce the q_k exactly as competing risks (1 as Q → 0;
 * NaN for Q ≥ 1, which no stage can hold).
 *
 * @example
 * ```ts
 * hazardScale(0.563);                          // 1.4713… = −ln(0.437) / 0.563
 * competingShare(0.43 * hazardScale(0.563), 0.563 * hazardScale(0.563)); // 0.43
 * ```
 */
export function hazardScale(total: number): number {
  if (total === 0) return 1;
  return -Math.log1p(-total) / total;
}

/**
 * The probability that destination k, with cumulative hazard λ_k over a cycle, is the one taken
 * when all destinations' hazards sum to Λ: λ_k · (1 − exp(−Λ)) / Λ (λ_k when Λ = 0). The shares
 * of all destinations sum to 1 − exp(−Λ) ≤ 1 whatever the hazards, so rate ratios can scale them
 * freely.
 *
 * @example
 * ```ts
 * competingShare(0.2, 0.2);  // 0.1813 = 1 − e^−0.2
 * competingShare(0.1, 0.2);  // 0.0906: half of it
 * ```
 */
export function competingShare(lambda: number, total: number): number {
  if (total === 0) return lambda;
  return (lambda * -Math.expm1(-total)) / total;
}
