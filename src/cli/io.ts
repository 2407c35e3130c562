/**
 * The CLI's window on the outside world. Commands receive a {@link CliIo} instead of touching
 * `process` or `fs`, so tests can run them in-process with a fake.
 *
 * @module
 */

import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";

/** Everything a command may do outside its own memory. */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Reads a UTF-8 text file; throws a Node error (with `code`) if it cannot. */
  readText(path: string): string;
  /** Writes a file atomically: a temporary file renamed into place. */
  writeText(path: string, text: string): void;
  /** Creates a directory and its parents if they do not exist. */
  makeDir(path: string): void;
  /** Whether standard error is a terminal (progress bars are drawn only then). */
  readonly stderrIsTty: boolean;
}

/**
 * The real {@link CliIo} on Node's process and file system.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), nodeIo());
 * ```
 */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readText: (path) => readFileSync(path, "utf8"),
    writeText: (path, text) => {
      const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        writeFileSync(temp, text);
        renameSync(temp, path);
      } catch (e) {
        rmSync(temp, { force: true });
        throw e;
      }
    },
    makeDir: (path) => {
      mkdirSync(path, { recursive: true });
    },
    stderrIsTty: process.stderr.isTTY === true,
  };
}
