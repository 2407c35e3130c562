/**
 * Time-dependent derived values read as shared columns (src/modelfile/hoisted-columns.ts): the
 * fast path gives the same bits as the written-out code, in the PSA and the base case, on model
 * files whose rows read values of t, of time_in_state and of both; and whatever it cannot
 * compute (a lookup that a condition in the entry guards, a value out of range) goes back to the
 * written-out code, which reports exactly what it always has.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { runBaseCase, runPsa } from "../../src/index.js";
import { compileModelFile } from "../../src/modelfile/compile-model-file.js";
import { withModelFiles } from "../../src/modelfile/host.js";
import { modelFileFactory } from "../../src/modelfile/model-file-factory.js";
import type { ModelProgram } from "../../src/modelfile/program.js";
import { loadScenario, memoryScenarioHost } from "../../src/scenario/load-scenario.js";
import { parseYaml } from "../../src/scenario/yaml-source.js";
import { runInProcess } from "../helpers/cli.js";

/**
 * A model file's default configuration and its program with and without fast paths (tables
 * read from the files beside it).
 */
async function programs(file: string, text = readFileSync(file, "utf8")) {
  const dir = file.slice(0, file.lastIndexOf("/") + 1);
  const files: Record<string, string> = { [file]: text };
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".csv"))) {
    files[`${dir}${f}`] = readFileSync(`${dir}${f}`, "utf8");
  }
  const host = withModelFiles(memoryScenarioHost(files, {}));
  const fast = await compileModelFile(parseYaml(file, text), async (p) => {
    const found = files[p];
    if (found === undefined) throw new Error(`no table ${p}`);
    return found;
  });
  const slow: ModelProgram = {
    ...fast,
    entries: fast.entries.map(({ fast: _, ...e }) => e),
    hoisted: [],
  };
  const { config } = await loadScenario(file, host);
  return { fast, slow, config };
}

const bytes = (x: Float64Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);

describe("hoisted time-dependent derived values", () => {
  test.each([
    "models/sick-sicker-residence.model.yaml",
    "models/sick-sicker-age.model.yaml",
    "tests/fixtures/modelfile/revision.model.yaml",
    "tests/fixtures/modelfile/thr.model.yaml",
  ])("%s: the fast path gives the written-out code's bits (PSA and base case)", async (file) => {
    const { fast, slow, config } = await programs(file);
    expect(fast.hoisted?.length ?? 0).toBeGreaterThan(0);
    expect(fast.entries.some((e) => e.fast !== undefined)).toBe(true);
    const a = await runPsa(modelFileFactory(fast).create(config), { samples: 300, seed: 5 });
    const b = await runPsa(modelFileFactory(slow).create(config), { samples: 300, seed: 5 });
    expect(bytes(a.samples.cost).equals(bytes(b.samples.cost))).toBe(true);
    expect(bytes(a.samples.effect).equals(bytes(b.samples.effect))).toBe(true);
    const baseA = await runBaseCase(modelFileFactory(fast).create(config));
    const baseB = await runBaseCase(modelFileFactory(slow).create(config));
    expect(baseA.cost).toEqual(baseB.cost);
    expect(baseA.effect).toEqual(baseB.effect);
  });

  test("a lookup the entry's condition keeps from being made is no error, as before", async () => {
    // q looks up age 90 + t, below the table's first age (91) at t = 1, where the row does not
    // read it: the written-out code never makes that lookup, the shared column would.
    const text = [
      "format: ceakit-model/1",
      "kind: markov",
      "title: guarded lookup",
      "effect: { key: ly }",
      "states: [A, D]",
      "initial: { A: 1 }",
      "cycles: 5",
      "cycle_years: 1",
      "rewards_on: end",
      "correction: none",
      "discount: 0",
      "tables:",
      "  life: { file: guarded.csv, key: age }",
      "parameters: { c: 100 }",
      "derived:",
      "  q: lookup(life, 90 + t)",
      "strategies:",
      "  a:",
      "    transitions:",
      "      A: { A: rest, D: 't > 1 ? q : 0.1' }",
      "      D: { D: 1 }",
      "    state_costs: { A: c }",
      "    state_effects: { A: 1 }",
      "  b:",
      "    transitions:",
      "      A: { A: rest, D: 't > 1 ? q : 0.1' }",
      "      D: { D: 1 }",
      "    state_costs: { A: 2 * c }",
      "    state_effects: { A: 1 }",
      "",
    ].join("\n");
    const files = {
      "guarded.model.yaml": text,
      "guarded.csv": "age,q\n91,0.2\n95,0.3\n",
    };
    const r = await runInProcess(["run", "guarded.model.yaml", "--format", "json"], files);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // P(alive) after 5 cycles: 0.9 (t = 1), then 0.8 for t = 2, 3, 4 (age 92–94 reads 91's row)
    // and 0.7 for t = 5 (age 95): life-years 0.9 + 0.72 + 0.576 + 0.4608 + 0.32256.
    const out = JSON.parse(r.stdout) as { baseCase: { effect: number[] } };
    expect(out.baseCase.effect[0]).toBeCloseTo(0.9 + 0.72 + 0.576 + 0.4608 + 0.32256, 12);
  });

  test("past 10,000 cycles and with a strategy's own input, every cycle reads its own t", async () => {
    // 1 / 0.00005 = 20,000 cycles. Strategy a has its own k (3), b the shared one (1); each
    // earns d = k · t / 100,000 on A in cycle t, undiscounted, with nobody leaving A: b's cost is
    // Σ_{t=1}^{20000} t / 1e5 = 20000 · 20001 / 2 / 1e5 = 2000.1, and a's three times that.
    const model = [
      "format: ceakit-model/1",
      "kind: markov",
      "title: many cycles",
      "effect: { key: ly }",
      "states: [A, D]",
      "initial: { A: 1 }",
      "cycles: 10",
      "cycle_years: 0.00005",
      "rewards_on: end",
      "correction: none",
      "discount: 0",
      "parameters: { k: 1 }",
      "derived:",
      "  d: k * t / 100000",
      "strategies:",
      "  a:",
      "    transitions: { A: { A: 1 }, D: { D: 1 } }",
      "    state_costs: { A: d }",
      "    state_effects: { A: 1 }",
      "  b:",
      "    transitions: { A: { A: 1 }, D: { D: 1 } }",
      "    state_costs: { A: d }",
      "    state_effects: { A: 1 }",
      "",
    ].join("\n");
    const scenario = [
      "title: many cycles, a with its own k",
      "model: ./many.model.yaml",
      "horizon_years: 1",
      "strategies: { a: { inputs: { k: { value: 3 } } }, b: {} }",
      "",
    ].join("\n");
    const r = await runInProcess(["run", "s.yaml", "--samples", "20", "--format", "json"], {
      "many.model.yaml": model,
      "s.yaml": scenario,
    });
    expect(r.stderr).toBe("");
    const cost = (JSON.parse(r.stdout) as { baseCase: { cost: number[] } }).baseCase.cost;
    expect(cost[0]).toBeCloseTo(6000.3, 6);
    expect(cost[1]).toBeCloseTo(2000.1, 6);
  });

  test("a value out of range is reported as the written-out code reports it", async () => {
    // A Weibull shape that makes the risk of becoming sicker exceed 1 within the tunnel (set in
    // the configuration, past the checks of loading, so that the run meets it).
    const { fast, slow, config } = await programs("models/sick-sicker-residence.model.yaml");
    const bad = {
      ...config,
      inputs: { ...config.inputs, r_S1S2_shape: { type: "fixed", value: 3 } },
    } as typeof config;
    const failure = async (p: ModelProgram) => {
      try {
        await runBaseCase(modelFileFactory(p).create(bad));
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    const message = await failure(fast);
    expect(message).toMatch(
      /S1 → S1: .* is -0\.0251129186564 at the base case, t = 1, time_in_state = 26, not a probability/,
    );
    expect(message).toBe(await failure(slow));
  });
});
