/**
 * Headings of the analysis report (src/report/analysis-sections.ts) that every format shares.
 */
import { describe, expect, it } from "vitest";
import { populationHeading } from "../../src/report/analysis-sections.js";

describe("populationHeading", () => {
  it("writes the discount rate as a short percentage and years in the singular for one", () => {
    expect(populationHeading({ annualPopulation: 1000, years: 1, discountRate: 0.035 })).toBe(
      "Population EVPI (1,000 a year for 1 year, discounted at 3.5%)",
    );
    // 0.07 × 100 is 7.000000000000001 in doubles; 0.035 × 100 is 3.5000000000000004.
    expect(populationHeading({ annualPopulation: 250, years: 10, discountRate: 0.07 })).toBe(
      "Population EVPI (250 a year for 10 years, discounted at 7%)",
    );
    expect(populationHeading({ annualPopulation: 12345, years: 5 })).toBe(
      "Population EVPI (12,345 a year for 5 years, discounted at 0%)",
    );
  });
});
