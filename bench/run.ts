/**
 * Benchmarks of the analysis core. Prints one JSON line per measurement:
 * `{"bench": name, "samples": n, "strategies": S, "wtp": K, "ms": median, "runs": r}`.
 *
 * Run with `npm run bench` (builds first). Timings are medians of repeated runs after a warm-up;
 * they are figures to read, not tests.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { decisionCurves, Rng, readLongPsaCsv, wtpRange } from "ceakit";
import { syntheticPsa } from "./synthetic-psa.js";

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

const wtp = wtpRange(0, 100000, 1000);
const print = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

for (const n of [1e4, 1e5, 1e6]) {
  const samples = syntheticPsa(n, "ceakit-bench");
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
await import("./web-bundle.js"); // The web page: bytes of minified JavaScript loaded at open.
