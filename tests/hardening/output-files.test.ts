/**
 * Class 5 of the hardening issue: every output goes through one writer (atomic, regular files
 * only, a set of files atomic as a set), checked before any work starts. Generated cases: random
 * `--out` paths among existing files, directories, FIFOs, devices and links; injected failures
 * of each file-system call with each error code; plus the reproductions.
 */

import * as nodeFs from "node:fs";
import { chmodSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import type { Server } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliIo, nodeIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/program.js";
import { EnvironmentError, InputError } from "../../src/errors.js";
import {
  type OutputFs,
  SET_MANIFEST,
  writeOutputFile,
  writeOutputSet,
} from "../../src/node/output-file.js";
import { runOnDisk } from "../helpers/cli.js";
import {
  expectRefused,
  makeDangling,
  makeFifo,
  makeSocket,
  removeDir,
  snapshot,
  tempDir,
} from "../helpers/disk.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SMALL = join(ROOT, "tests/fixtures/scenarios/small.yaml");
const CSV = join(ROOT, "tests/fixtures/reference/psa-1e4/psa_1e4.csv");
const FAST = ["--samples", "20"];

let dir: string;
let socket: Server;

/** A directory with one of everything an output path might meet. */
beforeAll(async () => {
  dir = tempDir("ceakit-output-");
  mkdirSync(join(dir, "folder"));
  mkdirSync(join(dir, "dir.json"));
  writeFileSync(join(dir, "file.txt"), "keep me");
  writeFileSync(join(dir, "plainfile"), "keep me too");
  writeFileSync(join(dir, "old.json"), "old");
  makeFifo(join(dir, "fifo"));
  makeFifo(join(dir, "fifo.json"));
  symlinkSync(join(dir, "file.txt"), join(dir, "link.json"));
  makeDangling(join(dir, "dangling.json"));
  socket = await makeSocket(join(dir, "socket"));
  mkdirSync(join(dir, "report-is-dir"));
  mkdirSync(join(dir, "report-is-dir", "report.txt"));
  mkdirSync(join(dir, "report-is-fifo"));
  makeFifo(join(dir, "report-is-fifo", "report.txt"));
  mkdirSync(join(dir, "foreign"));
  writeFileSync(join(dir, "foreign", "notes.txt"), "mine");
});

afterAll(() => {
  socket.close();
  removeDir(dir);
});

const at = (name: string) => (name.startsWith("/") ? name : join(dir, name));

/** Runs the CLI on disk and asserts it was refused with exit 2 and left `dir` as it was. */
async function expectNothingWritten(args: readonly string[], message: RegExp): Promise<void> {
  const before = snapshot(dir);
  const r = await runOnDisk(args);
  expectRefused(r, 2, message);
  expect(snapshot(dir)).toEqual(before);
}

describe("bad --out targets are refused before any work, with exit 2 and nothing written", () => {
  const FILE_TARGETS: readonly (readonly [string, RegExp])[] = [
    ["missing/x.json", /x\.json: the directory .*missing does not exist$/],
    ["file.txt/x.json", /x\.json: .*file\.txt is not a directory$/],
    ["dir.json", /dir\.json: is a directory; give a file name$/],
    [
      "fifo.json",
      /fifo\.json: is a FIFO \(named pipe\); ceakit only ever replaces a regular file$/,
    ],
    ["link.json", /link\.json: is a symbolic link; ceakit only ever replaces a regular file$/],
    ["dangling.json", /dangling\.json: is a symbolic link; ceakit only ever replaces/],
    [
      "/proc/ceakit.json",
      /\/proc\/ceakit\.json: \/proc is on the proc file system, which is not a place for files$/,
    ],
    ["/sys/ceakit.json", /\/sys\/ceakit\.json: \/sys is on the sysfs file system/],
    ["/proc/self/fd/1.json", /cannot write|not a place for files|does not exist/],
  ];

  it.each(FILE_TARGETS)("analyse --out %s", async (target, message) => {
    await expectNothingWritten(["analyse", CSV, "--out", at(target)], message);
  });

  it.each(FILE_TARGETS)("run --format json --out %s", async (target, message) => {
    await expectNothingWritten(
      ["run", SMALL, ...FAST, "--format", "json", "--out", at(target)],
      message,
    );
  });

  it("analyse --out refuses a device, a FIFO and a socket: /dev/null stays a device", async () => {
    for (const [target, message] of [
      [
        "/dev/null",
        /\/dev\/null: is a character device; ceakit only ever replaces a regular file$/,
      ],
      ["fifo", /fifo: is a FIFO/],
      ["socket", /socket: is a socket/],
      ["folder", /folder: is a directory; give a file name$/],
    ] as const) {
      await expectNothingWritten(["analyse", CSV, "--out", at(target)], message);
    }
    expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it.each([
    ["missing/sub", /sub: the directory .*missing does not exist$/],
    ["folder", /folder: is a directory; give a file name$/],
    ["fifo", /fifo: is a FIFO/],
    ["/dev/null", /\/dev\/null: is a character device/],
    ["/proc/ceakit", /\/proc is on the proc file system/],
  ])("run --out %s (the file itself, for the table format)", async (target, message) => {
    await expectNothingWritten(["run", SMALL, ...FAST, "--out", at(target)], message);
  });

  it.each([
    ["dsa", SMALL, "--format", "md"],
    ["threshold", SMALL, "--parameter", "irr_s47", "--range", "0.5:1", "--format", "html"],
    ["evppi", SMALL, ...FAST, "--format", "json"],
    ["compare", SMALL, ...FAST, "--format", "csv"],
  ])("%s --out refuses a bad target the same way", async (...args) => {
    const csv = args.includes("csv");
    await expectNothingWritten(
      [...args, "--out", at(csv ? "file.txt" : "folder")],
      csv ? /file\.txt: is a file, not a directory$/ : /folder: is a directory; give a file name$/,
    );
  });

  it.each([
    ["missing/sub", /sub: the directory .*missing does not exist$/],
    ["file.txt", /file\.txt: is a file, not a directory$/],
    ["fifo", /fifo: is a FIFO \(named pipe\), not a directory$/],
    ["link.json", /link\.json: is a symbolic link, not a directory$/],
    [
      "foreign",
      /foreign: holds files that are not an earlier ceakit output \(notes\.txt\); choose a new or empty directory$/,
    ],
    ["/proc/ceakit", /\/proc is on the proc file system/],
  ])("run --format csv --out DIR %s (a set of files)", async (target, message) => {
    await expectNothingWritten(
      ["run", SMALL, ...FAST, "--format", "csv", "--out", at(target)],
      message,
    );
  });

  it("issue: a bad --out is refused before the run starts (a huge PSA wastes no time)", async () => {
    const started = Date.now();
    const r = await runOnDisk([
      "run",
      join(ROOT, "scenarios/swis-rct.yaml"),
      "--samples",
      "50000000",
      "--out",
      at("missing/x.json"),
      "--format",
      "json",
    ]);
    expectRefused(r, 2, /the directory .*missing does not exist/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("random --out paths among files, folders, FIFOs and links: written as a regular file, or refused with nothing written", async () => {
    const segment = fc.constantFrom(
      "folder",
      "file.txt",
      "fifo",
      "link.json",
      "dangling.json",
      "missing",
      "..",
      ".",
      "new.txt",
      "dir.json",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 3 }), async (parts) => {
        const target = join(dir, "folder", ...parts);
        const before = snapshot(dir);
        const existed = nodeFs.existsSync(target);
        const r = await runOnDisk(["analyse", CSV, "--wtp", "20000", "--out", target]);
        expect(r.stderr).not.toContain("internal error");
        if (r.code === 0) {
          expect(lstatSync(target).isFile()).toBe(true);
          expect(readFileSync(target, "utf8")).toMatch(/^Cost-effectiveness analysis of /);
          // Only the target changed (created, or an existing regular file replaced).
          if (!existed) nodeFs.rmSync(target);
          else writeFileSync(target, before[target.slice(dir.length + 1)]?.slice(5) ?? "");
          expect(snapshot(dir)).toEqual(before);
        } else {
          expectRefused(r, 2);
          expect(snapshot(dir)).toEqual(before);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("accepted --out: one file per format, or a directory", () => {
  it("run --format json|md|table|csv --out x.<ext> writes that one file; analyse --out replaces a regular file", async () => {
    const out = tempDir("ceakit-out-");
    try {
      for (const [format, name, start] of [
        ["json", "r.json", /^\{\n/],
        ["md", "r.md", /^# Small hand-checked scenario\n/],
        ["table", "r.txt", /^Small hand-checked scenario\n/],
        // A single-file format writes the file it is given, whatever its name.
        ["json", "r.csv", /^\{\n/],
        ["html", "report", /^<!doctype html>\n/],
      ] as const) {
        const r = await runOnDisk([
          "run",
          SMALL,
          ...FAST,
          "--format",
          format,
          "--out",
          join(out, name),
        ]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toBe(`wrote ${join(out, name)}\n`);
        expect(readFileSync(join(out, name), "utf8")).toMatch(start);
      }
      writeFileSync(join(out, "a.txt"), "old");
      chmodSync(join(out, "a.txt"), 0o640);
      const a = await runOnDisk(["analyse", CSV, "--out", join(out, "a.txt")]);
      expect(a.code).toBe(0);
      expect(readFileSync(join(out, "a.txt"), "utf8")).toMatch(/^Cost-effectiveness analysis/);
      expect(lstatSync(join(out, "a.txt")).mode & 0o777).toBe(0o640);
      expect(Object.keys(snapshot(out)).sort()).toEqual([
        "a.txt",
        "r.csv",
        "r.json",
        "r.md",
        "r.txt",
        "report",
      ]);
    } finally {
      removeDir(out);
    }
  });

  it("dsa, threshold, evppi and compare --format csv --out DIR write one tidy CSV per table with a manifest", async () => {
    const out = tempDir("ceakit-out-");
    try {
      for (const [args, files] of [
        [["dsa", SMALL], ["dsa.csv"]],
        [["threshold", SMALL, "--parameter", "irr_s47", "--range", "0.5:1"], ["threshold.csv"]],
        [
          ["evppi", SMALL, ...FAST],
          ["evpi.csv", "evppi.csv", "noise_floor.csv"],
        ],
        [["compare", SMALL, SMALL, ...FAST], ["compare.csv"]],
      ] as const) {
        const target = join(out, args[0]);
        const r = await runOnDisk([...args, "--format", "csv", "--out", target]);
        expect(r.code, r.stderr).toBe(0);
        expect(nodeFs.readdirSync(target).sort()).toEqual([SET_MANIFEST, ...files].sort());
      }
    } finally {
      removeDir(out);
    }
  });

  it("run --format csv --out DIR writes the set with a manifest, and replaces an earlier set whole", async () => {
    const out = tempDir("ceakit-out-");
    const target = join(out, "tables");
    try {
      const first = await runOnDisk(["run", SMALL, ...FAST, "--format", "csv", "--out", target]);
      expect(first.code, first.stderr).toBe(0);
      const files = nodeFs.readdirSync(target).sort();
      expect(files).toContain(SET_MANIFEST);
      expect(files).toContain("icers.csv");
      const manifest = JSON.parse(readFileSync(join(target, SET_MANIFEST), "utf8"));
      expect([...manifest.files, SET_MANIFEST].sort()).toEqual(files);
      // A file of the earlier set that the new one does not write is removed with it.
      writeFileSync(join(target, "stale.csv"), "x");
      writeFileSync(
        join(target, SET_MANIFEST),
        JSON.stringify({ files: [...manifest.files, "stale.csv"] }),
      );
      const second = await runOnDisk(["run", SMALL, ...FAST, "--format", "csv", "--out", target]);
      expect(second.code, second.stderr).toBe(0);
      expect(nodeFs.readdirSync(target).sort()).toEqual(files);
      // Nothing is left beside it.
      expect(nodeFs.readdirSync(out)).toEqual(["tables"]);
      // An empty directory is used as it is.
      mkdirSync(join(out, "empty"));
      const third = await runOnDisk([
        "run",
        SMALL,
        ...FAST,
        "--format",
        "csv",
        "--out",
        join(out, "empty"),
      ]);
      expect(third.code, third.stderr).toBe(0);
    } finally {
      removeDir(out);
    }
  });
});

/** node:fs with one call failing once with `code` (after `after` successful calls of it). */
function failing(call: keyof OutputFs, code: string, after = 0): OutputFs {
  let n = 0;
  const real = nodeFs as unknown as OutputFs;
  return {
    ...real,
    [call]: (...args: unknown[]) => {
      if (n++ === after) throw Object.assign(new Error(`${code}: injected`), { code });
      return (real[call] as (...a: unknown[]) => unknown)(...args);
    },
  } as OutputFs;
}

const BAD_PATH_CODES = ["EACCES", "EPERM", "EROFS", "ENOTDIR", "EISDIR", "ENAMETOOLONG"];
const MACHINE_CODES = ["ENOSPC", "EDQUOT", "EIO", "EMFILE", "ENFILE", "EBUSY", "EAGAIN"];
const WRITE_CALLS = ["openSync", "writeSync", "fsyncSync", "closeSync", "renameSync"] as const;

describe("review findings: empty paths, long names, forged manifests, permissions", () => {
  it("an empty --out (an unset shell variable) is refused, never read as the root", async () => {
    for (const format of ["table", "json", "csv"]) {
      await expectNothingWritten(
        ["run", SMALL, ...FAST, "--format", format, "--out", ""],
        /^error: --out: expected a path, got an empty one$/,
      );
    }
    await expectNothingWritten(["analyse", CSV, "--out", ""], /^error: --out: expected a path/);
    expect(nodeFs.existsSync("/report.txt")).toBe(false);
  });

  it("a name too long for its temporary file is refused before the run", async () => {
    const name = `${"n".repeat(240)}.json`;
    await expectNothingWritten(
      ["run", SMALL, "--format", "json", "--out", at(name)],
      /the name is 245 bytes long; at most 237$/,
    );
  });

  it("a manifest naming a directory does not make ceakit remove it", async () => {
    const out = tempDir("ceakit-forged-");
    try {
      const target = join(out, "tables");
      mkdirSync(join(target, "precious.doc"), { recursive: true });
      writeFileSync(join(target, "precious.doc", "thesis.txt"), "years of work");
      writeFileSync(join(target, SET_MANIFEST), JSON.stringify({ files: ["precious.doc"] }));
      const before = snapshot(out);
      const r = await runOnDisk(["run", SMALL, ...FAST, "--format", "csv", "--out", target]);
      expectRefused(
        r,
        2,
        /holds precious\.doc, which is a directory, not a file of an earlier ceakit output/,
      );
      expect(snapshot(out)).toEqual(before);
    } finally {
      removeDir(out);
    }
  });

  it("a CSV set's directory has ordinary permissions, and a replaced set keeps its own", async () => {
    const out = tempDir("ceakit-mode-");
    try {
      const target = join(out, "tables");
      expect(
        (await runOnDisk(["run", SMALL, ...FAST, "--format", "csv", "--out", target])).code,
      ).toBe(0);
      // Not mkdtemp's owner-only 0700: what mkdir gives any new directory here.
      mkdirSync(join(out, "plain"));
      const plain = lstatSync(join(out, "plain")).mode & 0o777;
      expect(lstatSync(target).mode & 0o777).toBe(plain);
      chmodSync(target, 0o750);
      expect(
        (await runOnDisk(["run", SMALL, ...FAST, "--format", "csv", "--out", target])).code,
      ).toBe(0);
      expect(lstatSync(target).mode & 0o777).toBe(0o750);
    } finally {
      removeDir(out);
    }
  });
});

describe("the writer classifies failures and always removes its temporary files", () => {
  it("a failing write leaves the target and its directory as they were; a bad path is exit 2, the machine's failure exit 1", () => {
    const out = tempDir("ceakit-fail-");
    try {
      writeFileSync(join(out, "report.json"), "previous");
      fc.assert(
        fc.property(
          fc.constantFrom(...WRITE_CALLS),
          fc.constantFrom(...BAD_PATH_CODES, ...MACHINE_CODES),
          fc.boolean(),
          (call, code, exists) => {
            const target = join(out, exists ? "report.json" : "new.json");
            const before = snapshot(out);
            let error: unknown;
            try {
              writeOutputFile(
                { kind: "file", path: target, replace: true },
                "new text",
                failing(call, code),
              );
            } catch (e) {
              error = e;
            }
            expect(error).toBeInstanceOf(
              BAD_PATH_CODES.includes(code) ? InputError : EnvironmentError,
            );
            expect((error as Error).message).toContain(
              code === "ENOSPC" ? "the disk is full" : "cannot write",
            );
            expect(snapshot(out)).toEqual(before);
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      removeDir(out);
    }
  });

  it("a failing set write leaves the previous set whole and no temporary directory behind", () => {
    const out = tempDir("ceakit-fail-");
    const target = join(out, "tables");
    const earlier = () => {
      removeDir(target);
      mkdirSync(target);
      writeFileSync(join(target, "old.csv"), "old\n");
      writeFileSync(join(target, SET_MANIFEST), JSON.stringify({ files: ["old.csv"] }));
    };
    try {
      const files = { "a.csv": "a\n1\n", "b.csv": "b\n2\n" };
      fc.assert(
        fc.property(
          fc.constantFrom(...WRITE_CALLS, "mkdtempSync" as const),
          fc.integer({ min: 0, max: 3 }),
          fc.constantFrom(...BAD_PATH_CODES, ...MACHINE_CODES),
          (call, after, code) => {
            earlier();
            const before = snapshot(out);
            let error: unknown;
            try {
              writeOutputSet({ kind: "set", dir: target }, files, failing(call, code, after));
            } catch (e) {
              error = e;
            }
            if (error === undefined) {
              // The call did not fail often enough to matter: the new set replaced the old.
              expect(nodeFs.readdirSync(out)).toEqual(["tables"]);
              expect(nodeFs.readdirSync(target).sort()).toEqual(
                ["a.csv", "b.csv", SET_MANIFEST].sort(),
              );
              return;
            }
            expect(error).toBeInstanceOf(
              BAD_PATH_CODES.includes(code) ? InputError : EnvironmentError,
            );
            expect(snapshot(out)).toEqual(before);
          },
        ),
        { numRuns: 80 },
      );
    } finally {
      removeDir(out);
    }
  });

  it("the CLI turns a full disk into exit 1 with one line, and a bad path into exit 2", async () => {
    const out = tempDir("ceakit-fail-");
    try {
      for (const [code, exit, words] of [
        ["ENOSPC", 1, "the disk is full (ENOSPC)"],
        ["EIO", 1, "input/output error (EIO)"],
        ["EACCES", 2, "permission denied"],
        ["EROFS", 2, "the file system is read-only"],
      ] as const) {
        let stdout = "";
        let stderr = "";
        const io: CliIo = {
          ...nodeIo(),
          stdout: (t) => {
            stdout += t;
          },
          stderr: (t) => {
            stderr += t;
          },
          writeFile: (output, text) => writeOutputFile(output, text, failing("writeSync", code)),
          stderrIsTty: false,
        };
        const status = await runCli(["analyse", CSV, "--out", join(out, "a.txt")], io);
        expectRefused({ code: status, stdout, stderr }, exit);
        expect(stderr).toContain(words);
        expect(nodeFs.readdirSync(out)).toEqual([]);
      }
    } finally {
      removeDir(out);
    }
  });
});
