/**
 * What the CLI loads before it knows the command (issue 16, start-up): `bin.ts` loads only the
 * version for `--version`, and the program (program.ts with the commands' declarations) loads
 * commander and a few small modules, never zod, yaml, mathjs or vega, nor the scenario, model,
 * PSA or report layers, which each command imports when it runs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { VERSION } from "../../src/version.js";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const BIN = fileURLToPath(new URL("../../dist/src/cli/bin.js", import.meta.url));

/**
 * The modules `entry` (relative to src/) loads before any of its code runs: its static value
 * imports, followed through src/, with packages and Node built-ins named as they are imported.
 * `import type` and dynamic `import()` load nothing up front.
 */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (rel: string) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const text = readFileSync(join(SRC, rel), "utf8");
    for (const m of text.matchAll(
      /^(?:import|export)(?!\s+type\b)[^;'"]*?from\s*["']([^"']+)["']/gm,
    )) {
      const spec = m[1] as string;
      if (!spec.startsWith(".")) {
        seen.add(spec);
        continue;
      }
      visit(relative(SRC, join(SRC, dirname(rel), spec)).replace(/\.js$/, ".ts"));
    }
  };
  visit(entry);
  return seen;
}

describe("start-up", () => {
  test("staticClosure follows value imports and skips type-only ones", () => {
    const run = staticClosure("cli/run-command.ts");
    expect(run).toContain("scenario/run-scenario.ts");
    expect(run).not.toContain("report/html-report.ts");
  });

  test("bin.ts loads only the version and the relaunch rule before it knows the command", () => {
    // launch-plan.ts is pure (no imports); relaunch.ts, which starts a process, loads on demand.
    expect([...staticClosure("cli/bin.ts")].sort()).toEqual([
      "cli/bin.ts",
      "cli/launch-plan.ts",
      "node:fs",
      "node:module",
      "version.ts",
    ]);
  });

  test("the program loads no file format, model, PSA or report module, and of packages only commander", () => {
    const loaded = [...staticClosure("cli/program.ts")];
    const packages = loaded.filter((m) => !m.endsWith(".ts"));
    expect(packages).toEqual(["commander"]);
    const layers = ["scenario/", "modelfile/", "model/", "cohort/", "psa/", "report/", "node/"];
    expect(loaded.filter((m) => layers.some((l) => m.startsWith(l)))).toEqual([]);
  });

  test.runIf(existsSync(BIN))("node bin.js --version and -V print the version and exit 0", () => {
    for (const flag of ["--version", "-V"]) {
      const r = spawnSync(process.execPath, [BIN, flag], { encoding: "utf8", timeout: 60_000 });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${VERSION}\n`);
    }
  });
});
