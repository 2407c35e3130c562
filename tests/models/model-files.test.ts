/**
 * The shipped model files (models/*.model.yaml) reproduce their published results through
 * `ceakit run <file> --format json`, with the same expectations as the TypeScript definitions'
 * tests (tests/models/markov/): the HIV model of Chancellor et al. (1997) and the DARTH
 * Sick-Sicker model, against tests/fixtures/reference/markov/.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import hiv from "../../models/markov/hiv-chancellor.js";
import sickSicker from "../../models/markov/sick-sicker.js";
import { runBaseCase } from "../../src/index.js";
import { runInProcess } from "../helpers/cli.js";
import { expectClose, loadFixture } from "../helpers/reference.js";

const round = (x: number, decimals: number) => Number(x.toFixed(decimals)) + 0;

interface RunJson {
  strategies: { name: string; label: string }[];
  baseCase: {
    cost: number[];
    effect: number[];
    icers: { strategy: string; status: string; icer: number | null }[];
    trace: { states: string[]; strategies: Record<string, number[][]> };
  };
}

/** `ceakit run <file> --format json` (a small PSA: only the base case is compared). */
async function runJson(file: string, files: Record<string, string> = {}): Promise<RunJson> {
  const r = await runInProcess(["run", file, "--format", "json", "--samples", "200"], files);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as RunJson;
}

describe("models/hiv.model.yaml (Chancellor et al. 1997; Briggs et al. 2006 Ex. 2.5)", () => {
  const ref = loadFixture("reference/markov/hiv-chancellor.json");

  test("costs to 1e-9 relative, life-years to the printed 7 decimals, the ICER to 1e-9", async () => {
    const out = await runJson("models/hiv.model.yaml");
    expect(out.strategies.map((s) => s.name)).toEqual(ref.expected.strategies);
    ref.expected.strategies.forEach((_: string, j: number) => {
      expectClose(out.baseCase.cost[j], ref.expected.cost[j], { abs: 0, rel: 1e-9 }, `cost ${j}`);
      expect(round(out.baseCase.effect[j] as number, 7)).toBe(ref.expected.effect[j]);
    });
    expectClose(out.baseCase.effect[1], ref.expected.effect[1], { abs: 0, rel: 1e-9 }, "ly comb");
    const comb = out.baseCase.icers.find((r) => r.strategy === "comb");
    expect(comb?.status).toBe("ND");
    expectClose(comb?.icer ?? Number.NaN, ref.expected.icer, { abs: 0, rel: 1e-9 }, "icer");
  });

  test("the same numbers as the TypeScript definition (to 1e-12) and the published trace", async () => {
    const out = await runJson("models/hiv.model.yaml");
    const ts = await runBaseCase(hiv);
    (["mono", "comb"] as const).forEach((s, j) => {
      expectClose(out.baseCase.cost[j], ts.cost[s], { abs: 0, rel: 1e-12 }, `cost ${s}`);
      expectClose(out.baseCase.effect[j], ts.effect[s], { abs: 0, rel: 1e-12 }, `ly ${s}`);
    });
    const { trace } = out.baseCase;
    expect(trace.states).toEqual(["A", "B", "C", "D"]);
    expect(trace.strategies.mono).toHaveLength(21);
    ref.expected.trace_mono.forEach((row: number[], k: number) => {
      expect(trace.strategies.mono?.[k + 1]?.map((x) => round(x, 8))).toEqual(row);
    });
    expect(trace.strategies.comb?.[1]?.map((x) => round(x, 8))).toEqual(ref.expected.trace_comb_m1);
  });
});

describe("models/sick-sicker.model.yaml (DARTH cohort tutorial, darth-simpson)", () => {
  const ref = loadFixture("reference/markov/sick-sicker.json");

  test("every strategy's cost (4 decimals) and QALYs (6 decimals), statuses and printed ICERs", async () => {
    const out = await runJson("models/sick-sicker.model.yaml");
    expect(out.strategies.map((s) => s.name)).toEqual(ref.expected.strategies);
    const ts = await runBaseCase(sickSicker);
    ref.expected.strategies.forEach((s: "SoC" | "A" | "B" | "AB", j: number) => {
      expect(round(out.baseCase.cost[j] as number, 4), `cost ${s}`).toBe(ref.expected.cost[j]);
      expect(round(out.baseCase.effect[j] as number, 6), `QALYs ${s}`).toBe(ref.expected.effect[j]);
      expectClose(out.baseCase.cost[j], ts.cost[s], { abs: 0, rel: 1e-12 }, `cost ${s} vs TS`);
      expectClose(out.baseCase.effect[j], ts.effect[s], { abs: 0, rel: 1e-12 }, `QALYs ${s} vs TS`);
    });
    const code: Record<string, string> = { "non-dominated": "ND", dominated: "D" };
    for (const row of out.baseCase.icers) {
      expect(row.status, row.strategy).toBe(code[ref.expected.status[row.strategy]]);
    }
    const icer = (s: string) => out.baseCase.icers.find((r) => r.strategy === s)?.icer as number;
    expect(round(icer("B"), 0)).toBe(ref.expected.printed_icer.B);
    expect(round(icer("AB"), 0)).toBe(ref.expected.printed_icer.AB);
  });

  test("the published trace m_0 … m_5 to 3 decimals", async () => {
    const out = await runJson("models/sick-sicker.model.yaml");
    ref.expected.trace_soc_rounded_3.forEach((row: number[], t: number) => {
      expect(
        out.baseCase.trace.strategies.SoC?.[t]?.map((x) => round(x, 3)),
        `m_${t}`,
      ).toEqual(row);
    });
  });

  test("with correction: simpson, half-cycle or none, the reference's standard-of-care results", async () => {
    const text = readFileSync("models/sick-sicker.model.yaml", "utf8");
    for (const correction of ["simpson", "half-cycle", "none"] as const) {
      const file = `models/ss-${correction}.model.yaml`;
      const changed = text.replace("correction: darth-simpson", `correction: ${correction}`);
      expect(changed).not.toBe(text);
      const out = await runJson(file, { [file]: changed });
      const [cost, qaly] = ref.expected.other_corrections_soc[correction];
      expect(round(out.baseCase.cost[0] as number, 4), `${correction} cost`).toBe(cost);
      expect(round(out.baseCase.effect[0] as number, 6), `${correction} QALYs`).toBe(qaly);
    }
  });
});
