import { describe, expect, test } from "vitest";
import { ModelError } from "../../src/errors.js";
import { defineModel } from "../../src/model/define-model.js";
import { runBaseCase } from "../../src/psa/base-case.js";

const model = defineModel({
  name: "base",
  parameters: {
    salary: { type: "gamma", mean: 37000, sd: 3000 },
    oncost: { type: "beta", mean: 0.28, sd: 0.03 },
    irr: { type: "lognormal", estimate: 1.055, lower: 0.955, upper: 1.166 },
    age: { type: "lognormal", meanlog: 0, sdlog: 0.15 },
    fte: { type: "uniform", min: 0.5, max: 1.5, base: 1.2 },
    mix: { type: "dirichlet", alpha: { foster: 68, residential: 17, other: 15 } },
  },
  derived: { staff: "fte * salary * (1 + oncost)" },
  correlations: [
    {
      name: "pay",
      parameters: ["salary", "oncost"],
      matrix: [
        [1, 0.6],
        [0.6, 1],
      ],
    },
  ],
  strategies: ["usual", "swis"],
  outcomes: ["s47"],
  evaluate(p, out, { n }) {
    for (let i = 0; i < n; i++) {
      out.cost.usual[i] = 0;
      out.effect.usual[i] = 0;
      out.outcomes.s47.usual[i] = 19.16 * (p.age[i] as number);
      out.cost.swis[i] = (p.staff[i] as number) + 1000 * (p.foster[i] as number);
      out.effect.swis[i] = 19.16 * (1 - (p.irr[i] as number));
      out.outcomes.s47.swis[i] = 19.16 * (p.irr[i] as number);
    }
  },
});

describe("runBaseCase", () => {
  test("runBaseCase evaluates at means, lognormal medians, stated bases and Dirichlet means", async () => {
    const base = await runBaseCase(model);
    expect(base.parameters.salary).toBeCloseTo(37000, 9);
    expect(base.parameters.oncost).toBeCloseTo(0.28, 14);
    expect(base.parameters.irr).toBe(1.055); // the estimate, not the lognormal's mean
    expect(base.parameters.age).toBe(1); // exp(meanlog)
    expect(base.parameters.fte).toBe(1.2); // stated base, not the uniform's mean 1
    expect(base.parameters.foster).toBeCloseTo(0.68, 15); // 68 / 100
    // staff = 1.2 × 37000 × 1.28 = 56832; swis cost = 56832 + 1000 × 0.68 = 57512.
    expect(base.parameters.staff).toBeCloseTo(56832, 8);
    expect(base.cost.swis).toBeCloseTo(57512, 8);
    expect(base.cost.usual).toBe(0);
    // 19.16 × (1 − 1.055) = −1.0538: SWIS has more S47 enquiries, so "avoided" is negative.
    expect(base.effect.swis).toBeCloseTo(-1.0538, 12);
    expect(base.outcomes.s47.swis).toBeCloseTo(20.2138, 12);
    expect(base.outcomes.s47.usual).toBe(19.16);
  });

  test("runBaseCase reports a non-finite base-case result as a ModelError", async () => {
    const broken = defineModel({
      name: "broken",
      parameters: { x: { type: "fixed", value: -1 } },
      strategies: ["a"],
      evaluate(p, out) {
        out.cost.a[0] = Math.log(p.x[0] as number);
        out.effect.a[0] = 0;
      },
    });
    const error = await runBaseCase(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    // The message names the point values used, as a PSA sample's does.
    expect((error as Error).message).toBe(
      'model broken: base case, strategy "a": cost is not a number (parameters: x = -1)',
    );
  });
});
