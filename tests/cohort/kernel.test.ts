/**
 * The cohort kernel: invariants over random models (fast-check), checked against a dense
 * reference implementation, and the located errors for bad rows.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cohortWorkspace } from "../../src/cohort/kernel.js";
import { C, defineCohortModel, ModelError } from "../../src/index.js";
import {
  allowsTransitionRewards,
  buildRandomCohort,
  conventions,
  denseReference,
  perCycleConventions,
  randomCohort,
  runRecorded,
} from "../helpers/cohort.js";

const relClose = (a: number, b: number, rel: number) =>
  Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

describe("cohortWorkspace", () => {
  test("a tunnel of 150,000 positions: more rows than a function call takes arguments", () => {
    const m = defineCohortModel({
      name: "long",
      parameters: {},
      states: ["A", "D"],
      tunnels: { A: 150_000 },
      initial: { A: 1 },
      cycles: 2,
      cycleLength: 1,
      conventions: { counting: "end", correction: "none", discount: { costs: 0, effects: 0 } },
      outcomes: { cost: "costs", qaly: "effects" },
      cost: "cost",
      effect: "qaly",
      strategies: {
        only: { transitions: { A: { A: C, D: 0.1 }, D: { D: 1 } }, rewards: { qaly: { A: 1 } } },
      },
    });
    const ws = cohortWorkspace(m.cohort, 1);
    // The widest row, A[τ] to A[τ + 1] or D, and its rest: three scratch arrays.
    expect(ws.row.length).toBe(3);
  });
});

describe("runCohortKernel (properties)", () => {
  test("runCohortKernel conserves the cohort: shares sum to 1 within 1e-12 at every cycle, and match a dense reference", () => {
    fc.assert(
      fc.property(randomCohort, conventions, (r, conv) => {
        const { model, columns } = buildRandomCohort(r, conv);
        const { trace, E, T } = runRecorded(model, columns, r.n);
        for (let s = 0; s < r.n; s++) {
          const ref = denseReference(r, s);
          for (let t = 0; t < T; t++) {
            let total = 0;
            for (let e = 0; e < E; e++) {
              const x = trace[(t * E + e) * r.n + s] as number;
              total += x;
              expect(relClose(x, ref.trace[t]?.[e] as number, 1e-12)).toBe(true);
            }
            expect(Math.abs(total - 1)).toBeLessThanOrEqual(1e-12);
          }
        }
      }),
    );
  });

  test("runCohortKernel with every cost zero gives a cost of exactly zero", () => {
    fc.assert(
      fc.property(randomCohort, conventions, (r, conv) => {
        const { model, columns } = buildRandomCohort(r, conv, { zeroCosts: true });
        const { cost } = runRecorded(model, columns, r.n);
        for (const c of cost) expect(c).toBe(0);
      }),
    );
  });

  test("runCohortKernel at rate 0 with all and none gives the undiscounted sum over m_0 … m_n (state and transition rewards)", () => {
    fc.assert(
      fc.property(randomCohort, (r) => {
        const conv = {
          counting: "all",
          correction: "none",
          discount: { costs: 0, effects: 0 },
        } as const;
        const { model, columns } = buildRandomCohort(r, conv);
        const { cost, effect } = runRecorded(model, columns, r.n);
        for (let s = 0; s < r.n; s++) {
          const ref = denseReference(r, s);
          const sumCost =
            ref.cost.reduce((a, b) => a + b, 0) + ref.deathFlowCost.reduce((a, b) => a + b, 0);
          const sumEffect = ref.effect.reduce((a, b) => a + b, 0);
          expect(relClose(cost[s] as number, sumCost, 1e-12)).toBe(true);
          expect(relClose(effect[s] as number, sumEffect, 1e-12)).toBe(true);
        }
      }),
    );
  });

  test("runCohortKernel: half-cycle over all equals the mean of start and end (any discount rate)", () => {
    fc.assert(
      fc.property(randomCohort, conventions, (r, conv) => {
        const at = (counting: "start" | "end" | "all", correction: "none" | "half-cycle") => {
          const { model, columns } = buildRandomCohort(r, { ...conv, counting, correction });
          return runRecorded(model, columns, r.n);
        };
        const half = at("all", "half-cycle");
        const start = at("start", "none");
        const end = at("end", "none");
        for (let s = 0; s < r.n; s++) {
          const meanCost = ((start.cost[s] as number) + (end.cost[s] as number)) / 2;
          const meanEffect = ((start.effect[s] as number) + (end.effect[s] as number)) / 2;
          expect(relClose(half.cost[s] as number, meanCost, 1e-12)).toBe(true);
          expect(relClose(half.effect[s] as number, meanEffect, 1e-12)).toBe(true);
        }
      }),
    );
  });

  test("runCohortKernel per cycle: cycle c earns its counted vectors and transition c, discounted from its start or end, as a dense reference", () => {
    fc.assert(
      fc.property(randomCohort, perCycleConventions, (r, conv) => {
        const { model, columns } = buildRandomCohort(r, conv);
        const { cost, effect } = runRecorded(model, columns, r.n);
        const at = conv.discountAt as { costs: string; effects: string };
        const rate = conv.discount as { costs: number; effects: number };
        // Cycle c's factor: (1 + r)^−(c − 1) from its start, (1 + r)^−c from its end.
        const factor = (kind: "costs" | "effects", c: number) =>
          (1 + rate[kind]) ** -(at[kind] === "cycle-start" ? c - 1 : c);
        const withFlows = allowsTransitionRewards(conv);
        for (let s = 0; s < r.n; s++) {
          const ref = denseReference(r, s);
          let sumCost = 0;
          let sumEffect = 0;
          for (let c = 1; c <= r.cycles; c++) {
            // start: m_{c−1}; end: m_c; all (half-cycle): their mean.
            const counted = (x: number[]) =>
              conv.counting === "start"
                ? (x[c - 1] as number)
                : conv.counting === "end"
                  ? (x[c] as number)
                  : 0.5 * ((x[c - 1] as number) + (x[c] as number));
            const flows = withFlows ? (ref.deathFlowCost[c] as number) : 0;
            sumCost += factor("costs", c) * (counted(ref.cost) + flows);
            sumEffect += factor("effects", c) * counted(ref.effect);
          }
          expect(relClose(cost[s] as number, sumCost, 1e-12)).toBe(true);
          expect(relClose(effect[s] as number, sumEffect, 1e-12)).toBe(true);
        }
      }),
    );
  });

  test("runCohortKernel: rewards on end per cycle from the cycle's end are the per-vector end, bit for bit", () => {
    fc.assert(
      fc.property(randomCohort, conventions, (r, conv) => {
        const run = (discountAt: "vector" | "cycle-end") => {
          const at = { ...conv, counting: "end", correction: "none", discountAt } as const;
          const { model, columns } = buildRandomCohort(r, at);
          return runRecorded(model, columns, r.n);
        };
        const perVector = run("vector");
        const perCycle = run("cycle-end");
        expect(Array.from(perCycle.cost)).toEqual(Array.from(perVector.cost));
        expect(Array.from(perCycle.effect)).toEqual(Array.from(perVector.effect));
      }),
    );
  });

  test("runCohortKernel: a tunnel expansion of a memoryless state gives the unexpanded results", () => {
    fc.assert(
      fc.property(
        randomCohort,
        conventions,
        fc.integer({ min: 1, max: 5 }),
        fc.nat(),
        (r, conv, length, pick) => {
          const tunnel = pick % (r.states - 1); // any non-absorbing state
          const plain = buildRandomCohort(r, conv);
          const expanded = buildRandomCohort(r, conv, { tunnel, length });
          expect(expanded.model.cohort.expanded.length).toBe(r.states + length - 1);
          const a = runRecorded(plain.model, plain.columns, r.n);
          const b = runRecorded(expanded.model, expanded.columns, r.n);
          for (let s = 0; s < r.n; s++) {
            expect(relClose(a.cost[s] as number, b.cost[s] as number, 1e-12)).toBe(true);
            expect(relClose(a.effect[s] as number, b.effect[s] as number, 1e-12)).toBe(true);
          }
        },
      ),
    );
  });
});

/** A 3-state model whose A → B probability is a column (and, in `late`, a fill from cycle 3). */
const located = defineCohortModel({
  name: "located",
  parameters: {
    p: { type: "uniform", min: 0, max: 1 },
    q: { type: "uniform", min: 0, max: 1 },
  },
  states: ["A", "B", "D"],
  tunnels: { B: 2 },
  initial: { A: 1 },
  cycles: 5,
  cycleLength: 1,
  conventions: { counting: "end", correction: "none", discount: { costs: 0, effects: 0 } },
  outcomes: { cost: "costs", ly: "effects" },
  cost: "cost",
  effect: "ly",
  strategies: {
    rest: {
      transitions: { A: { A: C, B: "p", D: "q" }, B: { B: C, D: 0.1 }, D: { D: 1 } },
    },
    late: {
      transitions: {
        A: { A: C, D: 0.1 },
        B: {
          B: C,
          D: (out, { p, n, t, tau }) => {
            for (let i = 0; i < n; i++) out[i] = t >= 3 && tau === 2 ? -(p.q[i] as number) : 0.1;
          },
        },
        D: { D: 1 },
      },
    },
  },
});

/** Runs `located` on columns p and q (a chunk starting at `start`). */
function runLocated(p: number[], q: number[], start = 0) {
  const n = p.length;
  const per = () => ({ rest: new Float64Array(n), late: new Float64Array(n) });
  located.evaluate(
    { p: Float64Array.from(p), q: Float64Array.from(q) },
    { cost: per(), effect: per(), outcomes: {} },
    { n, start },
  );
}

describe("runCohortKernel (located errors)", () => {
  test("runCohortKernel names strategy, state, cycle, sample and parameters when a probability exceeds 1", () => {
    const run = () => runLocated([0.2, 0.3, 1.2], [0.1, 0.1, 0.1], 100);
    expect(run).toThrow(ModelError);
    expect(run).toThrow(
      'model located: strategy "rest", state "A", cycle 1, sample 103: the probability A → B is 1.2, not between 0 and 1 (parameters: p = 1.2, q = 0.1)',
    );
  });

  test("runCohortKernel reports explicit probabilities summing above 1 when a row has a rest", () => {
    expect(() => runLocated([0.2, 0.7], [0.1, 0.4])).toThrow(
      'model located: strategy "rest", state "A", cycle 1, sample 2: the probabilities of row A sum to 1.1, above 1, so the rest of the row would be negative (A → B 0.7, A → D 0.4) (parameters: p = 0.7, q = 0.4)',
    );
  });

  test("runCohortKernel reports a negative probability at the cycle and time in state it appears", () => {
    expect(() => runLocated([0.2], [0.05])).toThrow(
      'model located: strategy "late", state "B" (time in state 2), cycle 3, sample 1: the probability B → D is -0.05, not between 0 and 1 (parameters: p = 0.2, q = 0.05)',
    );
  });

  test("runCohortKernel reports a row without a rest that does not sum to 1", () => {
    const full = defineCohortModel({
      name: "full",
      parameters: { p: { type: "uniform", min: 0, max: 1 } },
      states: ["A", "D"],
      initial: { A: 1 },
      cycles: 2,
      cycleLength: 1,
      conventions: { counting: "end", correction: "none", discount: { costs: 0, effects: 0 } },
      outcomes: { cost: "costs", ly: "effects" },
      cost: "cost",
      effect: "ly",
      strategies: { s: { transitions: { A: { A: "p", D: 0.5 }, D: { D: 1 } } } },
    });
    expect(() =>
      full.evaluate(
        { p: Float64Array.of(0.5, 0.4) },
        { cost: { s: new Float64Array(2) }, effect: { s: new Float64Array(2) }, outcomes: {} },
        { n: 2, start: 0 },
      ),
    ).toThrow(
      'model full: strategy "s", state "A", cycle 1, sample 2: the probabilities of row A sum to 0.9, not 1; give one entry as C, the rest of the row (A → A 0.4, A → D 0.5) (parameters: p = 0.4)',
    );
  });
});
