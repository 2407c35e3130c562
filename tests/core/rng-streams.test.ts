import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { expectMoments } from "../helpers/distribution-checks.js";

const N = 100_000;

describe("Rng.create", () => {
  it("Rng.create is deterministic per (seed, stream) and streams and seeds differ", () => {
    const draw = (seed: string | number, stream?: number) =>
      Rng.create(seed, stream).fillUniform(new Float64Array(64));
    expect(draw("swis", 3)).toEqual(draw("swis", 3));
    expect(draw(20240917)).toEqual(draw(20240917, 0)); // stream defaults to 0
    expect(draw("swis", 3)).not.toEqual(draw("swis", 4));
    expect(draw("swis", 0)).not.toEqual(draw("swis2", 0));
    // No two of 100 streams share a first 32-bit output (collision chance ≈ 100²/2³³ ≈ 1e-6).
    const firsts = new Set(Array.from({ length: 100 }, (_, s) => Rng.create(1, s).nextUint32()));
    expect(firsts.size).toBe(100);
  });

  it("Rng.create rejects a negative or fractional stream with a RangeError naming itself", () => {
    expect(() => Rng.create(1, -1)).toThrow(
      /^Rng\.create: stream must be a non-negative integer, got -1/,
    );
    expect(() => Rng.create(1, 1.5)).toThrow(RangeError);
    expect(() => Rng.create(1, Number.NaN)).toThrow(RangeError);
  });
});

describe("Rng.nextUint32", () => {
  it("nextUint32 gives integers in [0, 2^32) using the whole range", () => {
    const rng = Rng.create("uint32");
    let top = 0;
    let low = 0;
    for (let i = 0; i < 10_000; i++) {
      const v = rng.nextUint32();
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
      if (v >= 2 ** 31) top++;
      if ((v & 1) === 1) low++;
    }
    // top and bottom bits are each set half the time: Binomial(1e4, ½), SE 50
    expect(Math.abs(top - 5000)).toBeLessThanOrEqual(200);
    expect(Math.abs(low - 5000)).toBeLessThanOrEqual(200);
  });
});

describe("Rng.fillUniform", () => {
  it("fillUniform gives values in (0, 1) with mean ½ and variance 1/12 within 4 SEs", () => {
    const u = Rng.create("uniform").fillUniform(new Float64Array(N));
    expect(u.every((v) => v > 0 && v < 1)).toBe(true);
    // U(0, 1): σ² = 1/12, μ4 = 1/80
    expectMoments(u, { mean: 0.5, variance: 1 / 12, mu4: 1 / 80 }, "U(0,1)");
  });

  it("fillUniform gives the same numbers as nextUniform", () => {
    const a = Rng.create(5);
    const b = Rng.create(5);
    const u = a.fillUniform(new Float64Array(1000));
    for (const v of u) expect(b.nextUniform()).toBe(v);
    expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it("nextUniform and fillUniform stay below 1 when both 32-bit outputs are all ones", () => {
    // White-box: a state whose next two xoshiro128** outputs are 0xFFFFFFFF. Output = rotl(5b, 7)·9,
    // so b₁ = rotr(0xFFFFFFFF·9⁻¹, 7)·5⁻¹; after one step b becomes b ^ c ^ a, so a = 0 and
    // c = b₁ ^ b₂ make the second b equal to b₁ as well.
    const inv = (m: number) => {
      let x = m; // Newton for the inverse mod 2^32: x ← x(2 − mx)
      for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(m, x));
      return x;
    };
    const rotr = (x: number, k: number) => (x >>> k) | (x << (32 - k));
    const b1 = Math.imul(rotr(Math.imul(0xffffffff | 0, inv(9)), 7), inv(5));
    const state = { a: 0, b: b1, c: 0, d: 1 };
    const rng = Rng.create(1);
    Object.assign(rng, state);
    expect(rng.nextUint32()).toBe(0xffffffff);
    Object.assign(rng, state);
    const u = rng.nextUniform();
    Object.assign(rng, state);
    const f = rng.fillUniform(new Float64Array(1))[0] as number;
    expect(u).toBeLessThan(1);
    expect(f).toBeLessThan(1);
  });
});

describe("Rng.fillNormal", () => {
  it("fillNormal has mean 0 and variance 1 within 4 SEs", () => {
    const z = Rng.create("normal").fillNormal(new Float64Array(N));
    // N(0, 1): μ4 = 3
    expectMoments(z, { mean: 0, variance: 1, mu4: 3 }, "N(0,1)");
    // odd lengths are filled completely
    const odd = Rng.create(2).fillNormal(new Float64Array(7).fill(Number.NaN));
    expect(odd.every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe("Rng.fillGamma", () => {
  it.each([0.5, 2.5, 30])("fillGamma(%d) has mean k and variance k within 4 SEs", (k) => {
    const g = Rng.create(`gamma ${k}`).fillGamma(k, new Float64Array(N));
    expect(g.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
    // Gamma(k, 1): σ² = k, μ4 = 3k² + 6k
    expectMoments(g, { mean: k, variance: k, mu4: 3 * k * k + 6 * k }, `Gamma(${k})`);
  });
});
