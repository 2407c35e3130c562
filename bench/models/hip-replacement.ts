/**
 * A 5-state, 60-cycle, 2-strategy cohort model for benchmarks, shaped like the total hip
 * replacement model of Briggs, Claxton & Sculpher (2006, Example 3.5; heemod
 * tests/testthat/test_dmhee.R): primary THR, successful primary, revision THR, successful
 * revision and death; a Weibull revision hazard that depends on the cycle (the new prosthesis
 * NP1 scales it by a rate ratio), age-banded background mortality from a lookup table by age,
 * operative mortality and re-revision. Point values are the book's; the spreads of the
 * regression coefficients are rough stand-ins (the book samples them jointly from a covariance
 * matrix), so this model is for timing only.
 */
import { C, type CohortFill, defineCohortModel, lookupTable, perCycle } from "ceakit";

/** Female mortality by age band (per year), from 35, 45, …, 85 (the book's life table). */
const mortality = lookupTable(
  [35, 45, 55, 65, 75, 85],
  [0.00099, 0.0026, 0.0067, 0.0193, 0.0535, 0.1548],
);
const AGE = 60;

type Names =
  | "omr_primary"
  | "omr_revision"
  | "re_revision"
  | "cons"
  | "age_coef"
  | "ln_gamma"
  | "ln_rr_np1"
  | "c_revision"
  | "u_success_primary"
  | "u_success_revision"
  | "u_revision"
  | "lambda"
  | "gamma"
  | "lambda_np1";

/** Weibull revision probability in cycle t: 1 − exp(λ((t − 1)^γ − t^γ)), per sample. */
function revision(lambda: "lambda" | "lambda_np1"): CohortFill<Names> {
  return (out, { p, n, t }) => {
    const lam = p[lambda];
    const g = p.gamma;
    const lnBefore = Math.log(t - 1); // −Infinity at t = 1, so (t − 1)^γ = 0
    const lnNow = Math.log(t);
    for (let i = 0; i < n; i++) {
      const gi = g[i] as number;
      out[i] = 1 - Math.exp((lam[i] as number) * (Math.exp(gi * lnBefore) - Math.exp(gi * lnNow)));
    }
  };
}

/** Background mortality in cycle t (age 60 + t − 1 during the cycle), the same in every sample. */
const background = perCycle<Names>(({ t }) => mortality.at(AGE + t - 1));

/** Operative mortality of a revision plus background mortality. */
const revisionDeath: CohortFill<Names> = (out, { p, n, t }) => {
  const m = mortality.at(AGE + t - 1);
  const omr = p.omr_revision;
  for (let i = 0; i < n; i++) out[i] = (omr[i] as number) + m;
};

function strategy(lambda: "lambda" | "lambda_np1", prosthesis: number) {
  return {
    transitions: {
      primary: { success_primary: C, death: "omr_primary" },
      success_primary: { success_primary: C, revision: revision(lambda), death: background },
      revision: { success_revision: C, death: revisionDeath },
      success_revision: { revision: "re_revision", success_revision: C, death: background },
      death: { death: 1 },
    },
    rewards: {
      cost: { primary: prosthesis, revision: "c_revision" },
      qaly: {
        success_primary: "u_success_primary",
        revision: "u_revision",
        success_revision: "u_success_revision",
      },
    },
  } as const;
}

export default defineCohortModel({
  name: "hip-replacement",
  parameters: {
    omr_primary: { type: "beta", alpha: 2, beta: 98 },
    omr_revision: { type: "beta", alpha: 2, beta: 98 },
    re_revision: { type: "beta", alpha: 4, beta: 96 },
    cons: { type: "normal", mean: -5.490935, sd: 0.2 },
    age_coef: { type: "normal", mean: -0.0367022, sd: 0.005 },
    ln_gamma: { type: "normal", mean: 0.3740968, sd: 0.05 },
    ln_rr_np1: { type: "normal", mean: -1.344474, sd: 0.38 },
    c_revision: { type: "gamma", mean: 5294, sd: 1487 },
    u_success_primary: { type: "beta", mean: 0.85, sd: 0.03 },
    u_success_revision: { type: "beta", mean: 0.75, sd: 0.04 },
    u_revision: { type: "beta", mean: 0.3, sd: 0.03 },
  },
  derived: {
    lambda: "exp(cons + age_coef * 60)",
    gamma: "exp(ln_gamma)",
    lambda_np1: "lambda * exp(ln_rr_np1)",
  },
  states: ["primary", "success_primary", "revision", "success_revision", "death"],
  initial: { primary: 1 },
  cycles: 60,
  cycleLength: 1,
  conventions: { counting: "start", correction: "none", discount: { costs: 0.06, effects: 0.015 } },
  outcomes: { cost: "costs", qaly: "effects" },
  cost: "cost",
  effect: "qaly",
  strategies: {
    standard: strategy("lambda", 394),
    np1: strategy("lambda_np1", 579),
  },
});
