/**
 * The shipped `kind: formula` example (models/screening-tree.model.yaml): its base case is the
 * decision tree rolled back by hand, its outcomes reach the cost-consequence table.
 */
import { describe, expect, test } from "vitest";
import { runInProcess } from "../helpers/cli.js";
import { expectClose } from "../helpers/reference.js";

describe("models/screening-tree.model.yaml (kind: formula)", () => {
  test("run --format json gives the tree rolled back by hand, and its outcomes", async () => {
    const r = await runInProcess([
      "run",
      "models/screening-tree.model.yaml",
      "--format",
      "json",
      "--samples",
      "500",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // Point values: beta and gamma means, the fixed value.
    const prev = 0.3;
    const sens = 0.9;
    const spec = 0.85;
    const [cTest, cTreat, cUntreated] = [50, 400, 2000];
    const [qCured, qUntreated, qHealthy, harm] = [0.95, 0.7, 1, 0.02];
    const tp = prev * sens;
    const fn = prev * (1 - sens);
    const fp = (1 - prev) * (1 - spec);
    const tn = (1 - prev) * spec;
    expect(out.strategies.map((s: { name: string }) => s.name)).toEqual([
      "treat_all",
      "test_treat",
    ]);
    const rel = { abs: 0, rel: 1e-14 };
    expectClose(out.baseCase.cost[0], cTreat, rel, "cost treat_all");
    expectClose(
      out.baseCase.effect[0],
      prev * qCured + (1 - prev) * (qHealthy - harm),
      rel,
      "QALYs treat_all",
    );
    expectClose(
      out.baseCase.cost[1],
      cTest + (tp + fp) * cTreat + fn * cUntreated,
      rel,
      "cost test_treat",
    );
    expectClose(
      out.baseCase.effect[1],
      tp * qCured + fn * qUntreated + fp * (qHealthy - harm) + tn * qHealthy,
      rel,
      "QALYs test_treat",
    );
    expect(out.baseCase.trace).toBeUndefined();
    const missed = out.costConsequence.filter(
      (row: { outcome: string }) => row.outcome === "missed_cases",
    );
    expect(missed.map((row: { base: number }) => row.base)).toEqual([0, fn]);
  });
});
