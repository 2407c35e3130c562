/**
 * Calibration of the samplers over many seeds. A fixed-seed KS check (as in the distribution
 * tests) fails for 1% of seeds by design; here the Kolmogorov statistic √n·D is averaged over
 * many independent seeds and compared with its known mean under a correct sampler, which
 * detects small biases (a wrong ziggurat table, a biased squeeze) that one seed could miss.
 */
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { incompleteBeta, incompleteGammaP, normalCdf } from "../../src/core/special.js";
import { ksStatistic } from "../helpers/distribution-checks.js";

/** Mean and SD of the Kolmogorov distribution (limit of √n·D): √(π/2)·ln 2 and √(π²/12 − mean²). */
const KOLMOGOROV_MEAN = Math.sqrt(Math.PI / 2) * Math.LN2;
const KOLMOGOROV_SD = Math.sqrt((Math.PI * Math.PI) / 12 - KOLMOGOROV_MEAN * KOLMOGOROV_MEAN);

const SEEDS = 40;
const N = 10_000;

/** Mean of √n·D over {@link SEEDS} streams of `fill`. */
function meanKs(fill: (rng: Rng, out: Float64Array) => void, cdf: (x: number) => number): number {
  let total = 0;
  const out = new Float64Array(N);
  for (let s = 0; s < SEEDS; s++) {
    fill(Rng.create("calibration", s), out);
    total += ksStatistic(out, cdf) * Math.sqrt(N);
  }
  return total / SEEDS;
}

describe("sampler calibration over many seeds", () => {
  // √n·D at n = 1e4 is within about 1% of its limit; the SE of a mean of 40 is 0.041.
  const se = KOLMOGOROV_SD / Math.sqrt(SEEDS);

  it.each([
    ["normal", (r: Rng, o: Float64Array) => r.fillNormal(o), normalCdf],
    [
      "gamma(1.306)",
      (r: Rng, o: Float64Array) => r.fillGamma(1.306, o),
      (x: number) => (x <= 0 ? 0 : incompleteGammaP(1.306, x)),
    ],
    [
      "gamma(0.4)",
      (r: Rng, o: Float64Array) => r.fillGamma(0.4, o),
      (x: number) => (x <= 0 ? 0 : incompleteGammaP(0.4, x)),
    ],
    [
      "beta(1.306, 11.76)",
      (r: Rng, o: Float64Array) => r.fillBeta(1.306, 11.76, o),
      (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : incompleteBeta(x, 1.306, 11.76)),
    ],
  ] as const)(
    "%s: mean √n·D over 40 seeds is within 4 SE of the Kolmogorov mean",
    (_, fill, cdf) => {
      const mean = meanKs(fill, cdf);
      expect(Math.abs(mean - KOLMOGOROV_MEAN)).toBeLessThan(4 * se);
    },
  );

  it("the ziggurat's tail beyond R = 3.4426 (its slow path) has the normal's probability", () => {
    const n = 1_000_000;
    const z = Rng.create("tail").fillNormal(new Float64Array(n));
    let beyond = 0;
    for (const v of z) if (Math.abs(v) > 3.442619855899) beyond++;
    const p = 2 * normalCdf(-3.442619855899); // 5.76e-4
    const sd = Math.sqrt(n * p * (1 - p));
    expect(Math.abs(beyond - n * p)).toBeLessThan(4 * sd);
  });
});
