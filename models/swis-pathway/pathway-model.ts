/**
 * The SWIS care pathway as a cohort state-transition model on the cohort engine: the pupils of
 * the programme's schools move, a quarter at a time, between no involvement, referral and
 * assessment, a child-in-need episode, a child protection plan and being looked after, and back
 * to no involvement.
 *
 * **States and flows** (L = 0.25 years; rates per child-year, a = age_factor, ρ_k(t) the rate
 * ratio of SWIS on flow k in cycle t, 1 under usual practice):
 *
 * - none → referral: p = 1 − exp(−(rate_referral / 1000) · a · ρ_ref(t) · L).
 * - referral lasts one cycle (referral, assessment and any S47 enquiry and ICPC); it then
 *   leads, per referral, to a child-in-need episode with probability
 *   (rate_s17 / rate_referral) · p_cin_given_s17 · ρ_s17/ρ_ref, a protection plan with
 *   (rate_s47 / rate_referral) · p_icpc_given_s47 · p_cpp_given_icpc · ρ_s47/ρ_ref, care with
 *   (care_entry_per1000 / rate_referral) · ρ_care/ρ_ref, and otherwise back to none. The ratios
 *   are those of the cycle of the referral. So at baseline each flow per child is the published
 *   rate, and SWIS multiplies the rate of each entry (referral, S17, S47, care) by its own ratio.
 *   Should sampled ratios ask for more onward moves than there are referrals (the three above
 *   summing past 1, possible when the ratios are drawn independently), every referred child
 *   moves on, in their proportions ({@link onwardShare}); never at the base case.
 * - child_in_need, protection_plan, looked_after are left for none with probability
 *   1 − exp(−L / mean duration) per cycle.
 *
 * **Events** are transition rewards of none → referral, per referral: 1 referral,
 * e17 = (rate_s17 / rate_referral) · ρ_s17/ρ_ref S17 assessments, e47 = (rate_s47 / rate_referral)
 * · ρ_s47/ρ_ref S47 enquiries and p_icpc_given_s47 · e47 ICPCs; a care entry is referral →
 * looked_after. **Time in a state** over cycle t is the life-table (trapezoid) occupancy
 * ½(m_{t−1} + m_t) · L: half on the state vector m_t (a state reward) and half on the flows out
 * of the state in transition t (whose sum is m_{t−1}); days in care = occupancy × 365.
 *
 * **Costs** (rewards on m_1 … m_n, weight 1, discounted by (1 + r)^−(t·L)): per referral
 * c_referral + e17 · c_s17_assessment + e47 · (c_s47 + p_icpc_given_s47 · c_icpc) and the years of
 * child-in-need and protection-plan casework (c_cin_year, c_cp_plan_year) are released staff
 * time; days in care at the placement mix are cashable. The programme's cost in cycle t is a
 * reward on every state (the shares sum to one, so the cohort earns it once).
 *
 * Every reward is for the whole cohort: schools × pupils_per_school pupils. The effect of each
 * strategy is minus its discounted count of the chosen measure, so the increment against usual
 * practice is the number avoided. Counts are undiscounted totals over the horizon (the engine's
 * `effects` rate is 0; the effect's discount is applied in its rewards).
 *
 * @module
 */

import {
  C,
  type CohortFill,
  type CorrelationSpec,
  defineCohortModel,
  InputError,
  type ModelConfig,
  type ParameterSpec,
  power,
  type StrategyConfig,
} from "ceakit";
import { effectStrength, rateRatioAt } from "./effect-schedule.js";
import { programmeCostInCycle, staffCostPerSchoolYear } from "./programme-cost.js";
import { cycleProbability, onwardShare } from "./rates.js";

/**
 * Cycle length in years: a quarter.
 *
 * @example
 * ```ts
 * Math.round(7 / CYCLE_YEARS); // 28 cycles to a Year 7 cohort's 18th birthday
 * ```
 */
export const CYCLE_YEARS = 0.25;
/**
 * Days in a year, for days in care (as the day costs are yearly costs ÷ 365).
 *
 * @example
 * ```ts
 * DAYS_PER_YEAR * CYCLE_YEARS; // 91.25 days in care per child-quarter in care
 * ```
 */
export const DAYS_PER_YEAR = 365;
/**
 * The pupils' 18th birthday bounds the horizon.
 *
 * @example
 * ```ts
 * ADULT_AGE - 11; // 7: the longest horizon for a cohort aged 11 at the start
 * ```
 */
export const ADULT_AGE = 18;
/**
 * The longest horizon any configuration allows (a cohort starting at age 4), and so the number
 * of per-year budget-impact outcomes.
 *
 * @example
 * ```ts
 * programmeYearOutcome(MAX_YEARS); // "programme_cost_year_14"
 * ```
 */
export const MAX_YEARS = 14;

/**
 * The pathway's states, in trace order.
 *
 * @example
 * ```ts
 * STATES.indexOf("looked_after"); // 4
 * ```
 */
export const STATES = [
  "none",
  "referral",
  "child_in_need",
  "protection_plan",
  "looked_after",
] as const;
type State = (typeof STATES)[number];

/**
 * The rate ratios SWIS applies, correlated by default.
 *
 * @example
 * ```ts
 * RATE_RATIOS.includes("irr_s47"); // true
 * ```
 */
export const RATE_RATIOS = ["irr_referral", "irr_s17", "irr_s47", "irr_care_entry"] as const;

/**
 * Effect measures: the outcome counted (negated) as each strategy's effect.
 *
 * @example
 * ```ts
 * const effect: EffectMeasure = "s47_avoided";
 * ```
 */
export type EffectMeasure =
  | "s47_avoided"
  | "s17_avoided"
  | "referrals_avoided"
  | "care_entries_avoided"
  | "days_in_care_avoided";

/** The counts every strategy reports (undiscounted totals over the horizon). */
const COUNT_OUTCOMES = [
  "referrals",
  "s17_assessments",
  "s47_enquiries",
  "icpcs",
  "cp_plan_years",
  "care_entries",
  "days_in_care",
] as const;
/** The costs every strategy reports besides the total (discounted). */
const COST_OUTCOMES = [
  "intervention_cost",
  "downstream_cost",
  "cashable_cost",
  "staff_time_cost",
] as const;

/**
 * Name of the undiscounted programme cost of year y (1-based).
 *
 * @example
 * ```ts
 * programmeYearOutcome(1); // "programme_cost_year_1"
 * ```
 */
export const programmeYearOutcome = (y: number) => `programme_cost_year_${y}`;
/**
 * Name of the undiscounted children's social care cost of year y (1-based).
 *
 * @example
 * ```ts
 * downstreamYearOutcome(2); // "downstream_cost_year_2"
 * ```
 */
export const downstreamYearOutcome = (y: number) => `downstream_cost_year_${y}`;
/**
 * Name of the undiscounted cashable cost (placement spend in care) of year y (1-based); the rest
 * of the year's children's social care cost is staff time.
 *
 * @example
 * ```ts
 * cashableYearOutcome(2); // "cashable_cost_year_2"
 * ```
 */
export const cashableYearOutcome = (y: number) => `cashable_cost_year_${y}`;

/**
 * Column name of input `name` in strategy `s`: its own draw when the strategy overrides it.
 *
 * @example
 * ```ts
 * columnOf("irr_s47", { name: "swis", label: "SWIS", intervention: true, inputs: { irr_s47: spec } }); // "irr_s47__swis"
 * ```
 */
export function columnOf(name: string, s: StrategyConfig): string {
  return name in s.inputs ? `${name}__${s.name}` : name;
}

/** What is valued per referral (none → referral). */
type ReferralQuantity = "cost" | "referrals" | "s17" | "s47" | "icpc";
/** What is valued per cycle of occupancy (half on m_t, half on the flows out of the state). */
type OccupancyQuantity = "cin_cost" | "cpp_cost" | "care_cost" | "plan_years" | "care_days";

/** A cycle-dependent multiplier of a reward (discount of the effect, a year's indicator). */
type Scale = (t: number) => number;

/**
 * The default correlation of the rate ratios: an equicorrelation ρ (Spearman) among those of
 * them the configuration samples (not fixed, not in a correlation the scenario states).
 *
 * @example
 * ```ts
 * rateRatioCorrelation(config, 0.5); // [{ name: "rate_ratios", parameters: [...], matrix: [[1, 0.5, …], …] }]
 * ```
 */
export function rateRatioCorrelation(config: ModelConfig, rho: number): CorrelationSpec[] {
  if (rho === 0) return [];
  const taken = new Set(config.correlations.flatMap((c) => c.parameters));
  const names = RATE_RATIOS.filter((n) => {
    const spec = config.inputs[n];
    return spec !== undefined && spec.type !== "fixed" && !taken.has(n);
  });
  if (names.length < 2) return [];
  const matrix = names.map((_, a) => names.map((__, b) => (a === b ? 1 : rho)));
  return [{ name: "rate_ratios", parameters: names, matrix, scale: "spearman" }];
}

/** The model's settings, checked. */
function settingsOf(config: ModelConfig) {
  const years = config.horizonYears;
  const age = config.settings.age_at_start as number;
  const programmeYears = config.settings.programme_years as number;
  if (!(Number.isInteger(years) && years >= 1 && years <= ADULT_AGE - age)) {
    throw new InputError({
      field: "horizon_years",
      message: `the horizon must be a whole number of years up to the pupils' 18th birthday: at most ${ADULT_AGE - age} for a cohort aged ${age} at the start, got ${years}`,
    });
  }
  return {
    years,
    cycles: Math.round(years / CYCLE_YEARS),
    schools: config.settings.schools as number,
    programmeYears,
    costing: config.settings.costing as string,
    perspective: config.perspective,
    rho: config.settings.rate_ratio_correlation as number,
  };
}

type Settings = ReturnType<typeof settingsOf>;
type Columns = Readonly<Record<string, Float64Array>>;

/** The fills of one strategy: probabilities and rewards over a block of samples. */
function strategyFills(s: StrategyConfig, set: Settings) {
  const L = CYCLE_YEARS;
  const on = s.intervention;
  const col = (p: Columns, name: string) => p[columnOf(name, s)] as Float64Array;
  /** Strength of the effect in sample i, cycle t (1 under usual practice). */
  const strengthOf = (pers: Float64Array, dec: Float64Array, i: number, t: number) =>
    effectStrength(t, L, set.programmeYears, pers[i] as number, dec[i] as number);

  const pReferral: CohortFill = (out, { p, n, t }) => {
    const [rate, age, irr, pers, dec] = [
      col(p, "rate_referral"),
      col(p, "age_factor"),
      col(p, "irr_referral"),
      col(p, "persistence_years"),
      col(p, "effect_decay_rate"),
    ];
    for (let i = 0; i < n; i++) {
      const rho = on ? rateRatioAt(irr[i] as number, strengthOf(pers, dec, i, t)) : 1;
      out[i] = cycleProbability(((rate[i] as number) / 1000) * (age[i] as number) * rho, L);
    }
  };

  /**
   * Per referral made in cycle `t`: the ratio of flow k to the referral flow, ρ_k/ρ_ref
   * (1 under usual practice), times the baseline ratio `rate_k / rate_referral`.
   */
  const perReferral = (p: Columns, rateName: string, irrName: string) => {
    const rate = col(p, rateName);
    const ref = col(p, "rate_referral");
    const irr = col(p, irrName);
    const irrRef = col(p, "irr_referral");
    const pers = col(p, "persistence_years");
    const dec = col(p, "effect_decay_rate");
    return (i: number, t: number): number => {
      const base = (rate[i] as number) / (ref[i] as number);
      if (!on) return base;
      const st = strengthOf(pers, dec, i, t);
      return (base * rateRatioAt(irr[i] as number, st)) / rateRatioAt(irrRef[i] as number, st);
    };
  };

  /**
   * The outcome of a referral, one cycle after it was made (ratios of cycle t − 1): the share of
   * the referred children that moves on to `target`. Per referral, the baseline probabilities
   * are q_cin = (rate_s17 / rate_referral) · p_cin_given_s17, q_cpp = (rate_s47 / rate_referral)
   * · p_icpc_given_s47 · p_cpp_given_icpc and q_care = care_entry_per1000 / rate_referral; SWIS
   * multiplies each by ρ_k/ρ_ref, and {@link onwardShare} keeps the three a probability split.
   */
  const fromReferral =
    (target: "cin" | "cpp" | "care"): CohortFill =>
    (out, { p, n, t }) => {
      const e17 = perReferral(p, "rate_s17", "irr_s17");
      const e47 = perReferral(p, "rate_s47", "irr_s47");
      const eCare = perReferral(p, "care_entry_per1000", "irr_care_entry");
      const [pCin, pIcpc, pCpp] = [
        col(p, "p_cin_given_s17"),
        col(p, "p_icpc_given_s47"),
        col(p, "p_cpp_given_icpc"),
      ];
      const made = Math.max(t - 1, 1);
      for (let i = 0; i < n; i++) {
        const mCin = e17(i, made) * (pCin[i] as number);
        const mCpp = e47(i, made) * (pIcpc[i] as number) * (pCpp[i] as number);
        const mCare = eCare(i, made);
        const m = target === "cin" ? mCin : target === "cpp" ? mCpp : mCare;
        out[i] = onwardShare(m, mCin + mCpp + mCare);
      }
    };

  const exit =
    (duration: string): CohortFill =>
    (out, { p, n }) => {
      const mean = col(p, duration);
      for (let i = 0; i < n; i++) out[i] = cycleProbability(1 / (mean[i] as number), L);
    };

  const cohortSize = (p: Columns) => col(p, "pupils_per_school");

  /** A reward per referral of quantity `what`, for the whole cohort, × scale(t). */
  const referralReward =
    (what: ReferralQuantity, scale: Scale): CohortFill =>
    (out, { p, n, t }) => {
      const k = scale(t);
      if (k === 0) {
        out.fill(0, 0, n);
        return;
      }
      const pupils = cohortSize(p);
      const e17 = perReferral(p, "rate_s17", "irr_s17");
      const e47 = perReferral(p, "rate_s47", "irr_s47");
      const pIcpc = col(p, "p_icpc_given_s47");
      const [cRef, c17, c47, cIcpc] = [
        col(p, "c_referral"),
        col(p, "c_s17_assessment"),
        col(p, "c_s47"),
        col(p, "c_icpc"),
      ];
      for (let i = 0; i < n; i++) {
        let v: number;
        if (what === "referrals") v = 1;
        else if (what === "s17") v = e17(i, t);
        else if (what === "s47") v = e47(i, t);
        else if (what === "icpc") v = (pIcpc[i] as number) * e47(i, t);
        else {
          v =
            (cRef[i] as number) +
            e17(i, t) * (c17[i] as number) +
            e47(i, t) * ((c47[i] as number) + (pIcpc[i] as number) * (cIcpc[i] as number));
        }
        out[i] = v * set.schools * (pupils[i] as number) * k;
      }
    };

  /** Half a cycle of occupancy valued as `what`, for the whole cohort, × scale(t). */
  const occupancyReward =
    (what: OccupancyQuantity, scale: Scale): CohortFill =>
    (out, { p, n, t }) => {
      const k = scale(t);
      if (k === 0) {
        out.fill(0, 0, n);
        return;
      }
      const pupils = cohortSize(p);
      const half = 0.5 * L;
      if (what === "plan_years" || what === "care_days") {
        const unit = what === "plan_years" ? half : half * DAYS_PER_YEAR;
        for (let i = 0; i < n; i++) out[i] = unit * set.schools * (pupils[i] as number) * k;
        return;
      }
      if (what === "cin_cost" || what === "cpp_cost") {
        const c = col(p, what === "cin_cost" ? "c_cin_year" : "c_cp_plan_year");
        for (let i = 0; i < n; i++) {
          out[i] = half * (c[i] as number) * set.schools * (pupils[i] as number) * k;
        }
        return;
      }
      const foster = col(p, "mix_foster");
      const residential = col(p, "mix_residential");
      const other = col(p, "mix_other");
      const cFoster = col(p, "c_day_foster");
      const cResidential = col(p, "c_day_residential");
      const semiShare = col(p, "semi_independent_share");
      const cSemi = col(p, "c_day_semi_independent");
      for (let i = 0; i < n; i++) {
        // The residential group's semi-independent placements at their own (lower) day cost.
        const semi = semiShare[i] as number;
        const day =
          ((foster[i] as number) + (other[i] as number)) * (cFoster[i] as number) +
          (residential[i] as number) *
            ((1 - semi) * (cResidential[i] as number) + semi * (cSemi[i] as number));
        out[i] = half * DAYS_PER_YEAR * day * set.schools * (pupils[i] as number) * k;
      }
    };

  /** A care entry (referral → looked_after), for the whole cohort, × scale(t). */
  const careEntryReward =
    (scale: Scale): CohortFill =>
    (out, { p, n, t }) => {
      const k = scale(t);
      const pupils = cohortSize(p);
      for (let i = 0; i < n; i++) out[i] = set.schools * (pupils[i] as number) * k;
    };

  /** The programme's cost in cycle t (for all its schools), × scale(t); 0 for usual practice. */
  const programmeReward =
    (scale: Scale): CohortFill =>
    (out, { p, n, t }) => {
      const k = scale(t);
      if (!on || k === 0) {
        out.fill(0, 0, n);
        return;
      }
      const [fte, salary, oncost, overhead, travel, supervision, senior, mgmt, setup, grant] = [
        col(p, "sw_fte_per_school"),
        col(p, "sw_salary"),
        col(p, "oncost_rate"),
        col(p, "overhead_rate"),
        col(p, "travel_capital_per_fte"),
        col(p, "supervision_ratio"),
        col(p, "senior_cost_multiplier"),
        col(p, "mgmt_cost_per_school_year"),
        col(p, "setup_cost_per_school"),
        col(p, "grant_total"),
      ];
      // The cost of cycle t is linear in the yearly resource cost, the set-up and the grant.
      const weight = (resourcePerYear: number, setupCost: number, grantTotal: number) =>
        k *
        programmeCostInCycle(
          {
            resourcePerYear,
            setup: setupCost,
            grantTotal,
            programmeYears: set.programmeYears,
            costing: set.costing,
            perspective: set.perspective,
          },
          t,
          L,
        );
      const [wResource, wSetup, wGrant] = [weight(1, 0, 0), weight(0, 1, 0), weight(0, 0, 1)];
      for (let i = 0; i < n; i++) {
        const staff = staffCostPerSchoolYear(
          fte[i] as number,
          salary[i] as number,
          oncost[i] as number,
          overhead[i] as number,
          travel[i] as number,
          supervision[i] as number,
          senior[i] as number,
        );
        out[i] =
          wResource * set.schools * (staff + (mgmt[i] as number)) +
          wSetup * set.schools * (setup[i] as number) +
          wGrant * (grant[i] as number);
      }
    };

  return {
    pReferral,
    toChildInNeed: fromReferral("cin"),
    toProtectionPlan: fromReferral("cpp"),
    toCare: fromReferral("care"),
    exit,
    referralReward,
    occupancyReward,
    careEntryReward,
    programmeReward,
  };
}

/**
 * The sum of two rewards as one fill: `a` into `out`, `b` into a scratch buffer kept by the
 * fill (grown, never shrunk, when a larger block comes), then added.
 */
function sumOf(a: CohortFill, b: CohortFill): CohortFill {
  let scratch = new Float64Array(0);
  return (out, ctx) => {
    if (scratch.length < ctx.n) scratch = new Float64Array(ctx.n);
    a(out, ctx);
    b(scratch, ctx);
    for (let i = 0; i < ctx.n; i++) out[i] = (out[i] as number) + (scratch[i] as number);
  };
}

type Rewards = Record<string, Partial<Record<State, CohortFill>>>;
type TransitionRewards = Record<string, Partial<Record<State, Partial<Record<State, CohortFill>>>>>;

/** Builds one strategy's transitions and rewards. */
function strategyDefinition(
  s: StrategyConfig,
  set: Settings,
  effect: EffectMeasure,
  dEffect: Float64Array,
) {
  const f = strategyFills(s, set);
  const rewards: Rewards = {};
  const transitionRewards: TransitionRewards = {};
  // A state or flow has one reward per outcome: a second one is added to the first.
  const onState = (o: string, state: State, fill: CohortFill) => {
    const table = rewards[o] ?? {};
    rewards[o] = table;
    const before = table[state];
    table[state] = before === undefined ? fill : sumOf(before, fill);
  };
  const onFlow = (o: string, from: State, to: State, fill: CohortFill) => {
    const table = transitionRewards[o] ?? {};
    transitionRewards[o] = table;
    const row = table[from] ?? {};
    table[from] = row;
    const before = row[to];
    row[to] = before === undefined ? fill : sumOf(before, fill);
  };
  /** Occupancy of `state`: half on m_t, half on the flows out of it (to itself and to none). */
  const occupancy = (o: string, state: State, fill: CohortFill) => {
    onState(o, state, fill);
    onFlow(o, state, state, fill);
    onFlow(o, state, "none", fill);
  };
  const occupancyCost: Record<string, OccupancyQuantity> = {
    child_in_need: "cin_cost",
    protection_plan: "cpp_cost",
    looked_after: "care_cost",
  };
  const one: Scale = () => 1;
  /** Every cost reward of the model under `scale`, into outcome o (filtered by kind). */
  const costs = (
    o: string,
    scale: Scale,
    kinds: { programme: boolean; staff: boolean; cash: boolean },
  ) => {
    if (kinds.programme) {
      const fill = f.programmeReward(scale);
      for (const state of STATES) onState(o, state, fill);
    }
    if (kinds.staff) {
      onFlow(o, "none", "referral", f.referralReward("cost", scale));
      for (const state of ["child_in_need", "protection_plan"] as const) {
        occupancy(o, state, f.occupancyReward(occupancyCost[state] as OccupancyQuantity, scale));
      }
    }
    if (kinds.cash) occupancy(o, "looked_after", f.occupancyReward("care_cost", scale));
  };
  costs("cost", one, { programme: true, staff: true, cash: true });
  costs("intervention_cost", one, { programme: true, staff: false, cash: false });
  costs("downstream_cost", one, { programme: false, staff: true, cash: true });
  costs("cashable_cost", one, { programme: false, staff: false, cash: true });
  costs("staff_time_cost", one, { programme: false, staff: true, cash: false });
  for (let y = 1; y <= set.years; y++) {
    const inYear: Scale = (t) => (Math.ceil(t * CYCLE_YEARS) === y ? 1 : 0);
    costs(programmeYearOutcome(y), inYear, { programme: true, staff: false, cash: false });
    costs(downstreamYearOutcome(y), inYear, { programme: false, staff: true, cash: true });
    costs(cashableYearOutcome(y), inYear, { programme: false, staff: false, cash: true });
  }
  // Counts, undiscounted.
  onFlow("referrals", "none", "referral", f.referralReward("referrals", one));
  onFlow("s17_assessments", "none", "referral", f.referralReward("s17", one));
  onFlow("s47_enquiries", "none", "referral", f.referralReward("s47", one));
  onFlow("icpcs", "none", "referral", f.referralReward("icpc", one));
  occupancy("cp_plan_years", "protection_plan", f.occupancyReward("plan_years", one));
  onFlow("care_entries", "referral", "looked_after", f.careEntryReward(one));
  occupancy("days_in_care", "looked_after", f.occupancyReward("care_days", one));
  // The effect: minus the discounted count of the measure.
  const minusDiscounted: Scale = (t) => -(dEffect[t] as number);
  if (effect === "days_in_care_avoided") {
    occupancy("effect", "looked_after", f.occupancyReward("care_days", minusDiscounted));
  } else if (effect === "care_entries_avoided") {
    onFlow("effect", "referral", "looked_after", f.careEntryReward(minusDiscounted));
  } else {
    const what: ReferralQuantity =
      effect === "s47_avoided" ? "s47" : effect === "s17_avoided" ? "s17" : "referrals";
    onFlow("effect", "none", "referral", f.referralReward(what, minusDiscounted));
  }
  return {
    transitions: {
      none: { none: C, referral: f.pReferral },
      referral: {
        child_in_need: f.toChildInNeed,
        protection_plan: f.toProtectionPlan,
        looked_after: f.toCare,
        none: C,
      },
      child_in_need: { child_in_need: C, none: f.exit("cin_duration_yr") },
      protection_plan: { protection_plan: C, none: f.exit("cpp_duration_yr") },
      looked_after: { looked_after: C, none: f.exit("care_duration_yr") },
    },
    rewards,
    transitionRewards,
  };
}

/**
 * Builds the care-pathway model for one configuration: a cohort model (trace, per-cycle rewards)
 * whose totals are the ones the PSA, DSA, threshold and EVPPI runs use.
 *
 * @example
 * ```ts
 * const model = createPathwayModel(loaded.config);
 * const base = await runCohortBaseCase(model);
 * base.strategies[1].total.s47_enquiries;
 * ```
 */
export function createPathwayModel(config: ModelConfig) {
  const set = settingsOf(config);
  const parameters: Record<string, ParameterSpec> = { ...config.inputs };
  for (const s of config.strategies) {
    for (const [name, spec] of Object.entries(s.inputs)) parameters[`${name}__${s.name}`] = spec;
  }
  const rOut = config.discount.outcomes;
  const dEffect = new Float64Array(set.cycles + 1);
  for (let t = 0; t <= set.cycles; t++) dEffect[t] = power(1 + rOut, -(t * CYCLE_YEARS));
  const outcomes: Record<string, "costs" | "effects"> = { cost: "costs", effect: "effects" };
  for (const o of COST_OUTCOMES) outcomes[o] = "costs";
  for (const o of COUNT_OUTCOMES) outcomes[o] = "effects";
  for (let y = 1; y <= MAX_YEARS; y++) {
    outcomes[programmeYearOutcome(y)] = "effects";
    outcomes[downstreamYearOutcome(y)] = "effects";
    outcomes[cashableYearOutcome(y)] = "effects";
  }
  const effect = config.effect as EffectMeasure;
  const strategies = Object.fromEntries(
    config.strategies.map((s) => [s.name, strategyDefinition(s, set, effect, dEffect)]),
  );
  return defineCohortModel({
    name: "swis-pathway",
    description:
      "Social Workers in Schools vs usual practice on the children's social care pathway",
    parameters,
    ...(Object.keys(config.derived).length === 0 ? {} : { derived: config.derived as never }),
    correlations: [...rateRatioCorrelation(config, set.rho), ...config.correlations],
    states: STATES,
    initial: { none: 1 },
    cycles: set.cycles,
    cycleLength: CYCLE_YEARS,
    // Costs discounted at the scenario's rate from the end of each cycle; the effects' engine
    // rate is 0 because counts are undiscounted, and the effect carries its own discount.
    conventions: {
      counting: "end",
      correction: "none",
      discount: { costs: config.discount.costs, effects: 0 },
    },
    outcomes,
    cost: "cost",
    effect: "effect",
    strategies: strategies as never,
  });
}
