/**
 * The PSA engine: reproducibility whatever the chunking, errors naming the sample, and the
 * Gaussian copula recovering its target rank correlation.
 */
import { describe, expect, test } from "vitest";
import broken from "../../bench/models/broken.js";
import twenty from "../../bench/models/twenty-parameters.js";
import { ModelError } from "../../src/errors.js";
import { runPsa } from "../../src/psa/run-psa.js";

/** Exact equality of two arrays, reporting the first difference. */
function expectIdentical(a: Float64Array, b: Float64Array, what: string): void {
  expect(a.length, what).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) throw new Error(`${what}[${i}]: ${a[i]} !== ${b[i]}`);
  }
}

/** Ranks (1..n) of x; no ties expected for continuous draws. */
function ranks(x: Float64Array): Float64Array {
  const order = Array.from(x.keys()).sort((i, j) => (x[i] as number) - (x[j] as number));
  const r = new Float64Array(x.length);
  order.forEach((i, k) => {
    r[i] = k + 1;
  });
  return r;
}

/** Spearman rank correlation. */
function spearman(x: Float64Array, y: Float64Array): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const n = x.length;
  const m = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const a = (rx[i] as number) - m;
    const b = (ry[i] as number) - m;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe("runPsa", () => {
  test("runPsa gives bit-identical results for chunk sizes 1,000, 10,000 and 100,000", async () => {
    const n = 100_000;
    const runs = await Promise.all(
      [1000, 10_000, 100_000].map((chunkSize) =>
        runPsa(twenty, { samples: n, seed: 20240917, chunkSize }),
      ),
    );
    const [first, ...rest] = runs;
    for (const other of rest) {
      expectIdentical(other.samples.cost, first?.samples.cost as Float64Array, "cost");
      expectIdentical(other.samples.effect, first?.samples.effect as Float64Array, "effect");
      for (const name of Object.keys(first?.parameters ?? {})) {
        expectIdentical(
          other.parameters[name as keyof typeof other.parameters],
          first?.parameters[name as keyof typeof other.parameters] as Float64Array,
          name,
        );
      }
    }
  });

  test("runPsa with an odd chunk size matches too, and different seeds differ", async () => {
    const a = await runPsa(twenty, { samples: 5000, seed: "alpha", chunkSize: 777 });
    const b = await runPsa(twenty, { samples: 5000, seed: "alpha", chunkSize: 5000 });
    const c = await runPsa(twenty, { samples: 5000, seed: "beta", chunkSize: 5000 });
    expectIdentical(a.samples.cost, b.samples.cost, "cost");
    let same = 0;
    for (let i = 0; i < c.samples.cost.length; i++)
      if (c.samples.cost[i] === b.samples.cost[i]) same++;
    expect(same).toBe(0);
  });

  test("runPsa recovers a target Spearman correlation of 0.6 between a gamma and a beta within ±0.02", async () => {
    const result = await runPsa(twenty, { samples: 100_000, seed: 7 });
    const rho = spearman(result.parameters.c_staff, result.parameters.oncost);
    expect(Math.abs(rho - 0.6)).toBeLessThanOrEqual(0.02);
    // Uncorrelated parameters stay near 0 (SE of Spearman at n = 1e5 is about 0.003).
    expect(Math.abs(spearman(result.parameters.c_staff, result.parameters.c_visit))).toBeLessThan(
      0.015,
    );
  });

  test("runPsa with keepParameters returns only those columns and the same costs and effects", async () => {
    const options = { samples: 5000, seed: "keep", chunkSize: 1500 };
    const all = await runPsa(twenty, options);
    const some = await runPsa(twenty, { ...options, keepParameters: ["c_staff", "staff_cost"] });
    expect(Object.keys(some.parameters).sort()).toEqual(["c_staff", "staff_cost"]);
    expect(some.parameters.c_staff).toEqual(all.parameters.c_staff);
    expect(some.parameters.staff_cost).toEqual(all.parameters.staff_cost);
    expect(some.samples.cost).toEqual(all.samples.cost);
    expect(some.samples.effect).toEqual(all.samples.effect);
    expect(some.outcomes.events.programme_a).toEqual(all.outcomes.events.programme_a);
    const none = await runPsa(twenty, { ...options, keepParameters: [] });
    expect(none.parameters).toEqual({});
    expect(none.samples.cost).toEqual(all.samples.cost);
  });

  test("runPsa reports progress chunk by chunk", async () => {
    const seen: [number, number][] = [];
    await runPsa(twenty, {
      samples: 2500,
      seed: 1,
      chunkSize: 1000,
      onProgress: (d, t) => seen.push([d, t]),
    });
    expect(seen).toEqual([
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
  });

  test("runPsa names the sample, strategy and parameter values of a NaN output", async () => {
    const error = await runPsa(broken, { samples: 100, seed: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(
      /^model broken: sample \d+, strategy "b": cost is not a number \(parameters: x = -0\.\d+\)$/,
    );
  });

  test("runPsa rejects a sample count that is not a whole number from 1 to 10⁸, or no options", async () => {
    const refused = async (options: unknown, message: string) =>
      expect(runPsa(twenty, options as never)).rejects.toThrow(message);
    const range = "samples: expected a whole number from 1 to 100,000,000";
    await refused({ samples: 0, seed: 1 }, `${range}, got 0`);
    await refused({ samples: 1e12, seed: 1 }, `${range}, got 1000000000000`);
    await refused({ samples: Number.NaN, seed: 1 }, `${range}, got not a number`);
    await refused({ samples: "100", seed: 1 }, `${range}, got "100"`);
    await refused({ samples: { n: 1 }, seed: 1 }, `${range}, got an object`);
    await refused(
      { samples: 10, seed: 1, chunkSize: 0 },
      "chunkSize: expected a positive whole number, got 0",
    );
    await refused({ seed: 1 }, `${range}, none given`);
    await refused(
      undefined,
      "options: expected the run's options, such as { samples: 10000, seed: 1 }",
    );
  });

  test("runPsa rejects a seed that is neither a text nor a finite number", async () => {
    const refused = async (seed: unknown, got: string) =>
      expect(runPsa(twenty, { samples: 10, seed } as never)).rejects.toThrow(
        `seed: expected a text or a finite number (the same seed gives the same draws), ${got}`,
      );
    await refused(Number.NaN, "got not a number");
    await refused(Number.POSITIVE_INFINITY, "got infinity");
    await refused({}, "got an object");
    await refused([1], "got an array");
    await refused(true, "got a boolean");
    await refused(null, "got null");
    await refused(undefined, "none given");
    // Any text and any finite number are seeds.
    for (const seed of ["", "swis", -1, 1.5]) {
      expect((await runPsa(twenty, { samples: 10, seed })).samples.nSamples).toBe(10);
    }
  });
});
