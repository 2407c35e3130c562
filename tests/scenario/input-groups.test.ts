/**
 * Whose numbers a run rests on: your figures, national defaults, assumptions; and the warning
 * for template slots still holding national defaults.
 */
import { describe, expect, it } from "vitest";
import {
  groupInputs,
  inputGroup,
  templateDefaultsLeft,
  templateDefaultsWarning,
} from "../../src/scenario/input-groups.js";
import type { ResolvedInput } from "../../src/scenario/load-scenario.js";

const input = (name: string, extra: Partial<ResolvedInput>): ResolvedInput => ({
  name,
  spec: { type: "fixed", value: 1 },
  table: "parameters",
  label: name,
  unit: "",
  source: "",
  tag: "verified",
  factor: 1,
  ...extra,
});

describe("input groups", () => {
  it("inputGroup: by tag first, then whether the scenario set it", () => {
    expect(inputGroup({ tag: "verified", setIn: "a.yaml:3:3" })).toBe("your-figures");
    expect(inputGroup({ tag: "derived", setIn: "a.yaml:3:3" })).toBe("your-figures");
    expect(inputGroup({ tag: "verified" })).toBe("national-defaults");
    expect(inputGroup({ tag: "national-default", setIn: "a.yaml:3:3" })).toBe("national-defaults");
    expect(
      inputGroup({ tag: "national-default", setIn: "a.yaml:3:3", modelTag: "assumption" }),
    ).toBe("assumptions");
    expect(inputGroup({ tag: "assumption", setIn: "a.yaml:3:3" })).toBe("assumptions");
    expect(inputGroup({ tag: "not-found" })).toBe("assumptions");
  });

  it("groupInputs: every input in exactly one group, order kept", () => {
    const inputs = [
      input("a", { setIn: "x:1:1" }),
      input("b", {}),
      input("c", { tag: "assumption" }),
      input("d", { tag: "national-default", setIn: "x:2:1", modelTag: "derived" }),
    ];
    const g = groupInputs(inputs);
    expect(g["your-figures"].map((i) => i.name)).toEqual(["a"]);
    expect(g["national-defaults"].map((i) => i.name)).toEqual(["b", "d"]);
    expect(g.assumptions.map((i) => i.name)).toEqual(["c"]);
  });

  it("templateDefaultsLeft: set in the scenario and still tagged national-default, once each", () => {
    const inputs = [
      input("a", { tag: "national-default", setIn: "x:1:1" }),
      input("b", { tag: "national-default" }),
      input("c", { tag: "verified", setIn: "x:2:1" }),
      input("d", { tag: "national-default", setIn: "x:3:1", strategy: "swis" }),
    ];
    expect(templateDefaultsLeft(inputs)).toEqual(["a", "d (swis)"]);
  });

  it("templateDefaultsWarning: none for no names; otherwise one line naming them", () => {
    expect(templateDefaultsWarning([])).toBeUndefined();
    expect(templateDefaultsWarning(["rate_s47"])).toMatch(
      /^warning: 1 input still holds the template's national default instead of a local figure: rate_s47\./,
    );
    const two = templateDefaultsWarning(["a", "b"]) as string;
    expect(two).toContain("2 inputs still hold");
    expect(two).not.toContain("\n");
  });
});
