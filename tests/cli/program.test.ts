/**
 * The CLI's conventions: every command's --help ends with examples, -V/--version, no arguments
 * is a usage error with the help on standard error, and nothing ceakit prints carries a terminal
 * escape (no colour, so NO_COLOR and pipes get plain text; the progress bar only redraws its line
 * with a carriage return, on a terminal).
 */
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";
import { runInProcess } from "../helpers/cli.js";

const COMMANDS = [
  "run",
  "analyse",
  "validate",
  "init",
  "schema",
  "dsa",
  "threshold",
  "evppi",
  "compare",
  "serve",
];
/** ESC and CSI, the starts of every terminal escape. */
const ESCAPE = new RegExp(`[${String.fromCharCode(0x1b)}${String.fromCharCode(0x9b)}]`);

describe("CLI conventions", () => {
  it.each(COMMANDS)("%s --help ends with 2–3 examples on standard output", async (command) => {
    const r = await runInProcess([command, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const [, examples] = r.stdout.split("\nExamples:\n");
    expect(examples, r.stdout).toBeDefined();
    const lines = (examples as string).split("\n").filter((l) => l.startsWith("  $ ceakit "));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines.every((l) => l.startsWith(`  $ ceakit ${command}`))).toBe(true);
    expect(r.stdout).not.toMatch(ESCAPE);
  });

  it("-V and --version print the version; no arguments prints the help on stderr with exit 2", async () => {
    for (const flag of ["-V", "--version"]) {
      const r = await runInProcess([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${VERSION}\n`);
    }
    const none = await runInProcess([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toMatch(/^Usage: ceakit /);
    expect(none.stderr).toContain("\nExamples:\n");
    expect(none.stderr).not.toMatch(ESCAPE);
  });

  it("no output carries a terminal escape, on a terminal or not; the bar is drawn only on one", async () => {
    const args = ["run", "tests/fixtures/scenarios/small.yaml", "--samples", "30000"];
    const pipe = await runInProcess(args);
    expect(pipe.stderr).toBe("");
    const tty = await runInProcess(args, {}, true);
    expect(tty.stderr).toMatch(/\rPSA \[#+ *\] +100%/);
    for (const text of [pipe.stdout, tty.stdout, tty.stderr]) expect(text).not.toMatch(ESCAPE);
    const bad = await runInProcess(["run", "nope.yaml"]);
    expect(bad.stderr).not.toMatch(ESCAPE);
  });
});
