import { describe, expect, it } from "vitest";
import swis from "../../models/swis/index.js";
import type { CommissionerSpec, ModelConfig, ModelFactory } from "../../src/model/model-factory.js";
import { runBaseCase } from "../../src/psa/base-case.js";
import { prepareModel, runPsa } from "../../src/psa/run-psa.js";
import { loadScenario, memoryScenarioHost } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import {
  type ScenarioAnalysisWork,
  scenarioAnalysisParts,
} from "../../src/scenario/scenario-analysis.js";

const SCENARIO = "model: swis\ntitle: Once\npsa: { samples: 300, seed: 11 }\n";

/** SWIS's commissioner answers, asking for a yearly outcome the model does not emit. */
const broken: CommissionerSpec = {
  ...(swis.commissioner as CommissionerSpec),
  yearly: () => ({
    programme: "no_such_outcome",
    cashable: "no_such_outcome",
    downstream: "no_such_outcome",
  }),
};

/** The SWIS factory, counting the models it builds. */
function countingFactory(): { factory: ModelFactory; built: () => number } {
  let built = 0;
  const factory: ModelFactory = {
    ...swis,
    create: (config: ModelConfig) => {
      built++;
      return swis.create(config);
    },
  };
  return { factory, built: () => built };
}

describe("runScenario", () => {
  it("runScenario's offload hook: the same result from the parts it gives; undefined computes them here; too few estimates are refused, naming the count; a failure here stops the work", async () => {
    const loaded = await loadScenario(
      "s.yaml",
      memoryScenarioHost({ "s.yaml": SCENARIO }, { swis }),
    );
    const plain = await runScenario(loaded);
    let asked: ScenarioAnalysisWork | undefined;
    const hooked = await runScenario(loaded, {
      offload: (work) => {
        asked = work;
        return { parts: Promise.resolve(scenarioAnalysisParts(work)), stop: () => {} };
      },
    });
    expect(asked?.estimates.length).toBeGreaterThan(10);
    expect(asked?.samples).toBe(hooked.draws.samples);
    expect(Array.from(asked?.wtp ?? [])).toEqual(Array.from(loaded.wtp));
    expect(Array.from(asked?.reportWtp ?? [])).toEqual(
      [...new Set(loaded.reportWtp)].sort((a, b) => a - b),
    );
    // Everything but the loaded scenario and the draws, which are the same objects in both.
    const strip = ({ loaded: _, draws: __, ...rest }: typeof plain) => rest;
    expect(strip(hooked)).toEqual(strip(plain));
    expect(strip(await runScenario(loaded, { offload: () => undefined }))).toEqual(strip(plain));
    const short = (work: ScenarioAnalysisWork) => ({
      parts: Promise.resolve({ ...scenarioAnalysisParts(work), estimates: [] }),
      stop: () => {},
    });
    await expect(runScenario(loaded, { offload: short })).rejects.toThrow(
      new RegExp(`cost-consequence table: 0 estimates for ${asked?.estimates.length} quantities`),
    );
    // This thread fails (a commissioner break-even range the model refuses, say): the offloaded
    // work is stopped, and the error is this thread's.
    let stopped = 0;
    const failing = { ...loaded, factory: { ...loaded.factory, commissioner: broken } };
    await expect(
      runScenario(failing as typeof loaded, {
        offload: () => ({ parts: new Promise<never>(() => {}), stop: () => void stopped++ }),
      }),
    ).rejects.toThrow(/commissioner answers: the model emits no outcome "no_such_outcome"/);
    expect(stopped).toBe(1);
  });

  it("runScenario uses the model loadScenario built and prepared: one model per run", async () => {
    const { factory, built } = countingFactory();
    const loaded = await loadScenario(
      "s.yaml",
      memoryScenarioHost({ "s.yaml": SCENARIO }, { swis: factory }),
    );
    expect(built()).toBe(1);
    expect(await prepareModel(loaded.model)).toBe(loaded.model);
    await runScenario(loaded);
    expect(built()).toBe(1);
  });

  it("runScenario gives the base case and PSA of the model built afresh, bit for bit", async () => {
    const loaded = await loadScenario(
      "s.yaml",
      memoryScenarioHost({ "s.yaml": SCENARIO }, { swis }),
    );
    const result = await runScenario(loaded, { keepAllParameters: true });
    const fresh = swis.create(loaded.config);
    const base = await runBaseCase(fresh);
    expect(result.baseCase.cost).toEqual(loaded.config.strategies.map((s) => base.cost[s.name]));
    const psa = await runPsa(fresh, { samples: 300, seed: 11 });
    expect(Array.from(result.draws.samples.cost)).toEqual(Array.from(psa.samples.cost));
    expect(Array.from(result.draws.samples.effect)).toEqual(Array.from(psa.samples.effect));
  });

  it("runScenario builds the model afresh when the configuration was replaced after loading", async () => {
    const loaded = await loadScenario(
      "s.yaml",
      memoryScenarioHost({ "s.yaml": SCENARIO }, { swis }),
    );
    const salary = { type: "fixed" as const, value: 60_000 };
    const config = { ...loaded.config, inputs: { ...loaded.config.inputs, sw_salary: salary } };
    const replaced = await runScenario({ ...loaded, config }, { samples: 50 });
    const expected = await runBaseCase(swis.create(config));
    expect(replaced.baseCase.cost).toEqual(config.strategies.map((s) => expected.cost[s.name]));
    const original = await runScenario(loaded, { samples: 50 });
    expect(original.baseCase.cost[1]).not.toBe(replaced.baseCase.cost[1]);
  });
});
