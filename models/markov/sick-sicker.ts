/**
 * The Sick-Sicker model of the DARTH cohort state-transition tutorial, part 1, "probabilities"
 * version (Alarid-Escudero, Krijkamp, Enns et al., Medical Decision Making 2023; DARTH-git
 * Cohort-modeling-tutorial, analysis/STM_01.R).
 *
 * Four states (H healthy, S1 sick, S2 sicker, D dead), everyone healthy at 25, 75 annual cycles.
 * Four strategies: standard of care; A (a treatment that raises the utility of S1, at a cost);
 * B (a treatment that slows progression from S1 to S2, hazard ratio 0.6, at a cost); AB (both).
 * Rewards are counted on m_0 … m_75 with the DARTH tutorials' within-cycle correction
 * (`darth-simpson`), costs and QALYs discounted at 3% a year; {@link sickSicker} builds the same
 * model with another correction.
 *
 * Base-case values are the tutorial's; the PSA distributions are its `generate_psa_params`
 * (several have means that differ slightly from the base case, so `base` is stated).
 */
import { type Correction, defineCohortModel } from "ceakit";

/**
 * The Sick-Sicker model with a chosen within-cycle correction (the published results use
 * `darth-simpson`).
 *
 * @example
 * ```ts
 * const textbook = sickSicker("simpson");
 * ```
 */

/** Transitions without treatment B (standard of care and A: treatment A changes no transition). */
const WITHOUT_B = {
  H: { H: "p_H_H", S1: "p_H_S1", D: "p_HD" },
  S1: { H: "p_S1_H", S1: "p_S1_S1", S2: "p_S1_S2", D: "p_S1D" },
  S2: { S2: "p_S2_S2", D: "p_S2D" },
  D: { D: 1 },
} as const;

/** Transitions with treatment B (B and AB): slower progression from S1 to S2. */
const WITH_B = {
  ...WITHOUT_B,
  S1: { H: "p_S1_H", S1: "p_S1_S1_trtB", S2: "p_S1_S2_trtB", D: "p_S1D" },
} as const;

export function sickSicker(correction: Correction) {
  return defineCohortModel({
    name: "sick-sicker",
    description: "DARTH Sick-Sicker cohort model (time-independent, probabilities version)",
    parameters: {
      p_HS1: { type: "beta", alpha: 30, beta: 170, label: "P(healthy → sick)" },
      p_S1H: { type: "beta", alpha: 60, beta: 60, label: "P(sick → healthy)" },
      p_S1S2: { type: "beta", alpha: 84, beta: 716, label: "P(sick → sicker)" },
      r_HD: { type: "fixed", value: 0.002, label: "Background mortality rate" },
      hr_S1: {
        type: "lognormal",
        meanlog: Math.log(3),
        sdlog: 0.01,
        label: "Mortality hazard ratio in S1",
      },
      hr_S2: {
        type: "lognormal",
        meanlog: Math.log(10),
        sdlog: 0.02,
        label: "Mortality hazard ratio in S2",
      },
      hr_S1S2_trtB: {
        type: "lognormal",
        meanlog: Math.log(0.6),
        sdlog: 0.1,
        label: "Hazard ratio of S1 → S2 under B",
      },
      c_H: { type: "gamma", shape: 100, scale: 20, base: 2000, label: "Cost per year healthy" },
      c_S1: { type: "gamma", shape: 177.8, scale: 22.5, base: 4000, label: "Cost per year sick" },
      c_S2: { type: "gamma", shape: 225, scale: 66.7, base: 15000, label: "Cost per year sicker" },
      c_trtA: { type: "fixed", value: 12000, label: "Treatment A per year (S1, S2)" },
      c_trtB: { type: "fixed", value: 13000, label: "Treatment B per year (S1, S2)" },
      u_H: { type: "beta", alpha: 200, beta: 3, base: 1, label: "Utility healthy" },
      u_S1: { type: "beta", alpha: 130, beta: 45, base: 0.75, label: "Utility sick" },
      u_S2: { type: "beta", alpha: 230, beta: 230, base: 0.5, label: "Utility sicker" },
      u_trtA: { type: "beta", alpha: 300, beta: 15, base: 0.95, label: "Utility sick under A" },
    },
    derived: {
      p_HD: "1 - exp(-r_HD)",
      p_S1D: "1 - exp(-hr_S1 * r_HD)",
      p_S2D: "1 - exp(-hr_S2 * r_HD)",
      p_S1S2_trtB: "1 - exp(hr_S1S2_trtB * log(1 - p_S1S2))",
      p_H_H: "(1 - p_HD) * (1 - p_HS1)",
      p_H_S1: "(1 - p_HD) * p_HS1",
      p_S1_H: "(1 - p_S1D) * p_S1H",
      p_S1_S1: "(1 - p_S1D) * (1 - p_S1H - p_S1S2)",
      p_S1_S2: "(1 - p_S1D) * p_S1S2",
      p_S1_S1_trtB: "(1 - p_S1D) * (1 - p_S1H - p_S1S2_trtB)",
      p_S1_S2_trtB: "(1 - p_S1D) * p_S1S2_trtB",
      p_S2_S2: "1 - p_S2D",
      c_S1_trtA: "c_S1 + c_trtA",
      c_S2_trtA: "c_S2 + c_trtA",
      c_S1_trtB: "c_S1 + c_trtB",
      c_S2_trtB: "c_S2 + c_trtB",
      c_S1_trtAB: "c_S1 + c_trtA + c_trtB",
      c_S2_trtAB: "c_S2 + c_trtA + c_trtB",
    },
    states: ["H", "S1", "S2", "D"],
    initial: { H: 1 },
    cycles: 75,
    cycleLength: 1,
    conventions: { counting: "all", correction, discount: { costs: 0.03, effects: 0.03 } },
    outcomes: { cost: "costs", qaly: "effects" },
    cost: "cost",
    effect: "qaly",
    strategies: {
      SoC: {
        transitions: WITHOUT_B,
        rewards: {
          cost: { H: "c_H", S1: "c_S1", S2: "c_S2" },
          qaly: { H: "u_H", S1: "u_S1", S2: "u_S2" },
        },
      },
      A: {
        transitions: WITHOUT_B,
        rewards: {
          cost: { H: "c_H", S1: "c_S1_trtA", S2: "c_S2_trtA" },
          qaly: { H: "u_H", S1: "u_trtA", S2: "u_S2" },
        },
      },
      B: {
        transitions: WITH_B,
        rewards: {
          cost: { H: "c_H", S1: "c_S1_trtB", S2: "c_S2_trtB" },
          qaly: { H: "u_H", S1: "u_S1", S2: "u_S2" },
        },
      },
      AB: {
        transitions: WITH_B,
        rewards: {
          cost: { H: "c_H", S1: "c_S1_trtAB", S2: "c_S2_trtAB" },
          qaly: { H: "u_H", S1: "u_trtA", S2: "u_S2" },
        },
      },
    },
  });
}

export default sickSicker("darth-simpson");
