import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { createFixed } from "../../src/distributions/fixed.js";
import { InputError } from "../../src/errors.js";
import { N } from "../helpers/distribution-checks.js";

describe("createFixed", () => {
  it("createFixed always draws its value: every draw equals it, so mean and variance are exact", () => {
    const d = createFixed({ type: "fixed", value: 1040 });
    const x = d.sample(Rng.create("fixed"), new Float64Array(N).fill(Number.NaN));
    // The exact frequency check for a one-point distribution: all N draws are the value.
    expect(x.every((v) => v === 1040)).toBe(true);
    expect(d.mean).toBe(1040);
    expect(d.variance).toBe(0);
    expect(d.support).toEqual([1040, 1040]);
  });

  it("createFixed has a step CDF and a constant quantile", () => {
    const d = createFixed({ type: "fixed", value: -2.5 });
    expect(d.cdf(-2.5000001)).toBe(0);
    expect(d.cdf(-2.5)).toBe(1);
    expect(d.cdf(10)).toBe(1);
    expect(d.cdf(Number.NaN)).toBeNaN();
    for (const p of [0, 0.3, 1]) expect(d.quantile(p)).toBe(-2.5);
    expect(() => d.quantile(1.2)).toThrow(/^quantile: p must be in \[0, 1\], got 1.2/);
  });

  it("createFixed consumes no random numbers", () => {
    const a = Rng.create(9);
    createFixed({ type: "fixed", value: 1 }).sample(a, new Float64Array(10));
    expect(a.nextUint32()).toBe(Rng.create(9).nextUint32());
  });

  it("createFixed rejects a value that is not a finite number", () => {
    expect(() => createFixed({ type: "fixed", value: Number.NaN })).toThrow(InputError);
    expect(() => createFixed({ type: "fixed", value: Number.POSITIVE_INFINITY })).toThrow(
      "fixed: value must be a finite number, but it is infinity",
    );
  });
});
