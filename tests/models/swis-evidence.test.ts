/**
 * Issue 15's evidence corrections to the SWIS trial replication (domain.md §8): the model's tags
 * and sources, the placement and management costing, and the pilot scenarios.
 */
import { describe, expect, it } from "vitest";
import swis, { programmeCostInYear } from "../../models/swis/index.js";
import { load, run } from "../helpers/scenarios.js";

const input = (name: string) => swis.inputs[name] as unknown as Record<string, unknown>;

describe("SWIS trial replication: tags and sources (domain.md §8)", () => {
  it("model: title says what the model is", () => {
    expect(swis.title).toBe("SWIS trial replication (two-year horizon, stock of days in care)");
  });

  it("irr_days_care: centred on 1, SD 0.10 justified in words, an assumption not fitted to results", () => {
    const r = input("irr_days_care");
    expect(r).toMatchObject({ type: "lognormal", meanlog: 0, sdlog: 0.1, tag: "assumption" });
    expect(String(r.source)).not.toMatch(/contradict/);
    expect(String(r.source)).toMatch(/no effect on entry to care or days in care/);
  });

  it("placement_mix: derived (only 68% and 17% are published; 15% is the remainder)", () => {
    expect(input("placement_mix").tag).toBe("derived");
    expect(String(input("placement_mix").source)).toMatch(/remainder/);
  });

  it("grant_total: 0 is not 'verified', and its source says the trial was DfE-funded", () => {
    expect(input("grant_total").tag).not.toBe("verified");
    expect(String(input("grant_total").source)).toMatch(/DfE/);
  });

  it("ifa_share: Ofsted Fostering in England 2023, derived, range 0.38-0.47", () => {
    const r = input("ifa_share");
    expect(r).toMatchObject({ type: "beta", mean: 0.425, tag: "derived" });
    expect(String(r.source)).toMatch(/Ofsted Fostering in England 2023/);
    expect(String(r.source)).toMatch(/0\.38-0\.47/);
  });

  it("cpp_duration_yr: DfE CIN table D7, mean 0.83 y, SD of the mean 0.075 (not the individual 0.30)", () => {
    // Midpoints 1.5, 4.5, 9, 18 and 30 months of the 2020 shares: 0.833 years.
    const mean2020 = 0.187 * 0.125 + 0.114 * 0.375 + 0.423 * 0.75 + 0.24 * 1.5 + 0.036 * 2.5;
    expect(mean2020).toBeCloseTo(0.83, 2);
    expect(input("cpp_duration_yr")).toMatchObject({ mean: 0.83, sd: 0.075, tag: "derived" });
    expect(String(input("cpp_duration_yr").source)).toMatch(/D7/);
  });

  it("p_cpp_given_icpc: derived from the CIN census (plan starts / ICPCs)", () => {
    expect(input("p_cpp_given_icpc")).toMatchObject({ tag: "derived", mean: 0.877 });
    expect(52_700 / 60_100).toBeCloseTo(0.877, 3);
  });

  it("c_day_inhouse_foster: the all-foster average with the IFA share netted out, so the blend is that average", () => {
    // £646 a week in 2016/17 / 7, uprated by NHSCII 124.50 / 102.50; IFA £820 a week in 2020/21
    // / 7, uprated by 124.50 / 110.37; IFA share 0.425.
    const average = (646 / 7) * (124.5 / 102.5);
    const ifa = (820 / 7) * (124.5 / 110.37);
    const inhouse = (average - 0.425 * ifa) / 0.575;
    expect(input("c_day_inhouse_foster")).toMatchObject({ mean: 97.28, tag: "derived" });
    expect(inhouse).toBeCloseTo(97.28, 2);
    expect(0.575 * 97.28 + 0.425 * ifa).toBeCloseTo(average, 1);
  });

  it("semi-independent living: its own share (derived) and cost (a labelled assumption)", () => {
    expect(input("semi_independent_share")).toMatchObject({ mean: 0.405, tag: "derived" });
    expect(input("c_day_semi_independent")).toMatchObject({ mean: 411, tag: "assumption" });
    expect(((2431 + 3324) / 2 / 7).toFixed(0)).toBe("411");
  });

  it("overhead_rate and supervision_ratio: exclusive (overheads exclude line management)", () => {
    expect(String(input("overhead_rate").label)).toMatch(/excludes line management/);
    expect(String(input("supervision_ratio").label)).toMatch(/overhead_rate excludes it/);
    expect(input("overhead_rate")).toMatchObject({ mean: 0.2, tag: "assumption" });
  });

  it("swis-rct: a day in care costs 0.68 × foster average + 0.17 × (homes and semi-independent) + 0.15 × in-house", async () => {
    const r = await run("scenarios/swis-rct.yaml", { samples: 100 });
    const base = (outcome: string, s: string) =>
      r.consequences.find((c) => c.outcome === outcome && c.strategy === s)?.base as number;
    const days = base("days_in_care", "usual") / 2;
    const dayCost =
      0.68 * (0.575 * 97.28 + 0.425 * 117.1429 * (124.5 / 110.37)) +
      0.17 * (0.595 * 872 + 0.405 * 411) +
      0.15 * 97.28;
    // Usual practice's yearly care cost is days × the blended day cost; the rest is processes.
    const s47 = base("s47_enquiries", "usual") / 2;
    const s17 = base("s17_assessments", "usual") / 2;
    const refs = base("referrals", "usual") / 2;
    const uS47 = 1050 + 0.33 * (1400 + 0.877 * 0.83 * 8000);
    const uS17 = 800 + 0.42 * 0.5 * 3250;
    const yearly = days * dayCost + s47 * uS47 + s17 * uS17 + refs * 350;
    expect(base("downstream_cost", "usual")).toBeCloseTo(yearly * (1 + 1 / 1.035), 4);
  });
});

describe("SWIS pilots (domain.md §8)", () => {
  it("programmeCostInYear: a grant over 15 months pays 12/15 in year 1 and 3/15 plus 9 months of resources in year 2", () => {
    const c = {
      resourcePerYear: 80_000,
      setup: 0,
      grantTotal: 374_000,
      grantYears: 1.25,
      costing: "grant",
      perspective: "public_sector",
    };
    expect(programmeCostInYear(c, 0)).toBeCloseTo(374_000 * 0.8, 9);
    expect(programmeCostInYear(c, 1)).toBeCloseTo(374_000 * 0.2 + 0.75 * 80_000, 9);
    expect(programmeCostInYear(c, 2)).toBe(80_000);
    // Whole years behave as before: the grant's share while it lasts.
    expect(programmeCostInYear({ ...c, grantYears: 2 }, 1)).toBe(187_000);
  });

  it.each(["pilot-lambeth", "pilot-lambeth-8-schools", "pilot-southampton", "pilot-stockport"])(
    "%s: the grant funds about 15 months (grant_years 1.25) at 2019/20 prices",
    async (name) => {
      const loaded = await load(`scenarios/${name}.yaml`);
      expect(loaded.config.settings.grant_years).toBe(1.25);
      expect(loaded.inputs.find((i) => i.name === "grant_total")?.priceYear).toBe("2019/20");
    },
  );

  it("pilot-lambeth: 13 settings (project pages); pilot-lambeth-8-schools: 8 (Table 1)", async () => {
    const [a, b] = await Promise.all([
      load("scenarios/pilot-lambeth.yaml"),
      load("scenarios/pilot-lambeth-8-schools.yaml"),
    ]);
    expect(a.config.settings.schools).toBe(13);
    expect(b.config.settings.schools).toBe(8);
    // Same 5 social workers either way.
    const fte = (l: typeof a) =>
      (l.config.inputs.sw_fte_per_school as { value: number }).value *
      (l.config.settings.schools as number);
    expect(fte(a)).toBeCloseTo(5, 3);
    expect(fte(b)).toBeCloseTo(5, 9);
  });

  it("pilot-southampton: the S47 rate ratio reaches only the two clusters' pupils (0.66)", async () => {
    const r = await run("scenarios/pilot-southampton.yaml", { samples: 100 });
    const base = (s: string) =>
      r.consequences.find((c) => c.outcome === "s47_enquiries" && c.strategy === s)?.base as number;
    // Base case: rate ratio exp(−0.2231) = 0.80 on 66% of the pupils, 1 on the rest.
    expect(base("swis") / base("usual")).toBeCloseTo(1 - 0.66 * (1 - Math.exp(-0.2231)), 12);
    expect((2 * 1040 + ((14 * 2) / 3) * 280) / (3 * 1040 + 14 * 280 + 50)).toBeCloseTo(0.66, 2);
  });

  it("pilot-stockport: the effect is child-in-need starts, not S17 assessments", async () => {
    const r = await run("scenarios/pilot-stockport.yaml", { samples: 100 });
    expect(r.effect.name).toBe("cin_starts_avoided");
    const base = (o: string, s: string) =>
      r.consequences.find((c) => c.outcome === o && c.strategy === s)?.base as number;
    // Assessments are unchanged at the base case; starts fall by the assumed 20%.
    expect(base("s17_assessments", "swis")).toBeCloseTo(base("s17_assessments", "usual"), 9);
    expect(base("cin_starts", "swis") / base("cin_starts", "usual")).toBeCloseTo(
      Math.exp(-0.2231),
      12,
    );
    const loaded = await load("scenarios/pilot-stockport.yaml");
    expect(loaded.inputs.find((i) => i.name === "irr_s17")?.setIn).toBeUndefined();
  });

  it("swis-rct-public-vs-la: the £6.5m DfE grant is one academic year (grant_years 1)", async () => {
    const r = await run("scenarios/swis-rct-public-vs-la.yaml", { samples: 100 });
    expect(r.loaded.config.settings.grant_years).toBe(1);
    const [y1, y2] = r.budgetImpact;
    // Year 2 carries the whole resource cost; year 1 the cost net of the year's grant.
    expect((y2?.interventionCost as number) - (y1?.interventionCost as number)).toBeGreaterThan(
      81_250,
    );
  });
});

describe("SWIS correlated rate ratios", () => {
  it("swis-rct: the four rate ratios are correlated 0.5 (an assumption), listed in the report", async () => {
    const loaded = await load("scenarios/swis-rct.yaml");
    const c = loaded.config.correlations?.[0];
    expect(c?.parameters).toEqual(["irr_s47", "irr_s17", "irr_referral", "irr_days_care"]);
    expect(c?.matrix[0]?.[1]).toBe(0.5);
    expect(loaded.scenario.correlations?.[0]?.tag).toBe("assumption");
  });

  it.each([
    ["swis-rct-correlation-0", 0],
    ["swis-rct-correlation-0.8", 0.8],
  ])("%s: the correlation is %s", async (name, rho) => {
    const loaded = await load(`scenarios/${name}.yaml`);
    expect(loaded.config.correlations?.[0]?.matrix[1]?.[2]).toBe(rho);
  });
});

describe("SWIS report: correlations are listed as assumptions", () => {
  it("scenarioText/JSON/CSV(swis-rct): the correlation, its ρ and tag", async () => {
    const { scenarioCsv, scenarioText, scenarioToJson } = await import(
      "../../src/report/scenario-report.js"
    );
    const r = await run("scenarios/swis-rct.yaml", { samples: 100 });
    const text = scenarioText(r);
    expect(text).toContain("Correlations between inputs (1): assumptions unless tagged otherwise");
    expect(text).toContain("ρ = 0.5 for every pair");
    const json = scenarioToJson(r) as { correlations: { name: string; tag: string }[] };
    expect(json.correlations).toMatchObject([{ name: "rate_ratios", tag: "assumption" }]);
    expect(scenarioCsv(r)).toContain("assumptions,correlation:rate_ratios,,,,tag,,assumption");
  });
});
