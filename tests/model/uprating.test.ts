import { describe, expect, it } from "vitest";
import indices from "../../models/swis/price-indices.json" with { type: "json" };
import { InputError } from "../../src/errors.js";
import { type PriceIndex, parsePriceYear, upratingFactor } from "../../src/model/uprating.js";

const nhscii = indices.nhscii as PriceIndex;
const gdp = indices.gdp as PriceIndex;

describe("price indices and uprating", () => {
  it("the NHSCII index chains the published % changes from 2014/15 = 100 to 129.51 (2024/25)", () => {
    // PSSRU Unit Costs of Health and Social Care 2025: pay & prices % change, 2015/16 … 2024/25.
    const changes = [0.4, 2.09, 1.24, 1.6, 2.14, 2.49, 2.58, 7.32, 2.47, 4.02];
    let index = 100;
    const years = Object.keys(nhscii.values);
    changes.forEach((pct, i) => {
      index *= 1 + pct / 100;
      expect(nhscii.values[years[i + 1] as string]).toBeCloseTo(index, 2);
    });
    expect(index).toBeCloseTo(129.51, 2);
  });

  it("upratingFactor gives domain.md's factors to 2023/24", () => {
    expect(upratingFactor(nhscii, "2016/17", "2023/24")).toBeCloseTo(1.2147, 3);
    expect(upratingFactor(nhscii, "2019/20", "2023/24")).toBeCloseTo(1.1562, 3);
    expect(upratingFactor(nhscii, "2020/21", "2023/24")).toBeCloseTo(1.1281, 3);
    expect(upratingFactor(nhscii, "2021/22", "2023/24")).toBeCloseTo(1.0997, 3);
    expect(upratingFactor(nhscii, "2023/24", "2023/24")).toBe(1);
    // GDP deflator is calendar-year: 2020/21 reads as 2020 → 96.25 / 85.21 for IFA fees.
    expect(upratingFactor(gdp, "2020/21", "2023/24")).toBeCloseTo(96.25 / 85.21, 14);
  });

  it("price years must be financial years the index covers; errors are InputErrors naming the field", () => {
    expect(parsePriceYear("2023/24")).toBe("2023/24");
    expect(() => parsePriceYear("2023-24")).toThrow(InputError);
    expect(() => parsePriceYear("2023/25")).toThrow(/financial year/);
    expect(() =>
      upratingFactor(nhscii, "2010/11", "2023/24", "unit_costs.c_s47.price_year"),
    ).toThrow(
      /^unit_costs\.c_s47\.price_year: NHS Cost Inflation Index.* has no value for 2010\/11; it covers 2014\/15 to 2024\/25$/,
    );
  });
});
