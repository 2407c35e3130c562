import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readLongPsaCsv, readWidePsaCsv } from "../../src/analysis/psa-csv.js";
import { InputError } from "../../src/errors.js";
import { fixturePath } from "../helpers/reference.js";

/** The InputError `fn` throws (fails the test if it throws nothing or something else). */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

const HEADER = "iteration,strategy,cost,effect\n";

/** The message readLongPsaCsv gives for `text` read as psa.csv. */
function longError(text: string): string {
  return inputError(() => readLongPsaCsv(text, { file: "psa.csv" })).message;
}

/** The message readWidePsaCsv gives for a cost and effect matrix read as cost.csv, effect.csv. */
function wideError(costText: string, effectText: string): string {
  return inputError(() =>
    readWidePsaCsv(costText, effectText, { costFile: "cost.csv", effectFile: "effect.csv" }),
  ).message;
}

describe("readLongPsaCsv", () => {
  it("readLongPsaCsv lays out costs and effects strategy-major", () => {
    const s = readLongPsaCsv(
      `${HEADER}1,usual,100,1\n1,swis,300,1.5\n2,usual,110,1.2\n2,swis,320,1.4\n3,usual,90,0.9\n3,swis,280,1.1\n`,
      { file: "psa.csv" },
    );
    expect(s.strategies).toEqual(["usual", "swis"]);
    expect(s.nSamples).toBe(3);
    expect(Array.from(s.cost)).toEqual([100, 110, 90, 300, 320, 280]);
    expect(Array.from(s.effect)).toEqual([1, 1.2, 0.9, 1.5, 1.4, 1.1]);
  });

  it("readLongPsaCsv accepts columns in any order, any case, and ignores extra columns", () => {
    const text =
      "run_id,Effect,note,Strategy,COST,Iteration\n" +
      'a1,1,"first, run",usual,100,1\n' +
      "a2,1.5,,swis,300,1\n" +
      "a3,1.2,x,usual,110,2\n" +
      "a4,1.4,y,swis,320,2\n";
    const s = readLongPsaCsv(text);
    expect(s.strategies).toEqual(["usual", "swis"]);
    expect(s.nSamples).toBe(2);
    expect(Array.from(s.cost)).toEqual([100, 110, 300, 320]);
    expect(Array.from(s.effect)).toEqual([1, 1.2, 1.5, 1.4]);
  });

  it("readLongPsaCsv keeps strategies and iterations in first-appearance order", () => {
    // Rows grouped by strategy rather than iteration; iteration labels are not sorted.
    const text =
      `${HEADER}10,zeta,1,0.1\n2,zeta,2,0.2\n7,zeta,3,0.3\n` +
      "7,alpha,30,3\n10,alpha,10,1\n2,alpha,20,2\n";
    const s = readLongPsaCsv(text);
    expect(s.strategies).toEqual(["zeta", "alpha"]);
    expect(s.nSamples).toBe(3);
    // Samples in the order 10, 2, 7.
    expect(Array.from(s.cost)).toEqual([1, 2, 3, 10, 20, 30]);
    expect(Array.from(s.effect)).toEqual([0.1, 0.2, 0.3, 1, 2, 3]);
  });

  it("readLongPsaCsv trims labels and numbers and reads every decimal number form", () => {
    const text =
      `${HEADER} 1 , usual , 1e3 ,.5\n1,swis,-2.,+3E-1\n` +
      '2,usual,"  7  ",0.000\n2," swis",1.5e+2,-0.25e1\n';
    const s = readLongPsaCsv(text);
    expect(s.strategies).toEqual(["usual", "swis"]);
    expect(Array.from(s.cost)).toEqual([1000, 7, -2, 150]);
    expect(Array.from(s.effect)).toEqual([0.5, 0, 0.3, -2.5]);
  });

  it("readLongPsaCsv handles a BOM, CRLF line ends and blank lines", () => {
    const s = readLongPsaCsv(
      "\uFEFFiteration,strategy,cost,effect\r\n\r\n1,a,1,2\r\n1,b,3,4\r\n\r\n",
    );
    expect(s.strategies).toEqual(["a", "b"]);
    expect(Array.from(s.cost)).toEqual([1, 3]);
    expect(Array.from(s.effect)).toEqual([2, 4]);
  });

  it("readLongPsaCsv reads the 10000 x 3 reference PSA exactly", () => {
    const text = readFileSync(fixturePath("reference/psa-1e4/psa_1e4.csv"), "utf8");
    const s = readLongPsaCsv(text, { file: "psa_1e4.csv" });
    expect(s.strategies).toEqual(["usual", "swis_a", "swis_b"]);
    expect(s.nSamples).toBe(10000);
    expect(s.cost).toHaveLength(30000);
    // First iteration of each strategy, as written in the file (%.17g, shortest form here).
    expect(s.cost[0]).toBe(19210.999140308526);
    expect(s.effect[0]).toBe(7.103091492775035);
    expect(s.cost[10000]).toBe(23260.47567586846);
    expect(s.effect[10000]).toBe(7.235228290545482);
    expect(s.cost[20000]).toBe(33245.37215084884);
    expect(s.effect[20000]).toBe(7.444698557042492);
    // Last iteration of swis_b.
    expect(s.cost[29999]).toBe(31972.66915246458);
    // Every value equals the file's text parsed by Number, at its strategy-major index.
    const order = ["usual", "swis_a", "swis_b"];
    const cost = new Float64Array(30000);
    const effect = new Float64Array(30000);
    const lines = text.trim().split("\n").slice(1);
    expect(lines).toHaveLength(30000);
    for (const line of lines) {
      const [it, strategy, c, e] = line.split(",") as [string, string, string, string];
      const idx = order.indexOf(strategy) * 10000 + Number(it) - 1;
      cost[idx] = Number(c);
      effect[idx] = Number(e);
    }
    expect(s.cost).toEqual(cost);
    expect(s.effect).toEqual(effect);
  });

  it("readLongPsaCsv rejects a missing column, naming it and the header found", () => {
    expect(longError("iteration,strategy,cost\n1,a,1\n")).toBe(
      'psa.csv:1 effect: missing column "effect"; the header needs iteration, strategy, cost and effect (found: iteration, strategy, cost)',
    );
    expect(longError("\n\nIteration,policy,cost,effect\n1,a,1,1\n")).toBe(
      'psa.csv:3 strategy: missing column "strategy"; the header needs iteration, strategy, cost and effect (found: Iteration, policy, cost, effect)',
    );
  });

  it("readLongPsaCsv rejects a non-numeric cell at its line, column and header", () => {
    expect(longError(`${HEADER}1,a,1,1\n1,b,abc,2\n`)).toBe(
      'psa.csv:3:5 cost: expected a number, got "abc"',
    );
    expect(longError("Effect,Cost,strategy,iteration\n1,2,a,1\n1x,2,b,1\n")).toBe(
      'psa.csv:3:1 Effect: expected a number, got "1x"',
    );
  });

  it("readLongPsaCsv rejects number forms outside plain decimals", () => {
    expect(longError(`${HEADER}1,a,0x10,1\n`)).toBe(
      'psa.csv:2:5 cost: expected a number, got "0x10"',
    );
    expect(longError(`${HEADER}1,a,1_000,1\n`)).toBe(
      'psa.csv:2:5 cost: expected a number, got "1_000"',
    );
    expect(longError(`${HEADER}1,a,"1,5",1\n`)).toBe(
      'psa.csv:2:5 cost: expected a number, got "1,5" (a decimal comma: write "." as the decimal mark)',
    );
  });

  it("readLongPsaCsv rejects a NaN cell with a hint", () => {
    expect(longError(`${HEADER}1,a,NaN,1\n`)).toBe(
      'psa.csv:2:5 cost: expected a number, got "NaN" (missing or non-finite values are not allowed)',
    );
  });

  it("readLongPsaCsv rejects an NA cell with a hint", () => {
    expect(longError(`${HEADER}1,a,1,NA\n`)).toBe(
      'psa.csv:2:7 effect: expected a number, got "NA" (missing or non-finite values are not allowed)',
    );
  });

  it("readLongPsaCsv rejects infinite values", () => {
    expect(longError(`${HEADER}1,a,-Inf,1\n`)).toBe(
      'psa.csv:2:5 cost: expected a number, got "-Inf" (missing or non-finite values are not allowed)',
    );
    expect(longError(`${HEADER}1,a,1e999,1\n`)).toBe(
      'psa.csv:2:5 cost: "1e999" is too large to be a finite number',
    );
  });

  it("readLongPsaCsv rejects an empty cell", () => {
    expect(longError(`${HEADER}1,a,,1\n`)).toBe(
      "psa.csv:2:5 cost: expected a number, got an empty cell",
    );
    expect(longError(`${HEADER}1,a,1,   \n`)).toBe(
      "psa.csv:2:7 effect: expected a number, got an empty cell",
    );
  });

  it("readLongPsaCsv shortens a long bad cell in the message", () => {
    expect(longError(`${HEADER}1,a,${"x".repeat(50)},1\n`)).toBe(
      `psa.csv:2:5 cost: expected a number, got "${"x".repeat(40)}…"`,
    );
  });

  it("readLongPsaCsv rejects an empty iteration or strategy label", () => {
    expect(longError(`${HEADER}1,a,1,1\n ,a,1,1\n`)).toBe(
      "psa.csv:3:1 iteration: the iteration is empty",
    );
    expect(longError(`${HEADER}1,,1,1\n`)).toBe("psa.csv:2:3 strategy: the strategy is empty");
  });

  it("readLongPsaCsv rejects a row with too many fields at the first extra one", () => {
    expect(longError(`${HEADER}1,a,1,1\n1,b,2,2,9\n`)).toBe(
      "psa.csv:3:9: expected 4 fields as in the header, found 5",
    );
  });

  it("readLongPsaCsv rejects a row with too few fields", () => {
    expect(longError(`${HEADER}1,a,1,1\n1,b,2\n`)).toBe(
      "psa.csv:3: expected 4 fields as in the header, found 3",
    );
  });

  it("readLongPsaCsv rejects an iteration missing a strategy, at that iteration's first row", () => {
    expect(longError(`${HEADER}1,a,1,1\n1,b,2,2\n2,a,1,1\n3,a,1,1\n3,b,2,2\n`)).toBe(
      'psa.csv:4:1 iteration: iteration 2 has no row for strategy "b" (every iteration needs all 2 strategies)',
    );
    // A strategy first seen in a later iteration is missing from the earlier ones.
    expect(longError(`${HEADER}1,a,1,1\n2,a,1,1\n2,b,2,2\n`)).toBe(
      'psa.csv:2:1 iteration: iteration 1 has no row for strategy "b" (every iteration needs all 2 strategies)',
    );
    // The column is that of the iteration's label on its first row, wherever that column is.
    const late = "strategy,sim,cost,effect\na,1,1,1\nb,1,2,2\nlonger,2,1,1\nb,2,1,1\na,2,1,1\n";
    expect(longError(late)).toBe(
      'psa.csv:2:3 sim: iteration 1 has no row for strategy "longer" (every iteration needs all 3 strategies)',
    );
    const missingA = "strategy,sim,cost,effect\na,1,1,1\nb,1,2,2\nlonger,2,1,1\n";
    expect(longError(missingA.replace("a,1,1,1\n", "a,1,1,1\nlonger,1,1,1\n"))).toBe(
      'psa.csv:5:8 sim: iteration 2 has no row for strategy "a" (every iteration needs all 3 strategies)',
    );
    // Columns count characters, not bytes.
    const quoted = 'strategy,sim,cost,effect\na,1,1,1\n"b",1,2,2\n"é",1,1,1\n"é",2,1,1\n';
    expect(longError(quoted)).toBe(
      'psa.csv:5:5 sim: iteration 2 has no row for strategy "a" (every iteration needs all 3 strategies)',
    );
  });

  it("readLongPsaCsv rejects a duplicate iteration/strategy row", () => {
    expect(longError(`${HEADER}1,a,1,1\n1,b,2,2\n2,a,1,1\n2,b,2,2\n1,a,5,5\n`)).toBe(
      'psa.csv:6:3 strategy: iteration 1 already has a row for strategy "a"',
    );
  });

  it("readLongPsaCsv rejects an empty file", () => {
    expect(longError("")).toBe("psa.csv: the file is empty; expected a header row and data rows");
    expect(longError("\uFEFF\n  \n")).toBe(
      "psa.csv: the file is empty; expected a header row and data rows",
    );
  });

  it("readLongPsaCsv rejects a file with a header and no data rows", () => {
    expect(longError(HEADER)).toBe("psa.csv:1: the file has a header but no data rows");
    expect(longError(`\n${HEADER}\n\n`)).toBe("psa.csv:2: the file has a header but no data rows");
  });

  it("readLongPsaCsv rejects a header column given twice, ignoring case", () => {
    expect(longError("iteration,strategy,cost,Cost,effect\n1,a,1,1,1\n")).toBe(
      'psa.csv:1:25 Cost: column "Cost" appears twice in the header',
    );
  });

  it("readLongPsaCsv adds the file name to CSV syntax errors", () => {
    expect(longError(`${HEADER}1,a,"1,1\n`)).toBe("psa.csv:2:5: unterminated quoted field");
    expect(longError(`${HEADER}1,a",1,1\n`)).toBe(
      "psa.csv:2:4: a quote inside an unquoted field (quote the whole field and double the quote)",
    );
  });

  it("readLongPsaCsv names the input 'input' in syntax errors when no file is given", () => {
    const e = inputError(() => readLongPsaCsv(`${HEADER}1,a,x,1\n`));
    expect(e.message).toBe('input:2:5 cost: expected a number, got "x"');
    expect(e.issue).toEqual({
      file: "input",
      line: 2,
      column: 5,
      field: "cost",
      message: 'expected a number, got "x"',
    });
  });
});

describe("readWidePsaCsv", () => {
  const COST = "usual,swis_a,swis_b\n100,300,500\n110,320,510\n";
  const EFFECT = "usual,swis_a,swis_b\n1,1.5,2\n1.2,1.4,2.5\n";

  it("readWidePsaCsv lays out a cost and effect matrix strategy-major", () => {
    const s = readWidePsaCsv(COST, EFFECT, { costFile: "cost.csv", effectFile: "effect.csv" });
    expect(s.strategies).toEqual(["usual", "swis_a", "swis_b"]);
    expect(s.nSamples).toBe(2);
    expect(Array.from(s.cost)).toEqual([100, 110, 300, 320, 500, 510]);
    expect(Array.from(s.effect)).toEqual([1, 1.2, 1.5, 1.4, 2, 2.5]);
  });

  it("readWidePsaCsv drops an unnamed leading row-label column (R write.csv)", () => {
    const cost = '"","usual","swis_a","swis_b"\n"1",100,300,500\n"2",110,320,510\n';
    const effect = ",usual,swis_a,swis_b\r\n1,1,1.5,2\r\n2,1.2,1.4,2.5\r\n";
    const s = readWidePsaCsv(cost, effect);
    expect(s.strategies).toEqual(["usual", "swis_a", "swis_b"]);
    expect(s.nSamples).toBe(2);
    expect(Array.from(s.cost)).toEqual([100, 110, 300, 320, 500, 510]);
    expect(Array.from(s.effect)).toEqual([1, 1.2, 1.5, 1.4, 2, 2.5]);
  });

  it("readWidePsaCsv drops an iteration or sim label column, in one file only", () => {
    // The label columns may be named differently; their rows must name the same iterations.
    const cost = "sim,usual,swis_a,swis_b\n1,100,300,500\n2,110,320,510\n";
    const effect = "Iteration,usual,swis_a,swis_b\n1,1,1.5,2\n2,1.2,1.4,2.5\n";
    const withLabels = readWidePsaCsv(cost, effect);
    expect(withLabels.strategies).toEqual(["usual", "swis_a", "swis_b"]);
    expect(Array.from(withLabels.cost)).toEqual([100, 110, 300, 320, 500, 510]);
    const mixed = readWidePsaCsv(cost, EFFECT);
    expect(Array.from(mixed.effect)).toEqual([1, 1.2, 1.5, 1.4, 2, 2.5]);
  });

  it("readWidePsaCsv reads a single-strategy matrix", () => {
    const s = readWidePsaCsv("usual\n1\n2\n", "usual\n3\n4\n");
    expect(s.strategies).toEqual(["usual"]);
    expect(Array.from(s.cost)).toEqual([1, 2]);
    expect(Array.from(s.effect)).toEqual([3, 4]);
  });

  it("readWidePsaCsv rejects effect columns that differ from the cost columns", () => {
    expect(wideError(COST, "usual,swis_b,swis_a\n1,2,1.5\n")).toBe(
      "effect.csv:1: the strategy columns (usual, swis_b, swis_a) differ from the cost file's (usual, swis_a, swis_b)",
    );
    expect(wideError(COST, "usual,swis_a\n1,1.5\n")).toBe(
      "effect.csv:1: the strategy columns (usual, swis_a) differ from the cost file's (usual, swis_a, swis_b)",
    );
  });

  it("readWidePsaCsv rejects matrices with different numbers of rows", () => {
    expect(wideError(COST, "usual,swis_a,swis_b\n1,1.5,2\n")).toBe(
      "effect.csv: has 1 sample row but the cost file has 2",
    );
  });

  it("readWidePsaCsv rejects a non-numeric cell, naming the strategy column", () => {
    expect(wideError(COST, ",usual,swis_a,swis_b\n1,1,1.5,2\n2,1.2,NA,2.5\n")).toBe(
      'effect.csv:3:7 swis_a: expected a number, got "NA" (missing or non-finite values are not allowed)',
    );
    expect(wideError("usual,swis_a,swis_b\n100,,500\n", EFFECT)).toBe(
      "cost.csv:2:5 swis_a: expected a number, got an empty cell",
    );
  });

  it("readWidePsaCsv rejects a ragged row", () => {
    expect(wideError("usual,swis_a,swis_b\n100,300,500,7\n", EFFECT)).toBe(
      "cost.csv:2:13: expected 3 fields as in the header, found 4",
    );
    expect(wideError(COST, "usual,swis_a,swis_b\n1,1.5\n1,2,3\n")).toBe(
      "effect.csv:2: expected 3 fields as in the header, found 2",
    );
  });

  it("readWidePsaCsv rejects an unnamed strategy column", () => {
    expect(wideError("usual,,swis_b\n1,2,3\n", EFFECT)).toBe(
      "cost.csv:1:7: column 2 has no strategy name in the header",
    );
  });

  it("readWidePsaCsv rejects a duplicate strategy column", () => {
    expect(wideError("usual,swis,Swis\n1,2,3\n", EFFECT)).toBe(
      'cost.csv:1:12 Swis: column "Swis" appears twice in the header',
    );
  });

  it("readWidePsaCsv rejects an empty file or a header without rows", () => {
    expect(wideError(COST, "")).toBe(
      "effect.csv: the file is empty; expected a header row and data rows",
    );
    expect(wideError("usual,swis_a,swis_b\n", EFFECT)).toBe(
      "cost.csv:1: the file has a header but no data rows",
    );
  });
});

describe("readLongPsaCsv duplicate rows", () => {
  it("readLongPsaCsv names the line and column of the first duplicate, whatever the widths of other rows", () => {
    const text = "iteration,strategy,cost,effect\n9,a,1,1\n9,b,2,2\n10,a,1,1\n10,b,2,2\n9,a,3,3\n";
    expect(() => readLongPsaCsv(text, { file: "d.csv" })).toThrow(
      'd.csv:6:3 strategy: iteration 9 already has a row for strategy "a"',
    );
  });
});
