/**
 * Worker threads give bit-identical results. Workers run compiled JavaScript, so this test uses
 * the build in dist/ (made by `npm test` before vitest runs; built here if missing).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";

const ROOT = new URL("../../", import.meta.url);
const NODE_ENTRY = new URL("dist/src/node/index.js", ROOT);
const MODEL = new URL("dist/bench/models/twenty-parameters.js", ROOT).href;

/** Exact equality of two arrays, reporting the first difference. */
function expectIdentical(a: Float64Array, b: Float64Array, what: string): void {
  expect(a.length, what).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) throw new Error(`${what}[${i}]: ${a[i]} !== ${b[i]}`);
  }
}

describe("runPsaParallel", () => {
  beforeAll(() => {
    if (!existsSync(NODE_ENTRY)) {
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe" });
    }
  }, 120_000);

  test("runPsaParallel with 1 and 2 workers gives bit-identical cost, effect and parameters", async () => {
    const { runPsaParallel } = await import(NODE_ENTRY.href);
    const options = { samples: 30_000, seed: 20240917, chunkSize: 7_000 };
    const one = await runPsaParallel({ module: MODEL }, { ...options, workers: 1 });
    const two = await runPsaParallel({ module: MODEL }, { ...options, workers: 2 });
    expectIdentical(two.samples.cost, one.samples.cost, "cost");
    expectIdentical(two.samples.effect, one.samples.effect, "effect");
    for (const name of Object.keys(one.parameters)) {
      expectIdentical(two.parameters[name], one.parameters[name], name);
    }
    for (const outcome of Object.keys(one.outcomes)) {
      for (const s of Object.keys(one.outcomes[outcome])) {
        expectIdentical(two.outcomes[outcome][s], one.outcomes[outcome][s], `${outcome}.${s}`);
      }
    }
  });

  test("runPsaParallel reports progress up to the total and rejects a bad worker count", async () => {
    const { runPsaParallel } = await import(NODE_ENTRY.href);
    const seen: number[] = [];
    await runPsaParallel(
      { module: MODEL },
      {
        samples: 5000,
        seed: 1,
        chunkSize: 1000,
        workers: 2,
        onProgress: (done: number) => seen.push(done),
      },
    );
    expect(seen).toHaveLength(5);
    expect(seen.at(-1)).toBe(5000);
    await expect(
      runPsaParallel({ module: MODEL }, { samples: 10, seed: 1, workers: 0 }),
    ).rejects.toThrow("workers: expected a positive whole number, got 0");
  });

  test("runPsaParallel passes a model error from a worker back with its class and message", async () => {
    const { runPsaParallel, ModelError } = await import(NODE_ENTRY.href);
    const broken = new URL("dist/bench/models/broken.js", ROOT).href;
    const error = await runPsaParallel(
      { module: broken },
      { samples: 3000, seed: 1, workers: 2, chunkSize: 1000 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(
      /^model broken: sample \d+, strategy "b": cost is not a number/,
    );
  });

  test("runPsaParallel fails, naming the exit code, when a worker thread ends mid-run, and the next run works", async () => {
    const { runPsaParallel } = await import(NODE_ENTRY.href);
    const exits = new URL("dist/bench/models/worker-exit.js", ROOT).href;
    await expect(
      runPsaParallel({ module: exits }, { samples: 200_000, seed: 1, workers: 2, chunkSize: 1000 }),
    ).rejects.toThrow(/^PSA worker ended early \(code 7\)$/);
    const after = await runPsaParallel(
      { module: MODEL },
      { samples: 3000, seed: 1, workers: 2, chunkSize: 1000 },
    );
    expect(after.samples.nSamples).toBe(3000);
  }, 60_000);

  test("kept workers run later jobs (after a failed one too) with identical results, and close", async () => {
    const { runPsaParallel, closePsaWorkers } = await import(NODE_ENTRY.href);
    const options = { samples: 12_000, seed: "reuse", chunkSize: 1_000, workers: 2 };
    const first = await runPsaParallel({ module: MODEL }, options);
    const broken = new URL("dist/bench/models/broken.js", ROOT).href;
    await expect(runPsaParallel({ module: broken }, options)).rejects.toThrow(/model broken/);
    const again = await runPsaParallel({ module: MODEL }, options);
    const other = await runPsaParallel({ module: MODEL }, { ...options, seed: "other" });
    expectIdentical(again.samples.cost, first.samples.cost, "cost");
    expect(other.samples.cost).not.toEqual(first.samples.cost);
    await closePsaWorkers();
    const afterClose = await runPsaParallel({ module: MODEL }, options);
    expectIdentical(afterClose.samples.effect, first.samples.effect, "effect");
    await closePsaWorkers();
  });

  test("a scenario's model rebuilt from its configuration in workers gives the one-thread result", async () => {
    const node = await import(NODE_ENTRY.href);
    const { loadScenario } = await import(new URL("dist/src/scenario/load-scenario.js", ROOT).href);
    const loaded = await loadScenario("scenarios/swis-rct.yaml", node.fileScenarioHost());
    const reference = node.modelReference("swis", loaded.config);
    expect(reference.module).toMatch(/dist\/models\/swis\/index\.js$/);
    const options = { samples: 6000, seed: "scenario", chunkSize: 1000 };
    const one = await node.runPsaParallel(reference, { ...options, workers: 1 });
    node.preparePsaWorkers(1, reference);
    const two = await node.runPsaParallel(reference, { ...options, workers: 2 });
    expectIdentical(two.samples.cost, one.samples.cost, "cost");
    expectIdentical(two.samples.effect, one.samples.effect, "effect");
    expectIdentical(two.parameters.irr_s47, one.parameters.irr_s47, "irr_s47");
    // Workers sampling into scratch columns (parameters not kept) give the same results.
    const lean = await node.runPsaParallel(reference, {
      ...options,
      workers: 2,
      keepParameters: ["grant_total"],
    });
    expect(Object.keys(lean.parameters)).toEqual(["grant_total"]);
    expectIdentical(lean.samples.cost, one.samples.cost, "cost (lean)");
    expectIdentical(lean.outcomes.s47_enquiries.swis, one.outcomes.s47_enquiries.swis, "s47");
    await node.closePsaWorkers();
  });
});
