/**
 * "internal error" is kept for genuine bugs. Every in-process CLI run of the suite goes through
 * tests/helpers/cli.ts, which fails the test that made it when the run printed "internal error":
 * so every error path the suite exercises (the invalid fixtures, the generated cases of every
 * hardening class, the command tests) is checked. This file checks the check itself, and that a
 * genuine bug still reaches the user as one "internal error" line with its stack, exit code 1.
 */
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/program.js";
import { refuseInternalError, runInProcess } from "../helpers/cli.js";

describe("internal errors", () => {
  it("refuseInternalError fails a run that printed an internal error, and only such a run", () => {
    expect(() =>
      refuseInternalError(["run", "x.yaml"], "internal error: TypeError: boom\n"),
    ).toThrow(/ceakit run x\.yaml ended in an internal error/);
    expect(() =>
      refuseInternalError(["run", "x.yaml"], "error: x.yaml:1:1 model: required\n"),
    ).not.toThrow();
  });

  it("a person's mistake never reaches it: the in-process runs of a bad scenario pass the check", async () => {
    const run = await runInProcess(["validate", "bad.yaml"], { "bad.yaml": "model: [\n" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: bad\.yaml:1:8: YAML syntax error/);
  });

  it("a genuine bug (an I/O object that throws a TypeError) is reported as an internal error, exit 1", async () => {
    let stderr = "";
    const io = {
      stdout: () => {
        throw new TypeError("stdout is broken");
      },
      stderr: (t: string) => {
        stderr += t;
      },
    } as unknown as CliIo;
    const code = await runCli(["schema"], io);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^internal error: TypeError: stdout is broken/);
  });
});
