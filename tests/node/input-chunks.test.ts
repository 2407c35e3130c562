import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { bytesAsChunks, type InputChunks, readInputChunks } from "../../src/node/input-chunks.js";
import { readInputBytes } from "../../src/node/input-file.js";

const dir = mkdtempSync(join(tmpdir(), "ceakit-chunks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The outcome of a reader: its value or its error message. */
function outcome<T>(read: () => T): { value: T } | { error: string } {
  try {
    return { value: read() };
  } catch (e) {
    return { error: String(e) };
  }
}

/** All the bytes a source gives, asking for `ask` at a time. */
function drain(chunks: InputChunks, ask: number): number[] {
  const source = chunks.source();
  const into = new Uint8Array(ask);
  const out: number[] = [];
  for (let n = source(into, 0, ask); n > 0; n = source(into, 0, ask)) {
    out.push(...into.subarray(0, n));
  }
  return out;
}

/** Lines as analyse counts them: line feeds + 1, or carriage returns + 1 without one. */
function lineCount(bytes: Uint8Array): number {
  const lf = bytes.filter((b) => b === 10).length;
  return lf > 0 ? lf + 1 : bytes.filter((b) => b === 13).length + 1;
}

/** What a file's checked reading gives: its length, lines, last byte's kind and bytes. */
function summary(chunks: InputChunks) {
  return {
    length: chunks.length,
    lines: chunks.lines,
    endsWithLineEnd: chunks.endsWithLineEnd,
    bytes: drain(chunks, 3),
  };
}

describe("readInputChunks", () => {
  it("readInputChunks refuses what readInputBytes refuses, with the same message, and else gives the same bytes, whatever the piece size", () => {
    const text = fc.array(fc.constantFrom("a", "1", ",", "\n", "\r", "é", "😀", "\u3000", '"'), {
      maxLength: 30,
    });
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 60 }),
      text.map((s) => new TextEncoder().encode(s.join(""))),
      fc
        .tuple(
          fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0, 0, 0xfe, 0xff], []),
          text,
          // A byte that breaks UTF-8 (or a NUL), anywhere.
          fc.option(fc.tuple(fc.nat(), fc.constantFrom(0, 0x80, 0xc3, 0xe2, 0xf0, 0xff))),
        )
        .map(([bom, s, bad]) => {
          const body = [...new TextEncoder().encode(s.join(""))];
          if (bad !== null) body.splice(bad[0] % (body.length + 1), 0, bad[1]);
          return Uint8Array.from([...bom, ...body]);
        }),
    );
    fc.assert(
      fc.property(bytes, fc.integer({ min: 1, max: 9 }), (data, chunkSize) => {
        const path = join(dir, "psa.csv");
        writeFileSync(path, data);
        const whole = outcome(() => readInputBytes(path, "csv"));
        const chunked = outcome(() => readInputChunks(path, "csv", summary, chunkSize));
        if ("error" in whole) {
          expect(chunked).toEqual(whole);
        } else {
          const value = whole.value;
          expect(chunked).toEqual({
            value: {
              length: value.length,
              lines: lineCount(value),
              endsWithLineEnd: data[data.length - 1] === 10 || data[data.length - 1] === 13,
              bytes: [...value],
            },
          });
          expect(summary(bytesAsChunks(data))).toEqual(
            (chunked as { value: ReturnType<typeof summary> }).value,
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it("readInputChunks locates a bad byte after a character split between pieces", () => {
    const path = join(dir, "split.csv");
    // "é" is 0xc3 0xa9: with 4-byte pieces it straddles the first two; the bad byte is on line 2.
    writeFileSync(path, Uint8Array.from([0x61, 0x62, 0x63, 0xc3, 0xa9, 0x0a, 0x78, 0xff]));
    expect(() => readInputChunks(path, "csv", () => 0, 4)).toThrow(
      `${path}:2:2: is not valid UTF-8 (byte 0xff); save it as UTF-8`,
    );
  });

  it("readInputChunks refuses a missing file and a directory as readInputBytes does", () => {
    for (const path of [join(dir, "none.csv"), dir]) {
      expect(outcome(() => readInputChunks(path, "csv", () => 0))).toEqual(
        outcome(() => readInputBytes(path, "csv")),
      );
    }
  });

  it("readInputChunks gives the open file and line starts with their line numbers, one after the first line feed of each piece", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "é", "\n", "\r\n", "\r", ",", "😀"), { maxLength: 80 }),
        fc.boolean(),
        fc.integer({ min: 4, max: 16 }),
        (parts, bom, chunkSize) => {
          const path = join(dir, "starts.csv");
          const bytes = new TextEncoder().encode(`${bom ? "\uFEFF" : ""}${parts.join("")}`);
          writeFileSync(path, bytes);
          const open = readInputChunks(path, "csv", (chunks) => chunks.open, chunkSize);
          expect(open).toMatchObject({ start: bom ? 3 : 0, size: bytes.length });
          const starts = open?.lineStarts ?? [];
          const lineFeeds = bytes.filter((b) => b === 10).length;
          // At least one a piece with a line feed in it; at most one a piece.
          expect(starts.length).toBeLessThanOrEqual(Math.ceil(bytes.length / (chunkSize - 3)));
          if (lineFeeds > 0) expect(starts.length).toBeGreaterThan(0);
          let previous = 0;
          for (const { position, line } of starts) {
            expect(position).toBeGreaterThan(previous);
            previous = position;
            expect(bytes[position - 1]).toBe(10);
            expect(line).toBe(bytes.subarray(0, position).filter((b) => b === 10).length + 1);
          }
        },
      ),
      { numRuns: 200 },
    );
    // In memory there is no open file.
    expect(bytesAsChunks(new TextEncoder().encode("a\nb")).open).toBeUndefined();
  });
});
