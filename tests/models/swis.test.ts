/**
 * The SWIS model's deterministic base case against arithmetic written out by hand, on
 * tests/fixtures/scenarios/small.yaml (every input fixed), and the structural checks of
 * domain.md §5 (no effect and no cost give no difference; 3-year vs 1-year horizon).
 */
import { describe, expect, it } from "vitest";
import swis, { programmeCostInYear } from "../../models/swis/index.js";
import { runBaseCase } from "../../src/psa/base-case.js";
import { load, run } from "../helpers/scenarios.js";

const SMALL = "tests/fixtures/scenarios/small.yaml";

describe("SWIS model, small scenario by hand", () => {
  it("swis base case: staffing, events avoided, downstream savings, uprating, discounting, ICER", async () => {
    const r = await run(SMALL);
    // Staffing per school-year: salary × (1 + on-costs) × (1 + overheads) + travel, then
    // supervision: 40,000 × 1.25 × 1.2 + 2,000 = 62,000; × (1 + 0.1 × 1.2) = 69,440.
    const perFte = 40_000 * 1.25 * 1.2 + 2000;
    expect(perFte).toBe(62_000);
    const staffPerSchool = 1 * perFte * (1 + 0.1 * 1.2);
    // Programme per year: 2 schools × (69,440 + 1,000 management) = 140,880; set-up 2 × 5,000.
    const programmeYear = 2 * (staffPerSchool + 1000);
    expect(programmeYear).toBeCloseTo(140_880, 9);
    const setup = 2 * 5000;
    // Pupils: 2 schools × 500 = 1,000, so rates per 1,000 apply directly (age factor 1).
    // S47: 20 per year, 10% fewer with SWIS → 2 avoided per year.
    const s47Avoided = 20 * (1 - 0.9);
    // Unit cost of an S47 enquiry with its ICPC and plan: 1,000 + 0.5 × (2,000 + 0.5 × 1 × 4,000).
    const uS47 = 1000 + 0.5 * (2000 + 0.5 * 1 * 4000);
    expect(uS47).toBe(3000);
    // Days in care: 5 per 1,000 × 365 = 1,825 per year; 2% fewer → 36.5 avoided.
    const daysAvoided = 5 * 365 * (1 - 0.98);
    // In-house foster care: £100 a day in 2016/17 prices, uprated with NHSCII 124.50 / 102.50.
    const inhouse = (100 * 124.5) / 102.5;
    // Day in care: foster 0.5 × (0.5 in-house + 0.5 IFA £200) + residential 0.25 × £800
    // + other 0.25 × in-house rate.
    const cDay = 0.5 * (0.5 * inhouse + 0.5 * 200) + 0.25 * 800 + 0.25 * inhouse;
    expect(cDay).toBeCloseTo(310.7317073, 6);
    const savingsYear = s47Avoided * uS47 + daysAvoided * cDay; // S17 and referrals unchanged
    // Two years discounted at 3.5%: year weights 1 and 1/1.035.
    const annuity = 1 + 1 / 1.035;
    const dCost = programmeYear * annuity + setup - savingsYear * annuity;
    const dEffect = s47Avoided * annuity;
    const [usual, swisIndex] = [0, 1];
    const cost = r.baseCase.cost;
    const effect = r.baseCase.effect;
    expect((cost[swisIndex] as number) - (cost[usual] as number)).toBeCloseTo(dCost, 6);
    expect((effect[swisIndex] as number) - (effect[usual] as number)).toBeCloseTo(dEffect, 12);
    expect(r.baseCase.icers[1]?.icer).toBeCloseTo(dCost / dEffect, 6);
    expect(dCost / dEffect).toBeCloseTo(64_312.14, 1);
    // Usual practice: every event valued, nothing avoided. Per year: referrals 40 × 300,
    // S17 50 × (500 + 0.4 × 0.5 × 2,000), S47 20 × 3,000, days 1,825 × c_day.
    const usualYear = 40 * 300 + 50 * (500 + 0.4 * 0.5 * 2000) + 20 * uS47 + 1825 * cDay;
    expect(cost[usual]).toBeCloseTo(usualYear * annuity, 6);
    // The cost-consequence table's base-case column carries the same numbers.
    const base = (outcome: string, strategy: string) =>
      r.consequences.find((c) => c.outcome === outcome && c.strategy === strategy)?.base;
    expect(base("intervention_cost", "swis")).toBeCloseTo(programmeYear * annuity + setup, 6);
    expect(base("s47_enquiries", "usual")).toBeCloseTo(20 * 2, 12);
    expect(base("s47_enquiries", "swis")).toBeCloseTo(18 * 2, 12);
    expect(base("days_in_care", "swis")).toBeCloseTo(1825 * 0.98 * 2, 9);
    // Entries to care (the default 2.2 per 1,000), counted with the days-in-care rate ratio.
    expect(base("care_entries", "usual")).toBeCloseTo(2.2 * 2, 12);
    expect(base("care_entries", "swis")).toBeCloseTo(2.2 * 0.98 * 2, 12);
    // Budget impact, undiscounted, year 1 carries set-up.
    expect(r.budgetImpact[0]?.interventionCost).toBeCloseTo(programmeYear + setup, 6);
    expect(r.budgetImpact[1]?.interventionCost).toBeCloseTo(programmeYear, 6);
  });

  it("swis inputs given in another price year are uprated and the report says by how much", async () => {
    const loaded = await load(SMALL);
    const row = loaded.inputs.find((i) => i.name === "c_day_inhouse_foster");
    expect(row?.priceYear).toBe("2016/17");
    expect(row?.factor).toBeCloseTo(124.5 / 102.5, 14);
    const spec = row?.spec as { type: string; value: number };
    expect(spec.type).toBe("fixed");
    expect(spec.value).toBeCloseTo((100 * 124.5) / 102.5, 11);
    // A value set in the scenario without a tag is reported as an assumption.
    expect(loaded.inputs.find((i) => i.name === "c_s47")?.tag).toBe("assumption");
  });

  it("swis with every rate ratio 1 and no programme cost gives ΔC = ΔE = 0", async () => {
    const loaded = await load(SMALL);
    const zero = { type: "fixed" as const, value: 0 };
    const one = { type: "fixed" as const, value: 1 };
    const model = swis.create({
      ...loaded.config,
      inputs: {
        ...loaded.config.inputs,
        irr_s47: one,
        irr_days_care: one,
        sw_salary: zero,
        travel_capital_per_fte: zero,
        setup_cost_per_school: zero,
        mgmt_cost_per_school_year: zero,
      },
    });
    const base = await runBaseCase(model);
    expect(base.cost.swis).toBe(base.cost.usual);
    expect(base.effect.swis).toBe(0);
  });

  it("swis: ΔC over 3 years is 2.8997 × ΔC over 1 year at 3.5%, and exactly 3× undiscounted", async () => {
    const loaded = await load(SMALL);
    const dCost = async (years: number, rate: number) => {
      const model = swis.create({
        ...loaded.config,
        horizonYears: years,
        discount: { costs: rate, outcomes: rate },
        inputs: { ...loaded.config.inputs, setup_cost_per_school: { type: "fixed", value: 0 } },
      });
      const b = await runBaseCase(model);
      return (b.cost.swis as number) - (b.cost.usual as number);
    };
    const one = await dCost(1, 0.035);
    // 1 + 1/1.035 + 1/1.035² = 2.899694…
    expect((await dCost(3, 0.035)) / one).toBeCloseTo(1 + 1 / 1.035 + 1 / 1.035 ** 2, 12);
    expect((await dCost(3, 0)) / (await dCost(1, 0))).toBeCloseTo(3, 12);
  });

  it("programmeCostInYear: public sector counts the grant once; the local authority nets it off", () => {
    const c = { resourcePerYear: 70_000, setup: 10_000, grantTotal: 100_000, grantYears: 2 };
    const publicResource = { ...c, costing: "resource", perspective: "public_sector" };
    expect(programmeCostInYear(publicResource, 0)).toBe(80_000);
    expect(programmeCostInYear(publicResource, 2)).toBe(70_000);
    const publicGrant = { ...c, costing: "grant", perspective: "public_sector" };
    expect(programmeCostInYear(publicGrant, 0)).toBe(50_000); // the grant's yearly share
    expect(programmeCostInYear(publicGrant, 2)).toBe(70_000); // after the grant: resource cost
    const la = { ...c, costing: "resource", perspective: "local_authority" };
    expect(programmeCostInYear(la, 0)).toBe(30_000); // 80,000 − 50,000 of grant
    expect(programmeCostInYear(la, 2)).toBe(70_000);
  });
});
