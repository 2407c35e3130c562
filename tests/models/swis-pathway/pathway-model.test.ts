/**
 * The SWIS care-pathway cohort model against a hand calculation of the shipped scenario's base
 * case over one year (four quarterly cycles), written out with dense 5 × 5 matrices; the
 * conservation of the cohort over random inputs (fast-check); the limits (no effect and no
 * programme cost give no difference); and the effect schedule seen through the model.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import pathway from "../../../models/swis-pathway/index.js";
import { createPathwayModel } from "../../../models/swis-pathway/pathway-model.js";
import type { CohortModel } from "../../../src/cohort/define-cohort-model.js";
import { cohortTrace } from "../../../src/cohort/trace.js";
import type { ParameterSpec } from "../../../src/model/define-model.js";
import type { ModelConfig } from "../../../src/model/model-factory.js";
import { runBaseCase } from "../../../src/psa/base-case.js";
import { runCohortBaseCase } from "../../../src/psa/cohort-base-case.js";
import { runPsa } from "../../../src/psa/run-psa.js";
import { load } from "../../helpers/scenarios.js";

const SCENARIO = "scenarios/swis-pathway.yaml";

/** |a − b| ≤ 1e-12 × |b| (or 1e-12 absolute near 0). */
function expectRelative(actual: number, expected: number, what: string): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThan(
    1e-12,
  );
}

/** m · P for a row vector m and a dense matrix P. */
function step(m: readonly number[], P: readonly (readonly number[])[]): number[] {
  return m.map((_, j) => m.reduce((acc, mi, i) => acc + mi * ((P[i] as number[])[j] as number), 0));
}

/**
 * The base case by hand: every input at its point value from the data files (models/swis-pathway),
 * one school of 1,040 pupils, a one-year horizon (4 quarters), 3.5% for costs and outcomes.
 */
function byHand(intervention: boolean) {
  const L = 0.25;
  const N = 1 * 1040; // schools × pupils_per_school
  // Point values: irr_s47 its estimate 1.055; the other ratios exp(meanlog) = 1. The programme
  // runs two years, so its effect has full strength in all four cycles.
  const rho47 = intervention ? 1.055 : 1;
  // Baseline flows per child-year (age factor 1) and the per-referral ratios.
  const pRef = 1 - Math.exp(-(54.4 / 1000) * 1 * L); // 0.0135079…
  const e17 = 55.7 / 54.4; // S17 assessments per referral
  const e47 = (19.16 / 54.4) * rho47; // S47 enquiries per referral
  const qCin = e17 * 0.42; // → child in need (p_cin_given_s17 = Beta(42, 58) mean)
  const qCpp = e47 * 0.33 * 0.877; // → protection plan (p_icpc 0.33 × p_cpp 52,700 / 60,100)
  const qLac = 2.2 / 54.4; // → care
  const xCin = 1 - Math.exp(-L / 0.5);
  const xCpp = 1 - Math.exp(-L / 0.855);
  const xLac = 1 - Math.exp(-L / 3.2);
  // States: none, referral, child_in_need, protection_plan, looked_after.
  const P = [
    [1 - pRef, pRef, 0, 0, 0],
    [1 - qCin - qCpp - qLac, 0, qCin, qCpp, qLac],
    [xCin, 0, 1 - xCin, 0, 0],
    [xCpp, 0, 0, 1 - xCpp, 0],
    [xLac, 0, 0, 0, 1 - xLac],
  ];
  // Day in care: (foster 0.68 + other 0.15) × £646/7 a week in 2016/17 uprated by NHSCII
  // 124.50 / 102.50, + residential 0.17 × (children's homes 0.595 × £872 + semi-independent
  // 0.405 × £411).
  const cFoster = 92.2857 * (124.5 / 102.5);
  const cDay = (0.68 + 0.15) * cFoster + 0.17 * ((1 - 0.405) * 872 + 0.405 * 411);
  // Staffing per school-year: 37,000 × 1.28 × 1.20 (overheads without line management) + 3,000
  // = 59,832; × (1 + 0.1 × 1.15) for supervision, the only management cost.
  const staffYear = (37_000 * 1.28 * 1.2 + 3_000) * (1 + 0.1 * 1.15);
  let m = [1, 0, 0, 0, 0];
  const totals = {
    cost: 0,
    effect: 0,
    intervention_cost: 0,
    downstream_cost: 0,
    cashable_cost: 0,
    staff_time_cost: 0,
    referrals: 0,
    s17_assessments: 0,
    s47_enquiries: 0,
    icpcs: 0,
    cp_plan_years: 0,
    care_entries: 0,
    days_in_care: 0,
    downstream_cost_year_1: 0,
    programme_cost_year_1: 0,
  };
  const trace = [m];
  for (let t = 1; t <= 4; t++) {
    const next = step(m, P);
    const d = 1.035 ** -(t * L); // costs and the effect, from the end of the cycle
    // Events of transition t, for the whole cohort.
    const referrals = N * (m[0] as number) * pRef;
    const s17 = referrals * e17;
    const s47 = referrals * e47;
    const icpcs = 0.33 * s47;
    const entries = N * (m[1] as number) * qLac;
    // Occupancy over the cycle (trapezoid), in child-years.
    const occ = (k: number) => N * 0.5 * ((m[k] as number) + (next[k] as number)) * L;
    const staff =
      referrals * 350 + s17 * 800 + s47 * 1050 + icpcs * 1400 + occ(2) * 3250 + occ(3) * 8000;
    const cash = occ(4) * 365 * cDay;
    const programme = intervention ? staffYear * L : 0;
    totals.referrals += referrals;
    totals.s17_assessments += s17;
    totals.s47_enquiries += s47;
    totals.icpcs += icpcs;
    totals.cp_plan_years += occ(3);
    totals.care_entries += entries;
    totals.days_in_care += occ(4) * 365;
    totals.staff_time_cost += d * staff;
    totals.cashable_cost += d * cash;
    totals.downstream_cost += d * (staff + cash);
    totals.intervention_cost += d * programme;
    totals.cost += d * (programme + staff + cash);
    totals.effect -= d * s47;
    totals.downstream_cost_year_1 += staff + cash;
    totals.programme_cost_year_1 += programme;
    m = next;
    trace.push(m);
  }
  return { totals, trace };
}

/** The shipped scenario's configuration with another horizon, settings or inputs. */
async function config(
  change: {
    horizonYears?: number;
    settings?: Record<string, number | string>;
    inputs?: Record<string, ParameterSpec>;
  } = {},
): Promise<ModelConfig> {
  const loaded = await load(SCENARIO);
  return {
    ...loaded.config,
    horizonYears: change.horizonYears ?? loaded.config.horizonYears,
    settings: { ...loaded.config.settings, ...change.settings },
    inputs: { ...loaded.config.inputs, ...change.inputs },
  };
}

const fixed = (value: number): ParameterSpec => ({ type: "fixed", value });

describe("swis-pathway base case by hand (one year, four quarters)", () => {
  it("createPathwayModel: trace, events, occupancy and discounted costs match the hand calculation to 1e-12", async () => {
    const model = createPathwayModel(await config({ horizonYears: 1 }));
    const base = await runCohortBaseCase(model as CohortModel);
    const point = await runBaseCase(model);
    for (const [j, strategy] of (["usual", "swis"] as const).entries()) {
      const hand = byHand(strategy === "swis");
      const s = base.strategies[j];
      expect(s?.name).toBe(strategy);
      // The trace, state by state, cycle by cycle.
      hand.trace.forEach((m, t) => {
        m.forEach((x, k) => {
          const got = s?.trace[t]?.[k] as number;
          if (x === 0) expect(got).toBe(0);
          else expectRelative(got, x, `${strategy} m_${t}[${k}]`);
        });
      });
      for (const [outcome, value] of Object.entries(hand.totals)) {
        if (strategy === "usual" && /intervention|programme/.test(outcome)) {
          expect(s?.total[outcome as never]).toBe(0);
          continue;
        }
        expectRelative(s?.total[outcome as never] as number, value, `${strategy} ${outcome}`);
      }
      // The model's own evaluate (what the PSA runs) gives the same totals.
      expectRelative(point.cost[strategy] as number, hand.totals.cost, `${strategy} evaluate cost`);
      expectRelative(
        point.effect[strategy] as number,
        hand.totals.effect,
        `${strategy} evaluate effect`,
      );
    }
    // The increments: S47 enquiries avoided (negative: SWIS adds enquiries at IRR 1.055).
    const usual = byHand(false).totals;
    const swis = byHand(true).totals;
    expect(swis.effect - usual.effect).toBeLessThan(0);
    expectRelative(
      (point.effect.swis as number) - (point.effect.usual as number),
      swis.effect - usual.effect,
      "ΔE",
    );
    expectRelative(
      (point.cost.swis as number) - (point.cost.usual as number),
      swis.cost - usual.cost,
      "ΔC",
    );
  });

  it("budgetImpact: the year's undiscounted programme cost and the change in social-care cost", async () => {
    const c = await config({ horizonYears: 1 });
    const usual = byHand(false).totals;
    const swis = byHand(true).totals;
    const means: Record<string, Record<string, number>> = {
      programme_cost_year_1: { usual: 0, swis: swis.programme_cost_year_1 },
      downstream_cost_year_1: {
        usual: usual.downstream_cost_year_1,
        swis: swis.downstream_cost_year_1,
      },
    };
    const rows = pathway.budgetImpact?.(c, means, () => 0) ?? [];
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row?.year).toBe(1);
    // (37,000 × 1.28 × 1.20 + 3,000) × (1 + 0.1 × 1.15) = 59,832 × 1.115 = 66,712.68.
    expectRelative(row?.interventionCost as number, 66_712.68, "programme year 1");
    expectRelative(
      row?.downstreamChange as number,
      swis.downstream_cost_year_1 - usual.downstream_cost_year_1,
      "downstream change",
    );
    expect(row?.net).toBe((row?.interventionCost as number) + (row?.downstreamChange as number));
  });
});

/** Every input of the model fixed at a value drawn by fast-check. */
const randomInputs = fc.record({
  rate_referral: fc.double({ min: 10, max: 100, noNaN: true }),
  // Onward rates as shares of the referral rate, small enough that a referral's baseline
  // onward probabilities sum below 1; the ratios may ask for more (a valid split regardless).
  f17: fc.double({ min: 0, max: 0.3, noNaN: true }),
  f47: fc.double({ min: 0, max: 0.2, noNaN: true }),
  fCare: fc.double({ min: 0, max: 0.1, noNaN: true }),
  age_factor: fc.double({ min: 0.5, max: 2, noNaN: true }),
  pupils_per_school: fc.integer({ min: 1, max: 2000 }),
  irr_referral: fc.double({ min: 0.2, max: 5, noNaN: true }),
  irr_s17: fc.double({ min: 0.2, max: 5, noNaN: true }),
  irr_s47: fc.double({ min: 0.2, max: 5, noNaN: true }),
  irr_care_entry: fc.double({ min: 0.2, max: 5, noNaN: true }),
  persistence_years: fc.double({ min: 0, max: 3, noNaN: true }),
  effect_decay_rate: fc.double({ min: 0, max: 1, noNaN: true }),
  p: fc.double({ min: 0, max: 1, noNaN: true }),
  cin_duration_yr: fc.double({ min: 0.1, max: 5, noNaN: true }),
  cpp_duration_yr: fc.double({ min: 0.1, max: 5, noNaN: true }),
  care_duration_yr: fc.double({ min: 0.1, max: 10, noNaN: true }),
  horizon: fc.integer({ min: 1, max: 7 }),
  programme: fc.integer({ min: 1, max: 4 }),
  schools: fc.integer({ min: 1, max: 5 }),
});

describe("swis-pathway conservation", () => {
  it("cohortTrace: every cycle's shares sum to the cohort (schools × pupils) and none is negative, over random inputs (fast-check)", async () => {
    const c = await config();
    const model0 = createPathwayModel(c);
    const defaults = (await runCohortBaseCase(model0 as CohortModel)).parameters;
    fc.assert(
      fc.property(randomInputs, (r) => {
        const model = createPathwayModel({
          ...c,
          horizonYears: r.horizon,
          settings: { ...c.settings, programme_years: r.programme, schools: r.schools },
        });
        const values = {
          ...defaults,
          rate_referral: r.rate_referral,
          rate_s17: r.f17 * r.rate_referral,
          rate_s47: r.f47 * r.rate_referral,
          care_entry_per1000: r.fCare * r.rate_referral,
          age_factor: r.age_factor,
          pupils_per_school: r.pupils_per_school,
          irr_referral: r.irr_referral,
          irr_s17: r.irr_s17,
          irr_s47: r.irr_s47,
          irr_care_entry: r.irr_care_entry,
          persistence_years: r.persistence_years,
          effect_decay_rate: r.effect_decay_rate,
          p_cin_given_s17: r.p,
          p_icpc_given_s47: 1 - r.p,
          p_cpp_given_icpc: r.p,
          cin_duration_yr: r.cin_duration_yr,
          cpp_duration_yr: r.cpp_duration_yr,
          care_duration_yr: r.care_duration_yr,
        };
        const traced = cohortTrace(model as CohortModel, values);
        const cohort = r.schools * r.pupils_per_school;
        for (const s of traced.strategies) {
          expect(s.trace).toHaveLength(r.horizon * 4 + 1);
          for (const m of s.trace) {
            const total = m.reduce((a, b) => a + b, 0) * cohort;
            expect(Math.abs(total - cohort) / cohort).toBeLessThanOrEqual(1e-12);
            for (const x of m) expect(x).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("swis-pathway limits", () => {
  const counts = [
    "referrals",
    "s17_assessments",
    "s47_enquiries",
    "icpcs",
    "cp_plan_years",
    "care_entries",
    "days_in_care",
    "downstream_cost",
    "cashable_cost",
    "staff_time_cost",
  ] as const;

  it("every rate ratio 1: no event, occupancy or social-care cost changes, in any sample of a 7-year PSA with decay", async () => {
    const c = await config({
      horizonYears: 7,
      inputs: {
        irr_referral: fixed(1),
        irr_s17: fixed(1),
        irr_s47: fixed(1),
        irr_care_entry: fixed(1),
      },
    });
    const model = createPathwayModel(c);
    const psa = await runPsa(model, { samples: 64, seed: 3 });
    for (const o of counts) {
      const x = (psa.outcomes as Record<string, Record<string, Float64Array>>)[o];
      const usual = x?.usual as Float64Array;
      const swis = x?.swis as Float64Array;
      for (let i = 0; i < 64; i++) expect(swis[i], `${o} sample ${i}`).toBe(usual[i]);
    }
    const n = psa.samples.nSamples;
    for (let i = 0; i < n; i++) {
      expect(psa.samples.effect[n + i]).toBe(psa.samples.effect[i]);
    }
  });

  it("every rate ratio 1 and no programme cost: no incremental cost in any sample", async () => {
    const c = await config({
      horizonYears: 5,
      inputs: {
        irr_referral: fixed(1),
        irr_s17: fixed(1),
        irr_s47: fixed(1),
        irr_care_entry: fixed(1),
        sw_fte_per_school: fixed(0),
        mgmt_cost_per_school_year: fixed(0),
        setup_cost_per_school: fixed(0),
        grant_total: fixed(0),
      },
    });
    const psa = await runPsa(createPathwayModel(c), { samples: 64, seed: 4 });
    const n = psa.samples.nSamples;
    for (let i = 0; i < n; i++) {
      expect(psa.samples.cost[n + i], `sample ${i}`).toBe(psa.samples.cost[i]);
    }
  });
});

describe("swis-pathway effect schedule in the model", () => {
  it("S47 enquiries per referral follow irr_s47^s(t): full while the programme runs and persists, then decaying", async () => {
    const c = await config({
      horizonYears: 3,
      settings: { programme_years: 1 },
      inputs: { irr_s47: fixed(1.2), persistence_years: fixed(0.5), effect_decay_rate: fixed(0.5) },
    });
    const base = await runCohortBaseCase(createPathwayModel(c) as CohortModel);
    const swis = base.strategies[1];
    const usual = base.strategies[0];
    const baseline = 19.16 / 54.4;
    for (let t = 1; t <= 12; t++) {
      const per = (s: typeof swis) =>
        (s?.perCycle.s47_enquiries?.reward[t] as number) /
        (s?.perCycle.referrals?.reward[t] as number);
      expectRelative(per(usual), baseline, `usual cycle ${t}`);
      // Programme 1 y + persistence 0.5 y: full strength to 1.5 y (cycle 6), then 0.5 a year.
      const strength = t <= 6 ? 1 : 0.5 ** (t * 0.25 - 1.5);
      expectRelative(per(swis), baseline * 1.2 ** strength, `swis cycle ${t}`);
    }
    // The programme costs only in its year.
    const programme = swis?.perCycle.intervention_cost?.reward ?? [];
    for (let t = 1; t <= 12; t++) {
      if (t <= 4) expect(programme[t]).toBeGreaterThan(0);
      else expect(programme[t]).toBe(0);
    }
  });

  it("createPathwayModel refuses a horizon past the pupils' 18th birthday", async () => {
    expect(() => createPathwayModel({ ...loadedConfigSync, horizonYears: 8 })).toThrow(
      /at most 7 for a cohort aged 11/,
    );
  });
});

const loadedConfigSync = (await load(SCENARIO)).config;
