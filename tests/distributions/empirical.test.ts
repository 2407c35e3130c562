import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { createEmpirical } from "../../src/distributions/empirical.js";
import type { EmpiricalSpec } from "../../src/distributions/spec.js";
import { InputError } from "../../src/errors.js";
import { expectMoments, N } from "../helpers/distribution-checks.js";

const VALUES = [12, 7.5, 7.5, 30, -4, 18.25, 9, 7.5];

/** Population moments of the values: mean, variance and μ₄ with divisor n. */
function populationMoments(values: readonly number[]) {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const central = (k: number) => values.reduce((a, v) => a + (v - mean) ** k, 0) / n;
  return { mean, variance: central(2), mu4: central(4) };
}

describe("createEmpirical", () => {
  it("createEmpirical has the values' population mean and variance, and samples with them", () => {
    const d = createEmpirical({ type: "empirical", values: VALUES });
    const m = populationMoments(VALUES);
    expect(d.mean).toBeCloseTo(m.mean, 13);
    expect(d.variance).toBeCloseTo(m.variance, 12);
    const x = d.sample(Rng.create("empirical"), new Float64Array(N));
    expectMoments(x, m, "empirical");
  });

  it("createEmpirical draws each value with frequency (its count)/n, within 4 binomial SEs", () => {
    const d = createEmpirical({ type: "empirical", values: VALUES });
    const x = d.sample(Rng.create("empirical frequencies"), new Float64Array(N));
    const distinct = [...new Set(VALUES)];
    let seen = 0;
    for (const v of distinct) {
      const p = VALUES.filter((w) => w === v).length / VALUES.length;
      const count = x.filter((w) => w === v).length;
      seen += count;
      const se = Math.sqrt(N * p * (1 - p));
      expect(
        Math.abs(count - N * p),
        `value ${v}: ${count} draws, expected ${N * p}`,
      ).toBeLessThanOrEqual(4 * se);
    }
    expect(seen).toBe(N); // nothing but the values is ever drawn
  });

  it("createEmpirical has the empirical CDF and R's type 1 quantile", () => {
    const d = createEmpirical({ type: "empirical", values: [1, 2, 2, 5] });
    expect(d.cdf(0.5)).toBe(0);
    expect(d.cdf(1)).toBe(0.25);
    expect(d.cdf(2)).toBe(0.75);
    expect(d.cdf(4.99)).toBe(0.75);
    expect(d.cdf(5)).toBe(1);
    // type 1: the ⌈np⌉-th smallest value; R: quantile(c(1, 2, 2, 5), c(0, .25, .26, .5, .75, .76, 1), type = 1)
    // gives 1 1 2 2 2 5 5.
    const ps = [0, 0.25, 0.26, 0.5, 0.75, 0.76, 1];
    expect(ps.map((p) => d.quantile(p))).toEqual([1, 1, 2, 2, 2, 5, 5]);
    expect(d.support).toEqual([1, 5]);
  });

  it("createEmpirical's quantile returns the k-th value at p = k/n despite rounding of k/n", () => {
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    const d = createEmpirical({ type: "empirical", values });
    for (let k = 1; k <= 10; k++) {
      // 3/10 is 0.3 and 10·0.3 = 3.0000000000000004 in doubles; ⌈⌉ without fuzz would give 4.
      expect(d.quantile(k / 10)).toBe(k);
      expect(d.cdf(d.quantile(k / 10))).toBe(k / 10);
    }
  });

  it("createEmpirical's quantile and CDF invert each other on the values", () => {
    const d = createEmpirical({ type: "empirical", values: VALUES });
    for (const v of VALUES) expect(d.quantile(d.cdf(v))).toBe(v);
    for (const p of [0.01, 0.2, 0.5, 0.77, 0.99]) {
      const x = d.quantile(p);
      expect(d.cdf(x)).toBeGreaterThanOrEqual(p); // smallest x with cdf(x) ≥ p …
      expect(d.cdf(x - 1e-9)).toBeLessThan(p); // … and nothing smaller
    }
  });

  it("createEmpirical rejects an empty list and values that are not finite numbers", () => {
    expect(() => createEmpirical({ type: "empirical", values: [] })).toThrow(
      "empirical: values must be a non-empty list of numbers",
    );
    expect(() => createEmpirical({ type: "empirical", values: [1, 2, Number.NaN] })).toThrow(
      "empirical: value 3 must be a finite number, but it is not a number",
    );
    const notList = { type: "empirical", values: "1,2" } as unknown as EmpiricalSpec;
    expect(() => createEmpirical(notList)).toThrow(InputError);
  });
});
