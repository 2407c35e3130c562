/**
 * Issue 16, targets 1 and 4.
 *
 * - CSV ingest, whole process: `ceakit analyse <1e6 × 3 long CSV> --format json` (101 WTP) in a
 *   new Node process, timed with `/usr/bin/time -v` (wall time, user + system CPU time and peak
 *   RSS); median of 3.
 * - Analysis kernel in memory: `decisionCurves` and `analysePsa` at 1e6 × 3 × 101 WTP; median
 *   of 7 after two warm-ups.
 *
 * The CSV (about 154 MB) is generated from a fixed seed into a temporary directory and removed
 * afterwards. Figures, not tests.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { analysePsa, type CeSamples, decisionCurves, wtpRange } from "ceakit";
import { syntheticPsa } from "./synthetic-psa.js";

const print = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Writes the long CSV of `samples` (shortest round-trip decimals, as R's fwrite writes them). */
function writeLongCsv(path: string, samples: CeSamples): void {
  const { nSamples: n, strategies, cost, effect } = samples;
  const parts: string[] = ["iteration,strategy,cost,effect\n"];
  let chunk = "";
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < strategies.length; j++) {
      chunk += `${s + 1},${strategies[j]},${cost[j * n + s]},${effect[j * n + s]}\n`;
    }
    if (chunk.length > 1 << 20) {
      parts.push(chunk);
      chunk = "";
    }
  }
  parts.push(chunk);
  writeFileSync(path, parts.join(""));
}

const n = 1e6;
const samples = syntheticPsa(n, "ceakit-bench-csv");
const wtp = wtpRange(0, 100000, 1000);

// Target 4: the analysis kernel in memory.
for (const [name, fn] of [
  ["enb+ceac+ceaf+evpi (decisionCurves)", () => decisionCurves(samples, wtp)],
  ["analysePsa (all of analyse's analysis)", () => analysePsa(samples, { wtp })],
] as const) {
  const runs = 7;
  for (let i = 0; i < 2; i++) fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  print({
    bench: name,
    target: "issue 16 #4",
    samples: n,
    strategies: 3,
    wtp: wtp.length,
    ms: Number(median(times).toFixed(2)),
    // CPU time of this thread: less sensitive than wall time to other processes on the machine.
    cpuMs: Number(median(cpu).toFixed(2)),
    runs,
  });
}

// Target 1: CSV ingest, whole process.
const dir = mkdtempSync(join(tmpdir(), "ceakit-bench-csv-"));
try {
  const csv = join(dir, "psa_1e6.csv");
  writeLongCsv(csv, samples);
  const bin = fileURLToPath(new URL("../src/cli/bin.js", import.meta.url));
  const args = [bin, "analyse", csv, "--format", "json", "--out", join(dir, "out.json")];
  const walls: number[] = [];
  const rss: number[] = [];
  const cpu: number[] = [];
  const timeV = existsSync("/usr/bin/time");
  for (let r = 0; r < 3; r++) {
    if (timeV) {
      const t0 = performance.now();
      const run = spawnSync("/usr/bin/time", ["-v", process.execPath, ...args], {
        encoding: "utf8",
      });
      walls.push(performance.now() - t0);
      if (run.status !== 0) throw new Error(`analyse failed: ${run.stderr}`);
      const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
      rss.push(kb === null ? Number.NaN : Number(kb[1]) / 1024);
      const user = /User time \(seconds\): ([\d.]+)/.exec(run.stderr);
      const system = /System time \(seconds\): ([\d.]+)/.exec(run.stderr);
      cpu.push(1000 * (Number(user?.[1] ?? Number.NaN) + Number(system?.[1] ?? Number.NaN)));
    } else {
      const t0 = performance.now();
      execFileSync(process.execPath, args, { stdio: "ignore" });
      walls.push(performance.now() - t0);
    }
  }
  print({
    bench: "analyse 1e6 long CSV --format json (new process)",
    target: "issue 16 #1",
    samples: n,
    strategies: 3,
    wtp: wtp.length,
    mb: Number((statSync(csv).size / 2 ** 20).toFixed(1)),
    ms: Math.round(median(walls)),
    rssMb: timeV ? Math.round(median(rss)) : null,
    cpuMs: timeV ? Math.round(median(cpu)) : null,
    runs: 3,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
