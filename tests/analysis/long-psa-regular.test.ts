import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readLongPsaBytes } from "../../src/analysis/long-psa-bytes.js";
import {
  type RegularLayout,
  RegularRows,
  readRegularRest,
} from "../../src/analysis/long-psa-regular.js";
import { bytesSource } from "../../src/core/byte-source.js";
import { parseDecimalBytes } from "../../src/core/decimal-bytes.js";

const encoder = new TextEncoder();

/** A layout for strategies `names` and `cap` iterations from label `first`, columns zeroed. */
function layoutFor(names: readonly string[], first: number, cap: number): RegularLayout {
  return {
    names: names.map((n) => encoder.encode(n)),
    first,
    cap,
    cost: new Float64Array(cap * names.length),
    effect: new Float64Array(cap * names.length),
  };
}

/**
 * readRegularRest on the text of rows from data row `row` on, in pieces of `piece` bytes through
 * a buffer of `size`, as the input's last part or not.
 */
function rest(
  text: string,
  layout: RegularLayout,
  row: number,
  piece = 7,
  size = 256,
  last = true,
): number {
  const source = bytesSource(encoder.encode(text), piece);
  return readRegularRest(source, layout, row, { buffer: new Uint8Array(size), last });
}

/** Whether the byte parser reads a number's text (rather than declining it). */
function byteParsed(text: string): boolean {
  const bytes = encoder.encode(text);
  return !Number.isNaN(parseDecimalBytes(bytes, 0, bytes.length));
}

/** The rows of a regular table of strategies a and b from label 1, from data row 2 (label 2). */
const TAIL = "2,a,3.5,0.25\n2,b,-4,1e-3\n3,a,5,0.5\n3,b,6.125,-0\n";

describe("readRegularRest", () => {
  it("readRegularRest writes every row's values where the usual reader puts them, the same doubles, from any row", () => {
    const value = fc.oneof(
      fc.double({ min: -1e15, max: 1e15, noNaN: true }).map(String),
      fc.constantFrom(
        "1.5e3",
        "-0",
        "0.000123",
        "007",
        "1E-7",
        ".5",
        "5.",
        "12345678901234.5678",
        "5e-324",
      ),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom("usual", "swis_a", "b", "7", "a b"), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        fc.array(value, { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        (names, n, from, values, crlf, piece) => {
          const S = names.length;
          const lines: string[] = [];
          let k = 0;
          for (let it = 0; it < n; it++) {
            for (const name of names) {
              lines.push(
                `${it + 1},${name},${values[k++ % values.length]},${values[k++ % values.length]}`,
              );
            }
          }
          const end = crlf ? "\r\n" : "\n";
          const text = `iteration,strategy,cost,effect${end}${lines.join(end)}${end}`;
          const table = readLongPsaBytes(encoder.encode(text), { file: "psa.csv" });
          const row = from % lines.length;
          const layout = layoutFor(names, 1, n + 3);
          const read = rest(`${lines.slice(row).join(end)}${end}`, layout, row, piece);
          // A number the byte parser declines (such as 5e-324) is read another way: declined.
          const declined = lines.slice(row).some((l) =>
            l
              .split(",")
              .slice(2)
              .some((v) => !byteParsed(v)),
          );
          expect(read).toBe(declined ? -1 : lines.length - row);
          if (declined) return;
          for (let r = row; r < lines.length; r++) {
            const it = Math.floor(r / S);
            const j = r % S;
            expect(
              Object.is(layout.cost[j * layout.cap + it], table.samples.cost[j * n + it]),
            ).toBe(true);
            expect(
              Object.is(layout.effect[j * layout.cap + it], table.samples.effect[j * n + it]),
            ).toBe(true);
          }
          // Cells before the row are left alone.
          for (let r = 0; r < row; r++) {
            expect(layout.cost[(r % S) * layout.cap + Math.floor(r / S)]).toBe(0);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("readRegularRest reads a regular rest with LF, CRLF or no line end at the last row", () => {
    const layout = layoutFor(["a", "b"], 1, 3);
    expect(rest(TAIL, layout, 2)).toBe(4);
    expect(Array.from(layout.cost)).toEqual([0, 3.5, 5, 0, -4, 6.125]);
    expect(Object.is(layout.effect[5], -0)).toBe(true);
    expect(rest(TAIL.replaceAll("\n", "\r\n"), layoutFor(["a", "b"], 1, 3), 2)).toBe(4);
    expect(rest(TAIL.slice(0, -1), layoutFor(["a", "b"], 1, 3), 2)).toBe(4);
    // From the middle of an iteration: its strategy is the one after the last row's.
    expect(rest(TAIL.slice(TAIL.indexOf("2,b")), layoutFor(["a", "b"], 1, 3), 3)).toBe(3);
  });

  it("readRegularRest declines (−1) any row that is not the next regular one, and a rest that does not end the table", () => {
    const irregular: Record<string, string> = {
      "a label out of order": TAIL.replace("3,a", "4,a"),
      "a label with a leading zero": TAIL.replace("3,a", "03,a"),
      "a padded label": TAIL.replace("3,a", " 3,a"),
      "the strategies swapped": TAIL.replace("3,a,5,0.5\n3,b,6.125,-0", "3,b,6.125,-0\n3,a,5,0.5"),
      "a strategy's name extended": TAIL.replace("3,b", "3,bb"),
      "a quoted strategy": TAIL.replace("3,b", '3,"b"'),
      "a quoted number": TAIL.replace("6.125", '"6.125"'),
      "a number with a space": TAIL.replace("6.125", "6.125 "),
      "a word for a number": TAIL.replace("6.125", "n/a"),
      "an empty number": TAIL.replace("6.125", ""),
      "a number beyond the limit": TAIL.replace("6.125", "1e16"),
      "a column too many": TAIL.replace("0.5", "0.5,1"),
      "a column too few": TAIL.replace(",0.5", ""),
      "a lone CR": TAIL.replace("0.5\n", "0.5\r"),
      "a CR at the very end": `${TAIL.slice(0, -1)}\r`,
      "a blank line": TAIL.replace("\n3,a", "\n\n3,a"),
      "a blank line at the end": `${TAIL}\n`,
      "the last iteration cut short": TAIL.slice(0, TAIL.indexOf("3,b")),
      "a row missing": TAIL.replace("2,b,-4,1e-3\n", ""),
      "a row repeated": TAIL.replace("3,a,5,0.5\n", "3,a,5,0.5\n3,a,5,0.5\n"),
      "a new strategy": TAIL.replace("3,b", "3,c"),
    };
    for (const [what, text] of Object.entries(irregular)) {
      expect([what, rest(text, layoutFor(["a", "b"], 1, 3), 2)]).toEqual([what, -1]);
    }
    // More iterations than the columns have room for.
    expect(rest(TAIL, layoutFor(["a", "b"], 1, 2), 2)).toBe(-1);
    // The other reader is told to stop.
    const stopped = readRegularRest(
      bytesSource(encoder.encode(TAIL), 7),
      layoutFor(["a", "b"], 1, 3),
      2,
      { goOn: () => false, buffer: new Uint8Array(16) },
    );
    expect(stopped).toBe(-1);
    // A line longer than the buffer.
    expect(rest(TAIL, layoutFor(["a", "b"], 1, 3), 2, 7, 8)).toBe(-1);
    // A part before another: it must end at a line start (and with a whole iteration).
    expect(rest(TAIL, layoutFor(["a", "b"], 1, 3), 2, 7, 256, false)).toBe(4);
    expect(rest(TAIL.slice(0, -1), layoutFor(["a", "b"], 1, 3), 2, 7, 256, false)).toBe(-1);
  });
});

describe("RegularRows", () => {
  it("RegularRows.read reads the whole lines of a window and leaves the rest", () => {
    const layout = layoutFor(["a", "b"], 1, 3);
    const rows = new RegularRows(layout, 2);
    const bytes = encoder.encode(TAIL);
    const cut = TAIL.indexOf("3,a") + 4;
    expect(rows.read(bytes, 0, cut)).toBe(TAIL.indexOf("3,a"));
    expect(rows.row).toBe(4);
    expect(rows.complete()).toBe(true);
    expect(rows.read(bytes, TAIL.indexOf("3,a"), bytes.length)).toBe(bytes.length);
    expect(rows.row).toBe(6);
    expect(rows.read(bytes, 0, 0)).toBe(0);
  });
});
