/**
 * Random cohort models for property tests: S states, the last one absorbing, every other row
 * made of per-sample probabilities (parameter columns q_i_j in [0, 1/S)) with the diagonal the
 * rest of the row; per-state costs (columns c_i) and constant effects; and a dense reference
 * implementation (matrix × vector, no engine code) to compare with.
 */
import fc from "fast-check";
import { discountTiming } from "../../src/cohort/reward-timing.js";
import {
  C,
  type CohortConventions,
  type CohortModel,
  cohortEvaluator,
  defineCohortModel,
} from "../../src/index.js";

export interface RandomCohort {
  readonly states: number;
  readonly cycles: number;
  readonly n: number;
  /** q[i][j][s]: probability i → j (i ≠ j, i not absorbing) in sample s. */
  readonly q: number[][][];
  /** cost[i][s]. */
  readonly cost: number[][];
  /** effect per cycle in state i. */
  readonly effect: number[];
  /** Transition cost on i → last state (death), per state. */
  readonly deathCost: number[];
}

/** fast-check arbitrary of a random cohort with n samples. */
export const randomCohort: fc.Arbitrary<RandomCohort> = fc
  .record({
    states: fc.integer({ min: 2, max: 5 }),
    cycles: fc.integer({ min: 2, max: 25 }),
    n: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  })
  .map(({ states, cycles, n, seed }) => {
    let x = seed;
    const u = () => {
      // A small LCG: the values only need to vary.
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 2 ** 32;
    };
    const S = states;
    const q = Array.from({ length: S }, (_, i) =>
      Array.from({ length: S }, (_, j) =>
        Array.from({ length: n }, () => (i === j || i === S - 1 ? 0 : u() / S)),
      ),
    );
    return {
      states: S,
      cycles,
      n,
      q,
      cost: Array.from({ length: S }, (_, i) =>
        Array.from({ length: n }, () => (i === S - 1 ? 0 : 1000 * u())),
      ),
      effect: Array.from({ length: S }, (_, i) => (i === S - 1 ? 0 : u())),
      deathCost: Array.from({ length: S }, () => 100 * u()),
    };
  });

export const conventions: fc.Arbitrary<CohortConventions> = fc.record({
  counting: fc.constantFrom("start" as const, "end" as const, "all" as const),
  correction: fc.constantFrom(
    "none" as const,
    "half-cycle" as const,
    "simpson" as const,
    "darth-simpson" as const,
  ),
  discount: fc.record({
    costs: fc.double({ min: 0, max: 0.1, noNaN: true }),
    effects: fc.double({ min: 0, max: 0.1, noNaN: true }),
  }),
});

/**
 * Conventions with rewards earned per cycle (heemod's methods): start or end with no
 * correction, or all with the half-cycle correction, each kind discounted from the cycle's
 * start or end.
 */
export const perCycleConventions: fc.Arbitrary<CohortConventions> = fc
  .record({
    method: fc.constantFrom("start", "end", "all"),
    discount: fc.record({
      costs: fc.double({ min: 0, max: 0.1, noNaN: true }),
      effects: fc.double({ min: 0, max: 0.1, noNaN: true }),
    }),
    discountAt: fc.record({
      costs: fc.constantFrom("cycle-start" as const, "cycle-end" as const),
      effects: fc.constantFrom("cycle-start" as const, "cycle-end" as const),
    }),
  })
  .map(({ method, discount, discountAt }) => ({
    counting: method as CohortConventions["counting"],
    correction: method === "all" ? ("half-cycle" as const) : ("none" as const),
    discount,
    discountAt,
  }));

/**
 * Whether a model with these conventions can have transition rewards: per vector, or per cycle
 * with rewards on end (heemod's "end").
 */
export const allowsTransitionRewards = (conv: CohortConventions) =>
  discountTiming(conv.discountAt).costs === "vector" || conv.counting === "end";

/**
 * Builds the model (optionally with state `tunnel` expanded to `length`) and its columns. The
 * transition rewards (a cost on each move to the last state) are left out where the conventions
 * do not allow them ({@link allowsTransitionRewards}).
 */
export function buildRandomCohort(
  r: RandomCohort,
  conv: CohortConventions,
  options: { tunnel?: number; length?: number; zeroCosts?: boolean } = {},
): { model: CohortModel; columns: Record<string, Float64Array> } {
  const S = r.states;
  const name = (i: number) => `s${i}`;
  const states = Array.from({ length: S }, (_, i) => name(i));
  const columns: Record<string, Float64Array> = {};
  const parameters: Record<string, { type: "uniform"; min: number; max: number }> = {};
  const transitions: Record<string, Record<string, unknown>> = {};
  const cost: Record<string, string> = {};
  const effect: Record<string, number> = {};
  const death: Record<string, Record<string, number>> = {};
  for (let i = 0; i < S; i++) {
    const row: Record<string, unknown> = {};
    for (let j = 0; j < S; j++) {
      if (i === j) row[name(j)] = i === S - 1 ? 1 : C;
      else if (i !== S - 1) {
        const col = `q_${i}_${j}`;
        columns[col] = Float64Array.from(r.q[i]?.[j] as number[]);
        parameters[col] = { type: "uniform", min: 0, max: 1 / S };
        row[name(j)] = col;
      }
    }
    transitions[name(i)] = row;
    const c = `c_${i}`;
    columns[c] = Float64Array.from(r.cost[i] as number[], (v) => (options.zeroCosts ? 0 : v));
    parameters[c] = { type: "uniform", min: 0, max: 1000 };
    cost[name(i)] = c;
    effect[name(i)] = r.effect[i] as number;
    if (i !== S - 1)
      death[name(i)] = { [name(S - 1)]: options.zeroCosts ? 0 : (r.deathCost[i] as number) };
  }
  const model = defineCohortModel({
    name: "random",
    parameters,
    states,
    ...(options.tunnel === undefined
      ? {}
      : { tunnels: { [name(options.tunnel)]: options.length ?? 2 } }),
    initial: { s0: 1 },
    cycles: r.cycles,
    cycleLength: 1,
    conventions: conv,
    outcomes: { cost: "costs", effect: "effects" },
    cost: "cost",
    effect: "effect",
    strategies: {
      only: {
        transitions: transitions as never,
        rewards: { cost: cost as never, effect: effect as never },
        ...(allowsTransitionRewards(conv) ? { transitionRewards: { cost: death as never } } : {}),
      },
    },
  }) as unknown as CohortModel;
  return { model, columns };
}

/** Runs the model over all samples with everything recorded. */
export function runRecorded(model: CohortModel, columns: Record<string, Float64Array>, n: number) {
  const plan = model.cohort;
  const E = plan.expanded.length;
  const T = plan.cycles + 1;
  const O = plan.outcomes.length;
  const cost = new Float64Array(n);
  const effect = new Float64Array(n);
  const record = {
    trace: [new Float64Array(T * E * n)],
    rewards: [new Float64Array(O * T * n)],
    initial: [new Float64Array(O * n)],
  };
  cohortEvaluator(plan)(
    columns,
    { cost: { only: cost }, effect: { only: effect }, outcomes: {} },
    { n, start: 0 },
    record,
  );
  return { cost, effect, trace: record.trace[0] as Float64Array, E, T };
}

/**
 * The reference: dense matrices, m_t = m_{t−1} P, per-sample; returns for sample s the trace
 * and the undiscounted state rewards Σ_s m_t[s] v_s for every t (and the death flows).
 */
export function denseReference(r: RandomCohort, sample: number) {
  const S = r.states;
  const P = Array.from({ length: S }, (_, i) => {
    const row = Array.from({ length: S }, (_, j) =>
      i === j ? 0 : (r.q[i]?.[j]?.[sample] as number),
    );
    row[i] = i === S - 1 ? 1 : 1 - row.reduce((a, b) => a + b, 0);
    return row;
  });
  const trace: number[][] = [Array.from({ length: S }, (_, i) => (i === 0 ? 1 : 0))];
  const deathFlowCost: number[] = [0];
  for (let t = 1; t <= r.cycles; t++) {
    const m = trace[t - 1] as number[];
    trace.push(
      Array.from({ length: S }, (_, j) =>
        m.reduce((s, mi, i) => s + mi * (P[i]?.[j] as number), 0),
      ),
    );
    let flow = 0;
    for (let i = 0; i < S - 1; i++)
      flow += (m[i] as number) * (P[i]?.[S - 1] as number) * (r.deathCost[i] as number);
    deathFlowCost.push(flow);
  }
  const costOf = (m: number[]) =>
    m.reduce((s, mi, i) => s + mi * (r.cost[i]?.[sample] as number), 0);
  const effectOf = (m: number[]) => m.reduce((s, mi, i) => s + mi * (r.effect[i] as number), 0);
  return { trace, cost: trace.map(costOf), effect: trace.map(effectOf), deathFlowCost };
}
