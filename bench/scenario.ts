/**
 * The main job end to end: `ceakit run scenarios/swis-rct.yaml` as a user runs it (a new Node
 * process each time, so start-up, loading, base case, PSA, analysis and report are all counted),
 * at the scenario's 10,000 samples and at 1,000,000. Prints the median of 3 wall times.
 */
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../src/cli/bin.js", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));

for (const samples of [10_000, 1_000_000]) {
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    execFileSync(
      process.execPath,
      [bin, "run", "scenarios/swis-rct.yaml", "--samples", String(samples)],
      { cwd: root, stdio: "ignore" },
    );
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      bench: "ceakit run scenarios/swis-rct.yaml (new process)",
      samples,
      ms: Math.round(times[1] as number),
      runs: 3,
    })}\n`,
  );
}
