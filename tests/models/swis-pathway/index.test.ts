/**
 * The SWIS care-pathway model factory through the scenario layer and the CLI: the shipped
 * scenarios run end to end in-process (`--format json`, a small `--samples`), the rate ratios
 * are correlated by default (a setting, an assumption) unless a scenario states its own, every
 * input carries a source and an evidence tag, and the horizon stops at the 18th birthday.
 */
import { describe, expect, it } from "vitest";
import pathway from "../../../models/swis-pathway/index.js";
import { runScenario } from "../../../src/scenario/run-scenario.js";
import { runInProcess } from "../../helpers/cli.js";
import { load } from "../../helpers/scenarios.js";

const SCENARIO = "scenarios/swis-pathway.yaml";

describe("swis-pathway factory", () => {
  it("every input has a label, unit, source and evidence tag; money has a price year", () => {
    for (const [name, row] of Object.entries(pathway.inputs)) {
      expect(row.label, name).toBeTruthy();
      expect(row.unit, name).toBeTruthy();
      expect(row.source, name).toBeTruthy();
      expect(["verified", "derived", "assumption", "not-found"], name).toContain(row.tag);
      if (String(row.unit).startsWith("£")) expect(row.priceYear, name).toBeTruthy();
    }
    // The assumptions of the pathway are labelled as such.
    for (const name of ["persistence_years", "effect_decay_rate", "irr_care_entry"]) {
      expect(pathway.inputs[name]?.tag).toBe("assumption");
    }
  });

  it("create correlates the four rate ratios at the rate_ratio_correlation setting", async () => {
    const loaded = await load(SCENARIO);
    const model = pathway.create(loaded.config);
    expect(model.correlations).toEqual([
      {
        name: "rate_ratios",
        parameters: ["irr_referral", "irr_s17", "irr_s47", "irr_care_entry"],
        matrix: [
          [1, 0.5, 0.5, 0.5],
          [0.5, 1, 0.5, 0.5],
          [0.5, 0.5, 1, 0.5],
          [0.5, 0.5, 0.5, 1],
        ],
        scale: "spearman",
      },
    ]);
    // 0 draws them independently; a fixed ratio or one the scenario correlates is left out.
    const none = pathway.create({
      ...loaded.config,
      settings: { ...loaded.config.settings, rate_ratio_correlation: 0 },
    });
    expect(none.correlations).toEqual([]);
    const own = {
      name: "mine",
      parameters: ["irr_s47", "age_factor"],
      matrix: [
        [1, 0.3],
        [0.3, 1],
      ],
    };
    const some = pathway.create({
      ...loaded.config,
      inputs: { ...loaded.config.inputs, irr_care_entry: { type: "fixed", value: 1 } },
      correlations: [own],
    });
    expect(some.correlations.map((c) => c.parameters)).toEqual([
      ["irr_referral", "irr_s17"],
      ["irr_s47", "age_factor"],
    ]);
  });

  it("loading refuses a horizon past the pupils' 18th birthday, at the horizon_years key", async () => {
    const text = `model: swis-pathway\ntitle: too long\nhorizon_years: 8\n`;
    const host = {
      readFile: async () => text,
      loadModel: async () => pathway,
      models: ["swis-pathway"],
    };
    const { loadScenario } = await import("../../../src/scenario/load-scenario.js");
    await expect(loadScenario("long.yaml", host)).rejects.toThrow(
      /^long\.yaml:3:\d+ horizon_years: .*at most 7 for a cohort aged 11 at the start, got 8$/,
    );
  });

  it("runScenario: the PSA's rate ratios are rank-correlated as declared", async () => {
    const result = await runScenario(await load(SCENARIO), {
      samples: 2000,
      keepAllParameters: true,
    });
    const x = result.draws.parameters.irr_s47 as Float64Array;
    const y = result.draws.parameters.irr_care_entry as Float64Array;
    const rank = (v: Float64Array) => {
      const order = Array.from(v.keys()).sort((a, b) => (v[a] as number) - (v[b] as number));
      const r = new Float64Array(v.length);
      order.forEach((i, k) => {
        r[i] = k;
      });
      return r;
    };
    const [rx, ry] = [rank(x), rank(y)];
    const n = rx.length;
    const mean = (n - 1) / 2;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      sxy += ((rx[i] as number) - mean) * ((ry[i] as number) - mean);
      sxx += ((rx[i] as number) - mean) ** 2;
    }
    expect(sxy / sxx).toBeGreaterThan(0.4);
    expect(sxy / sxx).toBeLessThan(0.6);
  });
});

describe("ceakit run on the swis-pathway scenarios", () => {
  it("run --format json: base case, cost-consequence (cashable, staff time), budget impact per year, trace", async () => {
    const r = await runInProcess(["run", SCENARIO, "--format", "json", "--samples", "50"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.model).toBe("swis-pathway");
    // The library gives the same base case.
    const lib = await runScenario(await load(SCENARIO), { samples: 50 });
    expect(doc.baseCase.cost).toEqual(lib.baseCase.cost);
    expect(doc.baseCase.effect).toEqual(lib.baseCase.effect);
    // SWIS at IRR 1.055 adds enquiries at a cost: dominated, as in the SWIS model.
    expect(doc.baseCase.icers[1].status).toBe("D");
    const outcomes = new Set(
      (doc.costConsequence as { outcome: string }[]).map((row) => row.outcome),
    );
    for (const o of [
      "cashable_cost",
      "staff_time_cost",
      "intervention_cost",
      "s47_enquiries",
      "icpcs",
      "cp_plan_years",
      "care_entries",
      "days_in_care",
    ]) {
      expect(outcomes, o).toContain(o);
    }
    expect(outcomes).not.toContain("programme_cost_year_1");
    expect(doc.budgetImpact.map((row: { year: number }) => row.year)).toEqual([1, 2]);
    expect(doc.baseCase.trace.states).toEqual([
      "none",
      "referral",
      "child_in_need",
      "protection_plan",
      "looked_after",
    ]);
    expect(doc.baseCase.trace.strategies.usual).toHaveLength(9);
  });

  it("runScenario: with the rate ratios drawn independently every sample gives a valid pathway", async () => {
    // Independent ratios can ask for more onward moves than there are referrals (ρ_s17/ρ_ref
    // of 1.66 with p_cin 0.5 in one sample of 10,000): the split saturates instead of failing.
    const result = await runScenario(await load("scenarios/swis-pathway-uncorrelated.yaml"));
    expect(result.draws.samples.nSamples).toBe(10_000);
    expect(result.acceptability.map((a) => a.wtp)).toEqual([1000, 10_000, 20_000]);
    expect(Number.isFinite(result.baseCase.cost[1] as number)).toBe(true);
  });

  it("run the 5- and 7-year scenarios: a budget-impact row per year, no programme cost after year 2", async () => {
    for (const [file, years] of [
      ["scenarios/swis-pathway-5-year.yaml", 5],
      ["scenarios/swis-pathway-7-year.yaml", 7],
    ] as const) {
      const r = await runInProcess(["run", file, "--format", "json", "--samples", "20"]);
      expect(r.code, r.stderr).toBe(0);
      const rows = JSON.parse(r.stdout).budgetImpact as {
        year: number;
        interventionCost: number;
      }[];
      expect(rows.map((x) => x.year)).toEqual(Array.from({ length: years }, (_, k) => k + 1));
      for (const row of rows) {
        if (row.year <= 2) expect(row.interventionCost).toBeGreaterThan(0);
        else expect(row.interventionCost).toBe(0);
      }
    }
  });

  it("validate, dsa, threshold and the other formats accept the model", async () => {
    const v = await runInProcess(["validate", SCENARIO]);
    expect(v.code, v.stderr).toBe(0);
    const dsa = await runInProcess(["dsa", SCENARIO, "--format", "json"]);
    expect(dsa.code, dsa.stderr).toBe(0);
    const t = await runInProcess([
      "threshold",
      SCENARIO,
      "--parameter",
      "irr_s47",
      "--range",
      "0.5:1.2",
      "--format",
      "json",
    ]);
    expect(t.code, t.stderr).toBe(0);
    for (const format of ["md", "html", "csv"]) {
      const r = await runInProcess(["run", SCENARIO, "--format", format, "--samples", "20"]);
      expect(r.code, `${format}: ${r.stderr}`).toBe(0);
    }
  });
});
