/**
 * Benchmarks of the analysis core. Prints one JSON line per measurement:
 * `{"bench": name, "samples": n, "strategies": S, "wtp": K, "ms": median, "runs": r}`.
 *
 * Run with `npm run bench` (builds first). Timings are medians of repeated runs after a warm-up;
 * they are figures to read, not tests.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import {
  type CeSamples,
  createCeSamples,
  decisionCurves,
  Rng,
  readLongPsaCsv,
  wtpRange,
} from "ceakit";

/** Median wall time in ms of `runs` calls of `fn` after `warmup` calls. */
function time(fn: () => unknown, runs: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/**
 * A 3-strategy PSA shaped like the reference one (usual care and two programmes with uncertain
 * extra effect and cost), generated from a fixed seed.
 */
function syntheticPsa(n: number): CeSamples {
  const rng = Rng.create("ceakit-bench", 0);
  const z = (mean: number, sd: number) => {
    const x = rng.fillNormal(new Float64Array(n));
    for (let i = 0; i < n; i++) x[i] = mean + sd * (x[i] as number);
    return x;
  };
  const eUsual = z(8, 0.5);
  const dA = z(0.15, 0.1);
  const dB = z(0.25, 0.15);
  const cUsual = z(20000, 2000);
  const gA = z(5000, 1000);
  const gB = z(12000, 2000);
  const cost = new Float64Array(3 * n);
  const effect = new Float64Array(3 * n);
  for (let s = 0; s < n; s++) {
    effect[s] = eUsual[s] as number;
    effect[n + s] = (eUsual[s] as number) + (dA[s] as number);
    effect[2 * n + s] = (eUsual[s] as number) + (dB[s] as number);
    cost[s] = cUsual[s] as number;
    cost[n + s] = (cUsual[s] as number) + (gA[s] as number) + 8000 * ((dA[s] as number) - 0.15);
    cost[2 * n + s] =
      (cUsual[s] as number) + (gB[s] as number) + 12000 * ((dB[s] as number) - 0.25);
  }
  return createCeSamples({ strategies: ["usual", "swis_a", "swis_b"], cost, effect });
}

const wtp = wtpRange(0, 100000, 1000);
const print = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

for (const n of [1e4, 1e5, 1e6]) {
  const samples = syntheticPsa(n);
  const runs = n >= 1e6 ? 7 : n >= 1e5 ? 15 : 51;
  const ms = time(() => decisionCurves(samples, wtp), runs);
  print({
    bench: "enb+ceac+ceaf+evpi",
    samples: n,
    strategies: 3,
    wtp: wtp.length,
    ms: Number(ms.toFixed(2)),
    runs,
  });
}

const csvPath = new URL("../../tests/fixtures/reference/psa-1e4/psa_1e4.csv", import.meta.url);
const readMs = time(
  () => readLongPsaCsv(readFileSync(csvPath, "utf8"), { file: "psa_1e4.csv" }),
  21,
);
print({
  bench: "read long csv (file + parse)",
  samples: 1e4,
  strategies: 3,
  ms: Number(readMs.toFixed(2)),
  runs: 21,
});

// Issue 16: analyse of a 1e6 × 3 long CSV end to end (new process: wall time, peak RSS), and
// the analysis kernels at 1e6 × 3 × 101 WTP.
await import("./csv-ingest.js");

// PSA engine: the 20-parameter model on one thread and two workers, and a 1e7-sample run's RSS.
await import("./psa.js");

// Cohort (Markov) engine: the hip-replacement model at 1e5 samples, one thread and two workers.
await import("./cohort.js");

// Random-number kernels: one buffer per measurement, refilled in place.
const rngBench = Rng.create("ceakit-bench-rng");
const rngRuns = 7;
const uniforms = new Float64Array(1e7);
const normals = new Float64Array(1e7);
const gammas = new Float64Array(1e6);
for (const [name, out, fill] of [
  ["Rng.fillUniform", uniforms, () => rngBench.fillUniform(uniforms)],
  ["Rng.fillNormal", normals, () => rngBench.fillNormal(normals)],
  ["Rng.fillGamma (shape 2.5)", gammas, () => rngBench.fillGamma(2.5, gammas)],
] as const) {
  const ms = time(fill, rngRuns);
  print({ bench: name, samples: out.length, ms: Number(ms.toFixed(2)), runs: rngRuns });
}

// The main job end to end, as a user runs it.
await import("./scenario.js");

// CLI start-up: `--version`, `validate` and the 1e4-sample run as whole processes (issue 16).
await import("./startup.js");
