/**
 * Cohort reports: the trace chart and the per-cycle cost/effect table in Markdown and HTML,
 * built from the HIV model's recorded base case and a small PSA. (traceChart is tested here
 * with the report that uses it.)
 */
import { describe, expect, test } from "vitest";
import hiv from "../../models/markov/hiv-chancellor.js";
import {
  cohortCharts,
  cohortHtml,
  cohortMarkdown,
  cohortSections,
  runCohortBaseCase,
  runPsa,
  traceChart,
} from "../../src/index.js";
import { formatMoney } from "../../src/report/format.js";

describe("cohort reports", () => {
  test("traceChart plots one line per state, one panel per strategy", () => {
    const chart = traceChart([
      { strategy: "a", cycle: 0, state: "H", share: 1 },
      { strategy: "a", cycle: 1, state: "H", share: 0.9 },
      { strategy: "a", cycle: 1, state: "D", share: 0.1 },
    ]);
    expect(chart.name).toBe("trace");
    expect(chart.values).toHaveLength(3);
    expect(JSON.stringify(chart.spec)).toContain('"facet"');
  });

  test("cohortSections gives conventions, base case, incremental table, per-cycle rewards and trace", async () => {
    const base = await runCohortBaseCase(hiv);
    const sections = cohortSections({ base });
    expect(sections.map((s) => s.heading)).toEqual([
      "Cohort model hiv-chancellor",
      "Base case",
      "Incremental table (base case)",
      "Per-cycle discounted rewards (base case)",
      "Cohort trace (base case)",
    ]);
    expect(sections[0]?.text[1]).toContain(
      "counted on m_1 … m_n (end) with the none within-cycle correction",
    );
    const perCycle = sections[3]?.table;
    expect(perCycle?.rows).toHaveLength(21);
    // Cycle 1 of monotherapy: the cost earned on m_1, discounted by 1.06^−1.
    const mono = base.strategies[0];
    expect(perCycle?.rows[1]?.[1]).toBe(mono?.perCycle.cost?.discounted[1]);
    const sum = (perCycle?.rows ?? []).reduce((a, r) => a + (r[1] as number), 0);
    expect(sum).toBeCloseTo(mono?.total.cost as number, 8);
    expect(sections[2]?.table?.rows.find((r) => r[0] === "comb")?.[5]).toBeCloseTo(6275.9556, 3);
  });

  test("cohortMarkdown and cohortHtml include the trace and the per-cycle table; a PSA adds acceptability", async () => {
    const base = await runCohortBaseCase(hiv);
    const psa = await runPsa(hiv, { samples: 500, seed: 3 });
    const input = { base, psa: { samples: psa.samples, wtp: [0, 10000, 20000] } };
    const md = cohortMarkdown(input);
    expect(md).toContain("## Per-cycle discounted rewards (base case)");
    expect(md).toContain("| Cycle | mono cost | mono ly | comb cost | comb ly |");
    expect(md).toContain(
      `| 1 | ${formatMoney(base.strategies[0]?.perCycle.cost?.discounted[1] as number)} |`,
    );
    expect(md).toContain("## Cohort trace (base case)");
    expect(md).toContain("## Probability each strategy is cost-effective");
    expect(cohortCharts(input).map((c) => c.name)).toEqual(["trace", "ceac"]);
    const html = await cohortHtml(input);
    expect(html).toContain('<figure data-chart="trace">');
    expect(html).toContain('<figure data-chart="ceac">');
    expect(html).toContain('<table data-table="per_cycle">');
    expect(html).toMatch(/<svg[^>]*>/);
  });
});
