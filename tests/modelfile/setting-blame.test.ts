/**
 * A value, range or override that a person sets for a model file's parameter and that makes the
 * model fail is reported where the person set it (the flag, the scenario's key), with the
 * model's own message after it; never as "sample N" of a PSA that was not run, nor in the
 * scenario at 1:1 with a path of the model file.
 */
import { describe, expect, it } from "vitest";
import { expectOneRefusal, runInProcess } from "../helpers/cli.js";

/** Strategy a uses p as a probability as it stands; strategy b uses p / 2. */
const MODEL = `format: ceakit-model/1
kind: markov
title: T
states: [H, S, D]
initial: { H: 1 }
cycles: 10
cycle_years: 1
rewards_on: end
correction: none
discount: 0.035
parameters:
  p: { type: beta, alpha: 10, beta: 90 }
  q: { type: beta, alpha: 10, beta: 90 }
strategies:
  a:
    transitions:
      H: { H: rest, S: p, D: 0.01 }
      S: { S: rest, D: 0.1 }
      D: { D: 1 }
    state_effects: { H: 1, S: 0.5 }
  b:
    transitions:
      H: { H: rest, S: q * 2, D: 0.01 }
      S: { S: rest, D: 0.1 }
      D: { D: 1 }
    state_effects: { H: 1, S: 0.5 }
`;

const refusal = async (args: string[], files: Record<string, string> = {}) =>
  expectOneRefusal(await runInProcess(args, { "m.model.yaml": MODEL, ...files }));

describe("a parameter that an entry uses as a probability is bounded to [0, 1]", () => {
  it("in a threshold range", async () => {
    expect(await refusal(["threshold", "m.model.yaml", "--parameter", "p", "--range", "0:2"])).toBe(
      "error: --range: expected a value between 0 and 1 for p, got 2",
    );
  });

  it("the model file's own distribution for it is not refused (its draws are scanned)", async () => {
    const normal = MODEL.replace(
      "  p: { type: beta, alpha: 10, beta: 90 }",
      "  p: { type: normal, mean: 0.5, sd: 0.01 }",
    );
    const r = await runInProcess(["validate", "m.model.yaml"], { "m.model.yaml": normal });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("in a scenario's override and DSA range", async () => {
    const override = "model: ./m.model.yaml\ntitle: S\nparameters: { p: 2 }\n";
    expect(await refusal(["validate", "s.yaml"], { "s.yaml": override })).toBe(
      "error: s.yaml:3:18 parameters.p: expected a value between 0 and 1, got 2",
    );
    const range = "model: ./m.model.yaml\ntitle: S\ndsa: { ranges: { p: [0, 5] } }\n";
    expect(await refusal(["dsa", "s.yaml"], { "s.yaml": range })).toBe(
      "error: s.yaml:3:25 dsa.ranges.p.1: expected a value between 0 and 1, got 5",
    );
  });
});

describe("a model failing at a value set outside the model file is blamed on the setting", () => {
  const FAILS =
    'm.model.yaml:23:24 strategies.b.transitions.H.S: strategy "b", H → S: "q * 2" is 1.2';

  it("threshold: at --range, with the sensitivity point, not a PSA sample", async () => {
    const line = await refusal([
      "threshold",
      "m.model.yaml",
      "--parameter",
      "q",
      "--range",
      "0:0.6",
    ]);
    expect(line).toMatch(
      /^error: --range: within 0:0\.6, the model fails: m\.model\.yaml:23:24 strategies\.b\.transitions\.H\.S: strategy "b", H → S: "q \* 2" is [0-9.]+ at sensitivity point \d+, not a probability between 0 and 1 \(q = 0\.5\d*\)$/,
    );
    expect(line).not.toMatch(/sample/);
  });

  it("a scenario's parameter value: at its key, at the base case", async () => {
    const s = "model: ./m.model.yaml\ntitle: S\nparameters:\n  q: 0.6\n";
    expect(await refusal(["run", "s.yaml", "--samples", "30"], { "s.yaml": s })).toBe(
      `error: s.yaml:4:6 parameters.q: with this scenario's values, the model fails: ${FAILS} at the base case, not a probability between 0 and 1 (q = 0.6)`,
    );
  });

  it("two of the scenario's values in the failing formula: at the first, naming the other and where it is", async () => {
    const sum = MODEL.replace("S: q * 2, D: 0.01", "S: p + q, D: 0.01");
    const s = "model: ./m.model.yaml\ntitle: S\nparameters:\n  q: 0.6\n  p: 0.5\n";
    const line = expectOneRefusal(
      await runInProcess(["validate", "s.yaml"], { "m.model.yaml": sum, "s.yaml": s }),
    );
    expect(line).toBe(
      'error: s.yaml:4:6 parameters.q: with this scenario\'s values (and parameters.p, s.yaml:5:6), the model fails: m.model.yaml:23:24 strategies.b.transitions.H.S: strategy "b", H → S: "p + q" is 1.1 at the base case, not a probability between 0 and 1 (p = 0.5, q = 0.6)',
    );
  });

  it("a strategy's own input: at that strategy's key", async () => {
    const s =
      "model: ./m.model.yaml\ntitle: S\nstrategies:\n  a: {}\n  b: { inputs: { q: 0.6 } }\n";
    const line = await refusal(["validate", "s.yaml"], { "s.yaml": s });
    expect(line).toMatch(
      /^error: s\.yaml:5:21 strategies\.b\.inputs\.q: with this scenario's values, the model fails: m\.model\.yaml:23:24 /,
    );
  });

  it("a scenario's DSA range: at the range", async () => {
    const s = "model: ./m.model.yaml\ntitle: S\ndsa: { ranges: { q: [0, 0.6] } }\n";
    const line = await refusal(["dsa", "s.yaml"], { "s.yaml": s });
    expect(line.replace(/sensitivity point \d+/, "sensitivity point N")).toBe(
      `error: s.yaml:3:21 dsa.ranges.q: at one end of this range, the model fails: ${FAILS} at sensitivity point N, not a probability between 0 and 1 (q = 0.6)`,
    );
  });

  it("of two DSA ranges, the one whose end makes the model fail", async () => {
    const sum = MODEL.replace("S: q * 2, D: 0.01", "S: p + q, D: 0.01");
    const s =
      "model: ./m.model.yaml\ntitle: S\ndsa: { ranges: { q: [0.05, 0.15], p: [0.05, 0.99] } }\n";
    const line = expectOneRefusal(
      await runInProcess(["dsa", "s.yaml"], { "m.model.yaml": sum, "s.yaml": s }),
    );
    expect(line).toMatch(
      /^error: s\.yaml:3:38 dsa\.ranges\.p: at one end of this range, the model fails: m\.model\.yaml:23:24 strategies\.b\.transitions\.H\.S: strategy "b", H → S: "p \+ q" is 1\.09 /,
    );
  });

  it("a mistake that shows no value the scenario set stays where the model file has it", async () => {
    const broken = MODEL.replace("S: { S: rest, D: 0.1 }", "S: { S: rest, D: p * 20 }");
    const s = "model: ./m.model.yaml\ntitle: S\nparameters:\n  q: 0.2\n";
    const line = expectOneRefusal(
      await runInProcess(["validate", "s.yaml"], { "m.model.yaml": broken, "s.yaml": s }),
    );
    expect(line).toMatch(/^error: m\.model\.yaml:\d+:\d+ strategies\.a\.transitions\.S\.D: /);
  });
});

describe("scenarios built on a model file", () => {
  it("may set a horizon as long as the model file's cycles allow (10,000 one-year cycles here)", async () => {
    const long = "model: ./m.model.yaml\ntitle: S\nhorizon_years: 60\n";
    const r = await runInProcess(["run", "s.yaml", "--samples", "30", "--format", "json"], {
      "m.model.yaml": MODEL,
      "s.yaml": long,
    });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).settings.horizonYears).toBe(60);
    const tooLong = "model: ./m.model.yaml\ntitle: S\nhorizon_years: 10001\n";
    expect(await refusal(["validate", "s.yaml"], { "s.yaml": tooLong })).toBe(
      "error: s.yaml:3:16 horizon_years: expected a number at most 10000, got 10001",
    );
  });

  it("listing one strategy says to list the comparator too", async () => {
    const s = "model: ./m.model.yaml\ntitle: S\nstrategies: { b: { inputs: { q: 0.2 } } }\n";
    expect(await refusal(["validate", "s.yaml"], { "s.yaml": s })).toBe(
      "error: s.yaml:3:13 strategies: at least two strategies are needed: a comparator and one to compare with it; the strategies listed are the ones run, the comparator first: of the model's a, b, list a (as { a: {} }) too",
    );
  });
});

describe("dsa --two-way", () => {
  it("refuses a fixed parameter without a range rather than print one value repeated", async () => {
    const fixed = MODEL.replace("  q: { type: beta, alpha: 10, beta: 90 }", "  q: 0.1");
    const line = expectOneRefusal(
      await runInProcess(["dsa", "m.model.yaml", "--two-way", "p,q"], { "m.model.yaml": fixed }),
    );
    expect(line).toBe(
      "error: --two-way: q has no range to vary over: it is fixed at 0.1; give it one in the scenario (dsa: { ranges: { q: [low, high] } }) or a distribution",
    );
    // With a range from the scenario, it varies.
    const s = "model: ./m.model.yaml\ntitle: S\ndsa: { ranges: { q: [0.05, 0.2] } }\n";
    const r = await runInProcess(["dsa", "s.yaml", "--two-way", "p,q", "--format", "json"], {
      "m.model.yaml": fixed,
      "s.yaml": s,
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
