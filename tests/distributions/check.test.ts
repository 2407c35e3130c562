import { describe, expect, it } from "vitest";
import {
  checkProbability,
  fail,
  finite,
  formatNumber,
  oneForm,
  positive,
} from "../../src/distributions/check.js";
import { InputError } from "../../src/errors.js";

describe("fail", () => {
  it("fail throws an InputError prefixed with the distribution", () => {
    expect(() => fail("gamma", "sd must be positive, got 0")).toThrow(InputError);
    expect(() => fail("gamma", "sd must be positive, got 0")).toThrow(
      "gamma: sd must be positive, got 0",
    );
  });
});

describe("finite", () => {
  it("finite returns finite numbers and names anything else", () => {
    expect(finite("normal", "mean", -3.5)).toBe(-3.5);
    expect(() => finite("normal", "mean", "3")).toThrow(
      "normal: mean must be a finite number, got 3",
    );
    expect(() => finite("normal", "mean", undefined)).toThrow(
      "normal: mean must be a finite number, got undefined",
    );
    expect(() => finite("normal", "mean", Number.NEGATIVE_INFINITY)).toThrow(
      /but it is minus infinity$/,
    );
  });
});

describe("positive", () => {
  it("positive returns positive numbers and names the rest", () => {
    expect(positive("gamma", "sd", 3000)).toBe(3000);
    expect(() => positive("gamma", "sd", 0)).toThrow("gamma: sd must be positive, got 0");
    expect(() => positive("gamma", "sd", -1)).toThrow("gamma: sd must be positive, got -1");
    expect(() => positive("gamma", "sd", Number.NaN)).toThrow(
      "gamma: sd must be a finite number, but it is not a number",
    );
  });
});

describe("checkProbability", () => {
  it("checkProbability accepts [0, 1] and throws a RangeError naming quantile otherwise", () => {
    for (const p of [0, 0.5, 1]) expect(() => checkProbability(p)).not.toThrow();
    expect(() => checkProbability(97.5)).toThrow(RangeError);
    expect(() => checkProbability(97.5)).toThrow(/^quantile: p must be in \[0, 1\], got 97.5/);
    expect(() => checkProbability(Number.NaN)).toThrow(RangeError);
  });
});

describe("formatNumber", () => {
  it("formatNumber shows six significant digits without float noise", () => {
    expect(formatNumber(0.28 * 0.72)).toBe("0.2016");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(123456789)).toBe("123457000");
    expect(formatNumber(1e-9)).toBe("1e-9");
  });
});

describe("oneForm", () => {
  const forms = [
    ["alpha", "beta"],
    ["mean", "sd"],
  ];
  it("oneForm returns the index of the one form used", () => {
    expect(oneForm("beta", { alpha: 1, beta: 2 }, forms)).toBe(0);
    expect(oneForm("beta", { mean: 0.5 }, forms)).toBe(1);
    expect(oneForm("beta", { mean: 0.5, alpha: undefined }, forms)).toBe(1);
  });

  it("oneForm explains a missing or mixed form", () => {
    expect(() => oneForm("beta", {}, forms)).toThrow("beta: give alpha and beta, or mean and sd");
    expect(() => oneForm("beta", { alpha: 1, sd: 2 }, forms)).toThrow(
      "beta: give alpha and beta, or mean and sd (not a mix)",
    );
  });
});
