/**
 * The EVPPI noise floor on the linear-Gaussian model of evppi.test.ts (ΔE = 0.1 + 0.05·X1 +
 * 0.05·Z, ΔC = 1000 + 300·X2 + 200·W): X1 carries value of information from λ ≈ 10,000, where
 * the analytic EVPPI is 199 and more, while a parameter drawn independently of the model carries
 * none at any λ. The floor must tell the two apart; and it must say "nothing" at λ = 0, where
 * X1 has no value (it moves only effects, which λ = 0 ignores).
 */
import { describe, expect, it } from "vitest";
import { evppiSortBin } from "../../src/analysis/evppi.js";
import { evppiNoiseFloor } from "../../src/analysis/evppi-floor.js";
import { rankEvppi } from "../../src/analysis/evppi-ranking.js";
import { createCeSamples } from "../../src/analysis/samples.js";
import { Rng } from "../../src/core/rng.js";

const WTP = [0, 10_000, 20_000];

/** One PSA of the linear-Gaussian model, with an unrelated parameter `noise`. */
function draw(seed: number, n: number) {
  const rng = Rng.create("evppi-floor-test", seed);
  const [x1, x2, z, w, noise] = [0, 1, 2, 3, 4].map(() =>
    rng.fillNormal(new Float64Array(n)),
  ) as Float64Array[] as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const cost = new Float64Array(2 * n);
  const effect = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    cost[n + i] = 1000 + 300 * (x2[i] as number) + 200 * (w[i] as number);
    effect[n + i] = 0.1 + 0.05 * (x1[i] as number) + 0.05 * (z[i] as number);
  }
  return { samples: createCeSamples({ strategies: ["A", "B"], cost, effect }), x1, x2, noise };
}

describe("EVPPI noise floor", () => {
  it("X1 stands above the floor where it matters; an unrelated parameter never does (5 PSAs)", () => {
    for (let seed = 0; seed < 5; seed++) {
      const { samples, x1, noise } = draw(seed, 10_000);
      const { floor, nullMean, nullSd } = evppiNoiseFloor(samples, WTP);
      const v1 = evppiSortBin(samples, x1, WTP);
      const v0 = evppiSortBin(samples, noise, WTP);
      WTP.forEach((l, k) => {
        expect(v0[k] as number, `noise at λ=${l}, seed ${seed}`).toBeLessThanOrEqual(
          floor[k] as number,
        );
        expect(floor[k] as number).toBeGreaterThanOrEqual(
          (nullMean[k] as number) + 3 * (nullSd[k] as number) - 1e-12,
        );
      });
      // λ = 0: X1 moves only the effect, so it has no value; at 10,000 and 20,000 it has.
      expect(v1[0] as number).toBeLessThanOrEqual(floor[0] as number);
      expect(v1[1] as number).toBeGreaterThan(floor[1] as number);
      expect(v1[2] as number).toBeGreaterThan(floor[2] as number);
    }
  });

  it("the null mean is the estimator's upward bias: positive where the decision is uncertain", () => {
    const { samples } = draw(7, 10_000);
    const { nullMean, floor } = evppiNoiseFloor(samples, WTP);
    // At λ = 10,000 the INB has mean 0 and SD ≈ 510: bins of 100 samples have means with SD
    // ≈ 51, whose positive part averages 51·φ(0) ≈ 20 — the bias of an uninformative parameter.
    expect(nullMean[1] as number).toBeGreaterThan(10);
    expect(nullMean[1] as number).toBeLessThan(30);
    expect(floor[1] as number).toBeGreaterThan(nullMean[1] as number);
  });

  it("a decision that no sample can change has a floor of rounding size and nothing above it", () => {
    // B costs 10⁶ more in every sample, whatever the parameter: no information has value.
    const n = 2000;
    const rng = Rng.create("evppi-floor-certain");
    const x = rng.fillNormal(new Float64Array(n));
    const cost = new Float64Array(2 * n);
    const effect = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      cost[i] = 5e5 + 1e3 * (x[i] as number);
      cost[n + i] = (cost[i] as number) + 1e6;
      effect[n + i] = 0.01 * (x[i] as number);
    }
    const samples = createCeSamples({ strategies: ["A", "B"], cost, effect });
    const r = rankEvppi(samples, { x }, [20_000]);
    expect(r.ranked).toEqual([]);
    expect(r.belowFloor.map((e) => e.parameter)).toEqual(["x"]);
    expect(r.floor.floor[0] as number).toBeLessThan(1e-2);
  });

  it("rankEvppi ranks only what stands above the floor, and the group of X1 and X2 stands above its own", () => {
    const { samples, x1, x2, noise } = draw(3, 10_000);
    const r = rankEvppi(samples, { noise, x2, x1, fixed: new Float64Array(10_000) }, WTP, {
      group: true,
    });
    expect(r.rankWtp).toBe(20_000);
    expect(r.ranked.map((e) => e.parameter)).toEqual(["x1"]);
    // Every parameter that varies is listed, ranked or not; "fixed" does not vary.
    expect([...r.ranked, ...r.belowFloor].map((e) => e.parameter).sort()).toEqual([
      "noise",
      "x1",
      "x2",
    ]);
    expect(r.belowFloor.map((e) => e.parameter)).toContain("noise");
    expect(r.group?.parameter).toBe("noise + x2 + x1");
    // The group holds X1 and X2, whose analytic joint EVPPI is 233 at λ = 10,000 and 94 at 20,000.
    expect(r.group?.aboveFloor.slice(1)).toEqual([true, true]);
    expect(() => rankEvppi(samples, { x1 }, WTP, { rankWtp: 5 })).toThrow(/^rankEvppi: /);
  });
});
