/**
 * HIV/AIDS: zidovudine monotherapy against zidovudine + lamivudine, the cohort model of
 * Chancellor et al. (1997, PharmacoEconomics 12:54–66) as built in Briggs, Claxton & Sculpher
 * (2006), Decision Modelling for Health Economic Evaluation, Example 2.5 (the same model is an
 * exact-match test in heemod, tests/testthat/test_dmhee.R).
 *
 * Four states (A: CD4 200–500, B: CD4 < 200, C: AIDS, D: death), 20 annual cycles, everyone in A
 * at the start. Monotherapy moves by the observed transition counts; combination therapy
 * multiplies every progression by the relative risk rr in cycles 1–2 (lamivudine is given for two
 * years), the diagonal being the rest of the row. Rewards are counted on m_1 … m_20 ("end"),
 * without a within-cycle correction; costs are discounted at 6% a year from the first cycle,
 * life-years are not discounted.
 *
 * Uncertainty (the book's Exercise 4): rr lognormal with SE = (ln 0.710 − ln 0.365) / 3.92 on the
 * log scale; direct medical and community costs per state gamma with SD equal to the mean.
 */
import { C, type CohortFill, defineCohortModel } from "ceakit";

/** Monotherapy transition counts (Chancellor et al. 1997), row totals 1734, 1258, 1749. */
const AB = 350 / 1734;
const AC = 116 / 1734;
const AD = 17 / 1734;
const BC = 512 / 1258;
const BD = 15 / 1258;
const CD = 437 / 1749;

type Names =
  | "rr"
  | "c_dmed_A"
  | "c_dmed_B"
  | "c_dmed_C"
  | "c_comm_A"
  | "c_comm_B"
  | "c_comm_C"
  | "c_zido"
  | "c_lami";

/** Cycles in which lamivudine is given (and rr applies). */
const LAMIVUDINE_CYCLES = 2;

/** A progression under combination therapy: probability × rr in cycles 1–2, as is after. */
function combined(probability: number): CohortFill<Names> {
  return (out, { p, n, t }) => {
    if (t > LAMIVUDINE_CYCLES) {
      out.fill(probability, 0, n);
      return;
    }
    const rr = p.rr;
    for (let i = 0; i < n; i++) out[i] = probability * (rr[i] as number);
  };
}

/** Cost per year in a state: direct medical + community + zidovudine (+ lamivudine in cycles 1–2). */
function stateCost(
  dmed: "c_dmed_A" | "c_dmed_B" | "c_dmed_C",
  comm: "c_comm_A" | "c_comm_B" | "c_comm_C",
  lamivudine: boolean,
): CohortFill<Names> {
  return (out, { p, n, t }) => {
    const a = p[dmed];
    const b = p[comm];
    const z = p.c_zido;
    const l = p.c_lami;
    const withLami = lamivudine && t <= LAMIVUDINE_CYCLES;
    for (let i = 0; i < n; i++) {
      const drugs = withLami ? (z[i] as number) + (l[i] as number) : (z[i] as number);
      out[i] = (a[i] as number) + (b[i] as number) + drugs;
    }
  };
}

const gammaSdEqualsMean = (mean: number) => ({ type: "gamma" as const, mean, sd: mean });

export default defineCohortModel({
  name: "hiv-chancellor",
  description:
    "Zidovudine monotherapy vs zidovudine + lamivudine in HIV (Chancellor et al. 1997; Briggs et al. 2006, Example 2.5)",
  parameters: {
    rr: {
      type: "lognormal",
      meanlog: Math.log(0.509),
      sdlog: (Math.log(0.71) - Math.log(0.365)) / 3.92,
      label: "Relative risk of progression under combination therapy (95% CI 0.365–0.710)",
      source: "Chancellor et al. 1997; Briggs et al. 2006, Ex. 2.5",
    },
    c_dmed_A: {
      ...gammaSdEqualsMean(1701),
      label: "Direct medical cost per year in A",
      unit: "£/year",
    },
    c_dmed_B: {
      ...gammaSdEqualsMean(1774),
      label: "Direct medical cost per year in B",
      unit: "£/year",
    },
    c_dmed_C: {
      ...gammaSdEqualsMean(6948),
      label: "Direct medical cost per year in C",
      unit: "£/year",
    },
    c_comm_A: {
      ...gammaSdEqualsMean(1055),
      label: "Community care cost per year in A",
      unit: "£/year",
    },
    c_comm_B: {
      ...gammaSdEqualsMean(1278),
      label: "Community care cost per year in B",
      unit: "£/year",
    },
    c_comm_C: {
      ...gammaSdEqualsMean(2059),
      label: "Community care cost per year in C",
      unit: "£/year",
    },
    c_zido: { type: "fixed", value: 2278, label: "Zidovudine per year", unit: "£/year" },
    c_lami: {
      type: "fixed",
      value: 2086.5,
      label: "Lamivudine per year (cycles 1–2)",
      unit: "£/year",
    },
  },
  states: ["A", "B", "C", "D"],
  initial: { A: 1 },
  cycles: 20,
  cycleLength: 1,
  conventions: {
    counting: "end",
    correction: "none",
    discount: { costs: 0.06, effects: 0 },
  },
  outcomes: { cost: "costs", ly: "effects" },
  cost: "cost",
  effect: "ly",
  strategies: {
    mono: {
      transitions: {
        A: { A: 1251 / 1734, B: AB, C: AC, D: AD },
        B: { B: 731 / 1258, C: BC, D: BD },
        C: { C: 1312 / 1749, D: CD },
        D: { D: 1 },
      },
      rewards: {
        cost: {
          A: stateCost("c_dmed_A", "c_comm_A", false),
          B: stateCost("c_dmed_B", "c_comm_B", false),
          C: stateCost("c_dmed_C", "c_comm_C", false),
        },
        ly: { A: 1, B: 1, C: 1 },
      },
    },
    comb: {
      transitions: {
        A: { A: C, B: combined(AB), C: combined(AC), D: combined(AD) },
        B: { B: C, C: combined(BC), D: combined(BD) },
        C: { C: C, D: combined(CD) },
        D: { D: 1 },
      },
      rewards: {
        cost: {
          A: stateCost("c_dmed_A", "c_comm_A", true),
          B: stateCost("c_dmed_B", "c_comm_B", true),
          C: stateCost("c_dmed_C", "c_comm_C", true),
        },
        ly: { A: 1, B: 1, C: 1 },
      },
    },
  },
});
