/**
 * CLI start-up, as a user meets it: whole `ceakit` processes (`node dist/src/cli/bin.js …`), so
 * Node's own start, module loading, the command's work and exit are all counted. One JSON line
 * per target of issue 16: `--version` (≤ 120 ms), `validate scenarios/swis-rct.yaml` (≤ 300 ms)
 * and `run scenarios/swis-rct.yaml` at its 10,000 samples (≤ 350 ms). Each figure is the median
 * of 9 runs after one warm-up; on a shared machine read it with the load average beside it,
 * and with `cpuMs`, the median processor time (user + system) of the runs, which contention
 * inflates far less than wall time (Linux only: the children's times in /proc/self/stat, in
 * ticks of 10 ms).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../src/cli/bin.js", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));
const RUNS = 9;

/** Processor time in ms of this process's finished children (user + system), if Linux says. */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // Fields after the command's closing parenthesis; cutime and cstime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const targets: readonly { args: readonly string[]; targetMs: number }[] = [
  { args: ["--version"], targetMs: 120 },
  { args: ["validate", "scenarios/swis-rct.yaml"], targetMs: 300 },
  { args: ["run", "scenarios/swis-rct.yaml"], targetMs: 350 },
];

for (const { args, targetMs } of targets) {
  const cpu: number[] = [];
  const once = () => {
    const c0 = childrenCpuMs();
    const t0 = performance.now();
    execFileSync(process.execPath, [bin, ...args], { cwd: root, stdio: "ignore" });
    const ms = performance.now() - t0;
    const c1 = childrenCpuMs();
    if (c0 !== undefined && c1 !== undefined) cpu.push(c1 - c0);
    return ms;
  };
  once();
  cpu.length = 0;
  const times = Array.from({ length: RUNS }, once);
  process.stdout.write(
    `${JSON.stringify({
      bench: `ceakit ${args.join(" ")} (new process)`,
      ms: Math.round(median(times)),
      min: Math.round(Math.min(...times)),
      ...(cpu.length === RUNS ? { cpuMs: median(cpu) } : {}),
      targetMs,
      runs: RUNS,
      load: Number((loadavg()[0] as number).toFixed(2)),
    })}\n`,
  );
}
