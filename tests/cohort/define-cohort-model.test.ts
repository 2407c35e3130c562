/**
 * defineCohortModel: literal names (misspellings are compile errors), definition checks, and
 * the model running in the PSA runner with the same bits for any chunk size or worker count.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, expectTypeOf, test } from "vitest";
import hiv from "../../models/markov/hiv-chancellor.js";
import { C, type CohortModel, defineCohortModel, runBaseCase, runPsa } from "../../src/index.js";

const ROOT = new URL("../../", import.meta.url);

const base = {
  name: "typed",
  parameters: { p: { type: "beta", alpha: 2, beta: 8 }, c: { type: "gamma", mean: 100, sd: 10 } },
  states: ["well", "sick", "dead"],
  initial: { well: 1 },
  cycles: 3,
  cycleLength: 1,
  conventions: { counting: "end", correction: "none", discount: { costs: 0.035, effects: 0.035 } },
  outcomes: { cost: "costs", qaly: "effects", ly: "effects" },
  cost: "cost",
  effect: "qaly",
} as const;

const typed = defineCohortModel({
  ...base,
  strategies: {
    usual: {
      transitions: {
        well: { well: C, sick: "p" },
        sick: { sick: C, dead: 0.2 },
        dead: { dead: 1 },
      },
      rewards: { cost: { sick: "c" }, qaly: { well: 1, sick: 0.6 }, ly: { well: 1, sick: 1 } },
    },
    new: {
      transitions: {
        well: {
          well: C,
          sick: (out, { p, n }) => {
            for (let i = 0; i < n; i++) out[i] = 0.5 * (p.p[i] as number);
          },
        },
        sick: { sick: C, dead: 0.2 },
        dead: { dead: 1 },
      },
      rewards: {
        cost: { well: 50, sick: "c" },
        qaly: { well: 1, sick: 0.6 },
        ly: { well: 1, sick: 1 },
      },
      transitionRewards: { cost: { well: { sick: 500 } } },
    },
  },
});

describe("defineCohortModel", () => {
  test("defineCohortModel infers parameter, strategy, outcome and state names as literal types", () => {
    expectTypeOf(typed).toEqualTypeOf<
      CohortModel<"p" | "c", "usual" | "new", "ly", "well" | "sick" | "dead">
    >();
    expect(typed.strategies).toEqual(["usual", "new"]);
    expect(typed.outcomes).toEqual(["ly"]);
    expect(typed.parameterNames).toEqual(["p", "c"]);
  });

  test("defineCohortModel makes a misspelt name anywhere a compile error", async () => {
    const check = () =>
      defineCohortModel({
        ...base,
        // @ts-expect-error: "wel" is not a state
        initial: { wel: 1 },
        strategies: {
          usual: {
            transitions: {
              // @ts-expect-error: "seek" is not a state
              well: { well: C, seek: "p" },
              // @ts-expect-error: "pp" is not a parameter
              sick: { sick: C, dead: "pp" },
              dead: {
                dead: (out, { p, n }) => {
                  // @ts-expect-error: "q" is not a parameter
                  out.fill(p.q[0] ?? 1, 0, n);
                },
              },
            },
            // @ts-expect-error: "qalys" is not an outcome
            rewards: { qalys: { well: 1 } },
          },
        },
      });
    const wrongCost = () =>
      defineCohortModel({
        ...base,
        // @ts-expect-error: "costs" is not an outcome
        cost: "costs",
        strategies: {
          usual: { transitions: { well: { well: 1 }, sick: { sick: 1 }, dead: { dead: 1 } } },
        },
      });
    const missingRow = () =>
      defineCohortModel({
        ...base,
        // @ts-expect-error: the row of "dead" is missing
        strategies: { usual: { transitions: { well: { well: 1 }, sick: { sick: 1 } } } },
      });
    // They also fail when run (for JavaScript callers), naming the problem.
    expect(check).toThrow('unknown state "wel" (did you mean "well"?)');
    expect(wrongCost).toThrow('cost: unknown outcome "costs" (did you mean "cost"?)');
    expect(missingRow).toThrow(
      'strategies.usual.transitions: no row for "dead" (an absorbing state is { dead: 1 })',
    );
    const result = await runBaseCase(typed);
    // @ts-expect-error: "old" is not a strategy
    void result.cost.old;
    expectTypeOf(result.cost.new).toEqualTypeOf<number>();
  });

  test("defineCohortModel rejects bad definitions with the place and a suggestion", () => {
    const strategies = {
      s: { transitions: { well: { well: C, sick: "p" }, sick: { sick: 1 }, dead: { dead: 1 } } },
    } as const;
    expect(() =>
      defineCohortModel({
        ...base,
        strategies: {
          s: {
            transitions: { ...strategies.s.transitions, well: { well: C, sick: "pp" as never } },
          },
        },
      }),
    ).toThrow('strategies.s.transitions.well.sick: unknown parameter "pp" (did you mean "p"?)');
    expect(() =>
      defineCohortModel({
        ...base,
        strategies: {
          s: { transitions: { ...strategies.s.transitions, sick: { sick: 1.5, dead: 0 } } },
        },
      }),
    ).toThrow("strategies.s.transitions.sick.sick: a probability must be between 0 and 1, got 1.5");
    expect(() => defineCohortModel({ ...base, cycles: 0, strategies })).toThrow(
      "cycles must be a whole number of at least 1",
    );
    // Discount rates as in model files and scenarios (README, "Limits"): 0 to 20%.
    for (const [rate, got] of [
      [-0.5, "-0.5"],
      [0.25, "0.25"],
      [Number.NaN, "NaN"],
    ] as const) {
      expect(() =>
        defineCohortModel({
          ...base,
          conventions: { ...base.conventions, discount: { costs: 0.035, effects: rate } },
          strategies,
        }),
      ).toThrow(
        `defineCohortModel typed: conventions.discount.effects: band 1 rate must be a rate from 0 to 0.2, got ${got}`,
      );
    }
    expect(() =>
      defineCohortModel({ ...base, conventions: undefined as never, strategies }),
    ).toThrow("conventions are required: { counting, correction, discount: { costs, effects } }");
    expect(() => defineCohortModel({ ...base, tunnels: { sick: 0 }, strategies })).toThrow(
      'tunnel "sick" needs a whole-number length of at least 1, got 0',
    );
    expect(() => defineCohortModel({ ...base, strategies: { "1": strategies.s } })).toThrow(
      'strategy "1" is a whole number',
    );
    expect(() =>
      defineCohortModel({
        ...base,
        strategies: { s: { ...strategies.s, transitionRewards: { cost: { well: { dead: 5 } } } } },
      }),
    ).toThrow(
      'strategies.s.transitionRewards.cost.well.dead: there is no transition from "well" to "dead"',
    );
    expect(() => defineCohortModel({ ...base, effect: "cost", strategies })).toThrow(
      "the cost and the effect must be different outcomes",
    );
  });

  test("defineCohortModel expands tunnel states into one state per time in state", () => {
    const m = defineCohortModel({
      ...base,
      tunnels: { sick: 3 },
      strategies: {
        s: {
          transitions: {
            well: { well: C, sick: "p" },
            sick: { sick: C, dead: 0.2 },
            dead: { dead: 1 },
          },
        },
      },
    });
    expect(m.cohort.expanded.map((e) => e.name)).toEqual([
      "well",
      "sick[1]",
      "sick[2]",
      "sick[3]",
      "dead",
    ]);
    // sick[τ] stays by moving to sick[τ + 1]; the last keeps those who stay longer.
    const rows = m.cohort.strategies[0]?.rows ?? [];
    expect(rows.map((r) => r.flows.map((f) => f.target))).toEqual([
      [0, 1],
      [2, 4],
      [3, 4],
      [3, 4],
      [4],
    ]);
  });

  test("runPsa of a cohort model gives the same bits for any chunk size", async () => {
    const whole = await runPsa(hiv, { samples: 3000, seed: "chunks", chunkSize: 3000 });
    for (const chunkSize of [1, 7, 1024, 1999]) {
      const split = await runPsa(hiv, { samples: 3000, seed: "chunks", chunkSize });
      expect(
        Buffer.from(split.samples.cost.buffer).equals(Buffer.from(whole.samples.cost.buffer)),
      ).toBe(true);
      expect(
        Buffer.from(split.samples.effect.buffer).equals(Buffer.from(whole.samples.effect.buffer)),
      ).toBe(true);
    }
  });

  test("runPsaParallel runs a cohort model on 2 workers with the one-thread bits", async () => {
    const entry = new URL("dist/src/node/index.js", ROOT);
    const module = new URL("dist/models/markov/hiv-chancellor.js", ROOT);
    if (!existsSync(entry) || !existsSync(module)) {
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe" });
    }
    const { runPsaParallel, closePsaWorkers } = await import(entry.href);
    const options = { samples: 20_000, seed: 20240917, chunkSize: 3000 };
    const one = await runPsaParallel({ module: module.href }, { ...options, workers: 1 });
    const two = await runPsaParallel({ module: module.href }, { ...options, workers: 2 });
    const local = await runPsa(hiv, { ...options, chunkSize: 20_000 });
    expect(Buffer.from(two.samples.cost.buffer).equals(Buffer.from(one.samples.cost.buffer))).toBe(
      true,
    );
    expect(
      Buffer.from(two.samples.effect.buffer).equals(Buffer.from(one.samples.effect.buffer)),
    ).toBe(true);
    expect(
      Buffer.from(local.samples.cost.buffer).equals(Buffer.from(one.samples.cost.buffer)),
    ).toBe(true);
    await closePsaWorkers();
  }, 120_000);
});
