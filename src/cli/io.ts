/**
 * The CLI's window on the outside world. Commands receive a {@link CliIo} instead of touching
 * `process` or `fs`, so tests can run them in-process with a fake.
 *
 * @module
 */

import type { InputKind } from "../core/input-limits.js";
import { fileIdentity } from "../node/file-identity.js";
import { type InputChunks, readInputChunks } from "../node/input-chunks.js";
import { readInputFile } from "../node/input-file.js";
import {
  checkOutput,
  type FileOutput,
  type Output,
  type SetOutput,
  writeOutputFile,
  writeOutputSet,
} from "../node/output-file.js";

/** Everything a command may do outside its own memory. */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /**
   * Reads a person's input file: a regular file within the kind's size limit, strictly UTF-8
   * (see src/node/input-file.ts). Throws an InputError (exit 2) or EnvironmentError (exit 1).
   */
  readInput(path: string, kind: InputKind): string;
  /**
   * Opens a person's input file for reading piece by piece (src/node/input-chunks.ts), with the
   * same checks as {@link readInput}, and passes it to `use`. Optional: without it, commands
   * take the bytes of {@link readInput}'s text.
   */
  readInputChunks?<T>(path: string, kind: InputKind, use: (chunks: InputChunks) => T): T;
  /**
   * Names the file at `path` so that every path of one file gets the same name: its real path
   * when it exists (links resolved), else its absolute path. Optional: without it, paths are
   * compared as given.
   */
  identify?(path: string): string;
  /** Checks, before any work, that `output` can be written; throws an InputError if not. */
  checkOutput(output: Output): void;
  /** Writes one file atomically (see src/node/output-file.ts). */
  writeFile(output: FileOutput, text: string): void;
  /** Writes a set of files (name → text) into a directory, atomically as a set. */
  writeSet(output: SetOutput, files: Readonly<Record<string, string>>): void;
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
    readInput: (path, kind) => readInputFile(path, kind),
    readInputChunks: (path, kind, use) => readInputChunks(path, kind, use),
    identify: (path) => fileIdentity(path),
    checkOutput: (output) => checkOutput(output),
    writeFile: (output, text) => writeOutputFile(output, text),
    writeSet: (output, files) => writeOutputSet(output, files),
    // A terminal that cannot redraw a line (TERM=dumb, as in editors' shells) gets no bar.
    stderrIsTty: process.stderr.isTTY === true && process.env.TERM !== "dumb",
  };
}
