/**
 * Real temporary directories for tests of reading and writing files: making special files
 * (FIFOs, sockets, sparse files), snapshotting a directory to prove nothing was written, and the
 * common assertion on a refused CLI run.
 */
import { execFileSync } from "node:child_process";
import {
  closeSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";

/** A fresh temporary directory (remove it with {@link removeDir}). */
export function tempDir(prefix = "ceakit-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a temporary directory and everything in it. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Makes a FIFO (named pipe) with mkfifo(1). */
export function makeFifo(path: string): void {
  execFileSync("mkfifo", [path]);
}

/** Makes a sparse file of `bytes` bytes (no disk space used) with truncate(1). */
export function makeSparse(path: string, bytes: number): void {
  closeSync(openSync(path, "w"));
  execFileSync("truncate", ["-s", String(bytes), path]);
}

/** Makes a dangling symbolic link. */
export function makeDangling(path: string): void {
  symlinkSync("/nonexistent/ceakit-nowhere", path);
}

/** Makes a Unix socket file; close the returned server when done. */
export async function makeSocket(path: string): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return server;
}

/** Every entry under `dir`: its type and, for a file, its contents; for a link, its target. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const key = prefix + name;
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) out[key] = `link → ${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        out[key] = "dir";
        walk(path, `${key}/`);
      } else if (stat.isFile()) {
        out[key] = stat.size > 1e6 ? `file ${stat.size}` : `file ${readFileSync(path, "utf8")}`;
      } else out[key] = stat.isFIFO() ? "fifo" : stat.isSocket() ? "socket" : "special";
    }
  };
  walk(dir, "");
  return out;
}

/** The common shape of a refused run: its exit code, one `error:` line, no stack, no output. */
export function expectRefused(
  run: { code: number; stdout: string; stderr: string },
  code: 1 | 2,
  message?: RegExp,
): void {
  expect(run.stderr, "stderr").not.toContain("internal error");
  expect(run.stderr, "stderr").not.toMatch(/^ {4}at /m);
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout, "stdout").toBe("");
  expect(run.stderr, "one line").toMatch(/^error: [^\n]*\n$/);
  if (message !== undefined) expect(run.stderr.trimEnd()).toMatch(message);
}
