/**
 * cohortTrace: the recorded run, on models whose results can be written by hand (transition and
 * initial rewards, counting, Green Book discounting, a lookup table by age).
 */
import { describe, expect, test } from "vitest";
import { C, cohortTrace, defineCohortModel, lookupTable, runBaseCase } from "../../src/index.js";

/** alive → dead with probability p per cycle; a one-off cost of 100 on each death, 500 at the start. */
function deaths(counting: "start" | "end" | "all", costs: number | "green-book") {
  return defineCohortModel({
    name: "deaths",
    parameters: { p: { type: "fixed", value: 0.1 } },
    states: ["alive", "dead"],
    initial: { alive: 1 },
    cycles: 4,
    cycleLength: 1,
    conventions: { counting, correction: "none", discount: { costs, effects: 0 } },
    outcomes: { cost: "costs", ly: "effects" },
    cost: "cost",
    effect: "ly",
    strategies: {
      s: {
        transitions: { alive: { alive: C, dead: "p" }, dead: { dead: 1 } },
        rewards: { ly: { alive: 1 } },
        transitionRewards: { cost: { alive: { dead: 100 } } },
        initialRewards: { cost: { alive: 500 } },
      },
    },
  });
}

describe("cohortTrace", () => {
  test("cohortTrace: transition rewards of transition t are weighted and discounted like m_t", () => {
    // Deaths in cycle t: 0.9^(t−1) × 0.1; each costs 100, discounted by 1.035^−t; plus 500 at t = 0.
    const trace = cohortTrace(deaths("end", 0.035), { p: 0.1 });
    const s = trace.strategies[0];
    let expected = 500;
    for (let t = 1; t <= 4; t++) expected += 0.9 ** (t - 1) * 0.1 * 100 * 1.035 ** -t;
    expect(s?.total.cost).toBeCloseTo(expected, 12);
    expect(s?.initial.cost).toBe(500);
    expect(s?.perCycle.cost?.reward[1]).toBeCloseTo(10, 12);
    expect(s?.perCycle.cost?.discounted[2]).toBeCloseTo(9 / 1.035 ** 2, 12);
    expect(s?.undiscounted.cost).toBeCloseTo(500 + 100 * (1 - 0.9 ** 4), 12);
    // Life-years on end: 0.9 + 0.81 + 0.729 + 0.6561.
    expect(s?.total.ly).toBeCloseTo(0.9 + 0.81 + 0.729 + 0.6561, 12);
  });

  test("cohortTrace: counted on start, the last transition's one-off rewards are not counted (m_n earns nothing)", () => {
    const s = cohortTrace(deaths("start", 0), { p: 0.1 }).strategies[0];
    expect(s?.total.cost).toBeCloseTo(500 + 100 * (1 - 0.9 ** 3), 12);
    expect(s?.total.ly).toBeCloseTo(1 + 0.9 + 0.81 + 0.729, 12);
  });

  test("cohortTrace: the Green Book schedule discounts like the stepped factors", () => {
    const s = cohortTrace(deaths("end", "green-book"), { p: 0.1 }).strategies[0];
    let expected = 500;
    for (let t = 1; t <= 4; t++) expected += 0.9 ** (t - 1) * 10 * 1.035 ** -t;
    expect(s?.total.cost).toBeCloseTo(expected, 12);
  });

  test("cohortTrace totals are the model's PSA results bit for bit", async () => {
    const model = deaths("all", 0.035);
    const base = await runBaseCase(model);
    const trace = cohortTrace(model, { p: 0.1 });
    expect(trace.strategies[0]?.total.cost).toBe(base.cost.s);
    expect(trace.strategies[0]?.total.ly).toBe(base.effect.s);
  });

  test("cohortTrace: a lookup table by age inside a fill function gives age-banded mortality", () => {
    const mortality = lookupTable([0, 2, 4], [0.1, 0.2, 0.5]);
    const model = defineCohortModel({
      name: "age",
      parameters: { start_age: { type: "fixed", value: 1 } },
      states: ["alive", "dead"],
      initial: { alive: 1 },
      cycles: 4,
      cycleLength: 1,
      conventions: { counting: "end", correction: "none", discount: { costs: 0, effects: 0 } },
      outcomes: { cost: "costs", ly: "effects" },
      cost: "cost",
      effect: "ly",
      strategies: {
        s: {
          transitions: {
            alive: {
              alive: C,
              // Age during cycle t is start_age + t − 1: per sample, then looked up.
              dead: (out, { p, n, t }) => {
                for (let i = 0; i < n; i++)
                  out[i] = mortality.at((p.start_age[i] as number) + t - 1);
              },
            },
            dead: { dead: 1 },
          },
          rewards: { ly: { alive: 1 } },
        },
      },
    });
    const s = cohortTrace(model, { start_age: 1 }).strategies[0];
    // Ages 1, 2, 3, 4 in cycles 1–4: death probabilities 0.1, 0.2, 0.2, 0.5.
    const alive = [1, 0.9, 0.9 * 0.8, 0.9 * 0.8 * 0.8, 0.9 * 0.8 * 0.8 * 0.5];
    s?.trace.forEach((m, t) => {
      expect(m[0]).toBeCloseTo(alive[t] as number, 14);
    });
  });

  test("cohortTrace sums tunnel positions into their state and keeps the expanded trace", () => {
    const model = defineCohortModel({
      name: "tunnel",
      parameters: {},
      states: ["well", "post", "dead"],
      tunnels: { post: 2 },
      initial: { well: 1 },
      cycles: 3,
      cycleLength: 1,
      conventions: { counting: "all", correction: "none", discount: { costs: 0, effects: 0 } },
      outcomes: { cost: "costs", ly: "effects" },
      cost: "cost",
      effect: "ly",
      strategies: {
        s: {
          transitions: {
            well: { well: 0.5, post: 0.5 },
            // Death risk 0.4 in the first cycle after the event, 0.1 later.
            post: {
              post: C,
              dead: (out, { n, tau }) => {
                out.fill(tau === 1 ? 0.4 : 0.1, 0, n);
              },
            },
            dead: { dead: 1 },
          },
          rewards: { cost: { post: (out, { n, tau }) => out.fill(tau === 1 ? 1000 : 100, 0, n) } },
        },
      },
    });
    const trace = cohortTrace(model, {});
    expect(trace.expandedStates).toEqual(["well", "post[1]", "post[2]", "dead"]);
    const s = trace.strategies[0];
    expect(s?.expandedTrace[2]).toEqual([0.25, 0.25, 0.3, 0.2]);
    expect(s?.trace[2]).toEqual([0.25, 0.55, 0.2]);
    // Costs: m_1 post[1] 0.5 × 1000; m_2 0.25 × 1000 + 0.3 × 100; m_3 0.125 × 1000 + (0.15 + 0.27) × 100.
    expect(s?.total.cost).toBeCloseTo(500 + 280 + 125 + 42, 10);
  });
});
