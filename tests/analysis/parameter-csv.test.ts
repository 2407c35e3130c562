import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readParameterCsv } from "../../src/analysis/parameter-csv.js";
import { InputError } from "../../src/errors.js";

describe("readParameterCsv", () => {
  it("matches rows by iteration in any order, and by row order without labels (generated)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (labels, m, seed) => {
          const n = labels.length;
          const value = (s: number, p: number) => ((labels[s] as number) * 31 + p * 7 + seed) % 997;
          // The file lists the samples in a shuffled order, labelled.
          const order = labels
            .map((_, s) => s)
            .sort((a, b) => ((a * 7919 + seed) % n) - ((b * 7919 + seed) % n) || a - b);
          const names = Array.from({ length: m }, (_, p) => `p${p}`);
          const labelled = [
            ["sim", ...names].join(","),
            ...order.map((s) => [labels[s], ...names.map((_, p) => value(s, p))].join(",")),
          ].join("\n");
          const target = { nSamples: n, iterations: labels.map(String), file: "psa.csv" };
          const byLabel = readParameterCsv(labelled, { file: "d.csv", target });
          expect(byLabel.matchedBy).toBe("iteration");
          expect(byLabel.names).toEqual(names);
          byLabel.columns.forEach((col, p) => {
            expect(Array.from(col)).toEqual(labels.map((_, s) => value(s, p)));
          });
          // Without a label column the rows are taken in order.
          const plain = [
            names.join(","),
            ...labels.map((_, s) => names.map((_, p) => value(s, p)).join(",")),
          ].join("\n");
          const byOrder = readParameterCsv(plain, { file: "d.csv", target });
          expect(byOrder.matchedBy).toBe("row order");
          expect(byOrder.columns).toEqual(byLabel.columns);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("compares iteration labels as numbers when they are numbers", () => {
    const d = readParameterCsv('"",p\n"2.0",5\n"01",4\n', {
      target: { nSamples: 2, iterations: ["1", "2"] },
    });
    expect(Array.from(d.columns[0] as Float64Array)).toEqual([4, 5]);
  });

  it("refuses an empty file, a header without parameters and a file without rows", () => {
    const error = (text: string) => {
      try {
        readParameterCsv(text, { file: "d.csv", target: { nSamples: 2 } });
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).message;
      }
      throw new Error("expected an InputError");
    };
    expect(error("")).toBe(
      "d.csv: the file is empty; expected a header row and one row per iteration",
    );
    expect(error("iteration\n1\n2\n")).toBe(
      "d.csv:1: the header has no parameter columns; expected one column per parameter",
    );
    expect(error("\np,q\n")).toBe("d.csv:2: the file has a header but no rows of parameter draws");
    expect(error("sim,p,\n1,2,3\n")).toBe(
      "d.csv:1:7: column 3 has no parameter name in the header",
    );
  });
});
