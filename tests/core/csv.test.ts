import { describe, expect, it } from "vitest";
import { tokenizeCsv } from "../../src/core/csv.js";
import { InputError } from "../../src/errors.js";

interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
  readonly columns: number[];
}

/** Every record tokenizeCsv reports, copied (the callback's arrays are reused). */
function records(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  tokenizeCsv(text, (fields, line, columns) => {
    out.push({ fields: [...fields], line, columns: [...columns] });
  });
  return out;
}

/** The InputError tokenizeCsv throws on `text` (fails the test if it does not throw one). */
function tokenizeError(text: string): InputError {
  try {
    tokenizeCsv(text, () => {});
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`tokenizeCsv did not throw on ${JSON.stringify(text)}`);
}

describe("tokenizeCsv", () => {
  it("tokenizeCsv splits plain records and reports 1-based field columns", () => {
    expect(records("iteration,strategy,cost\n1,usual,100\n12,swis,3000\n")).toEqual([
      { fields: ["iteration", "strategy", "cost"], line: 1, columns: [1, 11, 20] },
      { fields: ["1", "usual", "100"], line: 2, columns: [1, 3, 9] },
      { fields: ["12", "swis", "3000"], line: 3, columns: [1, 4, 9] },
    ]);
  });

  it("tokenizeCsv reads the last record without a trailing line end", () => {
    expect(records("a,b\n1,2")).toEqual([
      { fields: ["a", "b"], line: 1, columns: [1, 3] },
      { fields: ["1", "2"], line: 2, columns: [1, 3] },
    ]);
  });

  it("tokenizeCsv keeps empty fields, including a trailing one", () => {
    expect(records(",x,,\n")).toEqual([
      { fields: ["", "x", "", ""], line: 1, columns: [1, 2, 4, 5] },
    ]);
  });

  it("tokenizeCsv reads quoted fields containing commas", () => {
    expect(records('name,note\nusual,"care, as usual"\n"a,b",c\n')).toEqual([
      { fields: ["name", "note"], line: 1, columns: [1, 6] },
      { fields: ["usual", "care, as usual"], line: 2, columns: [1, 7] },
      { fields: ["a,b", "c"], line: 3, columns: [1, 7] },
    ]);
  });

  it("tokenizeCsv turns doubled quotes inside a quoted field into one quote", () => {
    expect(records('"say ""hi""",""""\n"",x\n')).toEqual([
      { fields: ['say "hi"', '"'], line: 1, columns: [1, 14] },
      { fields: ["", "x"], line: 2, columns: [1, 4] },
    ]);
  });

  it("tokenizeCsv keeps embedded newlines and advances line numbers past them", () => {
    // Line 2 opens a quoted field that ends on line 4; the next record starts on line 5.
    const text = 'a,b\n1,"first\nsecond\nthird",z\n2,w\n';
    expect(records(text)).toEqual([
      { fields: ["a", "b"], line: 1, columns: [1, 3] },
      // The field after the multi-line one is at column 8 of line 4 (`third",z`).
      { fields: ["1", "first\nsecond\nthird", "z"], line: 2, columns: [1, 3, 8] },
      { fields: ["2", "w"], line: 5, columns: [1, 3] },
    ]);
  });

  it("tokenizeCsv keeps CRLF inside quotes and reports the next line correctly", () => {
    expect(records('"x\r\ny",1\r\n2,3\r\n')).toEqual([
      { fields: ["x\r\ny", "1"], line: 1, columns: [1, 4] },
      { fields: ["2", "3"], line: 3, columns: [1, 3] },
    ]);
  });

  it("tokenizeCsv accepts CRLF line ends without leaving a \\r in the last field", () => {
    expect(records("a,b\r\n1,2\r\n3,4\r\n")).toEqual([
      { fields: ["a", "b"], line: 1, columns: [1, 3] },
      { fields: ["1", "2"], line: 2, columns: [1, 3] },
      { fields: ["3", "4"], line: 3, columns: [1, 3] },
    ]);
  });

  it("tokenizeCsv accepts bare CR line ends", () => {
    expect(records("a,b\r1,2\r")).toEqual([
      { fields: ["a", "b"], line: 1, columns: [1, 3] },
      { fields: ["1", "2"], line: 2, columns: [1, 3] },
    ]);
  });

  it("tokenizeCsv drops a UTF-8 byte-order mark and counts columns after it", () => {
    expect(records("\uFEFFiteration,cost\n1,2\n")).toEqual([
      { fields: ["iteration", "cost"], line: 1, columns: [1, 11] },
      { fields: ["1", "2"], line: 2, columns: [1, 3] },
    ]);
  });

  it("tokenizeCsv skips blank and whitespace-only lines but keeps counting them", () => {
    const text = "\na,b\n\n   \r\n\r\n1,2\n\t\n3,4\n\n";
    expect(records(text)).toEqual([
      { fields: ["a", "b"], line: 2, columns: [1, 3] },
      { fields: ["1", "2"], line: 6, columns: [1, 3] },
      { fields: ["3", "4"], line: 8, columns: [1, 3] },
    ]);
  });

  it("tokenizeCsv reports nothing for empty input or a lone byte-order mark", () => {
    expect(records("")).toEqual([]);
    expect(records("\uFEFF")).toEqual([]);
    expect(records("\n\r\n  \n")).toEqual([]);
  });

  it("tokenizeCsv reuses its arrays between records", () => {
    const seen: (readonly string[])[] = [];
    tokenizeCsv("a\nb\n", (fields) => {
      seen.push(fields);
    });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
  });

  it("tokenizeCsv rejects an unterminated quote at the line and column where it opens", () => {
    const e = tokenizeError('a,b\n1,2\n3,"open\nstill open\n');
    expect(e.issue).toEqual({ line: 3, column: 3, message: "unterminated quoted field" });
    expect(e.message).toBe("line 3:3: unterminated quoted field");
  });

  it("tokenizeCsv rejects a quote inside an unquoted field at the quote", () => {
    const e = tokenizeError('a,b\n1,12"5\n');
    expect(e.issue).toEqual({
      line: 2,
      column: 5,
      message: "a quote inside an unquoted field (quote the whole field and double the quote)",
    });
    expect(e.message).toBe(
      "line 2:5: a quote inside an unquoted field (quote the whole field and double the quote)",
    );
  });

  it("tokenizeCsv rejects text after a closing quote, counting lines inside the quotes", () => {
    const e = tokenizeError('a,b\n"x\ny"z,1\n');
    expect(e.issue).toEqual({
      line: 3,
      column: 3,
      message: "unexpected character after a closing quote",
    });
    expect(e.message).toBe("line 3:3: unexpected character after a closing quote");
  });

  it("tokenizeCsv reports records before the error and none after it", () => {
    const lines: number[] = [];
    expect(() =>
      tokenizeCsv('a\nb\nc"\nd\n', (_, line) => {
        lines.push(line);
      }),
    ).toThrow(InputError);
    expect(lines).toEqual([1, 2]);
  });
});

describe("tokenizeCsv with old Mac line ends inside quotes", () => {
  it("tokenizeCsv counts a bare CR inside a quoted field as a line end", () => {
    const seen: [number, string[]][] = [];
    tokenizeCsv('a,"x\ry"\rb,c\r', (fields, line) => seen.push([line, [...fields]]));
    expect(seen).toEqual([
      [1, ["a", "x\ry"]],
      [3, ["b", "c"]],
    ]);
  });
});
