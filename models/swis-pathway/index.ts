/**
 * Social Workers in Schools (SWIS) on the children's social care pathway: a cohort
 * state-transition model of the pupils of the programme's schools (schools × pupils_per_school
 * pupils), in quarterly cycles, through no involvement → referral and assessment → child in need
 * → child protection plan → looked after, with exits back to no involvement. SWIS multiplies the
 * entry rates (referrals, S17 assessments, S47 enquiries, care entries) by the trial's rate ratios
 * while the programme runs and for `persistence_years` after, then the effect fades at
 * `effect_decay_rate` a year. Events are costed when they happen; time in care is a state, so care
 * is costed as entries × time in care (a flow), not as a share of the looked-after stock.
 *
 * The equations are in pathway-model.ts; every default input, with its source and evidence tag,
 * is in parameters.json and unit-costs.json beside this file.
 *
 * @module
 */

import {
  type BudgetImpactRow,
  defineModelFactory,
  type InputRow,
  type ModelConfig,
  type StrategyConfig,
} from "ceakit";
import {
  inputRows,
  SCHOOLS_SETTING,
  SWIS_BREAK_EVEN,
  SWIS_CAVEATS,
  SWIS_SHARED,
} from "../swis/input-rows.js";
import parameterTable from "./parameters.json" with { type: "json" };
import {
  ADULT_AGE,
  cashableYearOutcome,
  createPathwayModel,
  downstreamYearOutcome,
  MAX_YEARS,
  programmeYearOutcome,
} from "./pathway-model.js";
import unitCostTable from "./unit-costs.json" with { type: "json" };

const INPUTS: Record<string, InputRow> = inputRows(parameterTable, unitCostTable);

/** Undiscounted costs per year behind the budget-impact table (not shown in the tables). */
const YEARLY: Record<string, { label: string; unit: string; table: false }> = {};
for (let y = 1; y <= MAX_YEARS; y++) {
  YEARLY[programmeYearOutcome(y)] = {
    label: `Programme cost in year ${y} (undiscounted)`,
    unit: "£",
    table: false,
  };
  YEARLY[downstreamYearOutcome(y)] = {
    label: `Children's social care cost in year ${y} (undiscounted)`,
    unit: "£",
    table: false,
  };
  YEARLY[cashableYearOutcome(y)] = {
    label: `Placement spend in care in year ${y} (undiscounted)`,
    unit: "£",
    table: false,
  };
}

/** Outcomes every strategy reports: costs discounted, counts undiscounted totals. */
const OUTCOMES = {
  intervention_cost: { label: "Programme cost (discounted)", unit: "£" },
  downstream_cost: { label: "Children's social care cost (discounted)", unit: "£" },
  cashable_cost: { label: "Cashable: placement spend in care (discounted)", unit: "£" },
  staff_time_cost: {
    label:
      "Staff time: referrals, assessments, enquiries, conferences, child-in-need and protection-plan casework (discounted)",
    unit: "£",
  },
  referrals: { label: "Referrals over the horizon", unit: "referrals" },
  s17_assessments: { label: "Section 17 assessments over the horizon", unit: "assessments" },
  s47_enquiries: { label: "Section 47 enquiries over the horizon", unit: "enquiries" },
  icpcs: { label: "Initial child protection conferences over the horizon", unit: "conferences" },
  cp_plan_years: {
    label: "Child-years on a protection plan over the horizon",
    unit: "child-years",
  },
  care_entries: { label: "Entries to care over the horizon", unit: "entries" },
  days_in_care: { label: "Days in care over the horizon", unit: "days" },
  ...YEARLY,
};

const EFFECTS = {
  s47_avoided: {
    label:
      "Section 47 enquiries avoided (each strategy: minus its Section 47 enquiries, discounted)",
    unit: "enquiries",
    per: "Section 47 enquiry avoided",
  },
  s17_avoided: {
    label:
      "Section 17 assessments avoided (each strategy: minus its Section 17 assessments, discounted)",
    unit: "assessments",
    per: "Section 17 assessment avoided",
  },
  referrals_avoided: {
    label: "Referrals avoided (each strategy: minus its referrals, discounted)",
    unit: "referrals",
    per: "referral avoided",
  },
  care_entries_avoided: {
    label: "Entries to care avoided (each strategy: minus its entries to care, discounted)",
    unit: "entries",
    per: "entry to care avoided",
  },
  days_in_care_avoided: {
    label: "Days in care avoided (each strategy: minus its days in care, discounted)",
    unit: "days",
    per: "day in care avoided",
  },
} as const;

/**
 * Budget impact per year for each strategy against the first (usual practice): the mean
 * undiscounted programme cost of the year, and the change in children's social care cost.
 */
function budgetImpact(
  config: ModelConfig,
  means: Readonly<Record<string, Readonly<Record<string, number>>>>,
): BudgetImpactRow[] {
  const [usual, ...others] = config.strategies as [StrategyConfig, ...StrategyConfig[]];
  const m = (outcome: string, s: string) => (means[outcome] as Record<string, number>)[s] as number;
  const out: BudgetImpactRow[] = [];
  for (const s of others) {
    for (let y = 1; y <= config.horizonYears; y++) {
      const interventionCost = m(programmeYearOutcome(y), s.name);
      const downstreamChange =
        m(downstreamYearOutcome(y), s.name) - m(downstreamYearOutcome(y), usual.name);
      out.push({
        strategy: s.name,
        year: y,
        interventionCost,
        downstreamChange,
        net: interventionCost + downstreamChange,
      });
    }
  }
  return out;
}

/**
 * The SWIS care-pathway model factory: `model: swis-pathway` in a scenario.
 *
 * @example
 * ```ts
 * import pathway from "./models/swis-pathway/index.js";
 * const loaded = await loadScenario("scenarios/swis-pathway.yaml", fileScenarioHost());
 * const result = await runScenario(loaded); // loaded.factory === pathway
 * ```
 */
export default defineModelFactory({
  name: "swis-pathway",
  title: "Social Workers in Schools (SWIS) on the care pathway",
  description:
    "Local-authority social workers placed in schools, against usual practice, on a quarterly cohort model of the children's social care pathway (referral, child in need, protection plan, care): programme costs against the referrals, S17 assessments, S47 enquiries, conferences, plan-years, entries to care and days in care it changes, split into cashable placement spend and released staff time.",
  inputs: INPUTS,
  ...SWIS_SHARED,
  effects: EFFECTS,
  settings: {
    schools: SCHOOLS_SETTING,
    costing: {
      kind: "choice",
      label:
        "Programme costing: 'resource' (staffing, management and set-up) or 'grant' (the grant spread over the programme years)",
      default: "resource",
      choices: ["resource", "grant"],
    },
    programme_years: {
      kind: "integer",
      label:
        "Years the programme runs (the trial: two school years); its effect lasts while it runs",
      default: 2,
      min: 1,
      max: MAX_YEARS,
    },
    age_at_start: {
      kind: "integer",
      label:
        "Age of the cohort's youngest pupils at the start (11: a secondary school's Year 7); the horizon may not pass their 18th birthday",
      default: 11,
      min: ADULT_AGE - MAX_YEARS,
      max: ADULT_AGE - 1,
    },
    rate_ratio_correlation: {
      kind: "number",
      label:
        "Rank correlation between the rate ratios of referrals, S17 assessments, S47 enquiries and care entries (an assumption: one trial, one mechanism; 0 draws them independently)",
      default: 0.5,
      min: 0,
      max: 0.95,
    },
  },
  strategies: [
    { name: "usual", label: "Usual practice", intervention: false, inputs: {} },
    { name: "swis", label: "Social workers in schools", intervention: true, inputs: {} },
  ],
  outcomes: OUTCOMES,
  create: createPathwayModel,
  budgetImpact,
  commissioner: {
    yearly: (y) => ({
      programme: programmeYearOutcome(y),
      cashable: cashableYearOutcome(y),
      downstream: downstreamYearOutcome(y),
    }),
    discounted: {
      programme: "intervention_cost",
      cashable: "cashable_cost",
      downstream: "downstream_cost",
    },
    cashable: "placement spend in care (days in care at the placement mix)",
    staffTime:
      "social-work time on referrals, S17 assessments, S47 enquiries and conferences, child-in-need and protection-plan casework (released, not cash)",
    caveats: SWIS_CAVEATS,
    breakEven: {
      ...SWIS_BREAK_EVEN,
      note: "The rate ratios of referrals, S17 assessments and care entries act together with it (correlated in the PSA) but are held at their point values here: the break-even is on irr_s47 alone.",
    },
  },
  keepParameters: () => [],
});
