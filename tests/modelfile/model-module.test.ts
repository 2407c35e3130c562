/**
 * `model: ./my-model.js`: a scenario runs a model an ES module exports (defined with the
 * TypeScript API), overriding its inputs; what is in the model's code (discounting, horizon)
 * cannot be overridden.
 */
import { describe, expect, test } from "vitest";
import { runInProcess } from "../helpers/cli.js";

const DIR = "tests/fixtures/modelfile/module";

describe("a scenario of an ES module's model", () => {
  test("runs it with the scenario's inputs", async () => {
    const scenario = `${DIR}/s.yaml`;
    const r = await runInProcess(["run", scenario, "--format", "json", "--samples", "50"], {
      [scenario]: "model: ./two-state.mjs\ntitle: From a module\nparameters:\n  p_die: 0.2\n",
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // Life-years on m_1 … m_3: 0.8 + 0.64 + 0.512 (usual), 0.9 + 0.81 + 0.729 (halved).
    expect(out.baseCase.effect[0]).toBeCloseTo(0.8 + 0.64 + 0.512, 12);
    expect(out.baseCase.effect[1]).toBeCloseTo(0.9 + 0.81 + 0.729, 12);
    expect(out.baseCase.cost[0]).toBeCloseTo(1000 * (0.8 + 0.64 + 0.512), 9);
    expect(out.baseCase.trace.states).toEqual(["alive", "dead"]);
  });

  test("a discount the model's code fixes is refused at the field, exit 2", async () => {
    const scenario = `${DIR}/s.yaml`;
    const r = await runInProcess(["validate", scenario], {
      [scenario]: "model: ./two-state.mjs\ntitle: From a module\ndiscount: 0.035\n",
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: tests\/fixtures\/modelfile\/module\/s\.yaml:3:11 discount: this model discounts in its own code/,
    );
  });
});
