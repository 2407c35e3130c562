/**
 * heemod's own tests of `run_model` (tests/testthat/test_run_model.R, heemod 0.14.5), written as
 * model files, against the figures those tests assert: two states X1, X2; a = 0.1,
 * b = 1 / (markov_cycle + 1) (a transition probability that changes with the cycle: `t` here);
 * 1,000 people start in X1, so heemod's totals are 1,000 × ceakit's per-person figures.
 *
 * - "run_model behaves as expected": one cycle; with `method = "end"` the costs are 309300 and
 *   933900 and the ICER rounds to 1.027; "beginning" gives 1 and "life-table" 1.012. Over five
 *   cycles the life-table counts of X1 round to 950, 888, 879, 885, 890.
 * - "Discounting": ten cycles with "end"; strategy II's X1 values are discounted in their
 *   expressions, the cost with `discount(c1, .1)` (first = FALSE: 1.1^−(t−1)) and the effect
 *   with `discount(c2, .05, TRUE)` (1.05^−t), the X2 values not at all (heemod discounts per
 *   value, ceakit per outcome kind, so the model's own rate is 0). The ICER rounds to 0.785.
 *
 * heemod's methods map to `rewards_on`, `correction` and `discount_at` as the README's
 * "Per-cycle rewards" table says.
 */
import { describe, expect, test } from "vitest";
import { runInProcess } from "../helpers/cli.js";

interface BaseCase {
  cost: number[];
  effect: number[];
  icers: { strategy: string; icer: number | null }[];
  trace: { strategies: Record<string, number[][]> };
}

/** The model file with the given counting, correction, cycles and strategy II's X1 values. */
function modelFile(options: {
  rewardsOn: string;
  correction: string;
  discountAt: string;
  cycles: number;
  costX1II?: string;
  effectX1II?: string;
}): string {
  return `format: ceakit-model/1
kind: markov
title: heemod test_run_model
effect: { key: y, label: y, unit: y, per: y }
states: [X1, X2]
initial: { X1: 1 }
cycles: ${options.cycles}
cycle_years: 1
rewards_on: ${options.rewardsOn}
correction: ${options.correction}
discount: 0
discount_at: ${options.discountAt}
parameters:
  a: 0.1
derived:
  b: 1 / (t + 1)
strategies:
  I:
    transitions:
      X1: { X1: rest, X2: a }
      X2: { X1: rest, X2: b }
    state_costs: { X1: 234, X2: 987 }
    state_effects: { X1: 123, X2: 1726 }
  II:
    transitions:
      X1: { X1: rest, X2: a }
      X2: { X1: rest, X2: b }
    state_costs: { X1: ${options.costX1II ?? "987"}, X2: 456 }
    state_effects: { X1: ${options.effectX1II ?? "876"}, X2: 1029 }
`;
}

/** heemod's methods as ceakit settings (discount_at: cycle-start is discount()'s default). */
const METHODS = {
  end: { rewardsOn: "end", correction: "none", discountAt: "cycle-start" },
  beginning: { rewardsOn: "start", correction: "none", discountAt: "cycle-start" },
  "life-table": { rewardsOn: "all", correction: "half-cycle", discountAt: "cycle-start" },
} as const;

async function baseCase(text: string): Promise<BaseCase> {
  const file = "heemod.model.yaml";
  const r = await runInProcess(["run", file, "--format", "json", "--samples", "20"], {
    [file]: text,
  });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { baseCase: BaseCase }).baseCase;
}

const icerOf = (b: BaseCase) => b.icers.find((x) => x.strategy === "II")?.icer as number;

describe("heemod's run_model tests as model files", () => {
  test('"end", one cycle: costs 309300 and 933900 for 1,000 people, ICER 1.027', async () => {
    const b = await baseCase(modelFile({ ...METHODS.end, cycles: 1 }));
    expect(b.cost.map((c) => Math.round(c * 1000 * 1e6) / 1e6)).toEqual([309300, 933900]);
    expect(Math.round((b.cost[1] as number) * 1000 - (b.cost[0] as number) * 1000) / 1000).toBe(
      624.6,
    );
    expect(Number(icerOf(b).toFixed(3))).toBe(1.027);
  });

  test('"beginning" and "life-table", one cycle: ICERs 1 and 1.012', async () => {
    const beginning = await baseCase(modelFile({ ...METHODS.beginning, cycles: 1 }));
    expect(Number(icerOf(beginning).toFixed(3))).toBe(1);
    const lifeTable = await baseCase(modelFile({ ...METHODS["life-table"], cycles: 1 }));
    expect(Number(icerOf(lifeTable).toFixed(3))).toBe(1.012);
  });

  test('"life-table" over five cycles: X1 counts 950, 888, 879, 885, 890 (of 1,000)', async () => {
    const b = await baseCase(modelFile({ ...METHODS["life-table"], cycles: 5 }));
    const m = b.trace.strategies.I as number[][];
    const counts = [1, 2, 3, 4, 5].map((c) =>
      Math.round((((m[c - 1]?.[0] as number) + (m[c]?.[0] as number)) / 2) * 1000),
    );
    expect(counts).toEqual([950, 888, 879, 885, 890]);
  });

  test('"Discounting", ten cycles with "end": ICER 0.785', async () => {
    const b = await baseCase(
      modelFile({
        ...METHODS.end,
        cycles: 10,
        costX1II: '"987 / pow(1.1, t - 1)"',
        effectX1II: '"876 / pow(1.05, t)"',
      }),
    );
    expect(Number(icerOf(b).toFixed(3))).toBe(0.785);
  });
});
