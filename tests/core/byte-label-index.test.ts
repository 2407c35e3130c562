import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteLabelIndex } from "../../src/core/byte-label-index.js";

const encoder = new TextEncoder();

describe("ByteLabelIndex", () => {
  it("ByteLabelIndex gives ids in order of first appearance, like a Map", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.nat({ max: 2000 }).map(String),
            fc.constantFrom("07", "7", "7.0", "a", "é", "", "00", "0"),
            fc.string({ maxLength: 4 }),
          ),
          { maxLength: 300 },
        ),
        (labels) => {
          const index = new ByteLabelIndex();
          const map = new Map<string, number>();
          for (const label of labels) {
            if (!map.has(label)) map.set(label, map.size);
            const bytes = encoder.encode(`,${label},`);
            expect(index.intern(bytes, 1, bytes.length - 1)).toBe(map.get(label));
          }
          expect(index.size).toBe(map.size);
          for (const [label, id] of map) expect(index.text(id)).toBe(label);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("ByteLabelIndex finds ascending numbers without a table, and repeats after the run breaks", () => {
    const index = new ByteLabelIndex();
    for (let i = 1; i <= 5000; i++) expect(index.internText(String(i))).toBe(i - 1);
    expect(index.internText("17")).toBe(16);
    expect(index.internText("5001")).toBe(5000);
    const bytes = encoder.encode("4999");
    expect(index.find(bytes, 0, 4)).toBe(4998);
    expect(index.equals(4998, bytes, 0, 4)).toBe(true);
    expect(index.find(encoder.encode("x"), 0, 1)).toBe(-1);
  });

  it("ByteLabelIndex keeps consecutive numbers as numbers, and their text once the run ends", () => {
    const index = new ByteLabelIndex();
    for (let i = 0; i < 1000; i++) expect(index.internText(String(i + 5))).toBe(i);
    expect(index.findWhole(5)).toBe(0);
    expect(index.findWhole(1004)).toBe(999);
    expect(index.findWhole(1005)).toBe(-1);
    expect(index.findWhole(4)).toBe(-2);
    expect(index.text(999)).toBe("1004");
    // A gap ends the run: the labels so far are kept as bytes and found as before.
    expect(index.internText("2000")).toBe(1000);
    expect(index.internText("17")).toBe(12);
    expect(index.internText("4")).toBe(1001);
    expect(index.text(1000)).toBe("2000");
    expect(index.findWhole(17)).toBe(-2);
  });

  it("ByteLabelIndex.extendRun adds the next numbers as intern would, and refuses once the run has ended", () => {
    const run = new ByteLabelIndex();
    const one = new ByteLabelIndex();
    for (const index of [run, one]) {
      index.internText("7");
      index.internText("8");
    }
    expect(run.runStart).toBe(7);
    run.extendRun(40);
    for (let v = 9; v < 49; v++) one.internText(String(v));
    expect(run.size).toBe(one.size);
    for (let v = 0; v < 60; v++) {
      const bytes = encoder.encode(String(v));
      expect(run.find(bytes, 0, bytes.length)).toBe(one.find(bytes, 0, bytes.length));
      expect(run.findWhole(v)).toBe(one.findWhole(v));
    }
    expect(run.text(41)).toBe("48");
    // The next label goes on from there, and a gap ends the run as before.
    expect(run.internText("49")).toBe(42);
    expect(run.internText("60")).toBe(43);
    expect(run.runStart).toBe(-1);
    expect(run.text(41)).toBe("48");
    expect(() => run.extendRun(1)).toThrow(RangeError);
    // Labels that are not numbers never make a run.
    const words = new ByteLabelIndex();
    words.internText("a");
    expect(words.runStart).toBe(-1);
  });
});
