/**
 * CLI start-up, as a user meets it: whole `ceakit` processes (`node dist/src/cli/bin.js …`), so
 * Node's own start, module loading, the command's work and exit are all counted. One JSON line
 * per target of issue 16: `--version` (≤ 120 ms), `validate scenarios/swis-rct.yaml` (≤ 300 ms)
 * and `run scenarios/swis-rct.yaml` at its 10,000 samples (≤ 350 ms). Each figure is the median
 * of 9 runs after one warm-up; on a shared machine read it with the load average beside it.
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../src/cli/bin.js", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));
const RUNS = 9;

const targets: readonly { args: readonly string[]; targetMs: number }[] = [
  { args: ["--version"], targetMs: 120 },
  { args: ["validate", "scenarios/swis-rct.yaml"], targetMs: 300 },
  { args: ["run", "scenarios/swis-rct.yaml"], targetMs: 350 },
];

for (const { args, targetMs } of targets) {
  const once = () => {
    const t0 = performance.now();
    execFileSync(process.execPath, [bin, ...args], { cwd: root, stdio: "ignore" });
    return performance.now() - t0;
  };
  once();
  const times = Array.from({ length: RUNS }, once).sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      bench: `ceakit ${args.join(" ")} (new process)`,
      ms: Math.round(times[Math.floor(RUNS / 2)] as number),
      min: Math.round(times[0] as number),
      targetMs,
      runs: RUNS,
      load: Number((loadavg()[0] as number).toFixed(2)),
    })}\n`,
  );
}
