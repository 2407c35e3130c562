import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { locateIssue, parseYaml } from "../../src/scenario/yaml-source.js";

const TEXT = `model: swis
title: T
parameters:
  sw_salary:
    type: gamma
    sd: -3
list:
  - 1
  - 2
`;

describe("parseYaml", () => {
  it("parseYaml locates values, keys, list items and the nearest ancestor of a missing path", () => {
    const src = parseYaml("x.yaml", TEXT);
    expect(src.locate(["parameters", "sw_salary", "sd"])).toEqual({ line: 6, column: 9 });
    expect(src.locate(["parameters", "sw_salary", "sd"], true)).toEqual({ line: 6, column: 5 });
    expect(src.locate(["list", 1])).toEqual({ line: 9, column: 5 });
    expect(src.has(["parameters", "sw_salary", "mean"])).toBe(false);
    // Missing: the mapping that should hold it.
    expect(src.locate(["parameters", "sw_salary", "mean"])).toEqual({ line: 5, column: 5 });
  });

  it("parseYaml reports a syntax error at its line and column", () => {
    let error: unknown;
    try {
      parseYaml("bad.yaml", "a: 1\nb: [1, 2\n");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    // The flow sequence is found unclosed at the end of the text; the error points at its "[".
    expect((error as InputError).issue).toMatchObject({ file: "bad.yaml", line: 2, column: 4 });
    expect((error as InputError).message).toMatch(/^bad\.yaml:2:4: YAML syntax error: /);
  });

  it("locateIssue prefers the most derived file that has the path", () => {
    const child = parseYaml("child.yaml", "extends: base.yaml\npsa:\n  seed: 2\n");
    const base = parseYaml("base.yaml", "model: swis\npsa:\n  samples: 0\n");
    expect(locateIssue([child, base], ["psa", "samples"], "bad")).toEqual({
      file: "base.yaml",
      line: 3,
      column: 12,
      field: "psa.samples",
      message: "bad",
    });
    expect(locateIssue([child, base], ["psa", "seed"], "bad").file).toBe("child.yaml");
  });
});
