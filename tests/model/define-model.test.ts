import { describe, expect, expectTypeOf, test } from "vitest";
import { defineModel, type Model } from "../../src/model/define-model.js";

const model = defineModel({
  name: "toy",
  parameters: {
    salary: { type: "gamma", mean: 37000, sd: 3000, source: "assumption", tag: "assumption" },
    fte: { type: "fixed", value: 1 },
    mix: { type: "dirichlet", alpha: { foster: 68, residential: 17, other: 15 } },
  },
  derived: { staff_cost: "fte * salary" },
  strategies: ["usual", "swis"],
  outcomes: ["s47"],
  evaluate(p, out, { n }) {
    for (let i = 0; i < n; i++) {
      out.cost.usual[i] = 0;
      out.cost.swis[i] = p.staff_cost[i] as number;
      out.effect.usual[i] = 0;
      out.effect.swis[i] = (p.foster[i] as number) + (p.residential[i] as number);
      out.outcomes.s47.usual[i] = 1;
      out.outcomes.s47.swis[i] = p.other[i] as number;
    }
  },
});

describe("defineModel", () => {
  test("defineModel infers parameter, strategy and outcome names as literal types", () => {
    expectTypeOf(model).toEqualTypeOf<
      Model<
        "salary" | "fte" | "foster" | "residential" | "other" | "staff_cost",
        "usual" | "swis",
        "s47"
      >
    >();
    expectTypeOf(model.strategies).toEqualTypeOf<readonly ("usual" | "swis")[]>();
  });

  test("defineModel makes a misspelt name inside evaluate a compile error", () => {
    defineModel({
      name: "typos",
      parameters: { salary: { type: "fixed", value: 1 } },
      strategies: ["usual", "swis"],
      outcomes: ["s47"],
      evaluate(p, out) {
        // @ts-expect-error: "slary" is not a parameter
        p.slary;
        // @ts-expect-error: "swsi" is not a strategy
        out.cost.swsi;
        // @ts-expect-error: "s17" is not an outcome
        out.outcomes.s17;
        expectTypeOf(p.salary).toEqualTypeOf<Float64Array>();
      },
    });
  });

  test("defineModel lists sampled names with Dirichlet components expanded", () => {
    expect(model.parameterNames).toEqual(["salary", "fte", "foster", "residential", "other"]);
    expect(Object.keys(model.derived)).toEqual(["staff_cost"]);
    expect(model.outcomes).toEqual(["s47"]);
  });

  test("defineModel rejects duplicate names", () => {
    expect(() =>
      defineModel({
        name: "dup",
        parameters: { a: { type: "fixed", value: 1 } },
        derived: { a: "1" },
        strategies: ["x"],
        evaluate() {},
      }),
    ).toThrow('defineModel: parameter "a" is defined twice');
    expect(() =>
      defineModel({ name: "dup", parameters: {}, strategies: ["x", "x"], evaluate() {} }),
    ).toThrow('defineModel: strategy "x" is defined twice');
    expect(() =>
      defineModel({ name: "none", parameters: {}, strategies: [], evaluate() {} }),
    ).toThrow("defineModel: at least one strategy is needed");
  });
});
