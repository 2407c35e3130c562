import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDecimalBytes } from "../../src/core/decimal-bytes.js";
import { decimalEnd, plainDecimal } from "../../src/core/plain-decimal.js";

const encoder = new TextEncoder();

/** plainDecimal of `text` followed by `after` and a line feed: its value and where it ended. */
function read(text: string, after = ","): { value: number; end: number } {
  const bytes = encoder.encode(`${text}${after}\n`);
  const value = plainDecimal(bytes, 0);
  return { value, end: decimalEnd };
}

describe("plainDecimal", () => {
  it("plainDecimal gives parseDecimalBytes' double (to the bit) for plain decimals, and ends at the field's end", () => {
    const digits = (max: number) =>
      fc.array(fc.constantFrom(..."0123456789"), { maxLength: max }).map((d) => d.join(""));
    const plain = fc
      .tuple(
        fc.constantFrom("", "-"),
        digits(22),
        fc.option(digits(26), { nil: undefined }),
        fc.constantFrom(",", "\n", "\r\n"),
      )
      .filter(([, whole, fraction]) => /\d/.test(whole + (fraction ?? "")));
    fc.assert(
      fc.property(plain, ([sign, whole, fraction, after]) => {
        const text = `${sign}${whole}${fraction === undefined ? "" : `.${fraction}`}`;
        const { value, end } = read(text, after);
        const bytes = encoder.encode(text);
        const expected = parseDecimalBytes(bytes, 0, bytes.length);
        if (Number.isNaN(value)) {
          // Declined only beyond 19 significant digits.
          expect(text.replace(/[-.]/g, "").replace(/^0+/, "").length).toBeGreaterThan(19);
        } else {
          expect(Object.is(value, expected)).toBe(true);
          expect(Object.is(value, Number(text))).toBe(true);
          expect(end).toBe(bytes.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("plainDecimal declines what is not a plain decimal followed by a comma or line end", () => {
    for (const text of ["1e3", "+4", ".5x", "1.2.3", "-", "", "12 ", '3"', "0x10", "١"]) {
      expect(read(text).value).toBeNaN();
    }
    expect(read("-0").value).toBe(-0);
    expect(Object.is(read("-0").value, -0)).toBe(true);
    expect(read(".5").value).toBe(0.5);
    expect(read("5.").value).toBe(5);
    expect(read("00012.50", "\r\n")).toEqual({ value: 12.5, end: 8 });
  });
});

describe("plainDecimal with orParse", () => {
  it("plainDecimal(…, true) gives parseDecimalBytes' double of the whole field (to the bit, NaN alike), and ends at the field's end", () => {
    const field = fc.oneof(
      fc.double({ noNaN: false }).map(String),
      fc.stringMatching(/^[-+]?[0-9]{0,25}(\.[0-9]{0,25})?([eE][-+]?[0-9]{1,3})?$/),
      fc.constantFrom("1e3", "+4", ".5x", "1.2.3", "-", "", "12 ", "0x10", "Infinity", "NA"),
    );
    fc.assert(
      fc.property(field, fc.constantFrom(",", "\n", "\r\n"), (text, after) => {
        const bytes = encoder.encode(`${text}${after}\n`);
        const value = plainDecimal(bytes, 0, true);
        const whole = encoder.encode(text);
        const expected = parseDecimalBytes(whole, 0, whole.length);
        expect(Object.is(value, expected) || (Number.isNaN(value) && Number.isNaN(expected))).toBe(
          true,
        );
        expect(decimalEnd).toBe(whole.length);
      }),
      { numRuns: 2000 },
    );
  });
});
