/**
 * analysePsaParallel gives the same analysis as analysePsa to the bit. The worker runs compiled
 * JavaScript, so this test uses the build in dist/ (made by `npm test` before vitest runs; built
 * here if missing).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runInProcess } from "../helpers/cli.js";

const ROOT = new URL("../../", import.meta.url);
const NODE_ENTRY = new URL("dist/src/node/index.js", ROOT);

/** The analysis as JSON with every typed array written out bit for bit (−0 kept). */
function bits(result: unknown): string {
  return JSON.stringify(result, (_, v) =>
    v instanceof Float64Array || v instanceof Int32Array
      ? Array.from(v, (x) => (Object.is(x, -0) ? "-0" : String(x)))
      : v,
  );
}

/** S strategies × n samples of correlated costs and effects from a seeded stream, optionally
 * in shared memory (as `analyse` reads a large file). */
async function psa(S: number, n: number, shared = false) {
  const { Rng, createCeSamples } = await import(NODE_ENTRY.href);
  const rng = Rng.create(`analyse-parallel-${S}`, 0);
  const z = rng.fillNormal(new Float64Array(2 * S * n)) as Float64Array;
  const make = () =>
    shared ? new Float64Array(new SharedArrayBuffer(8 * S * n)) : new Float64Array(S * n);
  const cost = make();
  const effect = make();
  for (let j = 0; j < S; j++) {
    for (let s = 0; s < n; s++) {
      const de = 0.1 * j + 0.1 * (z[2 * (j * n + s)] as number);
      effect[j * n + s] = 8 + de;
      // Some exact ties and zeros in the increments, as a fixed-cost strategy gives.
      cost[j * n + s] =
        j === 2 && s % 7 === 0
          ? (cost[s] as number)
          : 20000 + 3000 * j + 30000 * de + 1000 * (z[2 * (j * n + s) + 1] as number);
    }
  }
  return createCeSamples({
    strategies: Array.from({ length: S }, (_, j) => `s${j}`),
    cost,
    effect,
  });
}

/** The long-format CSV rows (header first) of `psa(3, n)`'s samples. */
async function longRows(n: number): Promise<string[]> {
  const samples = await psa(3, n);
  const rows = ["iteration,strategy,cost,effect"];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) {
      rows.push(`${i + 1},s${j},${samples.cost[j * n + i]},${samples.effect[j * n + i]}`);
    }
  }
  return rows;
}

/**
 * `analyse big.csv --format json` on `text`, written into `dir`: by the built CLI (two threads
 * for a large file) and in process from the TypeScript sources (no compiled worker: one thread).
 * Their exit codes, outputs and messages.
 */
async function builtAndOneThread(dir: string, text: string) {
  writeFileSync(join(dir, "big.csv"), text);
  const bin = fileURLToPath(new URL("dist/src/cli/bin.js", ROOT));
  const built = spawnSync(process.execPath, [bin, "analyse", "big.csv", "--format", "json"], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const one = await runInProcess(["analyse", "big.csv", "--format", "json"], { "big.csv": text });
  return {
    two: { code: built.status, stdout: built.stdout, stderr: built.stderr },
    one: { code: one.code, stdout: one.stdout, stderr: one.stderr },
  };
}

describe("analysePsaParallel", () => {
  beforeAll(() => {
    if (!existsSync(NODE_ENTRY)) {
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe" });
    }
  }, 120_000);

  test("analysePsaParallel equals analysePsa to the bit (3 and 5 strategies, 250,000 samples)", async () => {
    const { analysePsa, analysePsaParallel, wtpRange, PARALLEL_ANALYSIS_FROM } = await import(
      NODE_ENTRY.href
    );
    expect(PARALLEL_ANALYSIS_FROM).toBeLessThanOrEqual(250_000);
    for (const S of [3, 5]) {
      const samples = await psa(S, 250_000);
      const options = { wtp: wtpRange(0, 100000, 1000), comparator: "s1" };
      const one = analysePsa(samples, options);
      const two = await analysePsaParallel(samples, options);
      expect(bits(two)).toBe(bits(one));
      // The worker's comparisons have their intervals (not null).
      for (const p of two.pairwise) expect(p.inmbLower).toBeInstanceOf(Float64Array);
    }
  }, 120_000);

  test("analysePsaParallel on samples in shared memory (curves and comparisons read in place) equals analysePsa to the bit (2, 3 and 5 strategies)", async () => {
    const { analysePsa, analysePsaParallel, wtpRange } = await import(NODE_ENTRY.href);
    for (const S of [2, 3, 5]) {
      const samples = await psa(S, 220_000, true);
      expect(samples.cost.buffer).toBeInstanceOf(SharedArrayBuffer);
      const options = {
        wtp: wtpRange(0, 100000, 1000),
        comparator: "s0",
        population: { annualPopulation: 1000, years: 5, discountRate: 0.035 },
      };
      const one = analysePsa(samples, options);
      const two = await analysePsaParallel(samples, options);
      expect(bits(two)).toBe(bits(one));
      // A caller's choice of intervals is kept: none asked, none given.
      const none = await analysePsaParallel(samples, { ...options, inmbIntervals: false });
      for (const p of none.pairwise) expect(p.inmbLower).toBeNull();
      expect(bits(none.curves)).toBe(bits(one.curves));
    }
  }, 120_000);

  test("analysePsaParallel refuses a bad WTP grid with analysePsa's error, before starting a thread", async () => {
    const { analysePsa, analysePsaParallel } = await import(NODE_ENTRY.href);
    for (const shared of [false, true]) {
      const samples = await psa(3, 220_000, shared);
      for (const wtp of [[], [0, 2000, 1000]]) {
        let expected: unknown;
        try {
          analysePsa(samples, { wtp });
        } catch (e) {
          expected = e;
        }
        expect(expected).toBeInstanceOf(RangeError);
        await expect(analysePsaParallel(samples, { wtp })).rejects.toThrow(
          (expected as Error).message,
        );
      }
    }
  }, 120_000);

  test("analyse of a large long CSV: the built CLI (shared columns, a worker started while it parses) writes the JSON a one-thread run writes", async () => {
    // 210,000 iterations × 3 strategies (630,001 lines): past both thresholds, so two threads.
    const text = `${(await longRows(210_000)).join("\n")}\n`;
    const dir = mkdtempSync(join(tmpdir(), "ceakit-analyse-parallel-"));
    try {
      const { one, two } = await builtAndOneThread(dir, text);
      expect(one.code).toBe(0);
      expect(two.code).toBe(0);
      expect(two.stdout.length).toBeGreaterThan(10_000);
      expect(two.stdout).toBe(one.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test("analysePsaParallel refuses an unknown comparator as analysePsa does", async () => {
    const { analysePsaParallel, wtpRange } = await import(NODE_ENTRY.href);
    const samples = await psa(3, 250_000);
    await expect(
      analysePsaParallel(samples, { wtp: wtpRange(0, 1000, 100), comparator: "nope" }),
    ).rejects.toThrow(/nope/);
  }, 60_000);
});

describe("analyse of a large long CSV read on two threads", () => {
  // 133,400 iterations × 3 strategies (400,202 lines): enough lines for the worker to start and
  // read the second half of the file when it is regular.
  const n = 133_400;
  let rows: string[] = [];
  let dir = "";
  beforeAll(async () => {
    if (!existsSync(new URL("dist/src/cli/bin.js", ROOT))) {
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe" });
    }
    rows = await longRows(n);
    dir = mkdtempSync(join(tmpdir(), "ceakit-analyse-halves-"));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The built CLI's and a one-thread run's output, exit code and messages on `text`. */
  const bothRuns = (text: string) => builtAndOneThread(dir, text);

  /** `rows` with row `at` (a data row three quarters in, by default) replaced by `by`. */
  const edited = (by: (row: string) => string[], at = Math.floor(rows.length * 0.75)) =>
    rows.flatMap((r, k) => (k === at ? by(r) : [r]));
  const text = (lines: readonly string[], end = "\n", last = true) =>
    `${lines.join(end)}${last ? end : ""}`;

  const VARIANTS: Record<string, () => { file: string; fails: boolean }> = {
    "a bad number": () => ({
      file: text(edited((r) => [r.replace(/,[^,]*$/, ",n/a")])),
      fails: true,
    }),
    "a quoted number": () => ({
      file: text(edited((r) => [r.replace(/,([^,]*)$/, ',"$1"')])),
      fails: false,
    }),
    "a row missing": () => ({ file: text(edited(() => [])), fails: true }),
    "the last iteration cut short": () => ({ file: text(rows.slice(0, -1)), fails: true }),
    "a row repeated": () => ({ file: text(edited((r) => [r, r])), fails: true }),
    "strategies out of order": () => {
      const at = rows.findIndex((r, k) => k > rows.length * 0.75 && r.includes(",s0,"));
      const lines = [...rows];
      [lines[at], lines[at + 1]] = [lines[at + 1] as string, lines[at] as string];
      return { file: text(lines), fails: false };
    },
    "iterations not consecutive": () => ({
      file: text(
        rows.map((r, k) =>
          k > rows.length * 0.75 ? r.replace(/^\d+/, (v) => String(Number(v) + 5)) : r,
        ),
      ),
      fails: false,
    }),
    "CRLF line ends": () => ({ file: text(rows, "\r\n"), fails: false }),
    "blank lines at the end": () => ({ file: `${text(rows)}\n\n`, fails: false }),
    "no line end at the end": () => ({ file: text(rows, "\n", false), fails: false }),
  };

  for (const [what, variant] of Object.entries(VARIANTS)) {
    test(`analyse of a large long CSV with ${what} in its second half: the built CLI writes what a one-thread run writes`, async () => {
      const { file, fails } = variant();
      const { one, two } = await bothRuns(file);
      expect(two).toEqual(one);
      if (fails) {
        expect(one.code).toBe(2);
        expect(one.stdout).toBe("");
        // Located in the second half, which the worker read first.
        const line = Number(/^error: big\.csv:(\d+)/.exec(one.stderr)?.[1]);
        expect(line).toBeGreaterThan(rows.length / 2);
      } else {
        expect(one.code).toBe(0);
        expect(one.stdout.length).toBeGreaterThan(10_000);
      }
    }, 60_000);
  }
});
