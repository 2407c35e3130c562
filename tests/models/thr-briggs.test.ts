/**
 * The total hip replacement model of Briggs et al. (2006, Example 3.5), written as a model file
 * (tests/fixtures/modelfile/thr.model.yaml), against the published figures heemod's exact-match
 * test asserts (TV8, tests/fixtures/reference/vectors/tv08-briggs-markov-icers.json), and the
 * counting conventions the README states against heemod's.
 *
 * heemod's test (tests/testthat/test_dmhee.R) runs this model with `method = "beginning"` over
 * 61 cycles, as TV8's description says: from heemod 0.14.0 on, "beginning" counts m_0 … m_60,
 * ceakit's `rewards_on: start` (heemod before 0.14.0 named its methods the other way round).
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { runInProcess } from "../helpers/cli.js";
import { expectClose, loadFixture } from "../helpers/reference.js";

const MODEL = "tests/fixtures/modelfile/thr.model.yaml";
const tv8 = loadFixture("reference/vectors/tv08-briggs-markov-icers.json");

/** Rounds to `decimals` decimals, as the source prints. */
const round = (x: number, decimals: number) => Number(x.toFixed(decimals));

interface BaseCase {
  cost: number[];
  effect: number[];
  icers: { strategy: string; status: string; icer: number | null }[];
}

/** `ceakit run` of the model file, or of its text changed by `edit`; the base case. */
async function baseCase(edit?: (text: string) => string): Promise<BaseCase> {
  const path = "tests/fixtures/modelfile/thr-edited.model.yaml";
  const original = readFileSync(MODEL, "utf8");
  const text = edit === undefined ? original : edit(original);
  if (edit !== undefined) expect(text, "the edit applies").not.toBe(original);
  const r = await runInProcess(["run", path, "--format", "json", "--samples", "20"], {
    [path]: text,
  });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { baseCase: BaseCase }).baseCase;
}

/** Female mortality per year by the lower edge of its age band (heemod's `death_prob`). */
const MORTALITY: readonly [number, number][] = [
  [85, 0.1548],
  [75, 0.0535],
  [65, 0.0193],
  [55, 0.0067],
  [45, 0.0026],
  [35, 0.00099],
];

/**
 * The cohort trace m_0 … m_61 computed by hand from the book's definitions (dense 5 × 5
 * matrices; the engine's code is not used): states PrimaryTHR, SuccessP, RevisionTHR, SuccessR,
 * Death; a Weibull revision hazard in time since the operation; age 60 + t in cycle t.
 */
function trace(np1: boolean): number[][] {
  const lambda = Math.exp(-5.490935 - 0.0367022 * 60);
  const gamma = Math.exp(0.3740968);
  const rr = np1 ? Math.exp(-1.344474) : 1;
  const m = [[1, 0, 0, 0, 0]];
  for (let t = 1; t <= 61; t++) {
    const q = (MORTALITY.find(([age]) => age <= 60 + t) as [number, number])[1];
    const revise = 1 - Math.exp(lambda * rr * ((t - 1) ** gamma - t ** gamma));
    const P = [
      [0, 0.98, 0, 0, 0.02],
      [0, 1 - revise - q, revise, 0, q],
      [0, 0, 0, 1 - 0.02 - q, 0.02 + q],
      [0, 0, 0.04, 1 - 0.04 - q, q],
      [0, 0, 0, 0, 1],
    ];
    const prev = m[t - 1] as number[];
    m.push([0, 1, 2, 3, 4].map((j) => prev.reduce((s, x, i) => s + x * (P[i]?.[j] as number), 0)));
  }
  return m;
}

/** Per-vector rewards: cost and QALYs of m_t (before weights and discounting). */
function rewards(np1: boolean): { cost: number[]; qaly: number[] } {
  const c = [np1 ? 579 : 394, 0, 5294, 0, 0];
  const u = [0, 0.85, 0.3, 0.75, 0];
  const dot = (m: number[], v: number[]) => m.reduce((s, x, i) => s + x * (v[i] as number), 0);
  const m = trace(np1);
  return { cost: m.map((mt) => dot(mt, c)), qaly: m.map((mt) => dot(mt, u)) };
}

/** Σ_t w_t · x_t · (1 + r)^−t over t = 0 … 61. */
const weighted = (x: number[], w: (t: number) => number, r: number) =>
  x.reduce((s, xt, t) => s + w(t) * xt * (1 + r) ** -t, 0);

/**
 * heemod's "life-table" count for cycle t (t = 1 … 61) is ½(m_{t−1} + m_t), and its value is
 * discounted as cycle t: by (1 + r)^−(t−1) with discount()'s default first = FALSE.
 */
function heemodLifeTable(x: number[], r: number): number {
  let s = 0;
  for (let t = 1; t < x.length; t++) {
    s += 0.5 * ((x[t - 1] as number) + (x[t] as number)) * (1 + r) ** -(t - 1);
  }
  return s;
}

describe("THR model (Briggs et al. 2006 Ex. 3.5) as a model file", () => {
  test("the published costs, QALYs and ICER to their printed decimals", async () => {
    const out = await baseCase();
    const thr = tv8.input.thr;
    expect(round(out.cost[0] as number, 6)).toBe(thr.cost[0]);
    expect(round(out.cost[1] as number, 6)).toBe(thr.cost[1]);
    expect(round(out.effect[0] as number, 7)).toBe(thr.effect[0]);
    expect(round(out.effect[1] as number, 8)).toBe(thr.effect[1]);
    const np1 = out.icers.find((r) => r.strategy === "np1");
    expect(np1?.status).toBe("ND");
    expect(round(np1?.icer ?? Number.NaN, 6)).toBe(tv8.expected.thr.icer);
  });

  test("the same numbers as the trace computed by hand, to 1e-12 relative", async () => {
    const out = await baseCase();
    [false, true].forEach((np1, j) => {
      const { cost, qaly } = rewards(np1);
      // rewards_on: start, no correction: m_0 … m_60, m_61 weighs 0
      const start = (t: number) => (t < 61 ? 1 : 0);
      expectClose(out.cost[j], weighted(cost, start, 0.06), { abs: 0, rel: 1e-12 }, `cost ${j}`);
      expectClose(out.effect[j], weighted(qaly, start, 0.015), { abs: 0, rel: 1e-12 }, `qaly ${j}`);
    });
  });
});

describe("all + half-cycle against heemod's life-table method (README, Conventions)", () => {
  const perCycle = (at: string) => (text: string) =>
    text.replace(/^correction: (.*)$/m, `correction: $1\ndiscount_at: ${at}`);

  // Anchored to whole lines: the model's header comment names its settings too.
  const halfCycle = (text: string) =>
    text
      .replace(/^rewards_on: start$/m, "rewards_on: all")
      .replace(/^correction: none$/m, "correction: half-cycle");
  const undiscounted = (text: string) =>
    text.replace(
      /^discount: \{ costs: 0\.06, effects: 0\.015 \}$/m,
      "discount: { costs: 0, effects: 0 }",
    );

  test("without discounting they are the same", async () => {
    const out = await baseCase((t) => undiscounted(halfCycle(t)));
    [false, true].forEach((np1, j) => {
      const { cost, qaly } = rewards(np1);
      expectClose(out.cost[j], heemodLifeTable(cost, 0), { abs: 0, rel: 1e-12 }, `cost ${j}`);
      expectClose(out.effect[j], heemodLifeTable(qaly, 0), { abs: 0, rel: 1e-12 }, `qaly ${j}`);
    });
  });

  test("with discounting per vector each vector keeps its own factor: the trapezoid, not heemod's", async () => {
    const out = await baseCase(halfCycle);
    const trapezoid = (t: number) => (t === 0 || t === 61 ? 0.5 : 1);
    const { cost, qaly } = rewards(false);
    expectClose(out.cost[0], weighted(cost, trapezoid, 0.06), { abs: 0, rel: 1e-12 }, "cost");
    expectClose(out.effect[0], weighted(qaly, trapezoid, 0.015), { abs: 0, rel: 1e-12 }, "qaly");
    // heemod discounts the averaged pair as one cycle: about 1% more here, in both outcomes
    const costGap = heemodLifeTable(cost, 0.06) / (out.cost[0] as number) - 1;
    const qalyGap = heemodLifeTable(qaly, 0.015) / (out.effect[0] as number) - 1;
    expect(costGap).toBeGreaterThan(0.005);
    expect(qalyGap).toBeGreaterThan(0.005);
  });
  test("discounted per cycle (discount_at: cycle-start) it is heemod's life-table, to 1e-12", async () => {
    const out = await baseCase((t) => perCycle("cycle-start")(halfCycle(t)));
    [false, true].forEach((np1, j) => {
      const { cost, qaly } = rewards(np1);
      expectClose(out.cost[j], heemodLifeTable(cost, 0.06), { abs: 0, rel: 1e-12 }, `cost ${j}`);
      expectClose(out.effect[j], heemodLifeTable(qaly, 0.015), { abs: 0, rel: 1e-12 }, `qaly ${j}`);
    });
  });

  test("with first = TRUE (discount_at: cycle-end) each cycle is discounted one period more", async () => {
    const out = await baseCase((t) => perCycle("cycle-end")(halfCycle(t)));
    const { cost, qaly } = rewards(false);
    expectClose(out.cost[0], heemodLifeTable(cost, 0.06) / 1.06, { abs: 0, rel: 1e-12 }, "cost");
    expectClose(
      out.effect[0],
      heemodLifeTable(qaly, 0.015) / 1.015,
      { abs: 0, rel: 1e-12 },
      "qaly",
    );
  });
});

describe("heemod's other method and first combinations, per cycle", () => {
  /** Σ_{c=1…61} x(c) · (1 + r)^−(c − 1 + shift). */
  const cycles = (x: (c: number) => number, r: number, shift: number) => {
    let s = 0;
    for (let c = 1; c <= 61; c++) s += x(c) * (1 + r) ** -(c - 1 + shift);
    return s;
  };
  const edit = (rewardsOn: string, at: string) => (text: string) =>
    text
      .replace(/^rewards_on: start$/m, `rewards_on: ${rewardsOn}`)
      .replace(/^correction: none$/m, `correction: none\ndiscount_at: ${at}`);

  test('"beginning" with first = FALSE (the published THR) per cycle: the same as per vector, bit for bit', async () => {
    const perVector = await baseCase();
    const out = await baseCase(edit("start", "cycle-start"));
    expect(out.cost).toEqual(perVector.cost);
    expect(out.effect).toEqual(perVector.effect);
  });

  test('"beginning" with first = TRUE: m_{c−1} discounted by (1 + r)^−c', async () => {
    const out = await baseCase(edit("start", "cycle-end"));
    const { cost, qaly } = rewards(false);
    const c = cycles((k) => cost[k - 1] as number, 0.06, 1);
    const q = cycles((k) => qaly[k - 1] as number, 0.015, 1);
    expectClose(out.cost[0], c, { abs: 0, rel: 1e-12 }, "cost");
    expectClose(out.effect[0], q, { abs: 0, rel: 1e-12 }, "qaly");
  });

  test('"end" with first = FALSE: m_c discounted by (1 + r)^−(c − 1)', async () => {
    const out = await baseCase(edit("end", "cycle-start"));
    const { cost, qaly } = rewards(true);
    const c = cycles((k) => cost[k] as number, 0.06, 0);
    const q = cycles((k) => qaly[k] as number, 0.015, 0);
    expectClose(out.cost[1], c, { abs: 0, rel: 1e-12 }, "cost");
    expectClose(out.effect[1], q, { abs: 0, rel: 1e-12 }, "qaly");
  });
});
