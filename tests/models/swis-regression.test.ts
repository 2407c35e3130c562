/**
 * The SWIS trial-replication model before and after the evidence corrections of issue 15
 * (domain.md §8): with the inputs it had before (tests/fixtures/scenarios/
 * swis-trial-previous-inputs.yaml sets each changed input to its previous value), the model
 * gives the base case the shipped RCT scenario gave before the corrections, to rounding.
 *
 * The pinned numbers were recorded from `ceakit run scenarios/swis-rct.yaml --format json`
 * at commit 0ed5f2a, before any change of this branch.
 */
import { describe, expect, it } from "vitest";
import { run } from "../helpers/scenarios.js";

const PREVIOUS = "tests/fixtures/scenarios/swis-trial-previous-inputs.yaml";

/** Base case of scenarios/swis-rct.yaml at commit 0ed5f2a (before issue 15's corrections). */
const RECORDED = {
  cost: { usual: 1_643_171.1820983363, swis: 1_786_567.3871846234 },
  effect: { usual: 0, swis: -2.1548428212560395 },
  outcomes: {
    intervention_cost: { usual: 0, swis: 136_360.72946859905 },
    downstream_cost: { usual: 1_643_171.1820983363, swis: 1_650_206.6577160244 },
    referrals: { usual: 113.152, swis: 113.152 },
    s17_assessments: { usual: 115.856, swis: 115.856 },
    s47_enquiries: { usual: 39.8528, swis: 42.044704 },
    days_in_care: { usual: 5390.32, swis: 5390.32 },
    care_entries: { usual: 4.576, swis: 4.576 },
  },
} as const;

const close = (actual: number | undefined, expected: number) =>
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected)),
  );

describe("SWIS trial replication: previous inputs give the previous base case", () => {
  it("run(previous inputs): cost and effect per strategy equal the recorded base case", async () => {
    const r = await run(PREVIOUS);
    const names = r.strategies.map((s) => s.name);
    expect(names).toEqual(["usual", "swis"]);
    names.forEach((name, j) => {
      close(r.baseCase.cost[j], RECORDED.cost[name as "usual" | "swis"]);
      close(r.baseCase.effect[j], RECORDED.effect[name as "usual" | "swis"]);
    });
    // SWIS is still dominated at the trial's IRR 1.055.
    expect(r.baseCase.icers.find((row) => row.strategy === "swis")?.status).toBe("D");
  });

  it("run(previous inputs): every outcome of the cost-consequence table equals the recorded one", async () => {
    const r = await run(PREVIOUS);
    for (const [outcome, byStrategy] of Object.entries(RECORDED.outcomes)) {
      for (const [strategy, expected] of Object.entries(byStrategy)) {
        const row = r.consequences.find((c) => c.outcome === outcome && c.strategy === strategy);
        close(row?.base, expected);
      }
    }
  });
});
