/**
 * Scenarios of a model file: `model: ./file.model.yaml` (relative to the scenario that says it)
 * overrides inputs, PSA, WTP, discounting and horizon as SWIS scenarios do, `extends` included;
 * the model file alone runs with its own defaults.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { runBaseCase } from "../../src/index.js";
import { withModelFiles } from "../../src/modelfile/host.js";
import { loadScenario, memoryScenarioHost } from "../../src/scenario/load-scenario.js";
import { runInProcess } from "../helpers/cli.js";

const HIV = readFileSync("models/hiv.model.yaml", "utf8");

describe("a scenario of a model file", () => {
  test("the model file alone runs with its own defaults (PSA, WTP, discounting, horizon)", async () => {
    const host = withModelFiles(memoryScenarioHost({ "m/hiv.model.yaml": HIV }, {}));
    const loaded = await loadScenario("m/hiv.model.yaml", host);
    expect(loaded.samples).toBe(10_000);
    expect(loaded.seed).toBe(1);
    expect(loaded.reportWtp).toEqual([5000, 10000, 20000]);
    expect(loaded.wtp.at(-1)).toBe(30_000);
    expect(loaded.config.horizonYears).toBe(20);
    expect(loaded.config.discount).toEqual({ costs: 0.06, outcomes: 0 });
    expect(loaded.inputs.find((i) => i.name === "rr")?.tag).toBe("verified");
  });

  test("model: ./… with extends overrides inputs, PSA, discounting and horizon", async () => {
    const files = {
      "m/hiv.model.yaml": HIV,
      "s/base.yaml":
        "model: ../m/hiv.model.yaml\ntitle: HIV at 3.5%\ndiscount: { costs: 0.035, outcomes: 0.035 }\npsa: { samples: 300, seed: 9 }\n",
      "s/short.yaml":
        "extends: base.yaml\ntitle: HIV over 10 years\nhorizon_years: 10\nparameters:\n  rr: { value: 0.6, source: a sensitivity analysis }\n",
    };
    const host = withModelFiles(memoryScenarioHost(files, {}));
    const loaded = await loadScenario("s/short.yaml", host);
    expect(loaded.samples).toBe(300);
    expect(loaded.config.horizonYears).toBe(10);
    const base = await runBaseCase(loaded.factory.create(loaded.config));
    // Ten cycles at rr = 0.6, both outcomes at 3.5%: life-years are now discounted.
    let m = [1, 0, 0, 0];
    const counts = [
      [1251, 350, 116, 17],
      [0, 731, 512, 15],
      [0, 0, 1312, 437],
      [0, 0, 0, 1],
    ];
    let ly = 0;
    for (let t = 1; t <= 10; t++) {
      const rr = t <= 2 ? 0.6 : 1;
      const P = counts.map((row, i) => {
        const total = row.reduce((a, b) => a + b, 0);
        const out = row.map((c, j) => (j === i ? 0 : (c / total) * rr));
        out[i] = 1 - out.reduce((a, b) => a + b, 0);
        return out;
      });
      m = [0, 1, 2, 3].map((j) => m.reduce((s, x, i) => s + x * (P[i]?.[j] as number), 0));
      ly += ((m[0] as number) + (m[1] as number) + (m[2] as number)) * 1.035 ** -t;
    }
    expect(base.effect.comb).toBeCloseTo(ly, 12);
    expect(loaded.inputs.find((i) => i.name === "rr")?.source).toBe("a sensitivity analysis");
  });

  test("mistakes in the scenario are located in the scenario, with a did-you-mean", async () => {
    const r = await runInProcess(["validate", "s.yaml"], {
      "s.yaml": "model: ./models/hiv.model.yaml\ntitle: x\nparameters:\n  r: 0.5\n",
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: s\.yaml:4:3 parameters\.r: unknown key "r" \(did you mean "rr"\?\)/,
    );
    const missing = await runInProcess(["validate", "s.yaml"], {
      "s.yaml": "model: ./nope.model.yaml\ntitle: x\n",
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^error: s\.yaml:1:8 model: cannot read the model file "\.\/nope\.model\.yaml" \(looked for nope\.model\.yaml\)/,
    );
  });

  test("strategies.<name>.inputs gives one strategy its own input, as SWIS scenarios do", async () => {
    const files = {
      "m/hiv.model.yaml": HIV,
      "s/own.yaml":
        "model: ../m/hiv.model.yaml\ntitle: Own rr\npsa: { samples: 200, seed: 4 }\nstrategies:\n  mono: {}\n  comb:\n    inputs:\n      rr: { value: 0.6, source: a sensitivity analysis }\n",
      "s/shared.yaml":
        "model: ../m/hiv.model.yaml\ntitle: Shared rr\npsa: { samples: 200, seed: 4 }\nparameters:\n  rr: 0.6\n",
    };
    const host = withModelFiles(memoryScenarioHost(files, {}));
    const own = await runBaseCase((await loadScenario("s/own.yaml", host)).model);
    const shared = await runBaseCase((await loadScenario("s/shared.yaml", host)).model);
    // Only combination therapy reads rr, so its own rr and a shared rr give the same base case.
    expect(own.cost).toEqual(shared.cost);
    expect(own.effect).toEqual(shared.effect);
    const loaded = await loadScenario("s/own.yaml", host);
    expect(loaded.model.columns).toContain("rr__comb");
    const reported = loaded.inputs.find((i) => i.name === "rr" && i.strategy === "comb");
    expect(reported).toMatchObject({ source: "a sensitivity analysis", spec: { value: 0.6 } });
  });

  test("a strategy's own input reaches the derived values it feeds, for that strategy only", async () => {
    const model = `format: ceakit-model/1
kind: formula
title: Two programmes
effect: { key: cases, label: Cases avoided, unit: cases }
parameters:
  c_drug: { value: 100, source: test, tag: assumption }
derived:
  c_total: "c_drug + 50"
  c_twice: "2 * c_total"
strategies:
  a: { cost: c_twice, effect: 0 }
  b: { cost: "c_twice + c_drug", effect: 1 }
`;
    const files = {
      "two.model.yaml": model,
      "s.yaml":
        "model: ./two.model.yaml\ntitle: b pays more\npsa: { samples: 50, seed: 1 }\nstrategies:\n  a: {}\n  b:\n    inputs:\n      c_drug: 130\n",
    };
    const host = withModelFiles(memoryScenarioHost(files, {}));
    const base = await runBaseCase((await loadScenario("s.yaml", host)).model);
    // a: 2 × (100 + 50) = 300; b: 2 × (130 + 50) + 130 = 490.
    expect(base.cost).toEqual({ a: 300, b: 490 });
  });
});
