import { describe, expect, test } from "vitest";
import {
  cycleDiscountFactors,
  discountBands,
  discountFactorAt,
  GREEN_BOOK,
  GREEN_BOOK_HEALTH,
} from "../../src/cohort/discount-schedule.js";

/** Within 1e-14 relative: a few units in the last place. */
function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(1e-14);
}

describe("discount schedules", () => {
  test("discountFactorAt with a constant rate is (1 + r)^−years", () => {
    expect(discountFactorAt(0.06, 0)).toBe(1);
    expectClose(discountFactorAt(0.06, 2), 1 / 1.06 ** 2);
    expect(discountFactorAt(0, 40)).toBe(1);
  });

  test("discountFactorAt follows the Green Book's bands (3.5% to 30 years, 3% to 75, 2.5% to 125)", () => {
    // Green Book (HM Treasury 2022, Table 8): the factor of year 31 is D_30 / 1.03, and so on.
    // The library's powers are engine-independent (src/core/power.ts); the engine's `**` is not
    // specified to the last bit, so the two agree to a few units in the last place.
    const d30 = 1.035 ** -30;
    expectClose(discountFactorAt("green-book", 30), d30);
    expectClose(discountFactorAt("green-book", 31), d30 / 1.03);
    const d75 = d30 * 1.03 ** -45;
    expectClose(discountFactorAt("green-book", 75), d75);
    expectClose(discountFactorAt("green-book", 80), d75 * 1.025 ** -5);
    expectClose(discountFactorAt("green-book", 130), d75 * 1.025 ** -50 * 1.02 ** -5);
    expectClose(discountFactorAt("green-book-health", 10), 1.015 ** -10);
    expectClose(discountFactorAt("green-book-health", 40), 1.015 ** -30 * 1.0129 ** -10);
    expect(GREEN_BOOK.map((b) => b.rate)).toEqual([0.035, 0.03, 0.025, 0.02, 0.015, 0.01]);
    expect(GREEN_BOOK_HEALTH.map((b) => b.rate)).toEqual([
      0.015, 0.0129, 0.0107, 0.0086, 0.0064, 0.0043,
    ]);
  });

  test("cycleDiscountFactors discounts m_t at t × cycle length years", () => {
    const d = cycleDiscountFactors(0.035, 4, 0.5);
    [0, 1, 2, 3, 4].forEach((t) => {
      expectClose(d[t] as number, 1.035 ** -(t * 0.5));
    });
    const stepped = cycleDiscountFactors("green-book", 70, 0.5);
    expectClose(stepped[62] as number, 1.035 ** -30 * 1.03 ** -1);
  });

  test("discountBands rejects bands that do not cover all time or go backwards", () => {
    expect(() => discountBands([{ until: 10, rate: 0.03 }])).toThrow(
      "the last band must run to Infinity",
    );
    expect(() =>
      discountBands([
        { until: 10, rate: 0.03 },
        { until: 5, rate: 0.02 },
      ]),
    ).toThrow("band 2 must end after 10 years");
    expect(() => discountBands(-1)).toThrow("band 1 rate must be a rate from 0 to 0.2, got -1");
    expect(() => discountBands(0.21)).toThrow("band 1 rate must be a rate from 0 to 0.2, got 0.21");
    expect(() =>
      discountBands([
        { until: 10, rate: 0.035 },
        { until: Number.POSITIVE_INFINITY, rate: -0.01 },
      ]),
    ).toThrow("band 2 rate must be a rate from 0 to 0.2, got -0.01");
    expect(discountBands(0.2)).toEqual([{ until: Number.POSITIVE_INFINITY, rate: 0.2 }]);
    expect(() =>
      discountBands([{ until: Number.POSITIVE_INFINITY, rate: "0.035" as unknown as number }]),
    ).toThrow("band 1 rate must be a rate from 0 to 0.2, got 0.035");
    expect(() =>
      discountBands([{ until: Number.POSITIVE_INFINITY, rate: null as unknown as number }]),
    ).toThrow("band 1 rate must be a rate from 0 to 0.2, got null");
    expect(() => discountBands("treasury" as never)).toThrow("discountBands: a rate is");
  });
});
