import { describe, expect, it } from "vitest";
import { runBaseCase } from "../../src/psa/base-case.js";
import { evaluatePoints } from "../../src/psa/deterministic.js";
import { prepareModel } from "../../src/psa/run-psa.js";
import type { CommissionerAnswers } from "../../src/scenario/commissioner.js";
import { AnswerWorkspace, strategyAnswers } from "../../src/scenario/commissioner-strategy.js";
import type { ScenarioResult } from "../../src/scenario/run-scenario.js";
import { run } from "../helpers/scenarios.js";

const answers = (r: ScenarioResult): CommissionerAnswers => {
  if (r.commissioner === undefined) throw new Error("no commissioner answers");
  return r.commissioner;
};

/** Incremental cost and NMB (second strategy vs first) at irr_s47 = value, rest at point values. */
async function incrementAt(r: ScenarioResult, value: number, wtp: number, linked: string[] = []) {
  const prepared = await prepareModel(r.loaded.model);
  const point = Object.fromEntries(["irr_s47", ...linked].map((k) => [k, value]));
  const p = evaluatePoints(prepared, [point]);
  const S = p.strategies.length;
  const dC = (p.cost[1] as number) - (p.cost[0] as number);
  const dE = (p.effect[1] as number) - (p.effect[0] as number);
  expect(S).toBeGreaterThanOrEqual(2);
  return { dC, inmb: wtp * dE - dC };
}

describe("commissionerAnswers", () => {
  it("strategyAnswers: a workspace reused from an earlier strategy gives the answers a new one gives", async () => {
    const r = await run("scenarios/swis-pathway-5-year.yaml", { samples: 300 });
    const spec = r.loaded.factory.commissioner;
    if (spec === undefined) throw new Error("no commissioner spec");
    const years = r.loaded.config.horizonYears;
    const [usual, swis] = r.loaded.config.strategies.map((s) => s.name) as [string, string];
    const base = await runBaseCase(r.loaded.model);
    const fresh = (w: AnswerWorkspace) =>
      strategyAnswers(spec, years, base, r.draws, swis, usual, w);
    const workspace = new AnswerWorkspace(300);
    // The other way round first, so that every array holds something else.
    strategyAnswers(spec, years, base, r.draws, usual, swis, workspace);
    expect(fresh(workspace)).toEqual(fresh(new AnswerWorkspace(300)));
    expect(fresh(workspace)).toEqual(answers(r).strategies[0]);
  });

  it("commissionerAnswers: the cost-neutral rate ratio makes ΔC 0 and the CE one makes INMB 0 (swis-pathway, 7 years)", async () => {
    const r = await run("scenarios/swis-pathway-7-year.yaml", { samples: 200 });
    const be = answers(r).breakEven;
    expect(be?.unavailable).toBeNull();
    const rows = be?.rows ?? [];
    expect(rows.map((row) => row.wtp)).toEqual([0, 1000, 10000, 20000]);
    const neutral = rows[0]?.values[0];
    expect(neutral?.from).toBe("swis");
    expect(neutral?.to).toBe("usual");
    const v0 = neutral?.value as number;
    expect(neutral?.reduction).toBeCloseTo(1 - v0, 15);
    // Re-evaluated at the value found, the programme is cost-neutral to well under a penny.
    expect(Math.abs((await incrementAt(r, v0, 0)).dC)).toBeLessThan(1e-3);
    // Just below it SWIS saves money, just above it costs more.
    expect((await incrementAt(r, v0 - 1e-3, 0)).dC).toBeLessThan(0);
    expect((await incrementAt(r, v0 + 1e-3, 0)).dC).toBeGreaterThan(0);
    // At each reporting WTP the value found makes the incremental net benefit 0.
    for (const row of rows.slice(1)) {
      const v = row.values[0]?.value as number;
      expect(v).toBeGreaterThan(v0);
      expect(Math.abs((await incrementAt(r, v, row.wtp)).inmb)).toBeLessThan(1e-3);
    }
  });

  it("commissionerAnswers: the trial replication is cost-neutral only near no S47 enquiries at all, and its CE ratios zero the INMB (swis-rct)", async () => {
    const r = await run("scenarios/swis-rct.yaml", { samples: 200 });
    const rows = answers(r).breakEven?.rows ?? [];
    const neutral = rows[0]?.values[0];
    expect(rows[0]?.values).toHaveLength(1);
    // Over two years only a reduction of more than 95% of S47 enquiries pays for the programme.
    expect(neutral?.reduction).toBeGreaterThan(0.95);
    expect(Math.abs((await incrementAt(r, neutral?.value as number, 0)).dC)).toBeLessThan(1e-3);
    for (const row of rows.slice(1)) {
      const v = row.values[0];
      expect(v?.from).toBe("swis");
      expect(Math.abs((await incrementAt(r, v?.value as number, row.wtp)).inmb)).toBeLessThan(1e-3);
    }
  });

  it("commissionerAnswers sets a strategy's own draw of the effect parameter with it (swis-rct-visiting)", async () => {
    const r = await run("scenarios/swis-rct-visiting.yaml", { samples: 100 });
    const a = answers(r);
    expect(a.breakEven?.linked).toEqual(["irr_s47__visiting"]);
    expect(a.strategies.map((s) => s.strategy)).toEqual(["swis", "visiting"]);
    expect(a.breakEven?.rows.length).toBe(4);
  });

  for (const file of ["scenarios/swis-rct.yaml", "scenarios/swis-pathway-5-year.yaml"]) {
    it(`commissionerAnswers agrees with the budget impact and cost-consequence tables (${file})`, async () => {
      const r = await run(file, { samples: 300 });
      const a = answers(r);
      const s = a.strategies[0];
      if (s === undefined) throw new Error("no strategy");
      expect(s.budgetImpact).toHaveLength(r.loaded.config.horizonYears);
      // Per year: the programme cost and all savings are the budget-impact table's, as PSA means.
      s.budgetImpact.forEach((y, k) => {
        const b = r.budgetImpact[k];
        expect(b?.year).toBe(y.year);
        expect(y.programmeCost).toBeCloseTo(b?.interventionCost as number, 4);
        expect(y.cashableSavings + y.staffTimeSavings).toBeCloseTo(
          -(b?.downstreamChange as number),
          4,
        );
        expect(y.netWithStaffTime).toBeCloseTo(b?.net as number, 4);
      });
      // Discounted: cashable savings and staff time are minus the changes in the CCA table.
      const change = (o: string) =>
        r.consequences.find((c) => c.outcome === o && c.strategy === "swis")?.increment
          ?.mean as number;
      expect(s.cashable.discounted?.mean).toBeCloseTo(-change("cashable_cost"), 4);
      expect(s.staffTime.discounted?.mean).toBeCloseTo(-change("staff_time_cost"), 4);
      expect(s.programmeCost.discounted?.mean).toBeCloseTo(change("intervention_cost"), 4);
      // ROI at the base case from the totals: (savings − cost) / cost.
      const u = (x: { undiscounted: { base: number } }) => x.undiscounted.base;
      expect(s.roi.withStaffTime.undiscounted.base).toBeCloseTo(
        (u(s.cashable) + u(s.staffTime) - u(s.programmeCost)) / u(s.programmeCost),
        12,
      );
      expect(s.roi.cashable.undiscounted.base).toBeCloseTo(
        (u(s.cashable) - u(s.programmeCost)) / u(s.programmeCost),
        12,
      );
      // P(payback within N) never falls as N grows, and the horizon's is in the ROI table.
      const p = s.payback.cashable.probability;
      expect(p).toHaveLength(r.loaded.config.horizonYears);
      for (let k = 1; k < p.length; k++) expect(p[k]).toBeGreaterThanOrEqual(p[k - 1] as number);
      expect(s.budgetImpact.at(-1)?.pPaybackCashable).toBe(p.at(-1));
    });
  }

  it("runScenario skips the commissioner answers when asked", async () => {
    const { runScenario } = await import("../../src/scenario/run-scenario.js");
    const { load } = await import("../helpers/scenarios.js");
    const r = await runScenario(await load("scenarios/swis-rct.yaml"), {
      samples: 50,
      commissioner: false,
    });
    expect(r.commissioner).toBeUndefined();
  });
});
