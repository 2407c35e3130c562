import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readLongPsaBytes } from "../../src/analysis/long-psa-bytes.js";
import { InputError } from "../../src/errors.js";

const encoder = new TextEncoder();

describe("readLongPsaBytes", () => {
  it("readLongPsaBytes reads any row order, label style and number text exactly", () => {
    const table = fc.record({
      strategies: fc.uniqueArray(fc.constantFrom("usual", "swis a", "é-arm", "b,c", 'q"x', "7"), {
        minLength: 1,
        maxLength: 5,
      }),
      n: fc.integer({ min: 1, max: 60 }),
      seed: fc.integer(),
      labels: fc.constantFrom("numbers", "padded", "words", "quoted"),
      order: fc.constantFrom("grouped", "by strategy", "shuffled"),
    });
    fc.assert(
      fc.property(
        table,
        fc.array(fc.double({ min: -1e15, max: 1e15, noNaN: true }), { minLength: 1 }),
        (t, values) => {
          const { strategies, n } = t;
          const label = (s: number) =>
            t.labels === "numbers"
              ? String(s + 1)
              : t.labels === "padded"
                ? ` ${s + 1} `
                : t.labels === "words"
                  ? `it-${s}`
                  : `"${s + 1}"`;
          const quote = (name: string) =>
            /[,"]/.test(name) ? `"${name.replaceAll('"', '""')}"` : name;
          const rows: [number, number, string][] = [];
          // As written (String(-0) is "0") and read back.
          const value = (i: number) => Number(String(values[i % values.length]));
          for (let s = 0; s < n; s++) {
            for (let j = 0; j < strategies.length; j++) {
              const i = s * strategies.length + j;
              rows.push([
                s,
                j,
                `${label(s)},${quote(strategies[j] as string)},${value(2 * i)},${value(2 * i + 1)}`,
              ]);
            }
          }
          if (t.order === "by strategy") rows.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
          if (t.order === "shuffled") {
            let x = t.seed >>> 0 || 1;
            for (let i = rows.length - 1; i > 0; i--) {
              x = (Math.imul(x, 1103515245) + 12345) >>> 0;
              const k = x % (i + 1);
              [rows[i], rows[k]] = [
                rows[k] as [number, number, string],
                rows[i] as [number, number, string],
              ];
            }
          }
          const text = `iteration,strategy,cost,effect\n${rows.map((r) => r[2]).join("\n")}\n`;
          const result = readLongPsaBytes(encoder.encode(text));
          // Strategies and iterations in order of first appearance.
          const stOrder = [...new Set(rows.map((r) => r[1]))];
          const itOrder = [...new Set(rows.map((r) => r[0]))];
          expect(result.samples.strategies).toEqual(stOrder.map((j) => strategies[j]));
          expect(result.iterations).toEqual(
            itOrder.map((s) => label(s).trim().replaceAll('"', "")),
          );
          for (const [s, j] of rows) {
            const i = s * strategies.length + j;
            const at = stOrder.indexOf(j) * n + itOrder.indexOf(s);
            expect(Object.is(result.samples.cost[at], value(2 * i))).toBe(true);
            expect(Object.is(result.samples.effect[at], value(2 * i + 1))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("readLongPsaBytes grows its columns when later rows are longer and a strategy comes late", () => {
    let text = "iteration,strategy,cost,effect\n";
    for (let s = 1; s <= 3000; s++) {
      text += `${s},a,1,2\n${s},b,${s}.${"5".repeat(s % 40)},3\n`;
      if (s === 2000) text += "2000,late,0,0\n";
    }
    expect(() => readLongPsaBytes(encoder.encode(text), { file: "psa.csv" })).toThrow(
      'psa.csv:2:1 iteration: iteration 1 has no row for strategy "late"',
    );
  });

  it("readLongPsaBytes reports the first duplicate after every cell is read", () => {
    const text = "iteration,strategy,cost,effect\n1,a,1,1\n1,a,2,2\n2,a,x,1\n";
    expect(() => readLongPsaBytes(encoder.encode(text), { file: "psa.csv" })).toThrow(
      'psa.csv:4:5 cost: expected a number, got "x"',
    );
    const dup = "iteration,strategy,cost,effect\n1,a,1,1\n1,a,2,2\n";
    expect(() => readLongPsaBytes(encoder.encode(dup), { file: "psa.csv" })).toThrow(InputError);
    expect(() => readLongPsaBytes(encoder.encode(dup), { file: "psa.csv" })).toThrow(
      'psa.csv:3:3 strategy: iteration 1 already has a row for strategy "a"',
    );
  });
});
