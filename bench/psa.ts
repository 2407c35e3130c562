/**
 * PSA engine benchmarks: the 20-parameter model (mixed distributions, two correlated, three
 * derived expressions) sampled and evaluated end to end at 1e6 samples on one thread and on two
 * worker threads, and the peak RSS of a 1e7-sample run (in a child process, so that the figure is
 * that run's alone). Prints one JSON line each.
 */
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { runPsa } from "ceakit";
import { runPsaParallel } from "ceakit/node";
import model from "./models/twenty-parameters.js";

const print = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const module = new URL("./models/twenty-parameters.js", import.meta.url).href;

/**
 * Median of `runs` timings of an async function, after two warm-ups (the first run also loads
 * mathjs and compiles; V8 finishes optimising the kernels during the second).
 */
async function time(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const n = 1e6;
const t0 = performance.now();
await runPsa(model, { samples: n, seed: 1, chunkSize: 100_000 });
print({
  bench: "psa 20-parameter model, 1 thread, first run in the process",
  samples: n,
  parameters: 20,
  ms: Math.round(performance.now() - t0),
});
const single = await time(() => runPsa(model, { samples: n, seed: 1, chunkSize: 100_000 }), 5);
print({
  bench: "psa 20-parameter model, 1 thread",
  samples: n,
  parameters: 20,
  ms: Math.round(single),
  runs: 5,
});
const parallel = await time(
  () => runPsaParallel({ module }, { samples: n, seed: 1, workers: 2, chunkSize: 100_000 }),
  5,
);
print({
  bench: "psa 20-parameter model, 2 workers",
  samples: n,
  parameters: 20,
  ms: Math.round(parallel),
  runs: 5,
});

const child = fileURLToPath(new URL("./psa-rss.js", import.meta.url));
process.stdout.write(execFileSync(process.execPath, [child, "1e7", "2"], { encoding: "utf8" }));
