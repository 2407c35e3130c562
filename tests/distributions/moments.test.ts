import { describe, expect, it } from "vitest";
import {
  betaParams,
  dirichletParams,
  gammaParams,
  lognormalFromInterval,
  lognormalParams,
} from "../../src/distributions/moments.js";
import { InputError } from "../../src/errors.js";
import { expectAllClose, expectClose, loadFixture } from "../helpers/reference.js";

const tv = loadFixture("reference/vectors/tv13-method-of-moments.json");

describe("betaParams", () => {
  it("betaParams matches TV13 (dampack beta_params)", () => {
    tv.input.beta.forEach((input: { mean: number; sd: number }, i: number) => {
      const got = betaParams(input.mean, input.sd);
      const want = tv.expected.beta[i];
      expectClose(got.alpha, want.alpha, tv.tolerance, `beta ${i} alpha`);
      expectClose(got.beta, want.beta, tv.tolerance, `beta ${i} beta`);
    });
  });

  it("betaParams gives a beta with the requested mean and sd", () => {
    const { alpha, beta } = betaParams(0.28, 0.03);
    const c = alpha + beta;
    expect(alpha / c).toBeCloseTo(0.28, 14);
    expect(Math.sqrt((alpha * beta) / (c * c * (c + 1)))).toBeCloseTo(0.03, 14);
  });

  it("betaParams explains impossible pairs", () => {
    expect(() => betaParams(0.3, 0.6)).toThrow(InputError);
    expect(() => betaParams(0.3, 0.6)).toThrow(
      "beta: sd 0.6 is impossible for mean 0.3 (sd² must be below mean·(1 − mean) = 0.21)",
    );
    expect(() => betaParams(0.28, 0.5)).toThrow(
      "beta: sd 0.5 is impossible for mean 0.28 (sd² must be below mean·(1 − mean) = 0.2016)",
    );
    expect(() => betaParams(0, 0.1)).toThrow(
      "beta: mean must be between 0 and 1 (exclusive), got 0",
    );
    expect(() => betaParams(0.5, 0)).toThrow("beta: sd must be positive, got 0");
    expect(() => betaParams(Number.NaN, 0.1)).toThrow(
      "beta: mean must be a finite number, but it is not a number",
    );
  });
});

describe("gammaParams", () => {
  it("gammaParams matches TV13 (dampack gamma_params)", () => {
    const input = tv.input.gamma[0];
    const want = tv.expected.gamma[0];
    const got = gammaParams(input.mean, input.sd);
    expectClose(got.shape, want.shape, tv.tolerance, "shape");
    expectClose(got.scale, want.scale, tv.tolerance, "scale");
    expectClose(got.rate, want.rate, tv.tolerance, "rate");
  });

  it("gammaParams explains impossible pairs", () => {
    expect(() => gammaParams(1000, 0)).toThrow("gamma: sd must be positive, got 0");
    expect(() => gammaParams(0, 10)).toThrow("gamma: mean must be positive, got 0");
    expect(() => gammaParams(1000, Number.POSITIVE_INFINITY)).toThrow(
      "gamma: sd must be a finite number, but it is infinity",
    );
  });
});

describe("lognormalParams", () => {
  it("lognormalParams matches TV13 (dampack lnorm_params, which takes the variance)", () => {
    const input = tv.input.lnorm[0];
    const want = tv.expected.lnorm[0];
    const got = lognormalParams(input.mean, Math.sqrt(input.variance));
    expectClose(got.meanlog, want.meanlog, tv.tolerance, "meanlog");
    expectClose(got.sdlog, want.sdlog, tv.tolerance, "sdlog");
  });

  it("lognormalParams explains impossible pairs", () => {
    expect(() => lognormalParams(-1, 0.5)).toThrow("lognormal: mean must be positive, got -1");
    expect(() => lognormalParams(1, 0)).toThrow("lognormal: sd must be positive, got 0");
  });
});

describe("lognormalFromInterval", () => {
  it("lognormalFromInterval gives the SWIS effect LogN(0.0535, 0.0509) of domain.md 3.1", () => {
    const { meanlog, sdlog } = lognormalFromInterval(1.055, 0.955, 1.166);
    expect(meanlog).toBe(Math.log(1.055));
    // domain.md quotes 4 decimals: within half a unit of the 4th.
    expect(Math.abs(meanlog - 0.0535)).toBeLessThanOrEqual(0.00005);
    expect(Math.abs(sdlog - 0.0509)).toBeLessThanOrEqual(0.00005);
    // (ln 1.166 − ln 0.955)/(2·1.959963984540054), mpmath: 0.050925177198231297
    expect(sdlog).toBeCloseTo(0.050925177198231295, 15);
  });

  it("lognormalFromInterval uses the level's normal quantile", () => {
    // A 90% interval: z = 1.6448536269514722
    const { sdlog } = lognormalFromInterval(
      1,
      Math.exp(-1.6448536269514722),
      Math.exp(1.6448536269514722),
      0.9,
    );
    expect(sdlog).toBeCloseTo(1, 14);
  });

  it("lognormalFromInterval explains impossible intervals", () => {
    expect(() => lognormalFromInterval(1.3, 0.955, 1.166)).toThrow(
      "lognormal: the interval must contain the estimate: got lower 0.955, estimate 1.3, upper 1.166",
    );
    expect(() => lognormalFromInterval(1, 0.9, 1.1, 95)).toThrow(
      "lognormal: level must be between 0 and 1 (e.g. 0.95), got 95",
    );
    expect(() => lognormalFromInterval(1, 0, 1.1)).toThrow(
      "lognormal: lower must be positive, got 0",
    );
  });
});

describe("dirichletParams", () => {
  it("dirichletParams matches TV13 (dampack dirichlet_params, first SD only)", () => {
    const input = tv.input.dirichlet[0];
    expectAllClose(
      dirichletParams(input.mean, input.sd[0]),
      tv.expected.dirichlet[0].alpha,
      tv.tolerance,
      "alpha",
    );
  });

  it("dirichletParams gives the first share the requested sd", () => {
    const alpha = dirichletParams([0.68, 0.17, 0.15], 0.04);
    const a0 = alpha.reduce((a, b) => a + b, 0);
    const a1 = alpha[0] as number;
    expect(a1 / a0).toBeCloseTo(0.68, 14);
    expect(Math.sqrt((a1 * (a0 - a1)) / (a0 * a0 * (a0 + 1)))).toBeCloseTo(0.04, 14);
  });

  it("dirichletParams explains impossible shares", () => {
    expect(() => dirichletParams([0.5, 0.6], 0.1)).toThrow(
      "dirichlet: mean shares must sum to 1, got 1.1",
    );
    expect(() => dirichletParams([1], 0.1)).toThrow(
      "dirichlet: needs at least two components, got 1",
    );
    expect(() => dirichletParams([1.2, -0.2], 0.1)).toThrow(
      "dirichlet: mean of 1 must be between 0 and 1 (exclusive), got 1.2",
    );
    expect(() => dirichletParams([0.2, 0.8], 0.5, ["kin", "foster"])).toThrow(
      'dirichlet: sd 0.5 is impossible for the first share "kin" with mean 0.2 (sd² must be below mean·(1 − mean) = 0.16)',
    );
    expect(() => dirichletParams([0.2, 0.8], 0)).toThrow("dirichlet: sd must be positive, got 0");
  });
});
