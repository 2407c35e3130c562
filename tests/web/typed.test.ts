import { describe, expect, it } from "vitest";
import { readTyped } from "../../src/web/typed.js";

describe("readTyped", () => {
  it("readTyped reads plain numbers as they are", () => {
    expect(readTyped("41000", {})).toEqual({ value: 41000 });
    expect(readTyped(" 0.28 ", { proportion: true })).toEqual({ value: 0.28 });
    expect(readTyped("1e3", {})).toEqual({ value: 1000 });
    expect(readTyped("-2.5", {})).toEqual({ value: -2.5 });
    expect(readTyped("1", { proportion: true })).toEqual({ value: 1 });
  });

  it("readTyped quotes money typed with £ or commas and says what to type", () => {
    expect(readTyped("£41,000", {})).toEqual({
      message: "£41,000: type 41000 (digits only, without a currency sign or commas)",
    });
    expect(readTyped("41,000.50", {})).toEqual({
      message: "41,000.50: type 41000.5 (digits only, without a currency sign or commas)",
    });
    expect(readTyped("£41k", {})).toEqual({
      message: "£41k: type 41000 (digits only, without a currency sign or commas)",
    });
  });

  it("readTyped says a proportion is between 0 and 1 when a percentage is typed", () => {
    expect(readTyped("28", { proportion: true })).toEqual({
      message: "28: this is a proportion between 0 and 1: type 0.28 for 28%",
    });
    expect(readTyped("28%", { proportion: true })).toEqual({
      message: "28%: this is a proportion between 0 and 1: type 0.28 for 28%",
    });
    expect(readTyped("28%", {})).toEqual({ message: "28%: type the number without %, e.g. 28" });
  });

  it("readTyped asks for whole numbers, and for a number when it gets none", () => {
    expect(readTyped("2.5", { integer: true })).toEqual({
      message: "2.5: type a whole number, e.g. 3",
    });
    expect(readTyped("", {})).toEqual({ message: "empty: type a number" });
    expect(readTyped("two", {})).toEqual({
      message: '"two" is not a number: type digits only, e.g. 41000',
    });
    expect(readTyped("Infinity", {})).toHaveProperty("message");
    expect(readTyped("NaN", {})).toHaveProperty("message");
  });
});
