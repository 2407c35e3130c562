/**
 * Exact ties in a PSA's means are ties in ceakit, as in R. dampack's `calculate_icers` and `ceac`
 * and BCEA's `multi.ce` work on `colMeans`, which sums in extended precision, so means that are
 * equal in exact arithmetic come out equal; ceakit's means are the double nearest the exact mean
 * (src/core/sum.ts), so they do too. Each case below is a PSA whose means tie exactly, with the
 * answer R's rules give, worked from the rule that decides it:
 * - dampack `calculate_icers`: sort by cost, then effect descending (ties keep input order); a
 *   strategy is D when `jth_effect <= ith_effect` for a cheaper-or-equal one; ED when its ICER
 *   exceeds the next one's, strictly (`nd_df[i, "ICER"] > nd_df[i + 1, "ICER"]`);
 * - dampack `ceac` and BCEA `multi.ce`: the frontier strategy is `which.max(colMeans(nmb))`, the
 *   first of equal maxima.
 * Before the means were exact, each of these came out differently (an ICER of 1.8e17, the wrong
 * one of two identical strategies dominated, a collinear strategy extendedly dominated, the CEAF
 * on the other strategy).
 */
import { describe, expect, test } from "vitest";
import { analysePsa } from "../../src/analysis/analyse.js";
import { createCeSamples } from "../../src/analysis/samples.js";

/** A PSA from per-strategy columns of cost and effect (strategy-major, as CeSamples holds them). */
const psa = (strategies: Record<string, { cost: number[]; effect: number[] }>) =>
  createCeSamples({
    strategies: Object.keys(strategies),
    cost: Object.values(strategies).flatMap((s) => s.cost),
    effect: Object.values(strategies).flatMap((s) => s.effect),
  });

const statuses = (a: ReturnType<typeof analysePsa>) =>
  a.icers.map((r) => [r.strategy, r.status, r.icer]);

describe("exact ties in the means are ties, as in dampack and BCEA", () => {
  test("equal mean effects at a higher cost: dominated, not an ICER of 1.8e17", () => {
    // C's effects (−1, −1, 1, 1, 2) have mean 2/5, B's are 0.4 throughout: equal means.
    const a = analysePsa(
      psa({
        A: { cost: [0, 0, 0, 0, 0], effect: [0, 0, 0, 0, 0] },
        B: { cost: [10, 10, 10, 10, 10], effect: [0.4, 0.4, 0.4, 0.4, 0.4] },
        C: { cost: [20, 20, 20, 20, 20], effect: [-1, -1, 1, 1, 2] },
      }),
      { wtp: [0, 100] },
    );
    // B: ΔC = 10, ΔE = 0.4, ICER 25; C costs more for the same effect: D.
    expect(statuses(a)).toEqual([
      ["A", "ND", null],
      ["B", "ND", 25],
      ["C", "D", null],
    ]);
  });

  test("two identical strategies: the later in the input is dominated", () => {
    const a = analysePsa(
      psa({
        A: { cost: [10, 10, 10, 10, 10], effect: [0.4, 0.4, 0.4, 0.4, 0.4] },
        B: { cost: [10, 10, 10, 10, 10], effect: [-1, -1, 1, 1, 2] },
        C: { cost: [30, 30, 30, 30, 30], effect: [1, 1, 1, 1, 1] },
      }),
      { wtp: [0, 100] },
    );
    // A and B both cost 10 with mean effect 0.4; C: ΔC = 20, ΔE = 0.6 against A.
    expect(statuses(a)).toEqual([
      ["A", "ND", null],
      ["C", "ND", 20 / 0.6],
      ["B", "D", null],
    ]);
  });

  test("collinear strategies stay on the frontier: equal ICERs are not extended dominance", () => {
    // B's effects have mean 9/10; C's are 1.8: the ICERs are 10 / 0.9 twice.
    const a = analysePsa(
      psa({
        A: { cost: Array(10).fill(0), effect: Array(10).fill(0) },
        B: { cost: Array(10).fill(10), effect: [6, -1, 7, 8, 2, -3, -8, -8, 4, 2] },
        C: { cost: Array(10).fill(20), effect: Array(10).fill(1.8) },
      }),
      { wtp: [0, 100] },
    );
    expect(statuses(a)).toEqual([
      ["A", "ND", null],
      ["B", "ND", 10 / 0.9],
      ["C", "ND", 10 / 0.9],
    ]);
  });

  test("equal expected net benefit: the CEAF is the first strategy, with its own probability", () => {
    // At λ = 40: P's NB per sample 50, −30, −30, 40, 10 (mean 8); Q's −40, −40, 10, 30, 80 (mean 8).
    const a = analysePsa(
      psa({
        P: { cost: [30, 30, 30, 0, 30], effect: [2, 0, 0, 1, 1] },
        Q: { cost: [0, 0, 30, 10, 0], effect: [-1, -1, 1, 1, 2] },
      }),
      { wtp: [30, 40, 50] },
    );
    const at40 = 1;
    expect(a.curves.enb[at40 * 2]).toBe(a.curves.enb[at40 * 2 + 1]);
    expect(a.curves.ceafStrategy[at40]).toBe(0);
    // P is optimal in samples 1, 2 and 4 (50 > −40, −30 > −40, 40 > 30), Q in 3 and 5: 3/5.
    expect(a.curves.ceaf[at40]).toBe(0.6);
    // EVPI at 40: mean of the per-sample maxima (50, −30, 10, 40, 80 → 30) minus 8.
    expect(a.curves.evpi[at40]).toBe(22);
  });

  test("expected NBs equal only after per-sample rounding, as R averages them: a tie", () => {
    // At λ = 10, A's per-sample NB is 10·0.9 − 0, 10·0.6 − 2, 10·0.4 − 4 = 9, 4, 0 and B's is
    // 10·0.9 − 5, 10·0.8 − 4, 10·0.6 − 1 = 4, 4, 5 (each rounds to the whole number): both means
    // are 13/3 in R (BCEA `apply(U, 2, mean)`, dampack `colMeans(nmb)`), so `which.max` takes A,
    // optimal in 2 samples of 3. From the means, 10·Ē − C̄ gave 4.333333333333333 for A and
    // 4.333333333333334 for B, and the CEAF was B with 1/3.
    const a = analysePsa(
      psa({
        A: { cost: [0, 2, 4], effect: [0.9, 0.6, 0.4] },
        B: { cost: [5, 4, 1], effect: [0.9, 0.8, 0.6] },
      }),
      { wtp: [5, 10, 15] },
    );
    const at10 = 1;
    expect(a.curves.enb[at10 * 2]).toBe(13 / 3);
    expect(a.curves.enb[at10 * 2 + 1]).toBe(13 / 3);
    expect(a.curves.ceafStrategy[at10]).toBe(0);
    expect(a.curves.ceaf[at10]).toBe(2 / 3);
    // Away from the tie the expected NBs stay λ·Ē − C̄ (R's own differ there by rounding only).
    const means = { A: [2, (0.9 + 0.6 + 0.4) / 3], B: [10 / 3, (0.9 + 0.8 + 0.6) / 3] };
    expect(a.curves.enb[0]).toBeCloseTo(5 * (means.A[1] as number) - (means.A[0] as number), 14);
  });
});
