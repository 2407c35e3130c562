/**
 * productError gives a·b − fl(a·b) exactly: checked in exact (BigInt) arithmetic on random
 * doubles of moderate size, where the error is itself a double.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { productError } from "../../src/core/product-error.js";

/** A double as m · 2^e with m a BigInt (e ≥ −1074). */
function parts(v: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const sign = bits >> 63n === 1n ? -1n : 1n;
  return { m: sign * mantissa, e: Math.max(exponent, 1) - 1075 };
}

/** Whether x · 2^ex + y · 2^ey + z · 2^ez is exactly 0. */
function sumsToZero(terms: { m: bigint; e: number }[]): boolean {
  const low = Math.min(...terms.map((t) => t.e));
  return terms.reduce((acc, t) => acc + (t.m << BigInt(t.e - low)), 0n) === 0n;
}

describe("productError", () => {
  test("a·b = p + productError(a, b, p) exactly", () => {
    const value = fc
      .double({ min: -1e100, max: 1e100, noNaN: true })
      .filter((v) => v === 0 || Math.abs(v) > 1e-100);
    fc.assert(
      fc.property(value, value, (a, b) => {
        const p = a * b;
        const err = productError(a, b, p);
        const pa = parts(a);
        const pb = parts(b);
        const product = { m: pa.m * pb.m, e: pa.e + pb.e };
        const minusP = { ...parts(p), m: -parts(p).m };
        const minusErr = { ...parts(err), m: -parts(err).m };
        expect(sumsToZero([product, minusP, minusErr])).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  test("0.1 · 3", () => {
    expect(productError(0.1, 3, 0.1 * 3)).toBe(-2.7755575615628914e-17);
  });
});
