import { beforeAll, describe, expect, it } from "vitest";
import {
  commissionerSections,
  commissionerTidyRows,
} from "../../src/report/commissioner-sections.js";
import { sectionsHtml } from "../../src/report/html-report.js";
import {
  scenarioCsv,
  scenarioCsvTables,
  scenarioJsonText,
  scenarioMarkdown,
  scenarioSections,
  scenarioText,
} from "../../src/report/scenario-report.js";
import type { ScenarioResult } from "../../src/scenario/run-scenario.js";
import { run } from "../helpers/scenarios.js";

const MODELS = {
  swis: "scenarios/swis-rct.yaml",
  "swis-pathway": "scenarios/swis-pathway-5-year.yaml",
} as const;

const results: Record<string, ScenarioResult> = {};

beforeAll(async () => {
  for (const [model, file] of Object.entries(MODELS)) {
    results[model] = await run(file, { samples: 200 });
  }
}, 120_000);

const HEADINGS = [
  "Commissioner answers: cashable savings and released staff time",
  "Commissioner answers: net budget impact and payback per year",
  "Commissioner answers: return on investment and payback",
  "Commissioner answers: break-even effect",
];

describe.each(Object.keys(MODELS))("commissioner answers in every report format (%s)", (model) => {
  const r = () => results[model] as ScenarioResult;

  it("commissionerSections come after the budget impact, with their four tables", () => {
    const headings = scenarioSections(r()).map((s) => s.heading);
    const at = HEADINGS.map((h) => headings.findIndex((x) => x.startsWith(h)));
    expect(at.every((i) => i > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(headings.findIndex((h) => h.startsWith("Budget impact"))).toBeLessThan(at[0] as number);
    const tables = commissionerSections(r().commissioner as never, (s) => s).map(
      (s) => s.table?.name,
    );
    expect(tables).toEqual([
      "commissioner_savings",
      "commissioner_years",
      "commissioner_roi",
      "commissioner_break_even",
    ]);
  });

  it("scenarioText and scenarioMarkdown show the answers and the caveats beside them", () => {
    const md = scenarioMarkdown(r());
    for (const h of HEADINGS) expect(md).toContain(`## ${h}`);
    expect(md).toContain("| cashable savings |");
    expect(md).toContain("| released staff time |");
    expect(md).toContain("cashable + staff time");
    expect(md).toContain("cost-neutral");
    expect(md).toContain("no accepted threshold");
    expect(md).toContain("Fewer enquiries is not unambiguously good");
    expect(md).toContain("Released staff time is capacity, not cash");
    const text = scenarioText(r());
    expect(text).toContain("Commissioner answers: return on investment and payback");
    expect(text).toMatch(/ROI on cashable savings -?[\d,]+%/);
  });

  it("sectionsHtml carries the four tables", async () => {
    const html = await sectionsHtml(scenarioSections(r()));
    for (const t of ["savings", "years", "roi", "break_even"]) {
      expect(html).toContain(`data-table="commissioner_${t}"`);
    }
  });

  it("scenarioJsonText has commissioner: cashable, staffTime, budgetImpact, roi, payback, breakEven", () => {
    const json = JSON.parse(scenarioJsonText(r()));
    const c = json.commissioner;
    expect(Object.keys(c)).toEqual(
      expect.arrayContaining(["definitions", "strategies", "breakEven", "caveats", "horizonYears"]),
    );
    const s = c.strategies[0];
    expect(Object.keys(s)).toEqual(
      expect.arrayContaining([
        "cashable",
        "staffTime",
        "programmeCost",
        "budgetImpact",
        "roi",
        "payback",
      ]),
    );
    expect(s.budgetImpact).toHaveLength(r().loaded.config.horizonYears);
    expect(typeof s.roi.cashable.undiscounted.mean).toBe("number");
    expect(typeof s.roi.withStaffTime.discounted.lower).toBe("number");
    expect(s.payback.cashable.probability).toHaveLength(r().loaded.config.horizonYears);
    expect(c.breakEven.parameter).toBe("irr_s47");
    expect(c.breakEven.rows.map((row: { wtp: number }) => row.wtp)).toEqual([
      0, 1000, 10000, 20000,
    ]);
    // The existing keys stay.
    expect(json.budgetImpact.length).toBeGreaterThan(0);
    expect(json.costConsequence.length).toBeGreaterThan(0);
  });

  it("scenarioCsv has the commissioner sections in the tidy layout, strategies by name", () => {
    const csv = scenarioCsv(r());
    const lines = csv.split("\n");
    const roi = lines.filter((l) => l.startsWith("commissioner_roi,"));
    // item, strategy, comparator filled; roi_pct_mean numeric.
    expect(
      roi.some((l) => l.startsWith("commissioner_roi,cashable only,swis,usual,,roi_pct_mean,")),
    ).toBe(true);
    expect(
      lines.some((l) => l.startsWith("commissioner_years,1,swis,usual,,p_payback_cashable,")),
    ).toBe(true);
    expect(
      lines.some((l) => l.startsWith("commissioner_savings,cashable savings,swis,usual,,mean,")),
    ).toBe(true);
    expect(lines.some((l) => /^commissioner_break_even,cost-neutral,,,0,value,/.test(l))).toBe(
      true,
    );
    const tidy = commissionerTidyRows(r().commissioner as never);
    expect(new Set(tidy.map((t) => t.section))).toEqual(
      new Set([
        "commissioner_savings",
        "commissioner_years",
        "commissioner_roi",
        "commissioner_break_even",
      ]),
    );
    expect(Object.keys(scenarioCsvTables(r()))).toEqual(
      expect.arrayContaining(["commissioner_roi", "commissioner_break_even"]),
    );
  });
});
