/**
 * Wrong arguments to the analysis entry points a developer calls first (createCeSamples,
 * analysePsa) are refused with a message naming the argument, not a TypeError from inside.
 */
import { describe, expect, it } from "vitest";
import { analysePsa, createCeSamples, evppiRegression, evppiSortBin } from "../../src/index.js";

describe("library arguments", () => {
  it("createCeSamples names what is missing or of the wrong kind", () => {
    const make = (init: unknown) => () => createCeSamples(init as never);
    expect(make(undefined)).toThrow("createCeSamples: expected { strategies, cost, effect }");
    // A string is not a list of names ("ab" would become strategies "a" and "b").
    expect(make({ strategies: "ab", cost: [1, 2], effect: [1, 2] })).toThrow(
      "createCeSamples: strategies must be an array of names (strings)",
    );
    expect(make({ strategies: ["a", 2], cost: [1, 2], effect: [1, 2] })).toThrow(
      "createCeSamples: strategies must be an array of names (strings)",
    );
    expect(make({ strategies: ["a"], cost: [1] })).toThrow(
      "createCeSamples: effect must be a Float64Array or an array of numbers",
    );
    expect(make({ strategies: ["a"], cost: "1", effect: [1] })).toThrow(
      "createCeSamples: cost must be a Float64Array or an array of numbers",
    );
    expect(make({ strategies: ["a", "b"], cost: [1, 2], effect: [1, 2] })().nSamples).toBe(1);
  });

  it("EVPPI refuses a parameter column with a draw that is not a finite number", () => {
    const s = createCeSamples({
      strategies: ["a", "b"],
      cost: [1, 2, 3, 4, 5, 6, 7, 8],
      effect: [1, 1, 2, 2, 1, 3, 1, 2],
    });
    const x = Float64Array.from([0.1, Number.NaN, 0.3, 0.4]);
    expect(() => evppiSortBin(s, x, [0, 100])).toThrow(
      "evppiSortBin: the parameter's draw 1 is NaN, not a finite number",
    );
    expect(() => evppiRegression(s, [x], [0, 100])).toThrow(
      "evppiRegression: the parameter's draw 1 is NaN, not a finite number",
    );
  });

  it("analysePsa asks for its WTP grid", () => {
    const s = createCeSamples({ strategies: ["a", "b"], cost: [1, 2, 3, 4], effect: [1, 1, 2, 2] });
    const message =
      "analysePsa: options.wtp is required: the WTP grid, e.g. { wtp: wtpRange(0, 100000, 1000) }";
    expect(() => analysePsa(s, undefined as never)).toThrow(message);
    expect(() => analysePsa(s, {} as never)).toThrow(message);
    expect(analysePsa(s, { wtp: [0, 10] }).curves.wtp.length).toBe(2);
  });
});
