import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readLongPsaBytes } from "../../src/analysis/long-psa-bytes.js";
import { type RestReader, regularHandoff } from "../../src/analysis/long-psa-handoff.js";
import { type RegularLayout, readRegularRest } from "../../src/analysis/long-psa-regular.js";
import { readLongPsaStream } from "../../src/analysis/long-psa-stream.js";
import { bytesSource } from "../../src/core/byte-source.js";
import { parseDecimalBytes } from "../../src/core/decimal-bytes.js";
import { tableOutcome } from "../helpers/table-outcome.js";

const encoder = new TextEncoder();

/**
 * How the other reader behaves: reads the parts it claims at once when started (a quick
 * worker); reads them when settled (a worker that starts just before this reader meets it:
 * asked to stop, it reads one piece first); or never starts.
 */
type Other = "reads at start" | "reads when settled" | "never starts";

/** The line start after the `count`th line feed from `at` on (−1 if none). */
function lineStartAfter(bytes: Uint8Array, at: number, count: number): number {
  let i = at;
  for (let k = 0; k < count && i >= 0; k++) {
    const lf = bytes.indexOf(10, i);
    i = lf < 0 ? -1 : lf + 1;
  }
  return i;
}

/**
 * A synchronous model of the worker's side: the input after this reader's position cut into
 * parts every `step` lines (moved on to lines that begin iterations), of which the other reader
 * claims the last `takes` when started (fewer if this reader has claimed them first).
 */
function partsReader(bytes: Uint8Array, step: number, takes: number, other: Other): RestReader {
  let starts: number[] = [];
  let rows: number[] = [];
  let first = 0;
  let next = 0;
  let pending: ((stop: boolean) => number) | undefined;
  let result = -1;
  /** Reads parts `from` on (the other reader's), through one small buffer. */
  const readParts = (layout: RegularLayout, from: number, stop: boolean): number => {
    const buffer = new Uint8Array(128);
    let total = 0;
    for (let part = starts.length - 1; part >= from; part--) {
      const last = part === starts.length - 1;
      const end = last ? bytes.length : (starts[part + 1] as number);
      const source = bytesSource(bytes.subarray(starts[part] as number, end), 61);
      const read = readRegularRest(source, layout, rows[part] as number, {
        buffer,
        last,
        goOn: () => !stop,
      });
      if (read < 0 || (!last && read !== (rows[part + 1] as number) - (rows[part] as number))) {
        return -1;
      }
      total += read;
    }
    return total;
  };
  return {
    start(layout, after, ready) {
      const S = layout.names.length;
      starts = [];
      rows = [];
      // `at` is the start of line `line` (the header is line 1).
      for (let at = bytes.indexOf(10) + 1, line = 2; at > 0 && at < bytes.length; line++) {
        const next = bytes.indexOf(10, at);
        if (at > after && line % step === 0) {
          const row = line - 2;
          const skip = (S - (row % S)) % S;
          const aligned = lineStartAfter(bytes, at, skip);
          if (aligned > (starts.at(-1) ?? after) && aligned < bytes.length) {
            starts.push(aligned);
            rows.push(row + skip);
          }
        }
        at = next < 0 ? -1 : next + 1;
      }
      if (starts.length === 0 || !ready({ at: starts[0] as number, row: rows[0] as number })) {
        return undefined;
      }
      first = other === "never starts" ? starts.length : Math.max(0, starts.length - takes);
      if (other === "reads at start") result = readParts(layout, first, false);
      if (other === "reads when settled") pending = (stop) => readParts(layout, first, stop);
      return { at: starts[0] as number, row: rows[0] as number };
    },
    claim() {
      if (next >= first) return "rest";
      next++;
      return next < starts.length
        ? { at: starts[next] as number, row: rows[next] as number }
        : "none";
    },
    settle(stop) {
      if (pending !== undefined) result = pending(stop);
      pending = undefined;
      return other === "never starts" ? -1 : result;
    },
  };
}

/**
 * Reads `bytes` with a handoff to {@link partsReader} (parts every `step` lines, the last `takes`
 * taken by the other reader, which behaves as `other`): the outcome, whether the rest was
 * taken, and how often the other reader was settled.
 */
function handedOff(
  bytes: Uint8Array,
  step: number,
  takes: number,
  chunkSize: number,
  other: Other = "reads at start",
): { outcome: unknown; taken: boolean; started: boolean; settled: number } {
  let started = false;
  let settled = 0;
  const parts = partsReader(bytes, step, takes, other);
  const rest: RestReader = {
    start(layout, after, ready) {
      expect(started).toBe(false);
      const place = parts.start(layout, after, ready);
      started = place !== undefined;
      return place;
    },
    claim: () => parts.claim(),
    settle(stop) {
      settled++;
      return parts.settle(stop);
    },
  };
  const lines = bytes.reduce((n, b) => n + (b === 10 ? 1 : 0), 1);
  const handoff = regularHandoff(lines - 1, rest);
  const result = tableOutcome(() => {
    try {
      return readLongPsaStream(bytesSource(bytes, 11), {
        file: "psa.csv",
        length: bytes.length,
        lines,
        chunkSize,
        handoff,
      });
    } finally {
      handoff.abandon();
    }
  });
  return { outcome: result, taken: handoff.taken, started, settled };
}

/** A regular long table: labels from `first`, plain strategy names, numbers of every kind. */
const regularTable = fc
  .record({
    strategies: fc.uniqueArray(fc.constantFrom("usual", "swis_a", "b", "7", "a b", "é-arm"), {
      minLength: 1,
      maxLength: 4,
    }),
    n: fc.integer({ min: 2, max: 40 }),
    first: fc.constantFrom(0, 1, 7, 999),
    crlf: fc.boolean(),
    last: fc.boolean(),
    values: fc.array(
      fc.oneof(
        {
          arbitrary: fc
            .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.nat(), fc.boolean())
            .map(([whole, fraction, point]) => (point ? `${whole}.${fraction}` : `${whole}`)),
          weight: 6,
        },
        fc.double({ min: -1e15, max: 1e15, noNaN: true }).map(String),
        fc.constantFrom("1.5e3", "-0", "0.000123", "12345678901234567890", "007", "1E-7", ".5"),
      ),
      { minLength: 1, maxLength: 20 },
    ),
  })
  .map((t) => {
    const rows = ["iteration,strategy,cost,effect"];
    let k = 0;
    for (let s = 0; s < t.n; s++) {
      for (const name of t.strategies) {
        const c = t.values[k++ % t.values.length];
        const e = t.values[k++ % t.values.length];
        rows.push(`${t.first + s},${name},${c},${e}`);
      }
    }
    return { rows, lineEnd: t.crlf ? "\r\n" : "\n", last: t.last };
  });

/** The changes to a regular table's rows that make it irregular (or not), at row `at`. */
const CHANGES: Record<string, (rows: string[], at: number) => void> = {
  "bad number": (rows, at) => {
    rows[at] = rows[at]?.replace(/,[^,]*$/, ",x") as string;
  },
  "huge number": (rows, at) => {
    rows[at] = rows[at]?.replace(/,[^,]*$/, ",1e400") as string;
  },
  "quoted cost": (rows, at) => {
    const f = rows[at]?.split(",") as string[];
    rows[at] = [f[0], f[1], `"${f[2]}"`, f[3]].join(",");
  },
  "missing row": (rows, at) => {
    rows.splice(at, 1);
  },
  "duplicate row": (rows, at) => {
    rows.splice(at, 0, rows[at] as string);
  },
  "row written twice for the next": (rows, at) => {
    rows[at] = rows[Math.min(at + 1, rows.length - 1)] as string;
  },
  "swapped rows": (rows, at) => {
    const next = Math.min(at + 1, rows.length - 1);
    [rows[at], rows[next]] = [rows[next] as string, rows[at] as string];
  },
  "skipped iteration": (rows, at) => {
    for (let r = at; r < rows.length; r++) {
      rows[r] = (rows[r] as string).replace(/^\d+/, (v) => String(Number(v) + 1));
    }
  },
  "padded label": (rows, at) => {
    rows[at] = ` ${rows[at]}`;
  },
  "leading zero": (rows, at) => {
    rows[at] = `0${rows[at]}`;
  },
  "new strategy": (rows, at) => {
    rows[at] = rows[at]?.replace(/,[^,]*,/, ",newcomer,") as string;
  },
  "extra column": (rows, at) => {
    rows[at] = `${rows[at]},1`;
  },
  "blank line": (rows, at) => {
    rows.splice(at, 0, "");
  },
  "blank lines at the end": (rows) => {
    rows.push("", "");
  },
  "a row of a new iteration after a lone CR": (rows, at) => {
    const f = rows[at]?.split(",") as string[];
    rows[at] = `${rows[at]}\r99999,${f[1]},7.5,7`;
  },
  "lone CR": (rows, at) => {
    rows[at] = `${rows[at]}\r`;
  },
  "last iteration cut short": (rows) => {
    rows.pop();
  },
  "quoted strategy": (rows, at) => {
    const f = rows[at]?.split(",") as string[];
    rows[at] = [f[0], `"${f[1]}"`, f[2], f[3]].join(",");
  },
  "header reordered": (rows) => {
    rows[0] = "iteration,strategy,effect,cost";
  },
};

/** The table's text with `change` made at row `at` (1-based data rows, clamped). */
function changed(
  table: { rows: string[]; lineEnd: string; last: boolean },
  change: string | undefined,
  at: number,
): Uint8Array {
  const rows = [...table.rows];
  if (change !== undefined)
    (CHANGES[change] as (r: string[], a: number) => void)(rows, 1 + (at % (rows.length - 1)));
  return encoder.encode(`${rows.join(table.lineEnd)}${table.last ? table.lineEnd : ""}`);
}

/** Whether the byte parser reads a number's text (rather than declining it). */
function byteParsed(text: string): boolean {
  const bytes = encoder.encode(text);
  return !Number.isNaN(parseDecimalBytes(bytes, 0, bytes.length));
}

describe("regularHandoff", () => {
  it("regularHandoff: a regular table cut into parts anywhere gives readLongPsaBytes' table, the rest taken from the other reader where they meet", () => {
    let taken = 0;
    fc.assert(
      fc.property(
        regularTable,
        fc.integer({ min: 1, max: 9 }),
        fc.nat(12),
        fc.integer({ min: 8, max: 40 }),
        fc.constantFrom<Other>("reads at start", "reads when settled"),
        (table, step, takes, chunkSize, other) => {
          const bytes = changed(table, undefined, 0);
          const expected = tableOutcome(() => readLongPsaBytes(bytes, { file: "psa.csv" }));
          const read = handedOff(bytes, step, takes, chunkSize, other);
          expect(read.outcome).toEqual(expected);
          // Numbers the byte parser declines (such as 5e-324) are read another way: not regular.
          const parsed = table.rows.slice(1).every((r) => r.split(",").slice(2).every(byteParsed));
          if (!("error" in (expected as object)) && parsed && read.started && takes > 0) {
            expect(read.taken).toBe(true);
          }
          if (read.taken) taken++;
          expect(read.settled).toBe(read.started ? 1 : 0);
        },
      ),
      { numRuns: 400 },
    );
    // Not a property that holds for want of a start: many runs hand off.
    expect(taken).toBeGreaterThan(100);
  });

  it("regularHandoff: a table changed anywhere, cut into parts anywhere, gives readLongPsaBytes' table or error", () => {
    fc.assert(
      fc.property(
        regularTable,
        fc.constantFrom(...Object.keys(CHANGES)),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        fc.nat(12),
        fc.integer({ min: 8, max: 200 }),
        fc.constantFrom<Other>("reads at start", "reads when settled", "never starts"),
        (table, change, at, step, takes, chunkSize, other) => {
          const bytes = changed(table, change, at);
          const expected = tableOutcome(() => readLongPsaBytes(bytes, { file: "psa.csv" }));
          const read = handedOff(bytes, step, takes, chunkSize, other);
          expect(read.outcome).toEqual(expected);
          if (other === "never starts") expect(read.taken).toBe(false);
          expect(read.settled).toBe(read.started ? 1 : 0);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("regularHandoff: the rest is taken exactly when both readers' rows are regular", () => {
    const table = {
      rows: ["iteration,strategy,cost,effect"],
      lineEnd: "\n",
      last: true,
    };
    for (let s = 1; s <= 30; s++) {
      table.rows.push(`${s},a,${s}.5,0.${s}`, `${s},b,-${s},1e-${s % 5}`);
    }
    const regular = changed(table, undefined, 0);
    // Parts every 5 lines (from line 10, 16, 20, …: each begins an iteration).
    expect(handedOff(regular, 5, 6, 64)).toMatchObject({ taken: true, started: true });
    expect(handedOff(regular, 5, 3, 64, "reads when settled")).toMatchObject({ taken: true });
    // The other reader takes no part: this reader reads them all.
    expect(handedOff(regular, 5, 0, 64)).toMatchObject({ taken: false, started: true, settled: 1 });
    // A mistake in the other reader's parts: its rows are not taken; the error is the one a
    // single reader gives.
    const late = changed(table, "bad number", 55);
    const expected = tableOutcome(() => readLongPsaBytes(late, { file: "psa.csv" }));
    expect(expected).toEqual({ error: expect.stringContaining("psa.csv:57:") });
    const read = handedOff(late, 5, 4, 64);
    expect(read).toMatchObject({ outcome: expected, taken: false, started: true, settled: 1 });
    // In this reader's part: the same, and the other reader is settled once.
    const early = changed(table, "row written twice for the next", 21);
    const first = handedOff(early, 5, 6, 64, "reads when settled");
    expect(first.outcome).toEqual(tableOutcome(() => readLongPsaBytes(early, { file: "psa.csv" })));
    expect(first.outcome).toEqual({ error: expect.stringContaining("already has a row") });
    expect(first).toMatchObject({ taken: false, started: true, settled: 1 });
    // A mistake that stops this reader: the other reader is settled by abandon().
    const stopped = changed(table, "extra column", 7);
    const abandoned = handedOff(stopped, 5, 6, 64);
    expect(abandoned.outcome).toEqual({ error: expect.stringContaining("psa.csv:9:") });
    expect(abandoned).toMatchObject({ taken: false, started: true, settled: 1 });
  });

  it("regularHandoff: a first part with more iterations than its lines hold (rows ended by a lone CR) never shares a cell with the other reader", () => {
    // Line 21 holds two rows, the second for an iteration (1000) that comes nowhere else: this
    // reader makes one iteration more than a regular table has by then, the first one whose
    // cells the other reader (with the parts from line 22 on) writes. A valid table; the other
    // reader, started late, reads a piece before it stops.
    const rows = ["iteration,strategy,cost,effect"];
    for (let s = 1; s <= 40; s++) rows.push(`${s},a,${s}.25,${s}`);
    rows[20] = `${rows[20]}\r1000,a,7.5,7`;
    const bytes = encoder.encode(`${rows.join("\n")}\n`);
    const expected = tableOutcome(() => readLongPsaBytes(bytes, { file: "psa.csv" }));
    expect(expected).toMatchObject({ iterations: expect.arrayContaining(["1000", "21"]) });
    for (const other of ["reads at start", "reads when settled"] as const) {
      const read = handedOff(bytes, 22, 1, 64, other);
      expect(read.outcome).toEqual(expected);
      expect(read).toMatchObject({ taken: false, started: true, settled: 1 });
    }
  });
});
