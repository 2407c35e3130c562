import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { power } from "../../src/core/power.js";

/** Relative difference, for comparing with the engine's own (not bit-specified) pow. */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("power", () => {
  it("power is exact where the result is: small whole powers", () => {
    expect(power(3, 2)).toBe(9);
    expect(power(2, 10)).toBe(1024);
    expect(power(2, -3)).toBe(0.125);
    expect(power(-2, 3)).toBe(-8);
    expect(power(7, 0)).toBe(1);
    expect(power(0, 0)).toBe(1);
  });

  it("power agrees with Math.pow to a few units in the last place (discount factors, roots)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.double({ min: -200, max: 200, noNaN: true }),
        (x, y) => {
          expect(rel(power(x, y), x ** y)).toBeLessThan(1e-13);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.double({ min: 0.9, max: 1.2, noNaN: true }),
        fc.integer({ min: -1024, max: 1024 }),
        (x, t) => {
          expect(rel(power(x, t), x ** t)).toBeLessThan(1e-13);
        },
      ),
    );
  });

  it("a whole power past the range of squaring keeps its subnormal value instead of 0", () => {
    // 10^320 overflows, so 1/10^320 would be 0; exp(−320 · ln 10) is the subnormal 1e−320.
    expect(rel(power(10, -320), 1e-320)).toBeLessThan(1e-3);
    expect(power(2, -1074)).toBe(5e-324);
    expect(power(10, 400)).toBe(Number.POSITIVE_INFINITY);
    expect(power(1e-200, 2)).toBe(0);
    // Within the range nothing changes: the squares stand.
    expect(power(10, -300)).toBe(1 / power(10, 300));
  });

  it("power follows Math.pow on zero, negative, infinite and NaN operands", () => {
    const special: [number, number][] = [
      [0, 0.5],
      [0, -0.5],
      [-8, 1 / 3],
      [Number.POSITIVE_INFINITY, 0.5],
      [0.5, Number.POSITIVE_INFINITY],
      [Number.NaN, 2.5],
      [2, Number.NaN],
      [1.5, 5000],
      [-1.5, 5001],
    ];
    for (const [x, y] of special) expect(Object.is(power(x, y), x ** y), `${x}^${y}`).toBe(true);
  });
});
