/**
 * The generated cycle loop (src/cohort/cycle-step.ts): the kernel's fast path (blocks, one loop
 * per cycle) gives the totals of its recorded path (one pass per flow and reward) bit for bit,
 * on the benchmark and shipped Markov models and on random models with tunnels, transition
 * rewards and every convention; and its errors are those a pass per row reports, in the same
 * order when a row is wrong and a fill function throws in the same cycle.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import hip from "../../bench/models/hip-replacement.js";
import hivChancellor from "../../models/markov/hiv-chancellor.js";
import sickSicker from "../../models/markov/sick-sicker.js";
import { SEGMENT_TERMS } from "../../src/cohort/cycle-step.js";
import {
  C,
  type CohortModel,
  cohortEvaluator,
  defineCohortModel,
  type ModelOutput,
  runPsa,
} from "../../src/index.js";
import {
  buildRandomCohort,
  conventions,
  perCycleConventions,
  randomCohort,
} from "../helpers/cohort.js";

/**
 * Every total of a model over `columns`: by the fast path (its generated loops split into
 * functions of at most `segmentTerms` terms) and by the recorded path.
 */
function bothPaths(
  model: CohortModel,
  columns: Record<string, Float64Array>,
  n: number,
  segmentTerms?: number,
) {
  const plan = model.cohort;
  const output = (): ModelOutput<string, string> => {
    const per = () => Object.fromEntries(plan.strategies.map((s) => [s.name, new Float64Array(n)]));
    return {
      cost: per(),
      effect: per(),
      outcomes: Object.fromEntries(model.outcomes.map((o) => [o, per()])),
    };
  };
  const fast = output();
  cohortEvaluator(plan, segmentTerms)(columns, fast, { n, start: 0 });
  const recorded = output();
  const S = plan.strategies.length;
  const E = plan.expanded.length;
  const T = plan.cycles + 1;
  const O = plan.outcomes.length;
  cohortEvaluator(plan)(
    columns,
    recorded,
    { n, start: 0 },
    {
      trace: Array.from({ length: S }, () => new Float64Array(T * E * n)),
      rewards: Array.from({ length: S }, () => new Float64Array(O * T * n)),
      initial: Array.from({ length: S }, () => new Float64Array(O * n)),
    },
  );
  return { fast, recorded };
}

/** The outputs as lists of numbers (Object.is compares -0 and NaN exactly). */
const flat = (out: ModelOutput<string, string>) =>
  [out.cost, out.effect, ...Object.values(out.outcomes)].flatMap((per) =>
    Object.values(per).flatMap((x) => Array.from(x as Float64Array)),
  );

function expectBitIdentical(a: number[], b: number[]): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) expect(`${i}: ${a[i]}`).toBe(`${i}: ${b[i]}`);
  }
}

describe("the generated cycle loop", () => {
  for (const [name, model] of [
    ["hip-replacement (benchmark)", hip],
    ["hiv-chancellor", hivChancellor],
    ["sick-sicker", sickSicker],
  ] as const) {
    test(`${name}: the fast path's totals are the recorded path's, bit for bit (1,300 samples, three blocks)`, async () => {
      const m = model as unknown as CohortModel;
      const psa = await runPsa(m, { samples: 1300, seed: 7 });
      const columns = psa.parameters as Record<string, Float64Array>;
      const { fast, recorded } = bothPaths(m, columns, 1300);
      expectBitIdentical(flat(fast), flat(recorded));
    });
  }

  test("random models (tunnels, transition rewards, every convention, rewards per vector or per cycle, loops split anywhere): the fast path's totals are the recorded path's, bit for bit", () => {
    fc.assert(
      fc.property(
        randomCohort,
        fc.oneof(conventions, perCycleConventions),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(1, 2, 3, 5, SEGMENT_TERMS, Number.POSITIVE_INFINITY),
        (r, conv, pick, length, segmentTerms) => {
          // No tunnel, or one on any state that is not absorbing.
          const tunnel = pick % r.states === r.states - 1 ? undefined : pick % r.states;
          const { model, columns } = buildRandomCohort(
            r,
            conv,
            tunnel === undefined ? {} : { tunnel, length },
          );
          const { fast, recorded } = bothPaths(model, columns, r.n, segmentTerms);
          expectBitIdentical(flat(fast), flat(recorded));
        },
      ),
    );
  });

  for (const length of [100, 900]) {
    test(`a tunnel of ${length} positions (${length > 400 ? "too large for generated loops: passes" : `generated loops of ${SEGMENT_TERMS} terms`}) gives the recorded path's totals, bit for bit`, () => {
      const r = fc.sample(randomCohort, { numRuns: 1, seed: length })[0];
      if (r === undefined) throw new Error("no sample");
      const { model, columns } = buildRandomCohort(
        r,
        { counting: "all", correction: "half-cycle", discount: { costs: 0.035, effects: 0.015 } },
        { tunnel: 0, length },
      );
      const { fast, recorded } = bothPaths(model, columns, r.n);
      expectBitIdentical(flat(fast), flat(recorded));
    });
  }
});

/** A model whose row A (evaluated every cycle) sums above 1 in cycle 2 when `p` is large. */
function erring(options: {
  throwIn: "nothing" | "transition reward" | "later row" | "state reward";
}) {
  const boom: (what: string) => (out: Float64Array, ctx: { n: number; t: number }) => void =
    (what) =>
    (out, { n, t }) => {
      if (t === 2) throw new Error(`${what} failed`);
      out.fill(0.1, 0, n);
    };
  return defineCohortModel({
    name: "erring",
    parameters: { p: { type: "uniform", min: 0, max: 1 } },
    states: ["A", "B", "D"],
    initial: { A: 1 },
    cycles: 3,
    cycleLength: 1,
    conventions: { counting: "end", correction: "none", discount: { costs: 0, effects: 0 } },
    outcomes: { cost: "costs", ly: "effects" },
    cost: "cost",
    effect: "ly",
    strategies: {
      s: {
        transitions: {
          A: {
            A: C,
            B: (out, { p, n, t }) => {
              for (let i = 0; i < n; i++) out[i] = t === 2 ? (p.p[i] as number) : 0.1;
            },
            D: 0.5,
          },
          B: {
            B: C,
            D: options.throwIn === "later row" ? boom("the entry B → D") : 0.1,
          },
          D: { D: 1 },
        },
        rewards: {
          cost: { A: options.throwIn === "state reward" ? boom("the cost of A") : 1 },
          ly: { A: 1, B: 1 },
        },
        transitionRewards:
          options.throwIn === "transition reward"
            ? { cost: { A: { B: boom("the cost of A → B") } } }
            : {},
      },
    },
  });
}

/** Evaluates a one-strategy model at the values `p`, its loops split at `segmentTerms` terms. */
function run(model: CohortModel, p: number[], segmentTerms = SEGMENT_TERMS) {
  const n = p.length;
  cohortEvaluator(model.cohort, segmentTerms)(
    { p: Float64Array.from(p) },
    { cost: { s: new Float64Array(n) }, effect: { s: new Float64Array(n) }, outcomes: {} },
    { n, start: 0 },
  );
}

describe("the generated cycle loop (errors)", () => {
  const rowError =
    'model erring: strategy "s", state "A", cycle 2, sample 2: the probabilities of row A sum to 1.2, above 1, so the rest of the row would be negative (A → B 0.7, A → D 0.5) (parameters: p = 0.7)';

  test("a wrong row evaluated every cycle is located at its first wrong sample", () => {
    for (const segmentTerms of [SEGMENT_TERMS, 1]) {
      const model = erring({ throwIn: "nothing" }) as never;
      expect(() => run(model, [0.2, 0.7, 0.9], segmentTerms)).toThrow(rowError);
      expect(() => run(model, [0.2, 0.3], segmentTerms)).not.toThrow();
    }
  });

  for (const throwIn of ["transition reward", "later row", "state reward"] as const) {
    test(`a wrong row is reported before a ${throwIn}'s fill function that throws later in the same cycle`, () => {
      expect(() => run(erring({ throwIn }) as never, [0.2, 0.7, 0.9])).toThrow(rowError);
      // The same with the loop split into one function per term.
      expect(() => run(erring({ throwIn }) as never, [0.2, 0.7, 0.9], 1)).toThrow(rowError);
    });

    test(`a ${throwIn}'s fill function that throws is reported when the rows are right`, () => {
      expect(() => run(erring({ throwIn }) as never, [0.2, 0.3])).toThrow(/failed/);
    });
  }

  test("a wrong row out of a state no reward reaches (left out of the loop's moves) is still reported", () => {
    const model = defineCohortModel({
      name: "unrewarded",
      parameters: { p: { type: "uniform", min: 0, max: 1 } },
      states: ["A", "D"],
      initial: { A: 1 },
      cycles: 3,
      cycleLength: 1,
      conventions: { counting: "end", correction: "none", discount: { costs: 0, effects: 0 } },
      outcomes: { cost: "costs", ly: "effects" },
      cost: "cost",
      effect: "ly",
      strategies: {
        s: {
          transitions: {
            A: { A: C, D: 0.1 },
            D: {
              D: C,
              A: (out, { p, n, t }) => {
                for (let i = 0; i < n; i++) out[i] = t === 3 ? 2 * (p.p[i] as number) : 0;
              },
            },
          },
          rewards: { ly: { A: 1 } },
        },
      },
    });
    // D flows back into A, so D matters; a D that never leaves is left out but still checked.
    expect(() => run(model as never, [0.2, 0.7])).toThrow(
      'model unrewarded: strategy "s", state "D", cycle 3, sample 2: the probability D → A is 1.4, not between 0 and 1 (parameters: p = 0.7)',
    );
    const absorbing = defineCohortModel({
      name: "absorbing",
      parameters: { p: { type: "uniform", min: 0, max: 1 } },
      states: ["A", "D"],
      initial: { A: 1 },
      cycles: 3,
      cycleLength: 1,
      conventions: { counting: "end", correction: "none", discount: { costs: 0, effects: 0 } },
      outcomes: { cost: "costs", ly: "effects" },
      cost: "cost",
      effect: "ly",
      strategies: {
        s: {
          transitions: {
            A: { A: C, D: 0.1 },
            D: {
              D: (out, { p, n, t }) => {
                for (let i = 0; i < n; i++) out[i] = t === 3 ? 1 - (p.p[i] as number) : 1;
              },
            },
          },
          rewards: { ly: { A: 1 } },
        },
      },
    });
    expect(() => run(absorbing as never, [0, 0.7])).toThrow(
      'model absorbing: strategy "s", state "D", cycle 3, sample 2: the probabilities of row D sum to 0.3, not 1; give one entry as C, the rest of the row (D → D 0.3) (parameters: p = 0.7)',
    );
  });
});
