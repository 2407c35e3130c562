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
});
