/**
 * SWIS trial replication (two-year horizon, stock of days in care): the cost-effectiveness model
 * of placing local-authority social workers in schools, against usual practice, as the published
 * trial evaluation measured it (days in care as a stock: the rate ratio applies to every child in
 * care, including those who entered before the programme). The care-pathway model (entries to
 * care × time in care) is a separate model.
 *
 * Per year, events of each kind k (referrals, S17 assessments, S47 enquiries) in the schools are
 * B_k = rate_k × age_factor × pupils / 1,000 under usual practice and B_k × irr_k with SWIS; days
 * in care are cla_per1000 × 365 × age_factor × pupils / 1,000 (× irr_days_care with SWIS). Each
 * event is valued with the unit-cost table (an S47 enquiry with its expected ICPC and child
 * protection plan, an S17 assessment with its expected child-in-need episode (whose starts take
 * irr_cin_starts), a day in care at the placement mix: foster care in-house or with an IFA,
 * children's homes and semi-independent living at their own rates, other placements at the
 * in-house foster rate). The programme costs the staffing (salary, on-costs, overheads, travel,
 * supervision) plus management and set-up, or the grant when costed by grant. Years t = 0 … H−1
 * are discounted by (1 + r)^−t. The model's equations and every default input are documented
 * in the README and in parameters.json / unit-costs.json beside this file.
 *
 * @module
 */

import {
  annuityFactor,
  type BudgetImpactRow,
  defineModel,
  defineModelFactory,
  discountFactor,
  type InputRow,
  type ModelConfig,
  type ParameterSpec,
  type StrategyConfig,
} from "ceakit";
import {
  inputRows,
  SCHOOLS_SETTING,
  SWIS_BREAK_EVEN,
  SWIS_CAVEATS,
  SWIS_SHARED,
} from "./input-rows.js";
import parameterTable from "./parameters.json" with { type: "json" };
import unitCostTable from "./unit-costs.json" with { type: "json" };

const INPUTS: Record<string, InputRow> = inputRows(parameterTable, unitCostTable);

/** Outcomes every strategy reports. Counts are totals over the horizon, undiscounted. */
const OUTCOMES = {
  intervention_cost: { label: "Programme cost (discounted)", unit: "£" },
  downstream_cost: { label: "Children's social care cost (discounted)", unit: "£" },
  referrals: { label: "Referrals over the horizon", unit: "referrals" },
  s17_assessments: { label: "Section 17 assessments over the horizon", unit: "assessments" },
  s47_enquiries: { label: "Section 47 enquiries over the horizon", unit: "enquiries" },
  days_in_care: { label: "Days in care over the horizon", unit: "days" },
  care_entries: {
    label: "Entries to care over the horizon",
    unit: "entries",
  },
  cin_starts: {
    label: "Child-in-need starts (assessments opening an episode) over the horizon",
    unit: "starts",
  },
  cashable_cost: { label: "Cashable: placement spend in care (discounted)", unit: "£" },
  staff_time_cost: {
    label:
      "Staff time: referrals, assessments, enquiries, conferences, child-in-need and protection-plan casework (discounted)",
    unit: "£",
  },
  // The undiscounted yearly resource cost behind the budget-impact table (set-up and the yearly
  // social-care cost follow from the set-up parameter and downstream_cost).
  programme_cost_year: {
    label: "Programme resource cost per year",
    unit: "£ per year",
    table: false,
  },
  // The commissioner answers' yearly amounts (undiscounted; the same every year). The programme's
  // cost in year y is the outcome programmeYearOutcome(y), one per year of the horizon.
  downstream_cost_per_year: {
    label: "Children's social care cost per year (undiscounted)",
    unit: "£ per year",
    table: false,
  },
  cashable_cost_per_year: {
    label: "Placement spend in care per year (undiscounted)",
    unit: "£ per year",
    table: false,
  },
} as const;

/**
 * Name of the undiscounted programme cost of year y (1-based), an outcome for every year of the
 * horizon (so not listed in the factory's outcomes, which do not depend on the horizon).
 *
 * @example
 * ```ts
 * programmeYearOutcome(2); // "programme_cost_year_2"
 * ```
 */
export const programmeYearOutcome = (y: number) => `programme_cost_year_${y}`;

const EFFECTS = {
  s47_avoided: {
    label: "Section 47 enquiries avoided",
    unit: "enquiries",
    per: "Section 47 enquiry avoided",
  },
  s17_avoided: {
    label: "Section 17 assessments avoided",
    unit: "assessments",
    per: "Section 17 assessment avoided",
  },
  cin_starts_avoided: {
    label: "Child-in-need starts avoided",
    unit: "starts",
    per: "child-in-need start avoided",
  },
  referrals_avoided: { label: "Referrals avoided", unit: "referrals", per: "referral avoided" },
  days_in_care_avoided: { label: "Days in care avoided", unit: "days", per: "day in care avoided" },
} as const;

/** A programme's intervention cost in year t, from its resource cost, set-up and grant. */
export interface YearCostInputs {
  readonly resourcePerYear: number;
  readonly setup: number;
  readonly grantTotal: number;
  readonly grantYears: number;
  readonly costing: string;
  readonly perspective: string;
}

/**
 * Programme cost borne in year t (0-based) from the chosen perspective. The grant covers
 * `grantYears` years from the start, which may be a fraction (1.25 = 15 months): year t is
 * covered for the fraction f_t = min(1, max(0, grantYears − t)) and carries f_t × grant /
 * grantYears. Public sector: the resource cost (staffing, management, set-up in year 0), or under
 * grant costing the grant's share for the covered part of the year and the resource cost for the
 * rest. Local authority: the public-sector cost net of the grant's share (negative if a grant
 * exceeds the cost).
 *
 * @example
 * ```ts
 * programmeCostInYear({ resourcePerYear: 69353, setup: 0, grantTotal: 0, grantYears: 2,
 *   costing: "resource", perspective: "public_sector" }, 0); // 69353
 * // A £374k grant over 15 months: year 2 has 3 months of grant and 9 months of resource cost.
 * programmeCostInYear({ resourcePerYear: 80000, setup: 0, grantTotal: 374000, grantYears: 1.25,
 *   costing: "grant", perspective: "public_sector" }, 1); // 74800 + 60000
 * ```
 */
export function programmeCostInYear(c: YearCostInputs, t: number): number {
  const covered = Math.min(1, Math.max(0, c.grantYears - t));
  const grantShare = (covered * c.grantTotal) / c.grantYears;
  const resource = c.resourcePerYear + (t === 0 ? c.setup : 0);
  const publicCost = c.costing === "grant" ? grantShare + (1 - covered) * resource : resource;
  return c.perspective === "local_authority" ? publicCost - grantShare : publicCost;
}

/**
 * Undiscounted programme cost of each year t = 0 … H − 1 per unit of yearly resource cost, of
 * set-up and of grant (the cost of a year is linear in the three).
 */
function yearWeights(config: ModelConfig) {
  const at = (t: number, resourcePerYear: number, setup: number, grantTotal: number) =>
    programmeCostInYear(
      {
        resourcePerYear,
        setup,
        grantTotal,
        grantYears: config.settings.grant_years as number,
        costing: config.settings.costing as string,
        perspective: config.perspective,
      },
      t,
    );
  return Array.from({ length: config.horizonYears }, (_, t) => ({
    resource: at(t, 1, 0, 0),
    setup: at(t, 0, 1, 0),
    grant: at(t, 0, 0, 1),
  }));
}

/**
 * Discounted programme cost over the horizon per unit of yearly resource cost, of set-up and of
 * grant: the discounted sum of the {@link yearWeights}.
 */
function programmeWeights(config: ModelConfig, perYear: ReturnType<typeof yearWeights>) {
  const discounted = (k: "resource" | "setup" | "grant") => {
    let total = 0;
    perYear.forEach((w, t) => {
      total += discountFactor(config.discount.costs, t) * w[k];
    });
    return total;
  };
  return {
    resource: discounted("resource"),
    setup: discounted("setup"),
    grant: discounted("grant"),
  };
}

/** A rate ratio applied to the share `reach` of the pupils (1, no effect, for the rest). */
function reached(irr: number | undefined, reach: number): number {
  return 1 - reach * (1 - (irr as number));
}

/** Column name of input `name` in strategy `s`: its own draw when the strategy overrides it. */
function columnOf(name: string, s: StrategyConfig): string {
  return name in s.inputs ? `${name}__${s.name}` : name;
}

/** Builds the SWIS model for one configuration. */
function create(config: ModelConfig) {
  const { strategies, horizonYears: years } = config;
  const schools = config.settings.schools as number;
  const costAnnuity = annuityFactor(config.discount.costs, years);
  const outcomeAnnuity = annuityFactor(config.discount.outcomes, years);
  const perYearWeights = yearWeights(config);
  const weights = programmeWeights(config, perYearWeights);
  const yearOutcomes = perYearWeights.map((_, t) => programmeYearOutcome(t + 1));
  const parameters: Record<string, ParameterSpec> = { ...config.inputs };
  for (const s of strategies) {
    for (const [name, spec] of Object.entries(s.inputs)) parameters[`${name}__${s.name}`] = spec;
  }
  const effectKey = config.effect;
  return defineModel({
    name: "swis",
    description:
      "SWIS trial replication (two-year horizon, stock of days in care) vs usual practice",
    parameters,
    derived: config.derived,
    correlations: config.correlations,
    strategies: strategies.map((s) => s.name),
    outcomes: [...(Object.keys(OUTCOMES) as (keyof typeof OUTCOMES)[]), ...yearOutcomes],
    evaluate(p, out, { n }) {
      const col = (name: string, s: StrategyConfig) => p[columnOf(name, s)] as Float64Array;
      for (const s of strategies) {
        const o = (k: string) =>
          (out.outcomes as Record<string, Record<string, Float64Array>>)[k]?.[
            s.name
          ] as Float64Array;
        evaluateStrategy(
          {
            cost: out.cost[s.name] as Float64Array,
            effect: out.effect[s.name] as Float64Array,
            outcome: o,
            programmeYears: yearOutcomes.map((name) => o(name)),
            column: (name: string) => col(name, s),
            on: s.intervention,
            schools,
            years,
            costAnnuity,
            outcomeAnnuity,
            weights,
            perYearWeights,
            effectKey,
          },
          n,
        );
      }
    },
  });
}

/** One strategy's outputs and columns over a chunk, and the constants of its evaluation. */
interface StrategyChunk {
  readonly cost: Float64Array;
  readonly effect: Float64Array;
  /** The strategy's array of an outcome. */
  readonly outcome: (name: string) => Float64Array;
  /** Undiscounted programme cost in each year of the horizon (outputs). */
  readonly programmeYears: readonly Float64Array[];
  /** The strategy's column of an input (its own draw when the strategy overrides it). */
  readonly column: (name: string) => Float64Array;
  /** Whether the strategy runs the programme. */
  readonly on: boolean;
  readonly schools: number;
  readonly years: number;
  readonly costAnnuity: number;
  readonly outcomeAnnuity: number;
  readonly weights: { readonly resource: number; readonly setup: number; readonly grant: number };
  /** Weights of yearly resource cost, set-up and grant in each year's programme cost. */
  readonly perYearWeights: readonly { resource: number; setup: number; grant: number }[];
  readonly effectKey: string;
}

/**
 * Evaluates one strategy over a chunk of n samples. A function of its own, small and with every
 * column a local, so that it is optimised after a few thousand samples and its compiled code
 * serves every strategy and chunk.
 */
function evaluateStrategy(k: StrategyChunk, n: number): void {
  const { cost, effect, outcome, programmeYears, column } = k;
  const { schools, years, costAnnuity, outcomeAnnuity, weights, perYearWeights, effectKey } = k;
  const cashable = outcome("cashable_cost");
  const staffTime = outcome("staff_time_cost");
  const downstreamYear = outcome("downstream_cost_per_year");
  const cashableYear = outcome("cashable_cost_per_year");
  const intervention = outcome("intervention_cost");
  const downstream = outcome("downstream_cost");
  const referrals = outcome("referrals");
  const s17 = outcome("s17_assessments");
  const s47 = outcome("s47_enquiries");
  const days = outcome("days_in_care");
  const entries = outcome("care_entries");
  const cinStarts = outcome("cin_starts");
  const yearly = outcome("programme_cost_year");
  const rateRef = column("rate_referral");
  const rateS17 = column("rate_s17");
  const rateS47 = column("rate_s47");
  const cla = column("cla_per1000");
  const entry = column("care_entry_per1000");
  const age = column("age_factor");
  const pupils = column("pupils_per_school");
  const irrRef = column("irr_referral");
  const irrS17 = column("irr_s17");
  const irrS47 = column("irr_s47");
  const irrDays = column("irr_days_care");
  const irrCin = column("irr_cin_starts");
  const reachOf = column("effect_reach");
  const cRef = column("c_referral");
  const cS17 = column("c_s17_assessment");
  const cCin = column("c_cin_year");
  const pCin = column("p_cin_given_s17");
  const cinYears = column("cin_duration_yr");
  const cS47 = column("c_s47");
  const cIcpc = column("c_icpc");
  const cPlan = column("c_cp_plan_year");
  const pIcpc = column("p_icpc_given_s47");
  const pPlan = column("p_cpp_given_icpc");
  const planYears = column("cpp_duration_yr");
  const foster = column("mix_foster");
  const residential = column("mix_residential");
  const other = column("mix_other");
  const ifa = column("ifa_share");
  const dayInhouse = column("c_day_inhouse_foster");
  const dayIfa = column("c_day_ifa");
  const dayRes = column("c_day_residential");
  const semiShare = column("semi_independent_share");
  const daySemi = column("c_day_semi_independent");
  const fte = column("sw_fte_per_school");
  const salary = column("sw_salary");
  const oncost = column("oncost_rate");
  const overhead = column("overhead_rate");
  const travel = column("travel_capital_per_fte");
  const supervision = column("supervision_ratio");
  const senior = column("senior_cost_multiplier");
  const setup = column("setup_cost_per_school");
  const mgmt = column("mgmt_cost_per_school_year");
  const grant = column("grant_total");
  for (let i = 0; i < n; i++) {
    const scale = ((schools * (pupils[i] as number)) / 1000) * (age[i] as number);
    const on = k.on;
    // With SWIS a rate ratio applies to the share `effect_reach` of the pupils, 1 elsewhere.
    const reach = reachOf[i] as number;
    const nRef = (rateRef[i] as number) * scale * (on ? reached(irrRef[i], reach) : 1);
    const nS17 = (rateS17[i] as number) * scale * (on ? reached(irrS17[i], reach) : 1);
    const nS47 = (rateS47[i] as number) * scale * (on ? reached(irrS47[i], reach) : 1);
    const dayRatio = on ? reached(irrDays[i], reach) : 1;
    const nDays = (cla[i] as number) * 365 * scale * dayRatio;
    // Child-in-need starts: assessments that open an episode (irr_cin_starts with SWIS).
    const nCin = nS17 * (pCin[i] as number) * (on ? reached(irrCin[i], reach) : 1);
    const episode = (cinYears[i] as number) * (cCin[i] as number);
    const uS47 =
      (cS47[i] as number) +
      (pIcpc[i] as number) *
        ((cIcpc[i] as number) +
          (pPlan[i] as number) * (planYears[i] as number) * (cPlan[i] as number));
    const inhouse = dayInhouse[i] as number;
    const ifaShare = ifa[i] as number;
    const semi = semiShare[i] as number;
    const cDay =
      (foster[i] as number) * ((1 - ifaShare) * inhouse + ifaShare * (dayIfa[i] as number)) +
      (residential[i] as number) *
        ((1 - semi) * (dayRes[i] as number) + semi * (daySemi[i] as number)) +
      (other[i] as number) * inhouse;
    const placements = nDays * cDay;
    const perYear =
      nRef * (cRef[i] as number) +
      nS17 * (cS17[i] as number) +
      nCin * episode +
      nS47 * uS47 +
      placements;
    let programme = 0;
    let resourcePerYear = 0;
    let setupTotal = 0;
    if (on) {
      const perFte =
        (salary[i] as number) * (1 + (oncost[i] as number)) * (1 + (overhead[i] as number)) +
        (travel[i] as number);
      const staff =
        (fte[i] as number) * perFte * (1 + (supervision[i] as number) * (senior[i] as number));
      resourcePerYear = schools * (staff + (mgmt[i] as number));
      setupTotal = schools * (setup[i] as number);
      programme =
        weights.resource * resourcePerYear +
        weights.setup * setupTotal +
        weights.grant * (grant[i] as number);
    }
    const ds = costAnnuity * perYear;
    intervention[i] = programme;
    downstream[i] = ds;
    cost[i] = programme + ds;
    referrals[i] = nRef * years;
    s17[i] = nS17 * years;
    s47[i] = nS47 * years;
    days[i] = nDays * years;
    // Entries are counted, not costed: their days in care are in the stock measure above.
    entries[i] = (entry[i] as number) * scale * dayRatio * years;
    cinStarts[i] = nCin * years;
    yearly[i] = resourcePerYear;
    cashable[i] = costAnnuity * placements;
    staffTime[i] = ds - costAnnuity * placements;
    downstreamYear[i] = perYear;
    cashableYear[i] = placements;
    for (let t = 0; t < programmeYears.length; t++) {
      const w = perYearWeights[t] as { resource: number; setup: number; grant: number };
      (programmeYears[t] as Float64Array)[i] = on
        ? w.resource * resourcePerYear + w.setup * setupTotal + w.grant * (grant[i] as number)
        : 0;
    }
    // Events avoided per year, relative to the same sample's usual practice.
    const avoided =
      effectKey === "s47_avoided"
        ? (rateS47[i] as number) * scale - nS47
        : effectKey === "s17_avoided"
          ? (rateS17[i] as number) * scale - nS17
          : effectKey === "referrals_avoided"
            ? (rateRef[i] as number) * scale - nRef
            : effectKey === "cin_starts_avoided"
              ? (rateS17[i] as number) * scale * (pCin[i] as number) - nCin
              : (cla[i] as number) * 365 * scale - nDays;
    effect[i] = outcomeAnnuity * avoided;
  }
}

/** Budget impact per year for each programme strategy against the first (usual) strategy. */
function budgetImpact(
  config: ModelConfig,
  means: Readonly<Record<string, Readonly<Record<string, number>>>>,
  parameterMean: (column: string) => number,
): BudgetImpactRow[] {
  const [usual, ...others] = config.strategies as [StrategyConfig, ...StrategyConfig[]];
  const m = (outcome: string, s: string) => (means[outcome] as Record<string, number>)[s] as number;
  const rowsOut: BudgetImpactRow[] = [];
  const costAnnuity = annuityFactor(config.discount.costs, config.horizonYears);
  for (const s of others) {
    const grantMean = parameterMean(columnOf("grant_total", s));
    for (let t = 0; t < config.horizonYears; t++) {
      const interventionCost = s.intervention
        ? programmeCostInYear(
            {
              resourcePerYear: m("programme_cost_year", s.name),
              setup:
                (config.settings.schools as number) *
                parameterMean(columnOf("setup_cost_per_school", s)),
              grantTotal: grantMean,
              grantYears: config.settings.grant_years as number,
              costing: config.settings.costing as string,
              perspective: config.perspective,
            },
            t,
          )
        : 0;
      // downstream_cost is the yearly cost times the annuity factor (the same every year).
      const downstreamChange =
        (m("downstream_cost", s.name) - m("downstream_cost", usual.name)) / costAnnuity;
      rowsOut.push({
        strategy: s.name,
        year: t + 1,
        interventionCost,
        downstreamChange,
        net: interventionCost + downstreamChange,
      });
    }
  }
  return rowsOut;
}

export default defineModelFactory({
  name: "swis",
  title: "SWIS trial replication (two-year horizon, stock of days in care)",
  description:
    "Social Workers in Schools as the trial evaluation measured it: local-authority social workers placed in schools, against usual practice, over the trial's two-year horizon; programme costs against avoided Section 47 enquiries, Section 17 assessments, child-in-need starts, referrals and days in care, with days in care counted as a stock (the rate ratio applies to every child in care).",
  inputs: INPUTS,
  ...SWIS_SHARED,
  effects: EFFECTS,
  settings: {
    schools: SCHOOLS_SETTING,
    costing: {
      kind: "choice",
      label:
        "Programme costing: 'resource' (staffing, management and set-up) or 'grant' (the grant's yearly share during the funded years)",
      default: "resource",
      choices: ["resource", "grant"],
    },
    grant_years: {
      kind: "number",
      label:
        "Years the grant covers from the start, fractions allowed (1.25 = 15 months); after it, the programme costs its resources",
      default: 2,
      min: 1 / 12,
    },
  },
  strategies: [
    { name: "usual", label: "Usual practice", intervention: false, inputs: {} },
    { name: "swis", label: "Social workers in schools", intervention: true, inputs: {} },
  ],
  outcomes: OUTCOMES,
  create,
  budgetImpact,
  commissioner: {
    yearly: (y) => ({
      programme: programmeYearOutcome(y),
      cashable: "cashable_cost_per_year",
      downstream: "downstream_cost_per_year",
    }),
    discounted: {
      programme: "intervention_cost",
      cashable: "cashable_cost",
      downstream: "downstream_cost",
    },
    cashable: "placement spend in care (days in care at the placement mix)",
    staffTime:
      "social-work time on referrals, S17 assessments, S47 enquiries with their conferences and plans, and child-in-need episodes (released, not cash)",
    caveats: SWIS_CAVEATS,
    breakEven: {
      ...SWIS_BREAK_EVEN,
      note: "Every other input at its point value (the other rate ratios, including days in care, at theirs).",
    },
  },
  keepParameters: (config) => [
    ...new Set(
      config.strategies.flatMap((s) => [
        columnOf("grant_total", s),
        columnOf("setup_cost_per_school", s),
      ]),
    ),
  ],
});
