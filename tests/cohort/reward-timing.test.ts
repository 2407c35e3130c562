/**
 * Rewards earned per vector or per cycle (src/cohort/reward-timing.ts): the shares and factors
 * of each index, the conventions that go together, and a model whose state reward changes with
 * the cycle, against sums derived by hand for each of heemod's methods and `first` settings.
 *
 * The model: states A and D, A → D with probability 0.1 each cycle, three cycles, so
 * m_t[A] = 0.9^t: 1, 0.9, 0.81, 0.729. The cost in A is t (the cycle it is valued at), the
 * QALY in A is 1; costs are discounted at 10%, d = 1 / 1.1.
 */
import { describe, expect, test } from "vitest";
import {
  conventionProblem,
  discountTiming,
  rewardTiming,
  timedFactors,
} from "../../src/cohort/reward-timing.js";
import {
  C,
  type CohortConventions,
  cohortMarkdown,
  defineCohortModel,
  perCycle,
  runCohortBaseCase,
} from "../../src/index.js";

const both = (at: "vector" | "cycle-start" | "cycle-end") => ({ costs: at, effects: at });

describe("rewardTiming and timedFactors", () => {
  test("per vector: the counted vectors' weights, on the target alone", () => {
    const t = rewardTiming(3, "all", "half-cycle", both("vector"));
    expect(Array.from(t.weights)).toEqual([0.5, 1, 1, 0.5]);
    expect([t.source, t.target, t.perCycle]).toEqual([false, true, false]);
  });

  test("per cycle: 0 at t = 0, then each cycle's share, on its source, target or both", () => {
    const start = rewardTiming(3, "start", "none", both("cycle-start"));
    expect(Array.from(start.weights)).toEqual([0, 1, 1, 1]);
    expect([start.source, start.target]).toEqual([true, false]);
    const end = rewardTiming(3, "end", "none", both("cycle-end"));
    expect(Array.from(end.weights)).toEqual([0, 1, 1, 1]);
    expect([end.source, end.target]).toEqual([false, true]);
    const life = rewardTiming(3, "all", "half-cycle", {
      costs: "cycle-start",
      effects: "cycle-end",
    });
    expect(Array.from(life.weights)).toEqual([0, 0.5, 0.5, 0.5]);
    expect([life.source, life.target, life.perCycle]).toEqual([true, true, true]);
  });

  test("cycle t takes the vectors' factor d(t − 1) from its start or d(t) from its end", () => {
    const d = Float64Array.of(1, 1 / 1.1, 1 / 1.21, 1 / 1.331);
    expect(Array.from(timedFactors(d, "cycle-start"))).toEqual([1, 1, 1 / 1.1, 1 / 1.21]);
    expect(timedFactors(d, "cycle-end")).toBe(d);
    expect(timedFactors(d, "vector")).toBe(d);
  });

  test("discountTiming reads one value for both kinds, one per kind, or nothing (per vector)", () => {
    expect(discountTiming(undefined)).toEqual(both("vector"));
    expect(discountTiming("cycle-end")).toEqual(both("cycle-end"));
    expect(discountTiming({ costs: "cycle-start", effects: "cycle-end" })).toEqual({
      costs: "cycle-start",
      effects: "cycle-end",
    });
  });
});

describe("conventionProblem", () => {
  test("heemod's three methods per cycle, and every per-vector counting, go together", () => {
    for (const at of ["cycle-start", "cycle-end"] as const) {
      expect(conventionProblem(5, "start", "none", both(at))).toBeUndefined();
      expect(conventionProblem(5, "end", "none", both(at))).toBeUndefined();
      expect(conventionProblem(5, "all", "half-cycle", both(at))).toBeUndefined();
    }
    expect(conventionProblem(5, "all", "darth-simpson", both("vector"))).toBeUndefined();
  });

  test("a per-cycle counting that is not a heemod method is named", () => {
    expect(conventionProblem(5, "all", "none", both("cycle-start"))).toMatch(
      /rewards on all with the none correction have no per-cycle form/,
    );
    expect(conventionProblem(5, "end", "simpson", both("cycle-end"))).toMatch(
      /rewards on end with the simpson correction have no per-cycle form/,
    );
  });

  test("costs per vector and effects per cycle are refused", () => {
    expect(conventionProblem(5, "end", "none", { costs: "vector", effects: "cycle-end" })).toBe(
      "costs and effects must both be discounted per vector or both per cycle; got vector (costs) and cycle-end (effects)",
    );
  });

  test("a correction over one counted vector is named, and rewardTiming throws it", () => {
    expect(conventionProblem(1, "start", "half-cycle", both("vector"))).toBe(
      "the half-cycle correction needs at least two counted state vectors; 1 cycle with rewards on start counts one",
    );
    expect(() => rewardTiming(1, "start", "half-cycle", both("vector"))).toThrow(RangeError);
    expect(conventionProblem(1, "all", "half-cycle", both("vector"))).toBeUndefined();
  });

  test("an unknown value is named", () => {
    expect(conventionProblem(5, "end", "none", both("middle" as never))).toBe(
      "discount_at (costs) must be one of vector, cycle-start, cycle-end, got middle",
    );
  });
});

/** The cost of the file's header: t, the cycle it is valued at; one QALY a cycle in A. */
const TIME_COST = { rewards: { cost: { A: perCycle(({ t }) => t) }, qaly: { A: 1 } } };

/** The two-state model of the file's header with the given counting, timing and rewards. */
function model(
  counting: CohortConventions["counting"],
  correction: CohortConventions["correction"],
  discountAt: NonNullable<CohortConventions["discountAt"]>,
  rewards: object = TIME_COST,
) {
  return defineCohortModel({
    name: "timing",
    parameters: {},
    states: ["A", "D"],
    initial: { A: 1 },
    cycles: 3,
    cycleLength: 1,
    conventions: { counting, correction, discount: { costs: 0.1, effects: 0 }, discountAt },
    outcomes: { cost: "costs", qaly: "effects" },
    cost: "cost",
    effect: "qaly",
    strategies: {
      only: { transitions: { A: { A: C, D: 0.1 }, D: { D: 1 } }, ...(rewards as typeof TIME_COST) },
    },
  });
}

const cost = async (m: ReturnType<typeof model>) =>
  (await runCohortBaseCase(m)).strategies[0]?.total.cost as number;

const d = 1 / 1.1;
const close = (x: number, y: number) => expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-13 * y);

describe("a state reward that changes with the cycle, against sums derived by hand", () => {
  test("per vector, start: m_t valued at t and discounted by d^t, t = 0 … 2", async () => {
    close(await cost(model("start", "none", "vector")), 0 + 0.9 * 1 * d + 0.81 * 2 * d ** 2);
  });

  test('heemod "beginning", first = FALSE: m_{c−1} valued at c, discounted by d^(c−1)', async () => {
    const hand = 1 * 1 * 1 + 0.9 * 2 * d + 0.81 * 3 * d ** 2;
    close(await cost(model("start", "none", "cycle-start")), hand);
  });

  test('heemod "beginning", first = TRUE: m_{c−1} valued at c, discounted by d^c', async () => {
    const hand = 1 * 1 * d + 0.9 * 2 * d ** 2 + 0.81 * 3 * d ** 3;
    close(await cost(model("start", "none", "cycle-end")), hand);
  });

  test('heemod "end", first = FALSE: m_c valued at c, discounted by d^(c−1)', async () => {
    const hand = 0.9 * 1 * 1 + 0.81 * 2 * d + 0.729 * 3 * d ** 2;
    close(await cost(model("end", "none", "cycle-start")), hand);
  });

  test('heemod "end", first = TRUE, is the per-vector end, bit for bit', async () => {
    const hand = 0.9 * 1 * d + 0.81 * 2 * d ** 2 + 0.729 * 3 * d ** 3;
    const perCycleEnd = await cost(model("end", "none", "cycle-end"));
    close(perCycleEnd, hand);
    expect(perCycleEnd).toBe(await cost(model("end", "none", "vector")));
  });

  test('heemod "life-table": ½(m_{c−1} + m_c) valued at c, discounted by d^(c−1) or d^c', async () => {
    const pairs = [1 + 0.9, 0.9 + 0.81, 0.81 + 0.729];
    const first = (shift: number) =>
      pairs.reduce((s, pair, k) => s + 0.5 * pair * (k + 1) * d ** (k + shift), 0);
    close(await cost(model("all", "half-cycle", "cycle-start")), first(0));
    close(await cost(model("all", "half-cycle", "cycle-end")), first(1));
    // The per-vector trapezoid values each vector at its own cycle: another number.
    const trapezoid = await cost(model("all", "half-cycle", "vector"));
    const hand = 0.5 * 0 + 0.9 * 1 * d + 0.81 * 2 * d ** 2 + 0.5 * 0.729 * 3 * d ** 3;
    close(trapezoid, hand);
  });

  test("the recorded cycles add up to the total: index 0 earns nothing per cycle", async () => {
    const trace = await runCohortBaseCase(model("all", "half-cycle", "cycle-start"));
    const s = trace.strategies[0];
    const perCycleCost = s?.perCycle.cost;
    expect(trace.weights).toEqual([0, 0.5, 0.5, 0.5]);
    expect(perCycleCost?.reward[0]).toBe(0);
    // Cycle 1: (m_0 + m_1) valued at 1, before its share of ½.
    close(perCycleCost?.reward[1] as number, 1.9);
    const sum = (perCycleCost?.discounted ?? []).reduce((a, b) => a + b, 0);
    close(sum, s?.total.cost as number);
  });

  test("per cycle, the QALYs of the mean of two vectors are undiscounted life-years", async () => {
    const trace = await runCohortBaseCase(model("all", "half-cycle", "cycle-start"));
    close(trace.strategies[0]?.total.qaly as number, 0.5 * (1.9 + 1.71 + 1.539));
  });
});

describe("the cohort report states where rewards are discounted", () => {
  test("per vector, per cycle, and per cycle with costs and effects apart", async () => {
    const conventions = async (at: NonNullable<CohortConventions["discountAt"]>) =>
      cohortMarkdown({ base: await runCohortBaseCase(model("start", "none", at)) });
    expect(await conventions("vector")).toContain(
      "discounted at 10% (costs) and 0% (effects) a year, the reward on m_t by D(t × cycle length).",
    );
    expect(await conventions("cycle-start")).toContain(
      "per cycle as heemod does: cycle c earns on its counted vectors valued at cycle c, discounted by D((c − 1) × cycle length) (cycle-start).",
    );
    expect(await conventions({ costs: "cycle-start", effects: "cycle-end" })).toContain(
      "discounted costs by D((c − 1) × cycle length) (cycle-start), effects by D((c) × cycle length) (cycle-end).",
    );
  });
});

describe("defineCohortModel refuses what per-cycle rewards cannot do", () => {
  /** The two-state model with a transition cost on A → D. */
  const withEntryCost = (counting: "start" | "end" | "all", discountAt: "vector" | "cycle-start") =>
    model(counting, counting === "all" ? "half-cycle" : "none", discountAt, {
      rewards: { qaly: { A: 1 } },
      transitionRewards: { cost: { A: { D: 500 } } },
    });

  test("transition rewards per cycle on start or on all (heemod earns them a cycle later, or splits them)", () => {
    for (const counting of ["start", "all"] as const) {
      expect(() => withEntryCost(counting, "cycle-start")).toThrow(
        /strategies\.only\.transitionRewards: transition rewards are earned per cycle only with rewards on end/,
      );
      expect(() => withEntryCost(counting, "vector")).not.toThrow();
    }
  });

  test('on end, transition c is earned in cycle c, discounted as it (heemod\'s "end")', async () => {
    // Deaths in transition c: 0.1 × 0.9^(c − 1), × 500, discounted by d^(c − 1).
    const hand = 500 * (0.1 * 1 + 0.1 * 0.9 * d + 0.1 * 0.81 * d ** 2);
    const trace = await runCohortBaseCase(withEntryCost("end", "cycle-start"));
    close(trace.strategies[0]?.total.cost as number, hand);
  });
});
