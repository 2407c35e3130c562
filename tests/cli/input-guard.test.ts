/**
 * A report never replaces one of its command's inputs: the scenario, a file it extends, a model
 * file, a model's CSV table, a PSA CSV. Each is refused at `--out` with exit 2 and nothing
 * written, in memory and on disk (through a symbolic link to the input's directory too).
 */

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { refuseReplacingInputs } from "../../src/cli/input-guard.js";
import { InputError } from "../../src/errors.js";
import { fileIdentity } from "../../src/node/file-identity.js";
import { expectOneRefusal, runInProcess, runOnDisk } from "../helpers/cli.js";

const FIXTURES = "tests/fixtures/modelfile";
const THR = `${FIXTURES}/thr.model.yaml`;
const THR_TABLE = `${FIXTURES}/thr-life.csv`;
const RCT = "scenarios/swis-rct.yaml";

describe("refuseReplacingInputs", () => {
  it("refuses a file output at an input's path, and a set whose directory holds an input", () => {
    const file = { kind: "file", path: "./a/../m.yaml", replace: true } as const;
    expect(() => refuseReplacingInputs(file, ["x.csv", "./a/../m.yaml"])).toThrow(
      "--out: ./a/../m.yaml is an input of this command; write the report elsewhere",
    );
    // Compared as given without a way to identify files; by identity with one.
    expect(() => refuseReplacingInputs(file, ["x.csv", "m.yaml"])).not.toThrow();
    expect(() => refuseReplacingInputs(file, ["x.csv", "m.yaml"], fileIdentity)).toThrow(
      "--out: ./a/../m.yaml is the same file as m.yaml, an input of this command; write the report elsewhere",
    );
    expect(() => refuseReplacingInputs(file, ["x.csv", "n.yaml"], fileIdentity)).not.toThrow();
    const set = { kind: "set", dir: "out" } as const;
    expect(() => refuseReplacingInputs(set, ["m.yaml", "out/t.csv"], fileIdentity)).toThrow(
      "--out: out holds out/t.csv, an input of this command; write the CSV files into another directory",
    );
    // A sibling whose name merely starts with the directory's is not inside it.
    expect(() =>
      refuseReplacingInputs(set, ["outside/t.csv", "out.csv"], fileIdentity),
    ).not.toThrow();
    expect(() => refuseReplacingInputs(set, ["./out/t.csv"], fileIdentity)).toThrow(InputError);
  });
});

describe("--out is never an input", () => {
  it.each([
    ["run", "md", THR],
    ["run", "json", THR_TABLE],
    ["dsa", "md", THR],
    ["dsa", "html", THR_TABLE],
    ["evppi", "json", THR_TABLE],
  ])("%s --format %s --out %s is refused", async (command, format, out) => {
    const args = [command, THR, "--format", format, "--out", out];
    if (command === "evppi") args.push("--samples", "200", "--parameters", "omrPTHR");
    const line = expectOneRefusal(await runInProcess(args));
    expect(line).toBe(
      `error: --out: ${out} is an input of this command; write the report elsewhere`,
    );
  });

  it("a scenario, and a file it extends, are inputs of threshold and compare", async () => {
    const files = {
      "base.yaml": readFileSync(RCT, "utf8"),
      "local.yaml": "extends: base.yaml\n",
    };
    const threshold = expectOneRefusal(
      await runInProcess(
        [
          "threshold",
          "local.yaml",
          "--parameter",
          "sw_salary",
          "--range",
          "30000:40000",
          "--out",
          "base.yaml",
        ],
        files,
      ),
    );
    expect(threshold).toBe(
      "error: --out: base.yaml is an input of this command; write the report elsewhere",
    );
    const compare = expectOneRefusal(
      await runInProcess(
        ["compare", "local.yaml", RCT, "--samples", "200", "--format", "md", "--out", RCT],
        files,
      ),
    );
    expect(compare).toBe(
      `error: --out: ${RCT} is an input of this command; write the report elsewhere`,
    );
  });

  it("a CSV set is refused when its directory holds a model's table", async () => {
    const line = expectOneRefusal(
      await runInProcess(["run", "m.model.yaml", "--format", "csv", "--out", "t/"], {
        "m.model.yaml": readFileSync(THR, "utf8").replace("file: thr-life.csv", "file: t/life.csv"),
        "t/life.csv": readFileSync(THR_TABLE, "utf8"),
      }),
    );
    expect(line).toBe(
      "error: --out: t holds t/life.csv, an input of this command; write the CSV files into another directory",
    );
  });
});

describe("--out through symbolic links, on disk", () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("is refused, and the model file is left as it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ceakit-guard-"));
    made.push(dir);
    copyFileSync(THR, join(dir, "thr.model.yaml"));
    copyFileSync(THR_TABLE, join(dir, "thr-life.csv"));
    symlinkSync(dir, join(dir, "link"));
    const model = join(dir, "thr.model.yaml");
    const before = readFileSync(model, "utf8");
    const out = join(dir, "link", "thr-life.csv");
    const run = await runOnDisk(["run", model, "--format", "md", "--out", out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `error: --out: ${out} is the same file as ${join(dir, "thr-life.csv")}, an input of this command; write the report elsewhere\n`,
    );
    expect(readFileSync(model, "utf8")).toBe(before);
    expect(readFileSync(join(dir, "thr-life.csv"), "utf8")).toBe(readFileSync(THR_TABLE, "utf8"));
  });

  it("x/.. where x is a link goes up from the link's target, as the system opens it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ceakit-guard-"));
    made.push(dir);
    for (const d of ["a/sub", "b"]) mkdirSync(join(dir, d), { recursive: true });
    const model = join(dir, "a", "thr.model.yaml");
    copyFileSync(THR, model);
    copyFileSync(THR_TABLE, join(dir, "a", "thr-life.csv"));
    symlinkSync(join(dir, "a", "sub"), join(dir, "b", "x"));
    const before = readFileSync(model, "utf8");
    // Written by hand: path.join would take x/.. away as text.
    const out = `${dir}/b/x/../thr.model.yaml`;
    const run = await runOnDisk(["run", model, "--format", "json", "--out", out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: --out: ${out} is the same file as ${model}, an input of this command; write the report elsewhere\n`,
    );
    expect(readFileSync(model, "utf8")).toBe(before);
  });

  it("init names its file argument, not --out", async () => {
    const run = await runOnDisk(["init", "scenarios/local-template.yaml", "--force"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^error: file: scenarios\/local-template\.yaml is the same file as .*local-template\.yaml, an input of this command/,
    );
  });
});
