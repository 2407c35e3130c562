import { describe, expect, it } from "vitest";
import swis from "../../models/swis/index.js";
import { InputError, ScenarioError } from "../../src/errors.js";
import { loadScenario, memoryScenarioHost, resolvePath } from "../../src/scenario/load-scenario.js";

/** A host over in-memory files with the SWIS model. */
const host = (files: Record<string, string>) => memoryScenarioHost(files, { swis });

const BASE = "model: swis\ntitle: Base\npsa: { samples: 100, seed: 3 }\n";

describe("resolvePath", () => {
  it("resolvePath resolves relative to the file's directory and normalises . and ..", () => {
    expect(resolvePath("scenarios/a.yaml", "b.yaml")).toBe("scenarios/b.yaml");
    expect(resolvePath("scenarios/x/a.yaml", "../b.yaml")).toBe("scenarios/b.yaml");
    expect(resolvePath("a.yaml", "./b.yaml")).toBe("b.yaml");
    expect(resolvePath("/srv/a.yaml", "b.yaml")).toBe("/srv/b.yaml");
    expect(resolvePath("s/a.yaml", "/abs/b.yaml")).toBe("/abs/b.yaml");
  });
});

describe("loadScenario", () => {
  it("loadScenario applies defaults: first perspective and effect, 3.5%, the factory's strategies", async () => {
    const loaded = await loadScenario("s/base.yaml", host({ "s/base.yaml": BASE }));
    expect(loaded.config.perspective).toBe("public_sector");
    expect(loaded.config.effect).toBe("s47_avoided");
    expect(loaded.config.discount).toEqual({ costs: 0.035, outcomes: 0.035 });
    expect(loaded.config.horizonYears).toBe(2);
    expect(loaded.config.strategies.map((s) => [s.name, s.intervention])).toEqual([
      ["usual", false],
      ["swis", true],
    ]);
    expect(loaded.config.settings).toEqual({ schools: 1, costing: "resource", grant_years: 2 });
    expect(loaded.samples).toBe(100);
    expect(loaded.seed).toBe(3);
    expect(loaded.wtp).toHaveLength(101);
    expect(loaded.files).toEqual(["s/base.yaml"]);
  });

  it("loadScenario follows extends, and the child's values win", async () => {
    const loaded = await loadScenario(
      "s/child.yaml",
      host({
        "s/base.yaml": BASE,
        "s/child.yaml":
          "extends: base.yaml\ntitle: Child\ndiscount: { costs: 0.035, outcomes: 0.015 }\nparameters:\n  sw_salary: 41000\n",
      }),
    );
    expect(loaded.scenario.title).toBe("Child");
    expect(loaded.samples).toBe(100);
    expect(loaded.config.discount).toEqual({ costs: 0.035, outcomes: 0.015 });
    expect(loaded.config.inputs.sw_salary).toEqual({ type: "fixed", value: 41_000 });
    const salary = loaded.inputs.find((i) => i.name === "sw_salary");
    expect(salary).toMatchObject({
      setIn: "s/child.yaml",
      tag: "assumption",
      priceYear: "2023/24",
    });
    expect(loaded.files).toEqual(["s/child.yaml", "s/base.yaml"]);
  });

  it("loadScenario samples a per-strategy override in its own column", async () => {
    const loaded = await loadScenario(
      "v.yaml",
      host({
        "v.yaml": `${BASE}strategies:\n  usual: { intervention: false }\n  embedded: {}\n  visiting:\n    inputs:\n      sw_fte_per_school: 0.4\n`,
      }),
    );
    expect(loaded.config.strategies.map((s) => s.name)).toEqual(["usual", "embedded", "visiting"]);
    const model = swis.create(loaded.config);
    expect(model.parameterNames).toContain("sw_fte_per_school__visiting");
    expect(loaded.inputs.find((i) => i.strategy === "visiting")?.name).toBe("sw_fte_per_school");
  });

  it("loadScenario turns a grant given in 2018/19 prices into 2023/24 prices with NHSCII", async () => {
    const loaded = await loadScenario(
      "g.yaml",
      host({
        "g.yaml": `${BASE}parameters:\n  grant_total: { value: 374000, price_year: 2018/19 }\n`,
      }),
    );
    const grant = loaded.config.inputs.grant_total as { value: number };
    expect(grant.value).toBeCloseTo((374_000 * 124.5) / 105.43, 6);
  });

  it("loadScenario reports every problem of a file together, each located", async () => {
    const error = await loadScenario(
      "bad.yaml",
      host({ "bad.yaml": "model: swis\ntitle: T\nhorizon_years: 0\nperspective: la\n" }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    const issues = (error as ScenarioError).issues;
    expect(issues.map((i) => [i.line, i.field])).toEqual([
      [3, "horizon_years"],
      [4, "perspective"],
    ]);
  });

  it("loadScenario rejects a missing extends file and an extends cycle at the extends line", async () => {
    const missing = await loadScenario("a.yaml", host({ "a.yaml": "extends: nope.yaml\n" })).catch(
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(InputError);
    expect((missing as InputError).message).toBe(
      'a.yaml:1:10 extends: cannot read "nope.yaml" (looked for nope.yaml): no such file',
    );
    const cycle = await loadScenario(
      "a.yaml",
      host({ "a.yaml": "extends: b.yaml\n", "b.yaml": "title: B\nextends: a.yaml\n" }),
    ).catch((e: unknown) => e);
    expect((cycle as InputError).message).toBe(
      "b.yaml:2:10 extends: extends makes a cycle: a.yaml → b.yaml → a.yaml",
    );
  });

  it("an unknown model is named with the host's models; where files cannot be opened, no path is offered", async () => {
    for (const [model, message] of [
      ["swiss", 'a.yaml:1:8 model: unknown model "swiss" (did you mean "swis"?); available: swis'],
      ["notes.md", 'a.yaml:1:8 model: unknown model "notes.md"; available: swis'],
    ] as const) {
      const e = await loadScenario("a.yaml", host({ "a.yaml": `model: ${model}\n` })).catch(
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toBe(message);
    }
  });
});
