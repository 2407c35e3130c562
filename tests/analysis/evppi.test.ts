/**
 * EVPPI estimators on a linear-Gaussian model with an analytic answer.
 *
 * Strategy B against A: ΔE = 0.1 + 0.05·X1 + 0.05·Z and ΔC = 1000 + 300·X2 + 200·W, with X1, X2,
 * Z, W independent standard normals. The incremental net benefit λΔE − ΔC is normal with mean
 * μ = 0.1λ − 1000, and given a set of parameters its conditional mean is normal with SD s, so
 * EVPPI = E[max(0, μ + sU)] − max(0, μ) = g(μ, s) with g(μ, s) = s·φ(μ/s) + μ·Φ(μ/s) − max(0, μ):
 *   s(X1) = 0.05λ;  s(X1, X2) = √((0.05λ)² + 300²);  EVPI: s = √(2(0.05λ)² + 300² + 200²).
 */
import { describe, expect, it } from "vitest";
import { decisionCurves } from "../../src/analysis/decision.js";
import { evppiRegression, evppiSortBin } from "../../src/analysis/evppi.js";
import { createCeSamples } from "../../src/analysis/samples.js";
import { Rng } from "../../src/core/rng.js";
import { normalCdf } from "../../src/core/special.js";

const WTP = [0, 5000, 10_000, 20_000];
const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
const g = (mu: number, s: number) => s * phi(mu / s) + mu * normalCdf(mu / s) - Math.max(0, mu);
const mu = (l: number) => 0.1 * l - 1000;
const analytic = {
  x1: (l: number) => g(mu(l), 0.05 * l),
  x1x2: (l: number) => g(mu(l), Math.hypot(0.05 * l, 300)),
  evpi: (l: number) => g(mu(l), Math.sqrt(2 * (0.05 * l) ** 2 + 300 ** 2 + 200 ** 2)),
};

/** One PSA of the linear-Gaussian model. */
function draw(seed: number, n: number) {
  const rng = Rng.create("evppi", seed);
  const [x1, x2, z, w] = [0, 1, 2, 3].map(() => rng.fillNormal(new Float64Array(n))) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const cost = new Float64Array(2 * n);
  const effect = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    cost[n + i] = 1000 + 300 * (x2[i] as number) + 200 * (w[i] as number);
    effect[n + i] = 0.1 + 0.05 * (x1[i] as number) + 0.05 * (z[i] as number);
  }
  return { samples: createCeSamples({ strategies: ["A", "B"], cost, effect }), x1, x2 };
}

/** Mean and standard error over replicates, per WTP. */
function replicate(estimate: (seed: number) => Float64Array, reps: number) {
  const runs = Array.from({ length: reps }, (_, r) => estimate(r));
  return WTP.map((_, k) => {
    const v = runs.map((x) => x[k] as number);
    const m = v.reduce((a, b) => a + b, 0) / reps;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (reps - 1));
    return { mean: m, se: sd / Math.sqrt(reps) };
  });
}

const N = 20_000;
const REPS = 10;

describe("EVPPI on a linear-Gaussian model", () => {
  it("evppiSortBin(X1) matches g(μ, 0.05λ) within 4 SE plus the bins' known upward bias", () => {
    const bins = Math.round(Math.sqrt(N)); // 141 bins of about 142 samples
    const est = replicate((seed) => {
      const { samples, x1 } = draw(seed, N);
      return evppiSortBin(samples, x1, WTP, bins);
    }, REPS);
    WTP.forEach((l, k) => {
      // Within a bin the other terms (SD √((0.05λ)² + 300² + 200²)) average over N/bins samples,
      // which adds that noise's variance / (N/bins) to s²: the estimator's expected upward bias.
      const rest = Math.sqrt((0.05 * l) ** 2 + 300 ** 2 + 200 ** 2);
      const s = 0.05 * l;
      const bias = g(mu(l), Math.sqrt(s * s + (rest * rest) / (N / bins))) - g(mu(l), s);
      const { mean, se } = est[k] as { mean: number; se: number };
      expect(Math.abs(mean - analytic.x1(l) - bias), `λ=${l}`).toBeLessThan(4 * se + 1e-9);
    });
    // λ = 0 and 5,000: s = 0 or 250 against μ = −1000 or −500; the value is tiny but not 0.
    expect(analytic.x1(10_000)).toBeCloseTo(199.47, 1);
  });

  it("evppiRegression({X1, X2}) and evppiRegression(X1) match the analytic values within 4 SE", () => {
    const pair = replicate((seed) => {
      const { samples, x1, x2 } = draw(seed, N);
      return evppiRegression(samples, [x1, x2], WTP);
    }, REPS);
    const single = replicate((seed) => {
      const { samples, x1 } = draw(seed, N);
      return evppiRegression(samples, [x1], WTP);
    }, REPS);
    WTP.forEach((l, k) => {
      const p = pair[k] as { mean: number; se: number };
      const s = single[k] as { mean: number; se: number };
      // The fitted regression carries estimation noise of order (terms / N) · variance: under
      // 0.5% of the value here, far below 4 SE at λ ≥ 5,000; at λ = 0 both are near 0.
      expect(Math.abs(p.mean - analytic.x1x2(l)), `pair λ=${l}`).toBeLessThan(4 * p.se + 0.5);
      expect(Math.abs(s.mean - analytic.x1(l)), `single λ=${l}`).toBeLessThan(4 * s.se + 0.5);
    });
  });

  it("EVPPI never exceeds EVPI beyond sampling error, and EVPI matches its analytic value", () => {
    const { samples, x1, x2 } = draw(99, 50_000);
    const evpi = decisionCurves(samples, WTP).evpi;
    const group = evppiRegression(samples, [x1, x2], WTP);
    const one = evppiSortBin(samples, x1, WTP);
    WTP.forEach((l, k) => {
      // EVPI's own Monte Carlo SE is about sd(INB)/√N ≤ 400/224 ≈ 1.8; allow 4 of them.
      expect(Math.abs((evpi[k] as number) - analytic.evpi(l)), `EVPI λ=${l}`).toBeLessThan(8);
      expect(group[k] as number).toBeLessThanOrEqual((evpi[k] as number) + 8);
      expect(one[k] as number).toBeLessThanOrEqual((evpi[k] as number) + 8);
    });
  });

  it("sort-and-bin: a constant parameter is worth 0; an uneven bin count weights bins by size", () => {
    // NB_B = 1, −1, 1, −1 against NB_A = 0 at λ = 1: EVPI = 0.5, but a parameter fixed at 3 tells
    // nothing (voi: `if (sum(inds_const) == p) res <- data.frame(evppi = 0)`). Binned in sample
    // order it would give 0.5.
    const alternating = createCeSamples({
      strategies: ["A", "B"],
      cost: [0, 0, 0, 0, -1, 1, -1, 1],
      effect: [0, 0, 0, 0, 0, 0, 0, 0],
    });
    expect(Array.from(evppiSortBin(alternating, new Float64Array(4).fill(3), [1], 4))).toEqual([0]);
    // N = 5 in 2 bins: positions 0–1 and 2–4 (⌊bN/B⌋). x = 1…5 orders the samples as they are;
    // NB_B = 3, −1, −1, −1, −1: bin means 1 and −1, so Σ (n_b/N) max(0, mean) = 2/5 · 1 = 0.4,
    // and max_j mean(NB_j) = max(0, −0.2) = 0.
    const five = createCeSamples({
      strategies: ["A", "B"],
      cost: [0, 0, 0, 0, 0, -3, 1, 1, 1, 1],
      effect: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
    const x = Float64Array.from([1, 2, 3, 4, 5]);
    expect(evppiSortBin(five, x, [1], 2)[0]).toBeCloseTo(0.4, 15);
  });

  it("EVPPI estimators refuse mismatched columns and bad bin counts", () => {
    const { samples, x1 } = draw(1, 100);
    expect(() => evppiSortBin(samples, x1.subarray(0, 50), WTP)).toThrow(/^evppiSortBin: /);
    expect(() => evppiSortBin(samples, x1, WTP, 0)).toThrow(RangeError);
    expect(() => evppiRegression(samples, [], WTP)).toThrow(/^evppiRegression: /);
  });
});
