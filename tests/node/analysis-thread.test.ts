/**
 * Analysis on a worker thread gives the bits this thread gives: the samples-only part of a
 * scenario run's analysis, and a whole `ceakit run` on two threads against one. Workers run compiled
 * JavaScript, so this test uses the build in dist/ (made by `npm test` before vitest runs; built
 * here if missing).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";

const ROOT = new URL("../../", import.meta.url);
const dist = (path: string) => new URL(`dist/src/${path}`, ROOT).href;

/** `n` doubles on shared memory, from a seeded stream (some exact ties and zeros). */
function sharedDraws(n: number, seed: number): Float64Array {
  const x = new Float64Array(new SharedArrayBuffer(8 * n));
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 48271) % 2147483647) >>> 0;
    x[i] = i % 11 === 0 ? 0 : i % 13 === 0 ? 250 : (s / 2147483647) * 1000 - 300;
  }
  return x;
}

/** JSON of typed arrays as plain lists, every double to the bit (JSON keeps 17 digits). */
const replacer = (_: string, v: unknown) =>
  ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v;

describe("analysis on a worker thread", () => {
  beforeAll(() => {
    if (!existsSync(new URL("dist/src/node/index.js", ROOT))) {
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe" });
    }
  }, 120_000);

  test("offloadScenarioAnalysis equals scenarioAnalysisParts to the bit on a PSA worker, and leaves unshared arrays to this thread", async () => {
    const { offloadScenarioAnalysis } = await import(dist("node/scenario-offload.js"));
    const { scenarioAnalysisParts } = await import(dist("scenario/scenario-analysis.js"));
    const { createCeSamples } = await import(dist("analysis/samples.js"));
    const { closePsaWorkers } = await import(dist("node/run-psa-parallel.js"));
    const n = 150_000;
    const cost = sharedDraws(2 * n, 7);
    const effect = sharedDraws(2 * n, 11);
    const a = cost.subarray(0, n);
    const b = cost.subarray(n);
    const work = {
      estimates: [{ x: a }, { x: b, reference: a }, { x: a.subarray(0, 40_000) }],
      samples: createCeSamples({ strategies: ["usual", "new"], cost, effect }),
      wtp: Float64Array.of(0, 500, 1000, 1500),
      reportWtp: Float64Array.of(750, 20000),
    };
    const here = scenarioAnalysisParts(work);
    const away = offloadScenarioAnalysis(work);
    expect(away).toBeDefined();
    const there = await away.parts;
    expect(JSON.stringify(there, replacer)).toBe(JSON.stringify(here, replacer));
    expect(there.estimates[1].increment.mean).not.toBe(there.estimates[1].psa.mean);
    // Stopping work that has ended does nothing: the worker went back to the pool, and answers
    // again, and a PSA after that runs on it.
    away.stop();
    const again = offloadScenarioAnalysis(work);
    expect(JSON.stringify(await again.parts, replacer)).toBe(JSON.stringify(here, replacer));
    const { runPsaParallel } = await import(dist("node/run-psa-parallel.js"));
    const { runPsa } = await import(dist("psa/run-psa.js"));
    const { loadModel } = await import(dist("node/load-model.js"));
    const reference = { module: new URL("dist/bench/models/twenty-parameters.js", ROOT).href };
    const opts = { samples: 30_000, seed: 5, chunkSize: 5_000 };
    const two = await runPsaParallel(reference, { ...opts, workers: 2 });
    const one = await runPsa(await loadModel(reference), opts);
    expect(Array.from(two.samples.cost)).toEqual(Array.from(one.samples.cost));
    const plain = { ...work, estimates: [{ x: Float64Array.from(a) }] };
    expect(offloadScenarioAnalysis(plain)).toBeUndefined();
    await closePsaWorkers();
  }, 60_000);

  test("onAnalysisThread rejects with the worker's error, its class kept, when a task fails", async () => {
    const { onAnalysisThread } = await import(dist("node/analysis-thread.js"));
    const de = sharedDraws(100, 1);
    const dc = sharedDraws(99, 2);
    const failed = onAnalysisThread([{ kind: "inmb", de, dc, wtp: Float64Array.of(0, 1000) }]);
    await expect(failed).rejects.toThrow(RangeError);
    await expect(failed).rejects.toThrow(/^linearQuantilePairs: empty or unequal arrays$/);
  }, 60_000);

  test("a stopped analysis worker rejects its replies instead of leaving them pending", async () => {
    const { startAnalysisThread } = await import(dist("node/analysis-thread.js"));
    const x = sharedDraws(400_000, 3);
    const job = startAnalysisThread([{ kind: "estimates", tasks: [{ x }, { x, reference: x }] }]);
    job.stop();
    await expect(job.replies).rejects.toThrow(/analysis worker ended early/);
  }, 60_000);

  test("ceakit run on two threads writes the JSON it writes on one, byte for byte", () => {
    const bin = fileURLToPath(new URL("dist/src/cli/bin.js", ROOT));
    const run = (workers: string) =>
      execFileSync(
        process.execPath,
        [bin, "run", "scenarios/swis-rct.yaml", "--samples", "60000", "--seed", "16"].concat([
          "--workers",
          workers,
          "--format",
          "json",
        ]),
        { cwd: fileURLToPath(ROOT), encoding: "utf8", maxBuffer: 1 << 28 },
      );
    const one = run("1");
    expect(one.length).toBeGreaterThan(10_000);
    expect(run("2")).toBe(one);
  }, 120_000);

  test("evppi and compare give the same bytes on one thread and on two (--workers)", () => {
    const bin = fileURLToPath(new URL("dist/src/cli/bin.js", ROOT));
    const cli = (args: readonly string[], workers: string) =>
      execFileSync(process.execPath, [bin, ...args, "--workers", workers, "--format", "json"], {
        cwd: fileURLToPath(ROOT),
        encoding: "utf8",
        maxBuffer: 1 << 28,
      });
    const evppi = ["evppi", "scenarios/swis-rct.yaml", "--samples", "30000"];
    const one = cli([...evppi, "--parameters", "irr_s47,irr_days_care", "--group"], "1");
    expect(JSON.parse(one).rows.length).toBe(2);
    expect(cli([...evppi, "--parameters", "irr_s47,irr_days_care", "--group"], "2")).toBe(one);
    const compare = [
      "compare",
      "scenarios/swis-rct.yaml",
      "scenarios/swis-rct-3-year.yaml",
      "--samples",
      "30000",
    ];
    const first = cli(compare, "1");
    expect(first.length).toBeGreaterThan(1000);
    expect(cli(compare, "2")).toBe(first);
  }, 120_000);
});
