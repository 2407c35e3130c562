import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readLongPsaBytes } from "../../src/analysis/long-psa-bytes.js";
import { readLongPsaStream } from "../../src/analysis/long-psa-stream.js";
import { bytesSource } from "../../src/core/byte-source.js";
import { tableOutcome } from "../helpers/table-outcome.js";

const encoder = new TextEncoder();

/** Reads `bytes` piece by piece: `piece` bytes a read into a buffer of `chunkSize`. */
function streamed(bytes: Uint8Array, piece: number, chunkSize: number, lines?: number): unknown {
  return tableOutcome(() =>
    readLongPsaStream(bytesSource(bytes, piece), {
      file: "psa.csv",
      length: bytes.length,
      lines,
      chunkSize,
    }),
  );
}

/** Reads `bytes` whole. */
function whole(bytes: Uint8Array): unknown {
  return tableOutcome(() => readLongPsaBytes(bytes, { file: "psa.csv" }));
}

/** A long table's text with labels, numbers and line ends of every kind the readers take. */
const tableText = fc
  .record({
    strategies: fc.uniqueArray(
      fc.constantFrom("usual", "swis a", "é-arm", "b,c", 'q"x', "7", "😀", " pad ", "u\nsual", "u"),
      { minLength: 1, maxLength: 4 },
    ),
    n: fc.integer({ min: 1, max: 12 }),
    labels: fc.constantFrom("numbers", "from 0", "padded", "words", "quoted", "gaps"),
    lineEnd: fc.constantFrom("\n", "\r\n", "\r"),
    bom: fc.boolean(),
    blank: fc.boolean(),
    last: fc.boolean(),
    values: fc.array(
      fc.oneof(
        fc.double({ min: -1e15, max: 1e15, noNaN: true }).map(String),
        fc.constantFrom("1.5e3", " 2 ", "-0", "0.000123", "12345678901234567890", "+4", ".5"),
      ),
      { minLength: 1, maxLength: 20 },
    ),
  })
  .map((t) => {
    const label = (s: number) =>
      t.labels === "numbers"
        ? String(s + 1)
        : t.labels === "from 0"
          ? String(s)
          : t.labels === "padded"
            ? ` ${s + 1} `
            : t.labels === "words"
              ? `it-${s}`
              : t.labels === "quoted"
                ? `"${s + 1}"`
                : String(3 * s + 2);
    const quote = (name: string) =>
      /[,"\r\n]/.test(name) ? `"${name.replaceAll('"', '""')}"` : name;
    const rows = [`iteration,strategy,cost,effect`];
    let k = 0;
    for (let s = 0; s < t.n; s++) {
      for (const name of t.strategies) {
        const c = t.values[k++ % t.values.length];
        const e = t.values[k++ % t.values.length];
        rows.push(`${label(s)},${quote(name)},${c},${e}`);
        if (t.blank && k % 7 === 0) rows.push("");
      }
    }
    return `${t.bom ? "\uFEFF" : ""}${rows.join(t.lineEnd)}${t.last ? t.lineEnd : ""}`;
  });

/** Small edits: the mistakes a file can have, anywhere in it. */
const edits = fc.array(
  fc.record({
    at: fc.nat(),
    drop: fc.integer({ min: 0, max: 2 }),
    put: fc.constantFrom("", ",", '"', "\n", "\r", "x", "é", " ", "1", ".", "-", "\u0085"),
  }),
  { maxLength: 3 },
);

/** `text` with the edits made. */
function edited(
  text: string,
  changes: readonly { at: number; drop: number; put: string }[],
): string {
  let out = text;
  for (const { at, drop, put } of changes) {
    const i = out.length === 0 ? 0 : at % out.length;
    out = out.slice(0, i) + put + out.slice(i + drop);
  }
  return out;
}

describe("readLongPsaStream", () => {
  it("readLongPsaStream gives what readLongPsaBytes gives, values or error, however the file is cut", () => {
    fc.assert(
      fc.property(
        tableText,
        edits,
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 16 }),
        (text, changes, piece, chunkSize) => {
          const bytes = encoder.encode(edited(text, changes));
          expect(streamed(bytes, piece, chunkSize)).toEqual(whole(bytes));
        },
      ),
      { numRuns: 600 },
    );
  });

  it("readLongPsaStream cuts a file at every byte: inside a number, a quoted field, a CRLF pair and a multi-byte character", () => {
    const text =
      'iteration,strategy,cost,effect\r\n1,"é, ""a""",1234.5678,0.25\r\n1,😀,-17.125,3\r\n2,"é, ""a""",9,1e-3\r\n2,😀,0.5,"4"\r\n';
    const bytes = encoder.encode(text);
    const expected = whole(bytes);
    expect(expected).toMatchObject({ strategies: ['é, "a"', "😀"], iterations: ["1", "2"] });
    for (let piece = 1; piece <= bytes.length; piece++) {
      for (const chunkSize of [1, 2, 3, 5, 8, 64]) {
        expect(streamed(bytes, piece, chunkSize)).toEqual(expected);
      }
    }
  });

  it("readLongPsaStream locates errors as readLongPsaBytes does, wherever the pieces end", () => {
    const files = [
      "iteration,strategy,cost,effect\n1,a,1,1\n1,b,x,2\n",
      'iteration,strategy,cost,effect\n1,a,1,1\n1,"b,2,2\n',
      'iteration,strategy,cost,effect\n1,a,1,1\n1,b"c,2,2\n',
      "iteration,strategy,cost,effect\n1,a,1,1\n1,a,2,2\n",
      "iteration,strategy,cost,effect\n1,a,1,1\n1,b,2,2\n2,a,1,1\n",
      "iteration,strategy,cost,effect\r\n1,é,1,1\r\n1,😀,2\r\n",
      "iteration;strategy;cost;effect\n1;a;1;1\n",
      "\n\n  \n",
      "iteration,strategy,cost\n1,a,1\n",
      "iteration,strategy,cost,effect\n",
    ];
    for (const text of files) {
      const bytes = encoder.encode(text);
      const expected = whole(bytes);
      expect(expected).toHaveProperty("error");
      for (let piece = 1; piece <= 7; piece++) {
        expect(streamed(bytes, piece, 4)).toEqual(expected);
      }
    }
  });

  it("readLongPsaStream sizes its columns from a line count and still reads more rows than it said", () => {
    const rows = ["iteration,strategy,cost,effect"];
    for (let s = 1; s <= 300; s++) rows.push(`${s},a,${s},${s / 4}`, `${s},b,${-s},${s / 8}`);
    const bytes = encoder.encode(`${rows.join("\n")}\n`);
    const expected = whole(bytes);
    // Exact, too small and too large: the same table.
    for (const lines of [601, 100, 5000]) {
      expect(streamed(bytes, 1 << 20, 256, lines)).toEqual(expected);
    }
  });

  it("readLongPsaStream reads every plain decimal as Number() does, however many digits and zeros", () => {
    const digits = (max: number) =>
      fc.array(fc.constantFrom(..."0123456789"), { maxLength: max }).map((d) => d.join(""));
    const edge = fc.constantFrom(
      "999999999999999.9",
      "123456789012345.678",
      "-100000000000000.0001",
      "0.1234567890123456789",
      "0.12345678901234567891",
      "900719925474.0993",
      "9007199254.7409934",
      "0.00000000000000000000001234",
      "00000000000000000001.5",
    );
    const generated = fc
      .tuple(
        fc.constantFrom("", "-", "+"),
        fc.constantFrom("", "0", "000"),
        digits(20),
        fc.option(fc.tuple(fc.constantFrom("", "0", "00000"), digits(26)), { nil: undefined }),
        fc.constantFrom("", "", "", "e3", "E-2"),
      )
      .map(([sign, zeros, whole, fraction, exponent]) => {
        const text = `${sign}${zeros}${whole}${fraction === undefined ? "" : `.${fraction.join("")}`}${exponent}`;
        return text;
      })
      .filter((t) => /\d/.test(t) && Math.abs(Number(t)) <= 1e15);
    const decimal = fc.oneof(generated, edge);
    fc.assert(
      fc.property(
        fc.array(decimal, { minLength: 2, maxLength: 12 }),
        fc.boolean(),
        (values, usual) => {
          // The usual layout, or another order with a column more (read by the general scan).
          const rows = [
            usual ? "iteration,strategy,cost,effect" : "effect,note,cost,strategy,iteration",
          ];
          for (let k = 0; k + 1 < values.length; k += 2) {
            rows.push(
              usual
                ? `${k / 2 + 1},a,${values[k]},${values[k + 1]}`
                : `${values[k + 1]},x,${values[k]},a,${k / 2 + 1}`,
            );
          }
          const bytes = encoder.encode(`${rows.join("\n")}\n`);
          const table = readLongPsaStream(bytesSource(bytes, 7), {
            length: bytes.length,
            chunkSize: 16,
          });
          const n = table.samples.nSamples;
          for (let k = 0; k < n; k++) {
            expect(Object.is(table.samples.cost[k], Number(values[2 * k]))).toBe(true);
            expect(Object.is(table.samples.effect[k], Number(values[2 * k + 1]))).toBe(true);
          }
          expect(streamed(bytes, 1 << 20, 1 << 20)).toEqual(whole(bytes));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
