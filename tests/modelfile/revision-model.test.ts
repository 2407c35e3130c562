/**
 * A model file with time-dependent transitions (a Weibull hazard in t), age-dependent mortality
 * from a life table (lookup), a tunnel state (time_in_state), transition rewards with several
 * rules on one flow, initial costs, separate discount rates for costs and effects and
 * darth-simpson weights, checked against an independent dense-matrix computation written out
 * here from the semantics of issue 14 (no engine code).
 */
import { describe, expect, test } from "vitest";
import { runInProcess } from "../helpers/cli.js";
import { expectClose } from "../helpers/reference.js";

const FILE = "tests/fixtures/modelfile/revision.model.yaml";

/** The life table of tests/fixtures/modelfile/life-table.csv (female column). */
const LIFE: [number, number][] = [
  [60, 0.0058],
  [65, 0.0093],
  [70, 0.0156],
  [75, 0.0268],
  [80, 0.048],
  [85, 0.0892],
  [90, 0.162],
];
const lifeAt = (age: number) => {
  let v = Number.NaN;
  for (const [key, q] of LIFE) if (key <= age) v = q;
  return v;
};

/** Base-case values: fixed values, means, base: values and the lognormal's median. */
const P = {
  startAge: 60,
  lambda: 0.01,
  gamma: 1.35,
  rrNew: 0.6,
  pOpDeath: 2 / 100,
  pRecover: 0.9,
  cWell: 120,
  cOp: 6000,
  cDeath: 800,
  cPrimary: 5000,
  cNew: 900,
  uWell: 0.85,
  uRec: 0.6,
};

/**
 * Dense computation: states Well, Rec[1], Rec[2], Rec[3], Dead; m_t = m_{t−1} P_t; rewards on
 * m_0 … m_20 weighted 1/3, 2/3, 4/3, …, 1/3 (darth-simpson) and discounted (1 + r)^−t; the flows
 * of transition t earn their rewards with m_t's weight and discount; initial costs once.
 */
function dense(rr: number): { cost: number; qaly: number } {
  const n = 20;
  const W = 0;
  const R = [1, 2, 3];
  const D = 4;
  const weight = (t: number) => (t === 0 || t === n ? 1 / 3 : t % 2 === 1 ? 2 / 3 : 4 / 3);
  let m = [1, 0, 0, 0, 0];
  const stateCost = (s: number, t: number) =>
    s === W ? P.cWell * (1 + 0.02 * t) : s === 1 ? 1500 : s === 2 || s === 3 ? 300 : 0;
  const stateQaly = (s: number) =>
    s === W ? P.uWell : s === 1 ? P.uRec - 0.1 : s === 2 || s === 3 ? P.uRec : 0;
  let cost = P.cPrimary + (rr === 1 ? 0 : P.cNew);
  let qaly = 0;
  const add = (t: number, c: number, e: number) => {
    cost += weight(t) * 1.035 ** -t * c;
    qaly += weight(t) * 1.015 ** -t * e;
  };
  add(
    0,
    m.reduce((s, x, k) => s + x * stateCost(k, 0), 0),
    m.reduce((s, x, k) => s + x * stateQaly(k), 0),
  );
  for (let t = 1; t <= n; t++) {
    const q = lifeAt(P.startAge + t - 1);
    const h = P.lambda * (t ** P.gamma - Math.max(t - 1, 0) ** P.gamma);
    const pFail = 1 - Math.exp(-h * rr);
    const Pm = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    (Pm[W] as number[])[D] = q;
    (Pm[W] as number[])[1] = (1 - q) * pFail;
    (Pm[W] as number[])[W] = 1 - q - (1 - q) * pFail;
    for (const r of R) {
      const tau = r;
      const dead = tau === 1 ? P.pOpDeath : q;
      const well = tau >= 3 ? P.pRecover * (1 - q) : 0;
      const row = Pm[r] as number[];
      row[D] = dead;
      row[W] = well;
      row[Math.min(r + 1, 3)] = 1 - dead - well;
    }
    (Pm[D] as number[])[D] = 1;
    // Transition rewards on the flows of this transition.
    let flowCost = 0;
    let flowQaly = 0;
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        const flow = (m[i] as number) * ((Pm[i] as number[])[j] as number);
        const intoRec = j === 1 && i !== 1 && i !== 2 && i !== 3;
        const intoDead = j === D && i !== D;
        const fromRecOut = R.includes(i) && !R.includes(j);
        if (intoRec) flowCost += flow * (P.cOp + (i === W ? 200 : 0));
        if (intoDead) flowCost += flow * P.cDeath;
        if (intoRec) flowQaly += flow * -0.05;
        if (fromRecOut) flowQaly += flow * (P.startAge + t > 75 ? -0.01 : 0);
      }
    }
    m = [0, 1, 2, 3, 4].map((j) =>
      m.reduce((s, x, i) => s + x * ((Pm[i] as number[])[j] as number), 0),
    );
    add(
      t,
      m.reduce((s, x, k) => s + x * stateCost(k, t), 0) + flowCost,
      m.reduce((s, x, k) => s + x * stateQaly(k), 0) + flowQaly,
    );
  }
  return { cost, qaly };
}

describe("a model file with every feature of the hidden published models", () => {
  test("ceakit run --format json matches the dense-matrix computation to 1e-12 relative", async () => {
    const r = await runInProcess(["run", FILE, "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const standard = dense(1);
    const neu = dense(P.rrNew);
    expectClose(out.baseCase.cost[0], standard.cost, { abs: 0, rel: 1e-12 }, "cost standard");
    expectClose(out.baseCase.effect[0], standard.qaly, { abs: 0, rel: 1e-12 }, "QALYs standard");
    expectClose(out.baseCase.cost[1], neu.cost, { abs: 0, rel: 1e-12 }, "cost new");
    expectClose(out.baseCase.effect[1], neu.qaly, { abs: 0, rel: 1e-12 }, "QALYs new");
    // The trace sums tunnel positions: three states, 21 vectors, each summing to 1.
    expect(out.baseCase.trace.states).toEqual(["Well", "Recovery", "Dead"]);
    for (const row of out.baseCase.trace.strategies.new) {
      expect(row.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(out.baseCase.trace.strategies.new).toHaveLength(21);
  });

  test("a lookup below the table's first key is a located error naming the table and x", async () => {
    const text = (await import("node:fs"))
      .readFileSync(FILE, "utf8")
      .replace("start_age: 60", "start_age: 50");
    const r = await runInProcess(["run", FILE, "--samples", "10"], { [FILE]: text });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: tests\/fixtures\/modelfile\/revision\.model\.yaml:\d+:\d+ strategies\.standard\.transitions\.Well\.Dead: strategy "standard", Well → Dead: "q" looks up 50 in table life, below its first age \(60\) at t = 1/,
    );
  });
});
