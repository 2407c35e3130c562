/**
 * Child process of the scenario benchmark: runs `ceakit run <scenario> --samples N --workers W
 * --format json` in this process, exactly as the executable does (the CLI's own entry and I/O),
 * writes the report to a temporary file, and prints one JSON line with the wall time from the
 * process's start and its peak resident set size. Arguments: scenario, samples, workers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { nodeIo } from "../src/cli/io.js";
import { runCli } from "../src/cli/program.js";

const [scenario = "scenarios/swis-rct.yaml", samples = "1000000", workers = "2"] =
  process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "ceakit-bench-run-"));
try {
  const code = await runCli(
    ["run", scenario, "--samples", samples, "--workers", workers, "--format", "json"].concat([
      "--out",
      join(dir, "report.json"),
    ]),
    { ...nodeIo(), stderr: () => true },
  );
  if (code !== 0) throw new Error(`ceakit run exited with ${code}`);
  process.stdout.write(
    `${JSON.stringify({
      msSinceStart: Math.round(performance.now()),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
