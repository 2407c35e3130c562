import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDecimalBytes } from "../../src/core/decimal-bytes.js";

const encoder = new TextEncoder();

/** parseDecimalBytes on a whole string, with Number() where it declines (as callers do). */
function parse(text: string): number {
  const bytes = encoder.encode(`,${text},`);
  const v = parseDecimalBytes(bytes, 1, bytes.length - 1);
  return Number.isNaN(v) ? Number(text) : v;
}

/** Whether the grammar of parseDecimalBytes covers `text` (so NaN means "declined"). */
const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const digitString = (min: number, max: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max })
    .map((d) => d.join(""));

/** Decimal strings: signs, leading zeros, many digits, points anywhere, exponents. */
const decimal = fc
  .record({
    sign: fc.constantFrom("", "-", "+"),
    zeros: fc.constantFrom("", "0", "000"),
    int: digitString(0, 20),
    frac: fc.option(digitString(0, 22), { nil: undefined }),
    exp: fc.option(
      fc.tuple(
        fc.constantFrom("e", "E"),
        fc.constantFrom("", "-", "+"),
        fc.integer({ min: 0, max: 40 }),
      ),
      { nil: undefined },
    ),
  })
  .map(({ sign, zeros, int, frac, exp }) => {
    const mantissa = `${zeros}${int}${frac === undefined ? "" : `.${frac}`}`;
    const e = exp === undefined ? "" : `${exp[0]}${exp[1]}${exp[2]}`;
    return `${sign}${mantissa === "" || mantissa === "." ? "0" : mantissa}${e}`;
  });

/** Decimal expansions (17 to 21 digits) of values at or next to a halfway point between doubles. */
const nearHalfway = fc
  .tuple(
    fc.double({ min: 1e-10, max: 1e16, noNaN: true }),
    fc.integer({ min: 17, max: 21 }),
    fc.integer({ min: -3, max: 3 }),
  )
  .filter(([x]) => x > 0)
  .map(([x, digits, nudge]) => {
    const next = nextUp(x);
    // The midpoint exactly, as a decimal with `digits` significant digits, nudged in the last one.
    const mid = exactDecimal(x, next);
    const [m, e] = mid;
    const scaled = m.slice(0, digits).padEnd(digits, "0");
    const last = BigInt(scaled) + BigInt(nudge);
    const text = last.toString();
    return `${text.slice(0, 1)}.${text.slice(1)}e${e - (text.length - scaled.length)}`;
  });

/** The next double above a positive x. */
function nextUp(x: number): number {
  const f = new Float64Array([x]);
  const b = new BigUint64Array(f.buffer);
  b[0] = (b[0] as bigint) + 1n;
  return f[0] as number;
}

/** (a + b) / 2 as all its significant decimal digits and the exponent of the first. */
function exactDecimal(a: number, b: number): [string, number] {
  // Both are dyadic: scale by 2^1100 to integers.
  const toBig = (x: number): [bigint, number] => {
    const f = new Float64Array([x]);
    const bits = new BigUint64Array(f.buffer)[0] as bigint;
    const exp = Number((bits >> 52n) & 0x7ffn);
    const frac = bits & ((1n << 52n) - 1n);
    return exp === 0 ? [frac, -1074] : [frac | (1n << 52n), exp - 1075];
  };
  const [ma, ea] = toBig(a);
  const [mb, eb] = toBig(b);
  const e = Math.min(ea, eb) - 1;
  const sum = (ma << BigInt(ea - e)) + (mb << BigInt(eb - e)); // (a + b)·2^-e, so mid = sum·2^(e-1)
  // mid = sum · 2^(e − 1) = sum · 5^(1 − e) / 10^(1 − e) when e < 1
  const k = 1 - e;
  const digits = (sum * 5n ** BigInt(k)).toString();
  return [digits.replace(/0+$/, ""), digits.length - 1 - k];
}

describe("parseDecimalBytes", () => {
  it("parseDecimalBytes equals Number() on generated decimal strings", () => {
    fc.assert(
      fc.property(decimal, (text) => {
        expect(Object.is(parse(text), Number(text)), text).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it("parseDecimalBytes equals Number() next to halfway points between doubles", () => {
    fc.assert(
      fc.property(nearHalfway, fc.constantFrom("", "-"), (text, sign) => {
        expect(Object.is(parse(sign + text), Number(sign + text)), sign + text).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it("parseDecimalBytes equals Number() on the shortest text of random doubles", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        for (const text of [String(x), x.toPrecision(16), x.toPrecision(15), x.toExponential(18)]) {
          expect(Object.is(parse(text), Number(text)), text).toBe(true);
        }
      }),
      { numRuns: 20000 },
    );
  });

  it("parseDecimalBytes answers most 17-digit values itself (without Number())", () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), (x) => {
        const bytes = encoder.encode(String(x));
        if (!Number.isNaN(parseDecimalBytes(bytes, 0, bytes.length))) answered++;
      }),
      { numRuns: 1000, seed: 1 },
    );
    expect(answered).toBeGreaterThan(990);
  });

  it("parseDecimalBytes declines what is not a plain decimal", () => {
    for (const text of [
      "",
      "-",
      "+",
      ".",
      "1e",
      "1e+",
      "0x10",
      "1_0",
      " 1",
      "1 ",
      "Infinity",
      "NaN",
      "1.2.3",
      "e5",
      "1,5",
      "--1",
    ]) {
      const bytes = encoder.encode(text);
      expect(Number.isNaN(parseDecimalBytes(bytes, 0, bytes.length)), text).toBe(true);
    }
  });

  it("parseDecimalBytes keeps the sign of zero", () => {
    const bytes = encoder.encode("-0.000e5");
    expect(Object.is(parseDecimalBytes(bytes, 0, bytes.length), -0)).toBe(true);
  });

  it("parseDecimalBytes never accepts text outside the plain grammar", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        const bytes = encoder.encode(text);
        const v = parseDecimalBytes(bytes, 0, bytes.length);
        if (!Number.isNaN(v)) {
          expect(PLAIN.test(text), text).toBe(true);
          expect(Object.is(v, Number(text))).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
