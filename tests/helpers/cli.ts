/**
 * Running the CLI in-process for tests.
 *
 * `runInProcess`: files come from an in-memory map first, then from disk (through the real input
 * reader, so its regular-file, size and UTF-8 checks run); writes and directories are recorded,
 * never made, after the real output checks (with the in-memory files counted as existing).
 *
 * `runOnDisk`: the real reader and writer on the real file system, with standard output and
 * error captured: for tests in temporary directories.
 */
import * as nodeFs from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { expect } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { nodeIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/program.js";
import { decodeInput } from "../../src/core/text-input.js";
import { FileReadError } from "../../src/errors.js";
import { fileIdentity } from "../../src/node/file-identity.js";
import { readInputFile } from "../../src/node/input-file.js";
import { checkOutput, type FileStatus, type OutputFs } from "../../src/node/output-file.js";

const ROOT = resolve(".");

/** What one in-process run did. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly writes: ReadonlyMap<string, string>;
  readonly dirs: readonly string[];
}

/** The status of an in-memory file: a regular file. */
const MEMORY_FILE: FileStatus = {
  ...nodeFs.lstatSync("package.json"),
  isFile: () => true,
  isDirectory: () => false,
  isSymbolicLink: () => false,
  isFIFO: () => false,
  isCharacterDevice: () => false,
  isBlockDevice: () => false,
  isSocket: () => false,
  mode: 0o644,
};

/**
 * Fails the test that ran the CLI when a run ended in "internal error": that message is kept for
 * genuine bugs, and every error path the suite exercises goes through here, so a person's
 * mistake that reaches it is caught wherever it is tested.
 */
export function refuseInternalError(args: readonly string[], stderr: string): void {
  if (stderr.includes("internal error")) {
    throw new Error(`ceakit ${args.join(" ")} ended in an internal error:\n${stderr}`);
  }
}

/**
 * Runs `ceakit <args>`; `files` (text, or bytes as a file holds them) shadow the disk; `tty`
 * makes stderr a terminal.
 */
export async function runInProcess(
  args: readonly string[],
  files: Record<string, string | Uint8Array> = {},
  tty = false,
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const writes = new Map<string, string>();
  const dirs: string[] = [];
  // The output checks see the disk, with the in-memory files as regular files.
  const fs: OutputFs = nodeFs;
  const checkFs: OutputFs = {
    ...fs,
    lstatSync: (path) => (Object.hasOwn(files, path) ? MEMORY_FILE : fs.lstatSync(path)),
  };
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    // Served files shadow the disk; the disk is read only inside the repository (so a fuzzed
    // `extends: /dev/tty`, say, is reported as missing rather than read).
    readInput: (path, kind) => {
      if (Object.hasOwn(files, path)) {
        const served = files[path] as string | Uint8Array;
        return decodeInput(
          typeof served === "string" ? new TextEncoder().encode(served) : served,
          path,
          kind,
        );
      }
      const absolute = resolve(path);
      if (!absolute.startsWith(ROOT + sep)) throw new FileReadError(path, "no such file");
      return readInputFile(path, kind);
    },
    identify: fileIdentity,
    checkOutput: (output) => checkOutput(output, checkFs),
    writeFile: (output, text) => {
      checkOutput(output, checkFs);
      if (output.makeParent === true) dirs.push(dirname(output.path));
      writes.set(output.path, text);
    },
    writeSet: (output, set) => {
      checkOutput(output, checkFs);
      dirs.push(output.dir);
      for (const [name, text] of Object.entries(set)) writes.set(`${output.dir}/${name}`, text);
    },
    stderrIsTty: tty,
  };
  const code = await runCli(args, io);
  refuseInternalError(args, stderr);
  return { code, stdout, stderr, writes, dirs };
}

/** What one run on the real file system did. */
export interface DiskRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `ceakit <args>` in-process on the real file system, capturing its output. */
export async function runOnDisk(args: readonly string[]): Promise<DiskRun> {
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
    stderrIsTty: false,
  };
  const code = await runCli(args, io);
  refuseInternalError(args, stderr);
  return { code, stdout, stderr };
}

/**
 * Asserts a run refused as a person's mistake: exit 2, exactly one `error:` line on stderr, no
 * stack trace, nothing on stdout, nothing written. Returns the line.
 */
export function expectOneRefusal(run: CliRun): string {
  expect(run.stderr).not.toMatch(/^ {4}at /m);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.writes.size).toBe(0);
  const lines = run.stderr.replace(/\n$/, "").split("\n");
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  return lines[0] as string;
}
