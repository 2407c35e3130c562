import { describe, expect, it } from "vitest";
import {
  DESCRIPTION_KEYS,
  distributionPart,
  EVIDENCE_TAGS,
  isAssumption,
  isLocal,
  PROVENANCE_KEYS,
  splitProvenance,
} from "../../src/model/provenance.js";

describe("splitProvenance", () => {
  it("splitProvenance separates every provenance key from the distribution", () => {
    const input = {
      type: "beta",
      mean: 0.3,
      sd: 0.1,
      base: 0.25,
      label: "p",
      unit: "probability",
      source: "DfE 2023",
      tag: "verified",
      price_year: "2023/24",
    };
    const { provenance, rest } = splitProvenance(input);
    expect(rest).toEqual({ type: "beta", mean: 0.3, sd: 0.1, base: 0.25 });
    expect(Object.keys(provenance).sort()).toEqual([...PROVENANCE_KEYS].sort());
  });

  it("splitProvenance leaves an input without provenance whole", () => {
    expect(splitProvenance({ type: "fixed", value: 2 })).toEqual({
      provenance: {},
      rest: { type: "fixed", value: 2 },
    });
  });
});

describe("distributionPart", () => {
  it("distributionPart drops the description keys of an input row, in the library's spelling", () => {
    const row = {
      type: "gamma",
      mean: 350,
      sd: 150,
      table: "unit_costs",
      priceYear: "2022/23",
      label: "S47 enquiry",
      unit: "£",
      source: "PSSRU",
      tag: "verified",
    };
    expect(distributionPart(row)).toEqual({ type: "gamma", mean: 350, sd: 150 });
    expect(DESCRIPTION_KEYS).toContain("priceYear");
  });

  it("distributionPart keeps no key that names a distribution parameter", () => {
    // No description key may shadow a key a distribution uses.
    const distributionKeys = ["type", "value", "mean", "sd", "alpha", "beta", "shape", "scale"];
    for (const k of distributionKeys)
      expect(DESCRIPTION_KEYS as readonly string[]).not.toContain(k);
  });
});

describe("isAssumption", () => {
  it("isAssumption is true for assumption and not-found only", () => {
    expect(EVIDENCE_TAGS.filter((t) => isAssumption(t))).toEqual(["assumption", "not-found"]);
    expect(isAssumption(undefined)).toBe(false);
  });
});

describe("isLocal", () => {
  it("isLocal is true for local only: the user's own audited figure, not an assumption", () => {
    expect(EVIDENCE_TAGS.filter((t) => isLocal(t))).toEqual(["local"]);
    expect(isAssumption("local")).toBe(false);
    expect(isLocal(undefined)).toBe(false);
  });
});
