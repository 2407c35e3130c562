import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { createDirichlet } from "../../src/distributions/dirichlet.js";
import type { DirichletSpec } from "../../src/distributions/spec.js";
import { InputError } from "../../src/errors.js";
import {
  expectKs,
  expectMoments,
  type Moments,
  mu4FromKurtosis,
  N,
} from "../helpers/distribution-checks.js";
import { expectAllClose, loadFixture } from "../helpers/reference.js";

const EPS = 2.220446049250313e-16;

/** Marginal Beta(α_i, α₀ − α_i): its mean, variance and μ₄ (beta excess kurtosis). */
function marginalMoments(a: number, b: number): Moments {
  const c = a + b;
  const variance = (a * b) / (c * c * (c + 1));
  const kurtosis = (6 * ((a - b) ** 2 * (c + 1) - a * b * (c + 2))) / (a * b * (c + 2) * (c + 3));
  return { mean: a / c, variance, mu4: mu4FromKurtosis(variance, kurtosis) };
}

/** Samples N draws and checks every component and the sum-to-one constraint. */
function checkSampling(spec: DirichletSpec, seed: string): void {
  const d = createDirichlet(spec);
  const k = d.names.length;
  const outs = d.names.map(() => new Float64Array(N));
  d.sample(Rng.create(seed), outs);
  for (let i = 0; i < N; i++) {
    let total = 0;
    for (const out of outs) total += out[i] as number;
    // Σ fl(g_j/s): s has relative error ≤ (k − 1)ε/2, each quotient ε/2 and this sum (k − 1)ε/2.
    expect(Math.abs(total - 1)).toBeLessThanOrEqual(2 * k * EPS);
  }
  d.names.forEach((name, j) => {
    const a = d.alpha[j] as number;
    const m = marginalMoments(a, d.alphaSum - a);
    expect(d.mean[j]).toBeCloseTo(m.mean, 15);
    expect(d.variance[j]).toBeCloseTo(m.variance, 15);
    const x = outs[j] as Float64Array;
    expectMoments(x, m, `${seed} ${name}`);
    const marginal = d.marginal(name);
    expectKs(x, (v) => marginal.cdf(v), `${seed} ${name}`);
  });
}

describe("createDirichlet", () => {
  it("createDirichlet(68, 17, 15) samples shares summing to 1 with Beta(α_i, α₀ − α_i) marginals", () => {
    checkSampling(
      { type: "dirichlet", alpha: { foster: 68, residential: 17, other: 15 } },
      "placement mix",
    );
  });

  it("createDirichlet with concentrations below 1 (the log-gamma path) still has the right law", () => {
    checkSampling({ type: "dirichlet", alpha: { a: 0.5, b: 0.3, c: 2 } }, "small alphas");
  });

  it("createDirichlet never gives NaN when every gamma draw underflows", () => {
    const d = createDirichlet({ type: "dirichlet", alpha: { a: 0.002, b: 0.003, c: 0.001 } });
    const outs = d.names.map(() => new Float64Array(10000));
    d.sample(Rng.create(4), outs);
    for (let i = 0; i < 10000; i++) {
      const total = outs.reduce((s, o) => s + (o[i] as number), 0);
      expect(Math.abs(total - 1)).toBeLessThanOrEqual(6 * EPS);
    }
  });

  it("createDirichlet exposes names, alpha, mean, variance and the marginals", () => {
    const d = createDirichlet({
      type: "dirichlet",
      alpha: { foster: 68, residential: 17, other: 15 },
    });
    expect(d.names).toEqual(["foster", "residential", "other"]);
    expect(d.alpha).toEqual([68, 17, 15]);
    expect(d.alphaSum).toBe(100);
    expect(d.mean).toEqual([0.68, 0.17, 0.15]);
    // α_i(α₀ − α_i)/(α₀²(α₀ + 1)): 68·32/(10⁴·101)
    expect(d.variance[0]).toBeCloseTo((68 * 32) / (1e4 * 101), 16);
    expect(d.marginal("residential").mean).toBeCloseTo(0.17, 15);
    expect(d.marginals).toHaveLength(3);
    expect(d.marginal("foster").spec).toEqual({ type: "beta", alpha: 68, beta: 32 });
    expect(() => d.marginal("kinship")).toThrow(
      /^Dirichlet\.marginal: unknown component "kinship" \(components: foster, residential, other\)/,
    );
  });

  it("createDirichlet from mean shares and the first SD matches TV13 (dampack dirichlet_params)", () => {
    const tv = loadFixture("reference/vectors/tv13-method-of-moments.json");
    const input = tv.input.dirichlet[0];
    const mean = Object.fromEntries(input.mean.map((m: number, i: number) => [`c${i}`, m]));
    const d = createDirichlet({ type: "dirichlet", mean, sd: input.sd[0] });
    expectAllClose(d.alpha, tv.expected.dirichlet[0].alpha, tv.tolerance, "dirichlet alpha");
  });

  it("createDirichlet.sample checks the arrays it is given", () => {
    const d = createDirichlet({ type: "dirichlet", alpha: { a: 1, b: 2 } });
    expect(() => d.sample(Rng.create(1), [new Float64Array(3)])).toThrow(
      /^Dirichlet\.sample: expected 2 arrays, one per component, got 1/,
    );
    expect(() => d.sample(Rng.create(1), [new Float64Array(3), new Float64Array(4)])).toThrow(
      /^Dirichlet\.sample: arrays differ in length \(3 and 4\)/,
    );
  });

  it("createDirichlet rejects bad concentrations, shares and SDs", () => {
    expect(() => createDirichlet({ type: "dirichlet", alpha: { a: 1 } })).toThrow(
      "dirichlet: needs at least two components, got 1",
    );
    expect(() => createDirichlet({ type: "dirichlet", alpha: { foster: 0, other: 1 } })).toThrow(
      'dirichlet: alpha of "foster" must be positive, got 0',
    );
    expect(() =>
      createDirichlet({ type: "dirichlet", mean: { foster: 0.68, other: 0.3 }, sd: 0.05 }),
    ).toThrow("dirichlet: mean shares must sum to 1, got 0.98");
    expect(() =>
      createDirichlet({ type: "dirichlet", mean: { foster: 0.68, other: 0.32 }, sd: 0.5 }),
    ).toThrow(
      'dirichlet: sd 0.5 is impossible for the first share "foster" with mean 0.68 (sd² must be below mean·(1 − mean) = 0.2176)',
    );
    const mixed = { type: "dirichlet", alpha: { a: 1, b: 1 }, mean: { a: 0.5, b: 0.5 }, sd: 0.1 };
    expect(() => createDirichlet(mixed as unknown as DirichletSpec)).toThrow(
      "dirichlet: give alpha, or mean and sd (not a mix)",
    );
    expect(() =>
      createDirichlet({ type: "dirichlet", alpha: [1, 2] } as unknown as DirichletSpec),
    ).toThrow(InputError);
  });
});
