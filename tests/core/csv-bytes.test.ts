import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenizeCsv } from "../../src/core/csv.js";
import {
  CsvByteReader,
  csvColumn,
  csvFieldColumn,
  csvFieldText,
  tokenizeCsvBytes,
} from "../../src/core/csv-bytes.js";

const encoder = new TextEncoder();

type Outcome =
  | { records: { line: number; fields: string[]; columns: number[] }[] }
  | { error: string };

/** What the string tokenizer makes of `text`: its records, or its error. */
function fromText(text: string): Outcome {
  const records: { line: number; fields: string[]; columns: number[] }[] = [];
  try {
    tokenizeCsv(text, (fields, line, columns) => {
      records.push({ line, fields: [...fields], columns: [...columns] });
    });
  } catch (e) {
    return { error: String(e) };
  }
  return { records };
}

/** What the byte tokenizer makes of the UTF-8 of `text`. */
function fromBytes(text: string): Outcome {
  const bytes = encoder.encode(text);
  const records: { line: number; fields: string[]; columns: number[] }[] = [];
  try {
    tokenizeCsvBytes(bytes, (r) => {
      const fields: string[] = [];
      const columns: number[] = [];
      for (let f = 0; f < r.count; f++) {
        fields.push(csvFieldText(bytes, r, f));
        columns.push(csvFieldColumn(bytes, r, f));
      }
      records.push({ line: r.line, fields, columns });
    });
  } catch (e) {
    return { error: String(e) };
  }
  return { records };
}

/** CSV-like text from the characters that matter to a tokenizer, and some that are wide. */
const csvText = fc
  .array(
    fc.constantFrom(
      ",",
      '"',
      '""',
      "\n",
      "\r",
      "\r\n",
      " ",
      "\t",
      "a",
      "1",
      ".",
      "é",
      "😀",
      "\u3000",
      "\uFEFF",
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

describe("tokenizeCsvBytes", () => {
  it("tokenizeCsvBytes gives the string tokenizer's records, lines, columns and errors", () => {
    fc.assert(
      fc.property(csvText, fc.boolean(), (text, bom) => {
        const t = bom ? `\uFEFF${text}` : text;
        expect(fromBytes(t)).toEqual(fromText(t));
      }),
      { numRuns: 5000 },
    );
  });

  it("tokenizeCsvBytes reads quoted fields, CRLF and a byte-order mark", () => {
    expect(fromBytes('\uFEFFa,"b ""c"""\r\n\r\n"x\ny",2\n')).toEqual({
      records: [
        { line: 1, fields: ["a", 'b "c"'], columns: [1, 3] },
        { line: 3, fields: ["x\ny", "2"], columns: [1, 4] }, // "2" counted from the quoted line end, as csv.ts counts
      ],
    });
  });

  it("tokenizeCsvBytes locates an unterminated quote in characters, not bytes", () => {
    expect(fromBytes('é,"x')).toEqual({ error: "InputError: line 1:3: unterminated quoted field" });
  });

  it("CsvByteReader reads records one at a time", () => {
    const reader = new CsvByteReader(encoder.encode("a,b\n\n1,2,3\n"));
    const counts: number[] = [];
    while (reader.next()) counts.push(reader.record.count);
    expect(counts).toEqual([2, 3]);
  });

  it("CsvByteReader read window by window gives the records and errors it gives on the whole bytes", () => {
    /** The records of `bytes` read through a buffer of `size` bytes filled `piece` at a time. */
    const windowed = (bytes: Uint8Array, size: number, piece: number): Outcome => {
      const records: { line: number; fields: string[]; columns: number[] }[] = [];
      let buffer = new Uint8Array(size);
      let carry = 0;
      let at = 0;
      let reader: CsvByteReader | undefined;
      try {
        for (;;) {
          if (carry === buffer.length) {
            const bigger = new Uint8Array(buffer.length * 2);
            bigger.set(buffer);
            buffer = bigger;
          }
          const got = Math.min(piece, buffer.length - carry, bytes.length - at);
          buffer.set(bytes.subarray(at, at + got), carry);
          at += got;
          const end = carry + got;
          const final = got === 0;
          if (reader === undefined) reader = new CsvByteReader(buffer, end, final);
          else reader.window(buffer, end, final);
          while (reader.next()) {
            const r = reader.record;
            const fields: string[] = [];
            const columns: number[] = [];
            for (let f = 0; f < r.count; f++) {
              fields.push(csvFieldText(buffer, r, f));
              columns.push(csvFieldColumn(buffer, r, f));
            }
            records.push({ line: r.line, fields, columns });
          }
          if (final) break;
          buffer.copyWithin(0, reader.offset, end);
          carry = end - reader.offset;
        }
      } catch (e) {
        return { error: String(e) };
      }
      return { records };
    };
    fc.assert(
      fc.property(
        csvText,
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        (text, size, piece) => {
          const bytes = encoder.encode(text);
          expect(windowed(bytes, size, piece)).toEqual(fromBytes(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("csvColumn counts UTF-16 units", () => {
    expect(csvColumn(encoder.encode("😀é,x"), 0, 7)).toBe(5);
  });
});
