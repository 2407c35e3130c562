/**
 * Large runs relaunched with process settings (src/cli/launch-plan.ts, src/cli/relaunch.ts): when
 * the plan applies, that the child gets its environment and Node options, that its exit code and
 * a signal end the first process alike, that no child outlives the first process, and that the
 * results are the same bytes either way.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  COMPILE_IN_PLACE,
  debugging,
  isLargeRun,
  RELAUNCH_FROM,
  RELAUNCH_FROM_BYTES,
  RELAUNCHED_MARK,
  relaunchedFrom,
  relaunchPlan,
  samplesAsked,
  withHugePages,
} from "../../src/cli/launch-plan.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = fileURLToPath(new URL("../../dist/src/cli/bin.js", import.meta.url));
/** The built module (`npm test` builds first), loaded by the scripts these tests start. */
const RELAUNCH = pathToFileURL(join(ROOT, "dist/src/cli/relaunch.js")).href;
const LAUNCH_PLAN = pathToFileURL(join(ROOT, "dist/src/cli/launch-plan.js")).href;

/** Temporary directories, removed after the tests. */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ceakit-relaunch-"));
  dirs.push(dir);
  return dir;
}

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
  const sizes: Record<string, number> = {
    "big.csv": RELAUNCH_FROM_BYTES,
    "small.csv": RELAUNCH_FROM_BYTES - 1,
  };
  const size = (p: string) => sizes[p];

  it("is --samples from the threshold, for any command", () => {
    expect(isLargeRun(["run", "s.yaml", "--samples", String(RELAUNCH_FROM)], none)).toBe(true);
    expect(isLargeRun(["evppi", "s.yaml", "--samples=1e6"], none)).toBe(true);
    expect(isLargeRun(["run", "s.yaml", "--samples", String(RELAUNCH_FROM - 1)], none)).toBe(false);
    // A small --samples decides, whatever files are named.
    expect(isLargeRun(["analyse", "big.csv", "--samples", "10"], size)).toBe(false);
  });

  it("is analyse (or analyze) of a file from the threshold size", () => {
    expect(isLargeRun(["analyse", "big.csv"], size)).toBe(true);
    expect(isLargeRun(["analyze", "big.csv"], size)).toBe(true);
    expect(isLargeRun(["analyse", "--format", "json", "big.csv"], size)).toBe(true);
    expect(isLargeRun(["analyse", "small.csv"], size)).toBe(false);
    expect(isLargeRun(["analyse", "-"], size)).toBe(false);
    expect(isLargeRun(["run", "big.csv"], size)).toBe(false);
    expect(isLargeRun([], size)).toBe(false);
  });
});

describe("debugging", () => {
  it("sees Node's debugging and profiling options on the command line and in NODE_OPTIONS", () => {
    expect(debugging(["--inspect"], undefined)).toBe(true);
    expect(debugging(["--inspect-brk=9229"], undefined)).toBe(true);
    expect(debugging(["--cpu-prof", "--cpu-prof-dir=x"], undefined)).toBe(true);
    expect(debugging(["--heap-prof"], undefined)).toBe(true);
    expect(debugging(["--prof"], undefined)).toBe(true);
    expect(debugging([], "--max-old-space-size=4096 --inspect=127.0.0.1:9333")).toBe(true);
    // Node reads _ as - in an option's name.
    expect(debugging(["--cpu_prof"], undefined)).toBe(true);
    expect(debugging(["--inspect_brk"], undefined)).toBe(true);
    expect(debugging([], "--heap_prof")).toBe(true);
  });

  it("passes other options", () => {
    expect(debugging([], undefined)).toBe(false);
    expect(debugging(["--max-old-space-size=4096"], "--require x.cjs")).toBe(false);
    expect(debugging(["--profile-me"], "--enable-source-maps --stack_size=2000")).toBe(false);
  });
});

describe("relaunchPlan", () => {
  const large = ["run", "s.yaml", "--samples", String(RELAUNCH_FROM)];
  const plan = (env: Record<string, string>, platform = "linux", execArgv: string[] = []) =>
    relaunchPlan(large, env, platform, execArgv, none, 42);

  it("relaunches a large run on Linux with huge pages, in-place compiles and the mark", () => {
    expect(plan({ HOME: "/h", GLIBC_TUNABLES: "x.y=1" }, "linux", ["--a"])).toEqual({
      env: { HOME: "/h", GLIBC_TUNABLES: "x.y=1:glibc.malloc.hugetlb=1", [RELAUNCHED_MARK]: "42" },
      execArgv: [COMPILE_IN_PLACE, "--a"],
    });
  });

  it("runs in this process below the threshold, elsewhere than Linux, relaunched, asked not to or debugged", () => {
    const small = ["run", "s.yaml", "--samples", String(RELAUNCH_FROM - 1)];
    expect(relaunchPlan(small, {}, "linux", [], none, 42)).toBeUndefined();
    expect(relaunchPlan(["run", "s.yaml"], {}, "linux", [], none, 42)).toBeUndefined();
    expect(plan({}, "darwin")).toBeUndefined();
    expect(plan({}, "win32")).toBeUndefined();
    expect(plan({ [RELAUNCHED_MARK]: "7" })).toBeUndefined();
    expect(plan({ CEAKIT_RELAUNCH: "0" })).toBeUndefined();
    expect(plan({}, "linux", ["--cpu-prof"])).toBeUndefined();
    expect(plan({ NODE_OPTIONS: "--inspect" })).toBeUndefined();
    expect(plan({ CEAKIT_RELAUNCH: "1" })).toBeDefined();
  });
});

describe("relaunchedFrom", () => {
  it("is the first process's id when the mark names this process's parent", () => {
    expect(relaunchedFrom({ [RELAUNCHED_MARK]: "42" }, 42)).toBe(42);
  });

  it("is undefined without a mark or for a mark set by anything else", () => {
    expect(relaunchedFrom({}, 42)).toBeUndefined();
    expect(relaunchedFrom({ [RELAUNCHED_MARK]: "1" }, 42)).toBeUndefined();
    expect(relaunchedFrom({ [RELAUNCHED_MARK]: "0" }, 42)).toBeUndefined();
    expect(relaunchedFrom({ [RELAUNCHED_MARK]: "" }, 42)).toBeUndefined();
    expect(relaunchedFrom({ [RELAUNCHED_MARK]: "042" }, 42)).toBeUndefined();
  });
});

/**
 * A directory with a script that relaunches `child.mjs` as bin.js does (with `env` added, and
 * `execPath` as Node; with `mark`, the relaunch mark holding the script's own id, as bin.js gives
 * it) and ends as it ends (99 when the child could not start).
 */
function relaunchingScript(
  child: string,
  env: Record<string, string> = {},
  execPath = process.execPath,
  mark = false,
): string {
  const dir = tempDir();
  writeFileSync(join(dir, "child.mjs"), child);
  const parent = join(dir, "parent.mjs");
  writeFileSync(
    parent,
    [
      `const { relaunch } = await import(${JSON.stringify(RELAUNCH)});`,
      `const mark = ${mark} ? { ${JSON.stringify(RELAUNCHED_MARK)}: String(process.pid) } : {};`,
      `const plan = { env: { ...process.env, SEEN: 'yes', ...${JSON.stringify(env)}, ...mark }, execArgv: ['--no-concurrent-recompilation'] };`,
      `const code = await relaunch(plan, ${JSON.stringify(join(dir, "child.mjs"))}, ['a', 'b c'], ${JSON.stringify(execPath)});`,
      "process.exitCode = code ?? 99;",
    ].join("\n"),
  );
  return parent;
}

/** A child that prints its id and waits (ending itself after a minute, should a test fail). */
const WAITING_CHILD = [
  "process.stdout.write(String(process.pid) + '\\n');",
  "setTimeout(() => {}, 60_000);",
].join("\n");

/** Starts `parent` and resolves, once its child has printed its id, to both and the ending. */
async function startWaiting(parent: string) {
  const p = spawn(process.execPath, [parent], { stdio: ["ignore", "pipe", "pipe"] });
  const childPid = await new Promise<number>((resolve) => {
    p.stdout.once("data", (d: Buffer) => resolve(Number(String(d).trim())));
  });
  const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    p.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return { p, childPid, ended };
}

/** Whether process `pid` exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("relaunch", () => {
  it("gives the child its environment, Node options and arguments, and ends with its exit code", () => {
    const parent = relaunchingScript(
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

  it("resolves to undefined when the child cannot start, emitted or thrown", () => {
    // No such executable: spawn reports it as an event.
    const missing = relaunchingScript("process.exitCode = 7;", {}, join(tempDir(), "no-node"));
    expect(spawnSync(process.execPath, [missing]).status).toBe(99);
    // An environment larger than the system takes: spawn throws.
    const huge = relaunchingScript("process.exitCode = 7;", { BIG: "x".repeat(4_000_000) });
    expect(spawnSync(process.execPath, [huge]).status).toBe(99);
  });

  it.runIf(process.platform !== "win32")(
    "passes a signal on to the child and ends by it, leaving no child behind",
    async () => {
      const { p, childPid, ended } = await startWaiting(relaunchingScript(WAITING_CHILD));
      try {
        p.kill("SIGTERM");
        expect(await ended).toEqual({ code: null, signal: "SIGTERM" });
        // The child was ended first (its exit is what ended the first process).
        expect(alive(childPid)).toBe(false);
      } finally {
        if (alive(childPid)) process.kill(childPid, "SIGKILL");
      }
    },
  );

  it.runIf(process.platform !== "win32")(
    "a child whose first process is killed ends itself",
    async () => {
      // The child watches the first process as bin.js makes a relaunched process do.
      const child = [
        `const { relaunchedFrom } = await import(${JSON.stringify(LAUNCH_PLAN)});`,
        `const { watchFirstProcess } = await import(${JSON.stringify(RELAUNCH)});`,
        "watchFirstProcess(relaunchedFrom(process.env, process.ppid));",
        WAITING_CHILD,
      ].join("\n");
      const parent = relaunchingScript(child, {}, process.execPath, true);
      const { p, childPid, ended } = await startWaiting(parent);
      try {
        expect(alive(childPid)).toBe(true);
        p.kill("SIGKILL");
        expect(await ended).toEqual({ code: null, signal: "SIGKILL" });
        const deadline = Date.now() + 10_000;
        while (alive(childPid) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
        }
        expect(alive(childPid)).toBe(false);
      } finally {
        if (alive(childPid)) process.kill(childPid, "SIGKILL");
      }
    },
  );
});

/** Runs the built executable with `env` added to an environment without the relaunch variables. */
function ceakit(args: readonly string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.CEAKIT_RELAUNCH;
  delete base[RELAUNCHED_MARK];
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...base, ...env },
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
    const dir = tempDir();
    const log = join(dir, "processes.log");
    const note = join(dir, "note.cjs");
    writeFileSync(
      note,
      `require("node:fs").appendFileSync(${JSON.stringify(log)}, JSON.stringify([process.env.${RELAUNCHED_MARK} === String(process.ppid), process.env.GLIBC_TUNABLES ?? null, process.execArgv.includes("${COMPILE_IN_PLACE}")]) + "\\n");`,
    );
    const env = { NODE_OPTIONS: `--require ${note}`, GLIBC_TUNABLES: "glibc.malloc.arena_max=4" };
    const lines = () =>
      readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
    // A command that is not a large run stays in its process.
    expect(ceakit(["validate", "scenarios/no-such.yaml"], env).status).toBe(2);
    expect(lines()).toEqual([[false, "glibc.malloc.arena_max=4", false]]);
    writeFileSync(log, "");
    // A large one (which here fails at once, in the child) is relaunched with the settings.
    expect(ceakit(["run", "scenarios/no-such.yaml", "--samples", "1e6"], env).status).toBe(2);
    expect(lines()).toEqual([
      [false, "glibc.malloc.arena_max=4", false],
      [true, "glibc.malloc.arena_max=4:glibc.malloc.hugetlb=1", true],
    ]);
  });

  it("ignores a mark it did not set: the program runs, and a large run still relaunches", () => {
    const version = ceakit(["--version"], { [RELAUNCHED_MARK]: "1" });
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const dir = tempDir();
    const log = join(dir, "processes.log");
    const note = join(dir, "note.cjs");
    writeFileSync(
      note,
      `require("node:fs").appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.env.${RELAUNCHED_MARK} === String(process.ppid)) + "\\n");`,
    );
    const env = { NODE_OPTIONS: `--require ${note}`, [RELAUNCHED_MARK]: "1" };
    expect(ceakit(["run", "scenarios/no-such.yaml", "--samples", "1e6"], env).status).toBe(2);
    expect(readFileSync(log, "utf8")).toBe("false\ntrue\n");
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
