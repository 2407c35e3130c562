/**
 * The SWIS care-pathway model's programme cost per cycle and staffing, against the SWIS
 * model's figures (domain reference §5: £69,353 per school-year).
 */
import { describe, expect, it } from "vitest";
import {
  programmeCostInCycle,
  staffCostPerSchoolYear,
} from "../../../models/swis-pathway/programme-cost.js";

const base = {
  resourcePerYear: 80_000,
  setup: 5_000,
  grantTotal: 120_000,
  programmeYears: 2,
  costing: "resource",
  perspective: "public_sector",
};

describe("staffCostPerSchoolYear", () => {
  it("staffCostPerSchoolYear gives the SWIS model's £69,353 at the default inputs", () => {
    // 37,000 × 1.28 × 1.25 + 3,000 = 62,200; × (1 + 0.1 × 1.15) = 69,353.
    expect(staffCostPerSchoolYear(1, 37_000, 0.28, 0.25, 3_000, 0.1, 1.15)).toBeCloseTo(69_353, 9);
  });
});

describe("programmeCostInCycle", () => {
  it("programmeCostInCycle: a quarter of the yearly cost, set-up in cycle 1, nothing after the programme", () => {
    expect(programmeCostInCycle(base, 1, 0.25)).toBe(20_000 + 5_000);
    expect(programmeCostInCycle(base, 2, 0.25)).toBe(20_000);
    expect(programmeCostInCycle(base, 8, 0.25)).toBe(20_000);
    expect(programmeCostInCycle(base, 9, 0.25)).toBe(0);
  });

  it("programmeCostInCycle: grant costing spreads the grant over the programme years; the LA perspective nets it off", () => {
    const grant = { ...base, costing: "grant" };
    expect(programmeCostInCycle(grant, 1, 0.25)).toBe(15_000);
    expect(programmeCostInCycle({ ...grant, perspective: "local_authority" }, 3, 0.25)).toBe(0);
    expect(programmeCostInCycle({ ...base, perspective: "local_authority" }, 3, 0.25)).toBe(
      20_000 - 15_000,
    );
    expect(programmeCostInCycle({ ...base, perspective: "local_authority" }, 9, 0.25)).toBe(0);
  });
});
