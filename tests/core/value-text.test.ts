import { describe, expect, it } from "vitest";
import { valueText } from "../../src/core/value-text.js";

describe("valueText", () => {
  it("shows finite numbers as themselves, rounded only when asked", () => {
    expect(valueText(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(valueText(0.1 + 0.2, 12)).toBe("0.3");
    expect(valueText(-3.95e53)).toBe("-3.95e+53");
    expect(valueText(0)).toBe("0");
  });

  it("names NaN and the infinities in words, never as NaN or Infinity", () => {
    expect(valueText(Math.log(-1))).toBe("not a number");
    expect(valueText(1 / 0)).toBe("infinity");
    expect(valueText(-1 / 0, 12)).toBe("minus infinity");
  });
});
