import { describe, expect, it } from "vitest";
import { readLongPsaTable, readWidePsaTable } from "../../src/analysis/psa-csv.js";
import { InputError } from "../../src/errors.js";

/** The message `fn` throws as an InputError. */
function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).message;
  }
  throw new Error("expected an InputError");
}

describe("PSA column names", () => {
  it("long files accept R's and spreadsheets' names in any case, and keep iteration labels", () => {
    const headers = [
      "sim,Strategy,Cost,Effect",
      "iter,arm,costs,QALYs",
      "Iteration,Intervention,Total.cost,qaly",
      "run,treatment,c,lys",
      "draw,option,Total cost,Life-years",
    ];
    for (const h of headers) {
      const t = readLongPsaTable(`${h}\n7,a,1,10\n7,b,2,20\n9,a,3,30\n9,b,4,40\n`);
      expect(t.samples.strategies, h).toEqual(["a", "b"]);
      expect(Array.from(t.samples.cost), h).toEqual([1, 3, 2, 4]);
      expect(Array.from(t.samples.effect), h).toEqual([10, 30, 20, 40]);
      expect(t.iterations, h).toEqual(["7", "9"]);
    }
  });

  it("the canonical name wins over an alias; two aliases and no canonical name are refused", () => {
    const t = readLongPsaTable("sim,strategy,cost,qaly,effect\n1,a,1,5,9\n1,b,2,6,8\n");
    expect(Array.from(t.samples.effect)).toEqual([9, 8]);
    expect(
      message(() => readLongPsaTable("sim,strategy,cost,qaly,lys\n1,a,1,5,9\n", { file: "p.csv" })),
    ).toBe(
      'p.csv:1 effect: columns "qaly" and "lys" could each be the effect; rename the one to analyse to "effect"',
    );
  });

  it("wide files keep the row labels of the cost file's label column", () => {
    const t = readWidePsaTable("sim,a,b\n4,1,2\n5,3,4\n", "a,b\n1,2\n3,4\n");
    expect(t.iterations).toEqual(["4", "5"]);
    expect(readWidePsaTable("a,b\n1,2\n3,4\n", "a,b\n1,2\n3,4\n").iterations).toBeUndefined();
  });

  it("semicolon- and tab-separated files are named as such, long or wide", () => {
    const semi = message(() =>
      readLongPsaTable('"iteration";"strategy";"cost";"effect"\n1;"a";1,5;2\n', { file: "p.csv" }),
    );
    expect(semi).toMatch(
      /^p\.csv:1: the file is separated by semicolons, with "," as the decimal mark/,
    );
    expect(semi).toContain("write.csv() instead of write.csv2()");
    expect(
      message(() =>
        readWidePsaTable('"";"a";"b"\n"1";1,5;2\n', "a,b\n1,2\n", { costFile: "c.csv" }),
      ),
    ).toMatch(/^c\.csv:1: the file is separated by semicolons/);
    expect(
      message(() => readLongPsaTable("\n\niteration\tstrategy\tcost\teffect\n1\ta\t1\t2\n")),
    ).toMatch(/^line 3: the file is separated by tabs/);
    // A comma in the header outside quotes: read as CSV, semicolons in quoted names are fine.
    const t = readLongPsaTable('iteration,"strategy",cost,effect\n1,"a;b",1,2\n1,c,2,3\n');
    expect(t.samples.strategies).toEqual(["a;b", "c"]);
  });
});
