import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  betaQuantile,
  erf,
  erfc,
  gammaQuantile,
  incompleteBeta,
  incompleteBetaComplement,
  incompleteGammaP,
  incompleteGammaQ,
  logBeta,
  logGamma,
  normalCdf,
  normalQuantile,
} from "../../src/core/special.js";

const EPS = 2.220446049250313e-16;

/** |actual − expected| ≤ rel·|expected|, with a readable failure. */
function expectRel(actual: number, expected: number, rel: number, what = ""): void {
  const err = Math.abs(actual - expected);
  expect(err, `${what} ${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

// Reference values marked "mpmath" were computed with mpmath 1.3.0 at 40 significant digits
// (mp.ncdf, mp.erfc, mp.loggamma, mp.gammainc(..., regularized=True), mp.betainc(...,
// regularized=True), and quantiles by 200 bisection steps on those), for the double nearest to
// each input, and are written as the nearest double (in its shortest form).

describe("logGamma", () => {
  // Below 10 the Lanczos approximation (g = 7, 9 terms) is good to 4e-15·max(1, |ln Γ|)
  // (largest error on 4,000 points of (0, 10] against mpmath: 3.3e-15, at 2.41).
  const lanczos = (v: number) => 4e-15 * Math.max(1, Math.abs(v));
  it("logGamma gives ln √π at ½, ln (n − 1)! at integers and 0 at 1 and 2", () => {
    expect(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI))).toBeLessThanOrEqual(lanczos(0.57));
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      // (n − 1)! is exact in a double up to 18!, and Math.log is correctly rounded to ~1 ulp.
      const expected = Math.log(factorial);
      if (n > 2) expect(Math.abs(logGamma(n) - expected)).toBeLessThanOrEqual(lanczos(expected));
      factorial *= n;
    }
    expect(Math.abs(logGamma(1))).toBeLessThanOrEqual(lanczos(0));
    expect(Math.abs(logGamma(2))).toBeLessThanOrEqual(lanczos(0));
  });

  it("logGamma matches mpmath across (1e-8, 1e6)", () => {
    const cases: [number, number][] = [
      [1e-8, 18.42068073818021],
      [1.5, -0.12078223763524522],
      [3.7, 1.428072326665388],
      [10, 12.80182748008147],
      [100.5, 361.4355404677776],
      [1e6, 12815504.569147613],
    ];
    for (const [x, expected] of cases) {
      expect(Math.abs(logGamma(x) - expected), `x = ${x}`).toBeLessThanOrEqual(lanczos(expected));
    }
  });

  it("logGamma satisfies ln Γ(x + 1) = ln Γ(x) + ln x", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e4, noNaN: true }), (x) => {
        const lhs = logGamma(x + 1);
        const rhs = logGamma(x) + Math.log(x);
        // Both sides are sums of terms of size up to |ln Γ| + |ln x|, each good to ~1e-15.
        const scale = Math.abs(logGamma(x)) + Math.abs(Math.log(x)) + 1;
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-14 * scale);
      }),
    );
  });

  it("logGamma throws a RangeError naming itself for x ≤ 0 or NaN", () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1)).toThrow(/^logGamma: x must be positive, got -1/);
    expect(() => logGamma(Number.NaN)).toThrow(/^logGamma:/);
  });
});

describe("logBeta", () => {
  it("logBeta matches closed forms and mpmath, also for large shapes", () => {
    // Stirling corrections of small shapes come from the Lanczos log-gamma (≤ 4e-15 each).
    expect(Math.abs(logBeta(1, 1))).toBeLessThan(1.2e-14);
    expect(Math.abs(logBeta(2, 3) - Math.log(1 / 12))).toBeLessThan(1.2e-14); // B(2, 3) = 1/12
    expect(Math.abs(logBeta(0.5, 0.5) - Math.log(Math.PI))).toBeLessThan(1.2e-14); // B(½, ½) = π
    expectRel(logBeta(1000, 2000), -1911.8746142144516, 1e-15); // mpmath
    expectRel(logBeta(1e-3, 1e5), 6.895665964913892, 1e-14); // mpmath
  });

  it("logBeta is symmetric and throws naming itself", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e5, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e5, noNaN: true }),
        (a, b) => {
          const v = logBeta(a, b);
          // the terms (of size up to a|ln(a/c)| + b|ln(b/c)|) are summed in another order
          expect(Math.abs(logBeta(b, a) - v)).toBeLessThanOrEqual(1e-14 * (Math.abs(v) + 1));
        },
      ),
    );
    expect(() => logBeta(0, 1)).toThrow(/^logBeta: a must be positive/);
    expect(() => logBeta(1, Number.POSITIVE_INFINITY)).toThrow(/^logBeta: b must be positive/);
  });
});

describe("erf", () => {
  it("erf and erfc match mpmath to a few ulps", () => {
    const cases: [number, number, number][] = [
      [0.3, 0.3286267594591274, 0.6713732405408726],
      [1, 0.8427007929497149, 0.15729920705028513],
      [3, 0.9999779095030014, 0.00002209049699858544],
    ];
    for (const [x, e, c] of cases) {
      expectRel(erf(x), e, 4 * EPS, `erf(${x})`);
      expectRel(erfc(x), c, 4 * EPS, `erfc(${x})`);
      expectRel(erf(-x), -e, 4 * EPS, `erf(${-x})`);
    }
    expectRel(erfc(10), 2.088487583762545e-45, 4 * EPS); // mpmath
    expect(erf(0)).toBe(0);
    expect(erfc(30)).toBe(0); // below 1e-392, under the smallest double
    expect(erfc(-30)).toBe(2);
  });

  it("erf is odd and erf + erfc = 1", () => {
    fc.assert(
      fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (x) => {
        expect(erf(-x)).toBe(-erf(x));
        expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThanOrEqual(4 * EPS);
      }),
    );
  });
});

describe("erfc", () => {
  it("erfc(x) = 2 − erfc(−x)", () => {
    fc.assert(
      fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (x) => {
        expect(Math.abs(erfc(x) + erfc(-x) - 2)).toBeLessThanOrEqual(4 * EPS);
      }),
    );
  });
});

describe("normalCdf", () => {
  it("normalCdf matches mpmath, with full relative accuracy deep in the lower tail", () => {
    const cases: [number, number][] = [
      [-37.5, 4.605353009581955e-308],
      [-10, 7.619853024160525e-24],
      [-3, 0.0013498980316300946],
      [0.3, 0.6179114221889527],
      [1, 0.8413447460685429],
    ];
    for (const [z, p] of cases) expectRel(normalCdf(z), p, 4 * EPS, `z = ${z}`);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });

  it("normalCdf(z) + normalCdf(−z) = 1", () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (z) => {
        expect(Math.abs(normalCdf(z) + normalCdf(-z) - 1)).toBeLessThanOrEqual(2 * EPS);
      }),
    );
  });

  it("normalCdf is the chi-square(1) CDF of z²: P(½, z²/2) = 2Φ(z) − 1", () => {
    for (const z of [0.1, 0.5, 1, 1.959963984540054, 3]) {
      expectRel(incompleteGammaP(0.5, (z * z) / 2), 2 * normalCdf(z) - 1, 1e-14, `z = ${z}`);
    }
  });
});

describe("normalQuantile", () => {
  it("normalQuantile matches the known percentage points", () => {
    // 1.959963984540054 (R's qnorm(0.975) at 16 digits) is the correctly rounded quantile of
    // both the double 0.975 and the double 0.025 (negated; mpmath: 1.95996398454005385… and
    // −1.95996398454005421…). AS 241 is good to about 1e-16 relative, i.e. within 2 ulps here:
    // it gives 1.9599639845400536 and −1.9599639845400538 (as Python's NormalDist does).
    const ulp = 2 ** -52; // spacing of doubles in [1, 2)
    expect(Math.abs(normalQuantile(0.975) - 1.959963984540054)).toBeLessThanOrEqual(2 * ulp);
    expect(Math.abs(normalQuantile(0.025) + 1.959963984540054)).toBeLessThanOrEqual(2 * ulp);
    expect(normalQuantile(0.5)).toBe(0);
    expectRel(normalQuantile(0.999), 3.090232306167813, 2 * EPS); // mpmath
    expectRel(normalQuantile(1e-10), -6.361340902404057, 2 * EPS); // mpmath
    expectRel(normalQuantile(1e-300), -37.0470962993612, 2 * EPS); // mpmath
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it("normalQuantile inverts normalCdf to full precision", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 0.5, noNaN: true }), (p) => {
        // Φ(x) has relative slope x·φ(x)/Φ(x) ≈ x² in the tail, so an x good to a few ulps
        // gives Φ(x) good to a few·(1 + x²) ulps.
        const x = normalQuantile(p);
        expectRel(normalCdf(x), p, 8 * EPS * (1 + x * x));
      }),
    );
  });

  it("normalQuantile throws a RangeError naming itself outside [0, 1]", () => {
    expect(() => normalQuantile(1.5)).toThrow(/^normalQuantile: p must be in \[0, 1\], got 1.5/);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});

describe("incompleteGammaP", () => {
  it("incompleteGammaP and incompleteGammaQ match mpmath", () => {
    const cases: [number, number, number, number][] = [
      [2.5, 1, 0.15085496391539036, 0.8491450360846097],
      [16, 22.5, 0.9365890670098903, 0.06341093299010969],
      [0.1, 0.01, 0.6626212599544797, 0.3373787400455202],
      [152, 120, 0.00274814296040138, 0.9972518570395986],
      [152, 200, 0.9998228538172211, 0.00017714618277885045],
      [3, 30, 0.9999999999549898, 4.501016648012124e-11],
    ];
    for (const [a, x, p, q] of cases) {
      expectRel(incompleteGammaP(a, x), p, 1e-14, `P(${a}, ${x})`);
      expectRel(incompleteGammaQ(a, x), q, 1e-14, `Q(${a}, ${x})`);
    }
  });

  it("incompleteGammaP(1, x) = 1 − e^(−x) and incompleteGammaQ(1, x) = e^(−x)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-10, max: 700, noNaN: true }), (x) => {
        // x^a e^(−x) is computed as e^(a ln x − x + …): an exponent of size |ln x| + x, whose
        // rounding costs that many ulps in the result.
        const tol = 8 * EPS * (1 + x + Math.abs(Math.log(x)));
        expectRel(incompleteGammaP(1, x), -Math.expm1(-x), tol);
        expectRel(incompleteGammaQ(1, x), Math.exp(-x), tol);
      }),
    );
  });

  it("incompleteGammaP(½, x) = erf(√x) (chi-square with 1 degree of freedom)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 30, noNaN: true }), (x) => {
        expectRel(incompleteGammaP(0.5, x), erf(Math.sqrt(x)), 8 * EPS * (1 + x));
      }),
    );
    // chi-square(3) 95% point 7.814727903251178 (mpmath): P(3/2, 7.8147…/2) = 0.95
    expectRel(incompleteGammaP(1.5, 7.814727903251178 / 2), 0.95, 1e-14);
  });

  it("incompleteGammaQ(n, x) is the Poisson probability of fewer than n events", () => {
    for (const n of [1, 2, 5, 12, 30]) {
      for (const x of [0.5, 3, 10, 25, 40]) {
        let term = Math.exp(-x);
        let sum = 0;
        for (let k = 0; k < n; k++) {
          sum += term;
          term *= x / (k + 1);
        }
        expectRel(incompleteGammaQ(n, x), sum, 1e-13, `Q(${n}, ${x})`);
      }
    }
  });

  it("incompleteGammaP + incompleteGammaQ = 1 and both handle 0 and ∞", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 2e4, noNaN: true }),
        (a, x) => {
          expect(Math.abs(incompleteGammaP(a, x) + incompleteGammaQ(a, x) - 1)).toBeLessThan(
            4 * EPS,
          );
        },
      ),
    );
    expect(incompleteGammaP(2, 0)).toBe(0);
    expect(incompleteGammaQ(2, 0)).toBe(1);
    expect(incompleteGammaP(2, Number.POSITIVE_INFINITY)).toBe(1);
    expect(incompleteGammaQ(2, Number.POSITIVE_INFINITY)).toBe(0);
  });

  it("incompleteGammaP throws RangeErrors naming itself", () => {
    expect(() => incompleteGammaP(0, 1)).toThrow(/^incompleteGammaP: a must be positive/);
    expect(() => incompleteGammaP(1, -1)).toThrow(/^incompleteGammaP: x must be non-negative/);
    expect(() => incompleteGammaQ(1, Number.NaN)).toThrow(/^incompleteGammaQ:/);
  });
});

describe("incompleteBeta", () => {
  it("incompleteBeta matches mpmath, complement included", () => {
    const cases: [number, number, number, number, number][] = [
      [0.33, 33, 67, 0.5096300048752075, 0.49036999512479246],
      [0.3, 0.5, 0.5, 0.36901011956554536, 0.6309898804344546],
      [0.9, 8, 2, 0.7748409780000001, 0.22515902199999993],
      [0.01, 2, 30, 0.03838951459523545, 0.9616104854047646],
      [0.999, 30, 2, 0.9995438962809783, 0.0004561037190216834],
    ];
    for (const [x, a, b, i, c] of cases) {
      expectRel(incompleteBeta(x, a, b), i, 1e-14, `I_${x}(${a}, ${b})`);
      expectRel(incompleteBetaComplement(x, a, b), c, 1e-14, `1 − I_${x}(${a}, ${b})`);
    }
    // I_½(2, 3) = P(Binomial(4, ½) ≥ 2) = (6 + 4 + 1)/16
    expectRel(incompleteBeta(0.5, 2, 3), 11 / 16, 1e-15);
  });

  it("incompleteBeta has the closed forms I_x(1, 1) = x, I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        fc.double({ min: 0.05, max: 50, noNaN: true }),
        (x, a) => {
          // The prefactor x^a (1 − x)^b / B(a, b) is e^(E), E a sum of terms of size up to
          // a|ln x| + b|ln(1 − x)| (rounding there costs that many ulps) and of three Stirling
          // corrections δ(a), δ(b), δ(a + b), each from the Lanczos log-gamma (≤ 4e-15). That
          // relative error applies to the tail computed directly; the other is 1 minus it, so
          // the error of a value v is bounded relative to max(v, 1 − v).
          const check = (actual: number, expected: number, e: number) => {
            const tol = (1.2e-14 + 8 * EPS * e) * Math.max(expected, 1 - expected);
            expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(
              tol,
            );
          };
          const lnX = Math.abs(Math.log(x));
          const ln1mX = Math.abs(Math.log1p(-x));
          check(incompleteBeta(x, 1, 1), x, lnX + ln1mX);
          check(incompleteBeta(x, a, 1), x ** a, a * lnX + ln1mX);
          check(incompleteBetaComplement(x, 1, a), Math.exp(a * Math.log1p(-x)), lnX + a * ln1mX);
        },
      ),
    );
  });

  it("incompleteBeta(x, ½, ½) is the arcsine law (2/π)·asin(√x)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-8, max: 1 - 1e-8, noNaN: true }), (x) => {
        // asin is ill-conditioned near 1, so above ½ use I = 1 − (2/π)·asin(√(1 − x)) (1 − x
        // is exact there).
        const expected =
          x <= 0.5
            ? (2 / Math.PI) * Math.asin(Math.sqrt(x))
            : 1 - (2 / Math.PI) * Math.asin(Math.sqrt(1 - x));
        expectRel(incompleteBeta(x, 0.5, 0.5), expected, 1e-14);
      }),
    );
  });

  it("incompleteBeta is symmetric: I_x(a, b) = 1 − I_{1−x}(b, a)", () => {
    fc.assert(
      fc.property(
        // x = k/2^20, so 1 − x is exact too
        fc.integer({ min: 1, max: 2 ** 20 - 1 }),
        fc.double({ min: 0.05, max: 500, noNaN: true }),
        fc.double({ min: 0.05, max: 500, noNaN: true }),
        (k, a, b) => {
          const x = k / 2 ** 20;
          const lhs = incompleteBeta(x, a, b);
          expect(Math.abs(lhs - incompleteBetaComplement(1 - x, b, a))).toBeLessThanOrEqual(
            1e-13 * lhs,
          );
          expect(Math.abs(lhs + incompleteBetaComplement(x, a, b) - 1)).toBeLessThanOrEqual(
            4 * EPS,
          );
        },
      ),
    );
  });

  it("incompleteBeta gives binomial tails: I_p(k, n − k + 1) = P(Binomial(n, p) ≥ k)", () => {
    for (const n of [1, 5, 20, 60]) {
      for (const p of [0.05, 0.33, 0.8]) {
        // P(X = j) by the recurrence P(j + 1) = P(j)·(n − j)/(j + 1)·p/(1 − p)
        const pmf = [(1 - p) ** n];
        for (let j = 0; j < n; j++)
          pmf.push(((pmf[j] as number) * (n - j) * p) / ((j + 1) * (1 - p)));
        for (let k = 1; k <= n; k++) {
          let tail = 0;
          for (let j = n; j >= k; j--) tail += pmf[j] as number;
          expectRel(incompleteBeta(p, k, n - k + 1), tail, 1e-12, `n ${n} p ${p} k ${k}`);
        }
      }
    }
  });

  it("incompleteBeta throws RangeErrors naming itself", () => {
    expect(() => incompleteBeta(1.5, 1, 1)).toThrow(/^incompleteBeta: x must be in \[0, 1\]/);
    expect(() => incompleteBeta(0.5, -1, 1)).toThrow(/^incompleteBeta: a must be positive/);
    expect(() => incompleteBetaComplement(0.5, 1, 0)).toThrow(
      /^incompleteBetaComplement: b must be positive/,
    );
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });
});

/**
 * First-order relative error of a quantile x from its CDF residual: |F(x) − p|/(x·f(x)) for a
 * gamma(a) with x·f(x) = x^a e^(−x)/Γ(a).
 */
function gammaQuantileError(p: number, a: number, x: number): number {
  const xf = Math.exp(a * Math.log(x) - x - logGamma(a));
  const residual = p <= 0.5 ? incompleteGammaP(a, x) - p : 1 - p - incompleteGammaQ(a, x);
  return Math.abs(residual) / xf;
}

describe("gammaQuantile", () => {
  it("gammaQuantile matches mpmath and closed forms", () => {
    const cases: [number, number, number][] = [
      [0.95, 16, 23.097129760139232],
      [0.025, 152.1, 128.88862284560233],
      [1e-8, 0.3, 1.5022224816458266e-27],
      [0.999, 2.5, 10.257502826216438],
      [0.5, 1000, 999.6666864269652],
    ];
    for (const [p, a, x] of cases) expectRel(gammaQuantile(p, a), x, 1e-13, `p ${p} a ${a}`);
    // shape 1 is the exponential: x = −ln(1 − p)
    for (const p of [1e-10, 0.1, 0.5, 0.9, 1 - 1e-10]) {
      expectRel(gammaQuantile(p, 1), -Math.log1p(-p), 1e-13, `exp p ${p}`);
    }
    expect(gammaQuantile(0, 3)).toBe(0);
    expect(gammaQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
  });

  it("gammaQuantile is accurate to 1e-12 relative across shapes and tails", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1.3, max: 4, noNaN: true }).map((e) => 10 ** e), // shape 0.05 … 1e4
        fc.double({ min: -12, max: -1e-3, noNaN: true }).map((e) => 10 ** e),
        fc.boolean(),
        (a, tail, upper) => {
          const p = upper ? 1 - tail : tail;
          const x = gammaQuantile(p, a);
          expect(gammaQuantileError(p, a, x)).toBeLessThanOrEqual(1e-12);
        },
      ),
    );
  });

  it("gammaQuantile throws RangeErrors naming itself", () => {
    expect(() => gammaQuantile(0.5, 0)).toThrow(/^gammaQuantile: shape must be positive/);
    expect(() => gammaQuantile(-0.1, 1)).toThrow(/^gammaQuantile: p must be in \[0, 1\]/);
  });
});

/**
 * First-order error |x − x*| of a beta quantile x from its CDF residual: |F(x) − p|/f(x), with
 * the residual taken on the tail that is small.
 */
function betaQuantileError(p: number, a: number, b: number, x: number): number {
  const xyf = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b)); // x(1 − x)f(x)
  const residual =
    p <= 0.5 ? incompleteBeta(x, a, b) - p : 1 - p - incompleteBetaComplement(x, a, b);
  return Math.abs(residual) / (xyf / (x * (1 - x)));
}

describe("betaQuantile", () => {
  it("betaQuantile matches mpmath and closed forms", () => {
    const cases: [number, number, number, number][] = [
      [0.025, 33, 67, 0.24175651579603238],
      [0.975, 33, 67, 0.4246848469567661],
      [0.5, 8, 2, 0.820380388019639],
      [1e-6, 0.5, 3, 2.844444444445523e-13],
      [0.999999, 4, 6, 0.9511842935688032],
    ];
    for (const [p, a, b, x] of cases) expectRel(betaQuantile(p, a, b), x, 1e-13, `${p} ${a} ${b}`);
    fc.assert(
      fc.property(
        fc.double({ min: 1e-10, max: 1 - 1e-10, noNaN: true }),
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        (p, a) => {
          expectRel(betaQuantile(p, a, 1), p ** (1 / a), 1e-13); // I_x(a, 1) = x^a
          expectRel(betaQuantile(p, 1, a), -Math.expm1(Math.log1p(-p) / a), 1e-13);
          expectRel(betaQuantile(p, 0.5, 0.5), Math.sin((Math.PI * p) / 2) ** 2, 1e-13);
        },
      ),
    );
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
  });

  it("betaQuantile is accurate to 1e-12 relative across shapes and tails", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1.3, max: 4, noNaN: true }).map((e) => 10 ** e),
        fc.double({ min: -1.3, max: 4, noNaN: true }).map((e) => 10 ** e),
        fc.double({ min: -12, max: -1e-3, noNaN: true }).map((e) => 10 ** e),
        fc.boolean(),
        (a, b, tail, upper) => {
          const p = upper ? 1 - tail : tail;
          const x = betaQuantile(p, a, b);
          // Quantiles that round to 0 or 1 (e.g. far tails of tiny shapes) are exact already.
          fc.pre(x > 1e-300 && x < 1 - 1e-12);
          // 1e-12 relative to the smaller of x and 1 − x, plus x's own rounding (half an ulp,
          // which near 1 can exceed 1e-12·(1 − x)).
          const bound = 1e-12 * Math.min(x, 1 - x) + EPS * x;
          expect(betaQuantileError(p, a, b, x)).toBeLessThanOrEqual(bound);
        },
      ),
    );
  });

  it("betaQuantile keeps the relative accuracy of 1 − x near 1 and of x near 0 (U-shaped beta)", () => {
    // Beta(0.0116, 0.229) piles its mass at both ends: the median is a tiny x, the 0.6
    // quantile is 1 − (tiny); both must come from the side where they are small.
    const a = 0.0116;
    const b = 0.229;
    for (const p of [0.3, 0.5045, 0.6, 0.9]) {
      const x = betaQuantile(p, a, b);
      if (x < 0.5) expectRel(incompleteBeta(x, a, b), p, 1e-12, `p ${p}`);
      else expectRel(incompleteBetaComplement(x, a, b), 1 - p, 1e-12, `p ${p}`);
    }
  });

  it("betaQuantile throws RangeErrors naming itself", () => {
    expect(() => betaQuantile(0.5, 0, 1)).toThrow(/^betaQuantile: a must be positive/);
    expect(() => betaQuantile(2, 1, 1)).toThrow(/^betaQuantile: p must be in \[0, 1\]/);
  });
});
