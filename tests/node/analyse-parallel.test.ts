/**
 * analysePsaParallel gives the same analysis as analysePsa to the bit. The worker runs compiled
 * JavaScript, so this test uses the build in dist/ (made by `npm test` before vitest runs; built
 * here if missing).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";

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

describe("analysePsaParallel", () => {
  beforeAll(() => {
    if (!existsSync(NODE_ENTRY)) {
      execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "pipe" });
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

  test("analysePsaParallel refuses an unknown comparator as analysePsa does", async () => {
    const { analysePsaParallel, wtpRange } = await import(NODE_ENTRY.href);
    const samples = await psa(3, 250_000);
    await expect(
      analysePsaParallel(samples, { wtp: wtpRange(0, 1000, 100), comparator: "nope" }),
    ).rejects.toThrow(/nope/);
  }, 60_000);
});
