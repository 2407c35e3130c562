/**
 * The main job end to end: `ceakit run scenarios/swis-rct.yaml` as a user runs it (a new Node
 * process each time, so start-up, loading, base case, PSA, analysis and report are all counted).
 *
 * - Issue 16, target 2: 10⁶ samples on one thread and on two (`--workers 1`, `--workers 2`):
 *   median wall time of 3 runs of the executable, target ≤ 1,000 ms, two clearly faster than one.
 * - Issue 16, target 7: the peak resident set size of a 10⁷-sample run (one run, in a child
 *   process that runs the CLI's own entry point), target ≤ 4 GB.
 *
 * Figures, not tests.
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../src/cli/bin.js", import.meta.url));
const child = fileURLToPath(new URL("./scenario-child.js", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));
const print = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

for (const [samples, workers] of [
  [1_000_000, 1],
  [1_000_000, 2],
] as const) {
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    execFileSync(
      process.execPath,
      [bin, "run", "scenarios/swis-rct.yaml", "--samples", String(samples)].concat([
        "--workers",
        String(workers),
        "--format",
        "json",
      ]),
      { cwd: root, stdio: "ignore" },
    );
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  print({
    bench: "ceakit run scenarios/swis-rct.yaml (new process)",
    target: "issue 16 #2",
    samples,
    workers,
    ms: Math.round(times[1] as number),
    targetMs: 1000,
    runs: 3,
    load: Number((loadavg()[0] as number).toFixed(2)),
  });
}

const big = JSON.parse(
  execFileSync(process.execPath, [child, "scenarios/swis-rct.yaml", "10000000", "2"], {
    cwd: root,
    encoding: "utf8",
  }),
) as { msSinceStart: number; peakRssBytes: number };
print({
  bench: "ceakit run scenarios/swis-rct.yaml, peak RSS (new process)",
  target: "issue 16 #7",
  samples: 10_000_000,
  workers: 2,
  ms: big.msSinceStart,
  peakRssBytes: big.peakRssBytes,
  targetBytes: 4e9,
});
