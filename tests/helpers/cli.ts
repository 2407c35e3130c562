/**
 * Running the CLI in-process for tests: files come from an in-memory map first, then from disk;
 * writes and directories are recorded, never made.
 */
import { readFileSync } from "node:fs";
import { resolve, sep } from "node:path";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/program.js";

const ROOT = resolve(".");

/** What one in-process run did. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly writes: ReadonlyMap<string, string>;
  readonly dirs: readonly string[];
}

/** Runs `ceakit <args>`; `files` shadow the disk; `tty` makes stderr a terminal. */
export async function runInProcess(
  args: readonly string[],
  files: Record<string, string> = {},
  tty = false,
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const writes = new Map<string, string>();
  const dirs: string[] = [];
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    // Served files shadow the disk; the disk is read only inside the repository (so a fuzzed
    // `extends: /dev/tty`, say, is reported as missing rather than read).
    readText: (path) => {
      if (Object.hasOwn(files, path)) return files[path] as string;
      const absolute = resolve(path);
      if (!absolute.startsWith(ROOT + sep)) {
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), {
          code: "ENOENT",
        });
      }
      return readFileSync(absolute, "utf8");
    },
    writeText: (path, text) => {
      writes.set(path, text);
    },
    makeDir: (path) => {
      dirs.push(path);
    },
    stderrIsTty: tty,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr, writes, dirs };
}
