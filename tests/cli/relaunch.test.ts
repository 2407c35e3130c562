/**
 * Large runs relaunched with process settings (src/cli/launch-plan.ts, src/cli/relaunch.ts): when
 * the plan applies, that the child gets its environment and Node options, that its exit code and
 * a signal end the first process alike, and that the results are the same bytes either way.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  COMPILE_IN_PLACE,
  isLargeRun,
  RELAUNCH_FROM,
  RELAUNCH_FROM_BYTES,
  RELAUNCHED_MARK,
  relaunchPlan,
  samplesAsked,
  withHugePages,
} from "../../src/cli/launch-plan.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = fileURLToPath(new URL("../../dist/src/cli/bin.js", import.meta.url));
/** The built module (`npm test` builds first), loaded by the scripts these tests start. */
const RELAUNCH = pathToFileURL(join(ROOT, "dist/src/cli/relaunch.js")).href;

describe("samplesAsked", () => {
  it("reads --samples N and --samples=N as the CLI parses them", () => {
    expect(samplesAsked(["run", "a.yaml", "--samples", "1e6"])).toBe(1e6);
    expect(samplesAsked(["run", "a.yaml", "--samples=250_000"])).toBe(250_000);
    expect(samplesAsked(["run", "--samples", " 300000 ", "a.yaml"])).toBe(300_000);
  });

  it("is undefined when absent, not a number or after --", () => {
    expect(samplesAsked(["run", "a.yaml"])).toBeUndefined();
    expect(samplesAsked(["run", "a.yaml", "--samples"])).toBeUndefined();
    expect(samplesAsked(["run", "a.yaml", "--samples", "many"])).toBeUndefined();
    expect(samplesAsked(["run", "a.yaml", "--samples="])).toBeUndefined();
    expect(samplesAsked(["run", "--", "--samples", "1e6"])).toBeUndefined();
  });
});

describe("withHugePages", () => {
  it("adds the tunable, keeping what is set", () => {
    expect(withHugePages(undefined)).toBe("glibc.malloc.hugetlb=1");
    expect(withHugePages("")).toBe("glibc.malloc.hugetlb=1");
    expect(withHugePages("glibc.malloc.arena_max=2")).toBe(
      "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1",
    );
  });

  it("leaves a person's own huge-page setting as it is", () => {
    expect(withHugePages("glibc.malloc.hugetlb=0")).toBe("glibc.malloc.hugetlb=0");
    expect(withHugePages("a.b=1:glibc.malloc.hugetlb=2")).toBe("a.b=1:glibc.malloc.hugetlb=2");
  });
});

/** No argument names a file. */
const none = () => undefined;

describe("isLargeRun", () => {
  const sizes: Record<string, number> = { "big.csv": RELAUNCH_FROM_BYTES, "small.csv": 1e6 };
  const size = (p: string) => sizes[p];

  it("is --samples from the threshold, for any command", () => {
    expect(isLargeRun(["run", "s.yaml", "--samples", String(RELAUNCH_FROM)], none)).toBe(true);
    expect(isLargeRun(["evppi", "s.yaml", "--samples=1e6"], none)).toBe(true);
    expect(isLargeRun(["run", "s.yaml", "--samples", String(RELAUNCH_FROM - 1)], none)).toBe(false);
    // A small --samples decides, whatever files are named.
    expect(isLargeRun(["analyse", "big.csv", "--samples", "10"], size)).toBe(false);
  });

  it("is analyse of a file from the threshold size", () => {
    expect(isLargeRun(["analyse", "big.csv"], size)).toBe(true);
    expect(isLargeRun(["analyse", "--format", "json", "big.csv"], size)).toBe(true);
    expect(isLargeRun(["analyse", "small.csv"], size)).toBe(false);
    expect(isLargeRun(["analyse", "-"], size)).toBe(false);
    expect(isLargeRun(["run", "big.csv"], size)).toBe(false);
    expect(isLargeRun([], size)).toBe(false);
  });
});

describe("relaunchPlan", () => {
  const large = ["run", "s.yaml", "--samples", String(RELAUNCH_FROM)];

  it("relaunches a large run on Linux with huge pages, in-place compiles and the mark", () => {
    const plan = relaunchPlan(
      large,
      { HOME: "/h", GLIBC_TUNABLES: "x.y=1" },
      "linux",
      ["--a"],
      none,
    );
    expect(plan).toEqual({
      env: { HOME: "/h", GLIBC_TUNABLES: "x.y=1:glibc.malloc.hugetlb=1", [RELAUNCHED_MARK]: "1" },
      execArgv: [COMPILE_IN_PLACE, "--a"],
    });
  });

  it("runs in this process below the threshold, elsewhere than Linux, relaunched, or asked not to", () => {
    const small = ["run", "s.yaml", "--samples", String(RELAUNCH_FROM - 1)];
    expect(relaunchPlan(small, {}, "linux", [], none)).toBeUndefined();
    expect(relaunchPlan(["run", "s.yaml"], {}, "linux", [], none)).toBeUndefined();
    expect(relaunchPlan(large, {}, "darwin", [], none)).toBeUndefined();
    expect(relaunchPlan(large, {}, "win32", [], none)).toBeUndefined();
    expect(relaunchPlan(large, { [RELAUNCHED_MARK]: "1" }, "linux", [], none)).toBeUndefined();
    expect(relaunchPlan(large, { CEAKIT_RELAUNCH: "0" }, "linux", [], none)).toBeUndefined();
    expect(relaunchPlan(large, { CEAKIT_RELAUNCH: "1" }, "linux", [], none)).toBeDefined();
  });
});

/** A directory with a script that relaunches `child.mjs` as bin.js does and ends as it ends. */
function relaunchingScript(child: string): { dir: string; parent: string } {
  const dir = mkdtempSync(join(tmpdir(), "ceakit-relaunch-"));
  writeFileSync(join(dir, "child.mjs"), child);
  const parent = join(dir, "parent.mjs");
  writeFileSync(
    parent,
    [
      `const { relaunch } = await import(${JSON.stringify(RELAUNCH)});`,
      "const plan = { env: { ...process.env, SEEN: 'yes' }, execArgv: ['--no-concurrent-recompilation'] };",
      `const code = await relaunch(plan, ${JSON.stringify(join(dir, "child.mjs"))}, ['a', 'b c']);`,
      "process.exitCode = code ?? 99;",
    ].join("\n"),
  );
  return { dir, parent };
}

describe("relaunch", () => {
  it("gives the child its environment, Node options and arguments, and ends with its exit code", () => {
    const { parent } = relaunchingScript(
      "process.stdout.write(JSON.stringify({ seen: process.env.SEEN, execArgv: process.execArgv, argv: process.argv.slice(2) }));\nprocess.exitCode = 7;\n",
    );
    const r = spawnSync(process.execPath, [parent], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(7);
    expect(JSON.parse(r.stdout)).toEqual({
      seen: "yes",
      execArgv: ["--no-concurrent-recompilation"],
      argv: ["a", "b c"],
    });
  });

  it("passes a signal on to the child and ends by it, leaving no child behind", async () => {
    const { parent } = relaunchingScript(
      "process.stdout.write(String(process.pid) + '\\n');\nsetInterval(() => {}, 1000);\n",
    );
    const p = spawn(process.execPath, [parent], { stdio: ["ignore", "pipe", "pipe"] });
    const childPid = await new Promise<number>((resolve) => {
      p.stdout.once("data", (d: Buffer) => resolve(Number(String(d).trim())));
    });
    const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      p.once("exit", (code, signal) => resolve({ code, signal }));
    });
    p.kill("SIGTERM");
    expect(await ended).toEqual({ code: null, signal: "SIGTERM" });
    // The child was ended first (its exit is what ended the first process).
    expect(() => process.kill(childPid, 0)).toThrow(/ESRCH/);
  });
});

/** Runs the built executable with `env` added to the environment. */
function ceakit(args: readonly string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
}

describe.runIf(process.platform === "linux")("a large run of the built CLI", () => {
  const run = ["run", "scenarios/swis-rct.yaml", "--samples", String(RELAUNCH_FROM), "--format"];

  it("gives the same bytes relaunched and in one process", () => {
    const relaunched = ceakit([...run, "json"]);
    const here = ceakit([...run, "json"], { CEAKIT_RELAUNCH: "0" });
    expect(relaunched.status).toBe(0);
    expect(here.status).toBe(0);
    expect(relaunched.stdout.length).toBeGreaterThan(10_000);
    expect(relaunched.stdout).toBe(here.stdout);
    expect(relaunched.stderr).toBe(here.stderr);
  }, 120_000);

  it("starts the child with the settings, and only for a large run", () => {
    // A preload script (NODE_OPTIONS reaches both processes) notes what each process was given.
    const dir = mkdtempSync(join(tmpdir(), "ceakit-relaunch-"));
    const log = join(dir, "processes.log");
    const note = join(dir, "note.cjs");
    writeFileSync(
      note,
      `require("node:fs").appendFileSync(${JSON.stringify(log)}, JSON.stringify([process.env.${RELAUNCHED_MARK} ?? null, process.env.GLIBC_TUNABLES ?? null, process.execArgv.includes("${COMPILE_IN_PLACE}")]) + "\\n");`,
    );
    const env = { NODE_OPTIONS: `--require ${note}`, GLIBC_TUNABLES: "glibc.malloc.arena_max=4" };
    const lines = () =>
      readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
    // An invalid file fails fast, after the relaunch.
    expect(ceakit(["validate", "scenarios/no-such.yaml"], env).status).toBe(2);
    expect(lines()).toEqual([[null, "glibc.malloc.arena_max=4", false]]);
    writeFileSync(log, "");
    expect(ceakit(["run", "scenarios/no-such.yaml", "--samples", "1e6"], env).status).toBe(2);
    expect(lines()).toEqual([
      [null, "glibc.malloc.arena_max=4", false],
      ["1", "glibc.malloc.arena_max=4:glibc.malloc.hugetlb=1", true],
    ]);
  });

  it("reports a person's mistake once, with exit code 2", () => {
    const r = ceakit(["run", "scenarios/no-such.yaml", "--samples", "1e6"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      "error: scenarios/no-such.yaml: cannot read the file: no such file",
    ]);
  });
});
