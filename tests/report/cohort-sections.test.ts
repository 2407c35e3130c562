/**
 * A cohort model run as a scenario (`ceakit run models/hiv.model.yaml`) reports its base case
 * cycle by cycle: the per-cycle discounted rewards and the trace in the text, Markdown and HTML
 * reports, and the trace chart in the HTML report.
 */
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/cli.js";

const HIV = "models/hiv.model.yaml";

describe("cohortCycleSections and cohortTraceChart in the scenario reports", () => {
  it("the Markdown report has the per-cycle rewards and the trace of the base case", async () => {
    const r = await runInProcess(["run", HIV, "--format", "md", "--samples", "200"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("## Per-cycle discounted rewards (base case)");
    expect(r.stdout).toContain("## Cohort trace (base case)");
    // Monotherapy, cycle 1: the trace m_1 = (0.72145329, 0.20184544, 0.06689735, 0.00980392)
    // (reference README) earns state costs A 2756 + 2278, B 3052 + 2278, C 9007 + 2278, ends-of-
    // cycle counting, discounted by 1.06^−1:
    // (0.72145329 × 5034 + 0.20184544 × 5330 + 0.06689735 × 11285) / 1.06 = 5,153.37.
    expect(r.stdout).toMatch(/^\| 1 \| 5,153 \| 0\.9902 \|/m);
    expect(r.stdout).toMatch(/^\| mono \| 1 \| 0\.721 \| 0\.202 \| 0\.067 \| 0\.010 \|$/m);
  });

  it("the HTML report draws the trace chart", async () => {
    const r = await runInProcess([
      "run",
      HIV,
      "--format",
      "html",
      "--samples",
      "200",
      "--out",
      "hiv.html",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const html = r.writes.get("hiv.html") as string;
    expect(html).toContain('<figure data-chart="trace">');
    const data = JSON.parse(
      (/<script type="application\/json" data-chart="trace">(.*?)<\/script>/s.exec(html) ??
        [])[1] ?? "null",
    ) as { strategy: string; cycle: number; state: string; share: number }[];
    const first = data.find((d) => d.strategy === "mono" && d.cycle === 1 && d.state === "A");
    expect(first?.share).toBeCloseTo(0.72145329, 8);
  });

  it("a model that is not a cohort model has neither", async () => {
    const r = await runInProcess([
      "run",
      "scenarios/swis-rct.yaml",
      "--format",
      "md",
      "--samples",
      "200",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain("Cohort trace");
  });
});
