import { describe, expect, it } from "vitest";
import { expectedNetBenefit, netBenefit } from "../../src/analysis/nmb.js";
import { createCeSamples } from "../../src/analysis/samples.js";

// usual: cost 100, 110, effect 1, 1.25; swis: cost 300, 320, effect 1.5, 1.75.
const samples = createCeSamples({
  strategies: ["usual", "swis"],
  cost: [100, 110, 300, 320],
  effect: [1, 1.25, 1.5, 1.75],
});

describe("netBenefit", () => {
  it("netBenefit is wtp × effect − cost per sample, strategy-major", () => {
    // λ = 200: usual 200 − 100 = 100, 250 − 110 = 140; swis 300 − 300 = 0, 350 − 320 = 30.
    expect(netBenefit(samples, 200)).toEqual(new Float64Array([100, 140, 0, 30]));
    // λ = 0: minus the costs.
    expect(netBenefit(samples, 0)).toEqual(new Float64Array([-100, -110, -300, -320]));
    // λ = −100: −100 − 100 = −200, −125 − 110 = −235, −150 − 300 = −450, −175 − 320 = −495.
    expect(netBenefit(samples, -100)).toEqual(new Float64Array([-200, -235, -450, -495]));
  });

  it("netBenefit writes into the buffer it is given", () => {
    const out = new Float64Array(4);
    const got = netBenefit(samples, 400, out);
    expect(got).toBe(out);
    // λ = 400: 400 − 100 = 300, 500 − 110 = 390, 600 − 300 = 300, 700 − 320 = 380.
    expect(out).toEqual(new Float64Array([300, 390, 300, 380]));
  });

  it("netBenefit rejects a buffer of the wrong length", () => {
    expect(() => netBenefit(samples, 1, new Float64Array(3))).toThrow(RangeError);
    expect(() => netBenefit(samples, 1, new Float64Array(5))).toThrow(/^netBenefit:/);
  });
});

describe("expectedNetBenefit", () => {
  it("expectedNetBenefit is WTP-major: enb[k·S + j] = λ_k·Ē_j − C̄_j", () => {
    // Doc example: λ = 0: 0 − 0 = 0, 0 − 105 = −105; λ = 250: 250 − 0 = 250, 380 − 105 = 275.
    expect(expectedNetBenefit([0, 105], [1, 1.52], [0, 250])).toEqual(
      new Float64Array([0, -105, 250, 275]),
    );
    // Three strategies, two WTP values: means cost 10, 20, 40; effect 0, 0.5, 0.75.
    // λ = 100: −10, 50 − 20 = 30, 75 − 40 = 35; λ = −40: −10, −20 − 20 = −40, −30 − 40 = −70.
    expect(expectedNetBenefit([10, 20, 40], [0, 0.5, 0.75], [100, -40])).toEqual(
      new Float64Array([-10, 30, 35, -10, -40, -70]),
    );
  });

  it("expectedNetBenefit equals the mean of netBenefit", () => {
    // Means: usual cost 105, effect 1.125; swis cost 310, effect 1.625.
    // λ = 200: usual 225 − 105 = 120 = (100 + 140)/2; swis 325 − 310 = 15 = (0 + 30)/2.
    expect(expectedNetBenefit([105, 310], [1.125, 1.625], [200])).toEqual(
      new Float64Array([120, 15]),
    );
    const nb = netBenefit(samples, 200);
    expect([
      ((nb[0] as number) + (nb[1] as number)) / 2,
      ((nb[2] as number) + (nb[3] as number)) / 2,
    ]).toEqual([120, 15]);
  });

  it("expectedNetBenefit of an empty grid is empty", () => {
    expect(expectedNetBenefit([1, 2], [3, 4], [])).toEqual(new Float64Array(0));
  });
});
