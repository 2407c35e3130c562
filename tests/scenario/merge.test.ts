import { describe, expect, it } from "vitest";
import { mergeScenarios } from "../../src/scenario/merge.js";

describe("mergeScenarios", () => {
  it("mergeScenarios merges sections key by key, the later file winning", () => {
    const merged = mergeScenarios([
      { model: "swis", title: "base", psa: { samples: 1000, seed: 1 }, settings: { schools: 3 } },
      { extends: "base.yaml", title: "child", psa: { seed: 2 } },
    ]);
    expect(merged).toEqual({
      model: "swis",
      title: "child",
      psa: { samples: 1000, seed: 2 },
      settings: { schools: 3 },
    });
  });

  it("mergeScenarios replaces an inherited input override whole, and lists and scalars too", () => {
    const merged = mergeScenarios([
      {
        parameters: { a: { type: "gamma", mean: 1, sd: 1, source: "x" }, b: 2 },
        report_wtp: [1, 2, 3],
      },
      { parameters: { a: { type: "fixed", value: 3 } }, report_wtp: [5] },
    ]);
    expect(merged).toEqual({
      parameters: { a: { type: "fixed", value: 3 }, b: 2 },
      report_wtp: [5],
    });
  });
});
