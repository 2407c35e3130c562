import { describe, expect, test } from "vitest";
import sickSicker from "../../models/markov/sick-sicker.js";
import { runBaseCase, runCohortBaseCase } from "../../src/index.js";

describe("runCohortBaseCase", () => {
  test("runCohortBaseCase runs at the point values (stated bases, lognormal medians) with derived parameters", async () => {
    const trace = await runCohortBaseCase(sickSicker);
    expect(trace.parameters.c_S1).toBe(4000);
    expect(trace.parameters.hr_S1).toBeCloseTo(3, 14);
    // Derived: p_S1S2 under B = 1 − exp(0.6 ln(1 − 0.105)) (the reference's 0.0643922271).
    expect(trace.parameters.p_S1S2_trtB).toBeCloseTo(0.0643922271, 10);
    const base = await runBaseCase(sickSicker);
    trace.strategies.forEach((s) => {
      expect(s.total.cost).toBe(base.cost[s.name as "SoC"]);
      expect(s.total.qaly).toBe(base.effect[s.name as "SoC"]);
    });
    expect(trace.outcomes).toEqual(["cost", "qaly"]);
    expect(trace.strategies[0]?.trace).toHaveLength(76);
  });
});
