import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readInputBytes, readInputFile } from "../../src/node/input-file.js";

const dir = mkdtempSync(join(tmpdir(), "ceakit-bytes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The outcome of a reader: its value or its error message. */
function outcome<T>(read: () => T): { value: T } | { error: string } {
  try {
    return { value: read() };
  } catch (e) {
    return { error: String(e) };
  }
}

describe("readInputBytes", () => {
  it("readInputBytes refuses what readInputFile refuses, with the same message, and else gives its text's bytes", () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 60 }),
      fc.string({ maxLength: 40 }).map((s) => new TextEncoder().encode(s)),
      fc
        .tuple(
          fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0, 0, 0xfe, 0xff], []),
          fc.string({ maxLength: 20 }),
        )
        .map(([bom, s]) => Uint8Array.from([...bom, ...new TextEncoder().encode(s)])),
    );
    fc.assert(
      fc.property(bytes, (data) => {
        const path = join(dir, "psa.csv");
        writeFileSync(path, data);
        const text = outcome(() => readInputFile(path, "csv"));
        const raw = outcome(() => readInputBytes(path, "csv"));
        if ("error" in text) {
          expect(raw).toEqual(text);
        } else {
          expect("value" in raw).toBe(true);
          const value = (raw as { value: Uint8Array }).value;
          expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(value)).toBe(text.value);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("readInputBytes refuses a missing file as readInputFile does", () => {
    const path = join(dir, "none.csv");
    expect(() => readInputBytes(path, "csv")).toThrow(
      `${path}: cannot read the file: no such file`,
    );
  });
});
