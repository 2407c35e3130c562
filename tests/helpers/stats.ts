/**
 * Statistical checks of samplers against analytic moments and CDFs. Every tolerance is derived
 * from the distribution being tested: 4 standard errors for the sample mean and variance, the
 * 1% Kolmogorov–Smirnov critical value for the largest CDF gap.
 */
import { expect } from "vitest";

/** Number of standard errors allowed for a sample mean or variance. */
export const SE_MULTIPLE = 4;

/** Asymptotic 1% critical value of √n·D for the one-sample Kolmogorov–Smirnov test. */
export const KS_CRITICAL_1PCT = 1.6276;

/** Analytic moments of a distribution: mean, variance and fourth central moment μ4. */
export interface MomentTarget {
  readonly mean: number;
  readonly variance: number;
  readonly mu4: number;
}

/** Sample mean and unbiased sample variance s² (two passes, so no cancellation). */
export function sampleMoments(x: ArrayLike<number>): { mean: number; variance: number } {
  const n = x.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += x[i] as number;
  const mean = total / n;
  let ss = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - mean;
    ss += d * d;
    s += d;
  }
  // Corrected two-pass formula (Chan, Golub & LeVeque): removes the rounding error of the mean.
  return { mean, variance: (ss - (s * s) / n) / (n - 1) };
}

/** Standard error of the sample mean, √(σ²/n). */
export function meanSe(variance: number, n: number): number {
  return Math.sqrt(variance / n);
}

/** Standard error of the unbiased sample variance: Var(s²) = (μ4 − σ⁴(n − 3)/(n − 1))/n. */
export function varianceSe(variance: number, mu4: number, n: number): number {
  return Math.sqrt((mu4 - (variance * variance * (n - 3)) / (n - 1)) / n);
}

/**
 * Fourth central moment from the raw moments E[X], E[X²], E[X³], E[X⁴]:
 * μ4 = m4 − 4·m1·m3 + 6·m1²·m2 − 3·m1⁴.
 */
export function centralFourthFromRaw(m1: number, m2: number, m3: number, m4: number): number {
  const m1sq = m1 * m1;
  return m4 - 4 * m1 * m3 + 6 * m1sq * m2 - 3 * m1sq * m1sq;
}

/** Raw moments E[X^r], r = 1..4, of Beta(α, β): E[X^r] = Π_{i<r} (α + i)/(α + β + i). */
export function betaRawMoments(alpha: number, beta: number): [number, number, number, number] {
  const out: number[] = [];
  let m = 1;
  for (let i = 0; i < 4; i++) {
    m *= (alpha + i) / (alpha + beta + i);
    out.push(m);
  }
  return out as [number, number, number, number];
}

/** Analytic mean, variance and μ4 of Beta(α, β), μ4 from its raw moments. */
export function betaMoments(alpha: number, beta: number): MomentTarget {
  const [m1, m2, m3, m4] = betaRawMoments(alpha, beta);
  const t = alpha + beta;
  return {
    mean: m1,
    variance: (alpha * beta) / (t * t * (t + 1)),
    mu4: centralFourthFromRaw(m1, m2, m3, m4),
  };
}

/**
 * Asserts that the sample mean and unbiased sample variance of `x` lie within
 * {@link SE_MULTIPLE} standard errors of the analytic mean and variance, the variance's standard
 * error coming from the analytic μ4.
 */
export function expectMomentsWithinSe(
  x: ArrayLike<number>,
  target: MomentTarget,
  what: string,
): void {
  const n = x.length;
  const { mean, variance } = sampleMoments(x);
  const seMean = meanSe(target.variance, n);
  const seVar = varianceSe(target.variance, target.mu4, n);
  expect(Number.isFinite(seVar) && seVar > 0, `${what}: SE of the variance`).toBe(true);
  const zMean = (mean - target.mean) / seMean;
  const zVar = (variance - target.variance) / seVar;
  expect(
    Math.abs(zMean),
    `${what}: sample mean ${mean} vs ${target.mean} (SE ${seMean}, z = ${zMean})`,
  ).toBeLessThanOrEqual(SE_MULTIPLE);
  expect(
    Math.abs(zVar),
    `${what}: sample variance ${variance} vs ${target.variance} (SE ${seVar}, z = ${zVar})`,
  ).toBeLessThanOrEqual(SE_MULTIPLE);
}

/** Kolmogorov–Smirnov statistic D = sup |F_n(x) − F(x)| of the sample against `cdf`. */
export function ksStatistic(x: ArrayLike<number>, cdf: (v: number) => number): number {
  const sorted = Float64Array.from(x).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i] as number);
    const above = (i + 1) / n - f;
    const below = f - i / n;
    if (above > d) d = above;
    if (below > d) d = below;
  }
  return d;
}

/** Asserts the KS statistic of `x` against `cdf` is below the 1% critical value 1.6276/√n. */
export function expectKsBelowCritical(
  x: ArrayLike<number>,
  cdf: (v: number) => number,
  what: string,
): void {
  const d = ksStatistic(x, cdf);
  const critical = KS_CRITICAL_1PCT / Math.sqrt(x.length);
  expect(d, `${what}: KS D = ${d}, 1% critical value ${critical}`).toBeLessThan(critical);
}

/** |actual − expected| ≤ rel·|expected| + abs, with a message naming both. */
export function expectRelClose(
  actual: number,
  expected: number,
  rel: number,
  what: string,
  abs = 0,
): void {
  const bound = rel * Math.abs(expected) + abs;
  const diff = Math.abs(actual - expected);
  expect(diff, `${what}: ${actual} vs ${expected} (bound ${bound})`).toBeLessThanOrEqual(bound);
}
