/**
 * The one way the CLI writes an output file or a set of them. Every write is atomic (a
 * temporary file in the same directory, renamed into place), never replaces anything but a
 * regular file, and always removes its temporary files. A set of files (one CSV per table) is
 * atomic as a set: it is written into a fresh sibling directory that is renamed into place, so
 * a failure leaves the previous set whole.
 *
 * {@link checkOutput} runs the same checks before any work starts (a bad `--out` wastes no time
 * and writes nothing); the writers run them again. A mistake in the path (a missing directory, a
 * directory where a file should be, a FIFO, a device, no permission) is an {@link InputError}
 * (exit 2); a failure of the machine (a full disk, an I/O error) an {@link EnvironmentError}
 * (exit 1).
 *
 * @module
 */

import { randomBytes } from "node:crypto";
import * as nodeFs from "node:fs";
import { basename, dirname, join } from "node:path";
import { EnvironmentError, InputError } from "../errors.js";
import { VERSION } from "../version.js";

/** One file. `replace`: whether an existing regular file may be replaced. */
export interface FileOutput {
  readonly kind: "file";
  readonly path: string;
  readonly replace: boolean;
  /** Create the file's directory (one level, not its parents) if it does not exist. */
  readonly makeParent?: boolean;
  /** The flag or argument that named the file, for messages (default `--out`). */
  readonly field?: string;
}

/** A directory of files written as one set (it replaces an earlier set in `dir`). */
export interface SetOutput {
  readonly kind: "set";
  readonly dir: string;
}

/** Where an output goes. */
export type Output = FileOutput | SetOutput;

/**
 * The file in a set's directory listing the files of the set, so a later run knows it may
 * replace them (and nothing else).
 */
export const SET_MANIFEST = ".ceakit-output.json";

/** What the writer needs of a file's status. */
export interface FileStatus {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  readonly mode: number;
}

/** The file-system calls the writer makes (node:fs; tests inject failures). */
export interface OutputFs {
  lstatSync(path: string): FileStatus;
  statSync(path: string): FileStatus;
  readdirSync(path: string): string[];
  readFileSync(path: string, encoding: "utf8"): string;
  accessSync(path: string, mode: number): void;
  statfsSync(path: string): { readonly type: number };
  openSync(path: string, flags: number, mode: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  fchmodSync(fd: number, mode: number): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { recursive?: boolean; force?: boolean }): void;
  mkdirSync(path: string): unknown;
  chmodSync(path: string, mode: number): void;
  mkdtempSync(prefix: string): string;
  rmdirSync(path: string): void;
}

const NODE_FS: OutputFs = nodeFs;

/**
 * File systems that are windows on the kernel, not places for files (statfs magic numbers from
 * linux/magic.h): writing there can hang or change the system.
 */
const SPECIAL_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, "proc"],
  [0x62656572, "sysfs"],
  [0x27e0eb, "cgroup"],
  [0x63677270, "cgroup2"],
  [0x64626720, "debugfs"],
  [0x74726163, "tracefs"],
  [0x73636673, "securityfs"],
  [0x1cd1, "devpts"],
  [0x62656570, "configfs"],
  [0xcafe4a11, "bpf"],
  [0x6165676c, "pstore"],
  [0xde5e81e4, "efivarfs"],
  [0xf97cff8c, "selinuxfs"],
  [0x65735543, "fusectl"],
  [0x42494e4d, "binfmt_misc"],
  [0x19800202, "mqueue"],
  [0x6e736673, "nsfs"],
]);

/** Errors that mean the path is wrong (exit 2), with words for them. */
const BAD_PATH: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOTDIR: "a part of the path is not a directory",
  EISDIR: "is a directory",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
  ENOENT: "a directory on the path does not exist",
  EEXIST: "something else was created there meanwhile",
  ENOTEMPTY: "something else was created there meanwhile",
  EXDEV: "the temporary file is on another file system",
};

/** Errors of the machine (exit 1), with words for them. */
const MACHINE: Readonly<Record<string, string>> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exceeded",
  EIO: "input/output error",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EFBIG: "the file is too large for the file system",
};

/**
 * The error for a failed write of `path`: an {@link InputError} (exit 2) when the path is
 * wrong, an {@link EnvironmentError} (exit 1) when the machine failed.
 *
 * @example
 * ```ts
 * writeError("out.json", Object.assign(new Error(), { code: "ENOSPC" })).message;
 * // "cannot write out.json: the disk is full (ENOSPC)"
 * ```
 */
export function writeError(path: string, error: unknown): Error {
  if (error instanceof InputError || error instanceof EnvironmentError) return error;
  const code = (error as { code?: unknown }).code;
  const text = typeof code === "string" ? code : String(error);
  const bad = typeof code === "string" ? BAD_PATH[code] : undefined;
  if (bad !== undefined) return new InputError({ file: path, message: `cannot write: ${bad}` });
  const machine = typeof code === "string" ? MACHINE[code] : undefined;
  return new EnvironmentError(`cannot write ${path}: ${machine ?? "the write failed"} (${text})`);
}

/** What is at `path`, without following a symbolic link there; undefined if nothing. */
function look(fs: OutputFs, path: string, shown: string): FileStatus | undefined {
  try {
    return fs.lstatSync(path);
  } catch (e) {
    if ((e as { code?: unknown }).code === "ENOENT") return undefined;
    throw writeError(shown, e);
  }
}

/** A thing that is not a regular file or directory, in words. */
function kindOf(stat: FileStatus): string {
  if (stat.isSymbolicLink()) return "a symbolic link";
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}

const refuse = (path: string, message: string) => new InputError({ file: path, message });

/** Checks that `dir` is an existing directory, on an ordinary file system, that can be written. */
function checkDirectory(fs: OutputFs, dir: string, path: string): void {
  let stat: FileStatus;
  try {
    stat = fs.statSync(dir);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "ENOENT") throw refuse(path, `the directory ${dir} does not exist`);
    if (code === "ENOTDIR") throw refuse(path, `${dir} is not a directory`);
    throw writeError(path, e);
  }
  if (!stat.isDirectory()) throw refuse(path, `${dir} is not a directory`);
  let type: number;
  try {
    type = fs.statfsSync(dir).type;
  } catch (e) {
    throw writeError(path, e);
  }
  const special = SPECIAL_FILE_SYSTEMS.get(type);
  if (special !== undefined) {
    throw refuse(path, `${dir} is on the ${special} file system, which is not a place for files`);
  }
  try {
    fs.accessSync(dir, nodeFs.constants.W_OK);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why = code === "EROFS" ? "it is on a read-only file system" : "permission denied";
    throw refuse(path, `cannot write in the directory ${dir}: ${why}`);
  }
}

/** Checks a single file's target: nothing there, or a regular file it may replace. */
function checkFileTarget(fs: OutputFs, out: FileOutput): FileStatus | undefined {
  const found = look(fs, out.path, out.path);
  if (found === undefined) return undefined;
  if (found.isDirectory()) throw refuse(out.path, "is a directory; give a file name");
  if (!found.isFile()) {
    throw refuse(out.path, `is ${kindOf(found)}; ceakit only ever replaces a regular file`);
  }
  if (!out.replace) {
    throw refuse(out.path, "already exists; choose another name or delete it first");
  }
  return found;
}

/** The checks of a single file; returns whether its directory has to be made. */
function checkFile(fs: OutputFs, out: FileOutput): boolean {
  checkName(out.path);
  const parent = dirname(out.path);
  let makeParent = false;
  if (out.makeParent === true) {
    const found = look(fs, parent, out.path);
    if (found === undefined) {
      checkDirectory(fs, dirname(parent), out.path);
      makeParent = true;
    } else checkDirectory(fs, parent, out.path);
  } else checkDirectory(fs, parent, out.path);
  if (!makeParent) checkFileTarget(fs, out);
  return makeParent;
}

/** The files of an earlier set in `dir` (from its manifest), or undefined if there is none. */
function earlierSet(fs: OutputFs, dir: string): Set<string> | undefined {
  try {
    const doc = JSON.parse(fs.readFileSync(join(dir, SET_MANIFEST), "utf8")) as unknown;
    const files = (doc as { files?: unknown }).files;
    if (!Array.isArray(files) || !files.every((f) => typeof f === "string")) return undefined;
    return new Set([...(files as string[]), SET_MANIFEST]);
  } catch {
    return undefined;
  }
}

/** The checks of a set; returns whether `dir` exists (and holds an earlier set, or nothing). */
function checkSet(fs: OutputFs, out: SetOutput): boolean {
  const dir = out.dir;
  checkName(dir);
  checkDirectory(fs, dirname(dir), dir);
  const found = look(fs, dir, dir);
  if (found === undefined) return false;
  if (!found.isDirectory()) {
    throw refuse(dir, `is ${found.isFile() ? "a file" : kindOf(found)}, not a directory`);
  }
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (e) {
    throw writeError(dir, e);
  }
  if (entries.length === 0) return true;
  const ours = earlierSet(fs, dir);
  const others = entries.filter((name) => ours === undefined || !ours.has(name)).sort();
  if (others.length > 0) {
    const shown = others.slice(0, 5).join(", ") + (others.length > 5 ? ", …" : "");
    throw refuse(
      dir,
      `holds files that are not an earlier ceakit output (${shown}); choose a new or empty directory`,
    );
  }
  // The manifest is only a claim: what replacing the set removes must be plain files.
  for (const name of entries) {
    const found = look(fs, join(dir, name), dir);
    if (found !== undefined && !found.isFile()) {
      throw refuse(
        dir,
        `holds ${name}, which is ${found.isDirectory() ? "a directory" : kindOf(found)}, not a file of an earlier ceakit output; choose a new or empty directory`,
      );
    }
  }
  return true;
}

/**
 * Checks, before any work starts, that `output` can be written: its directory exists (for a
 * file written into a directory of its own, the directory above), is an ordinary writable
 * directory, and the target is absent or a regular file it may replace (for a set: a directory
 * that is empty or holds only an earlier set). Throws an {@link InputError} otherwise.
 *
 * @example
 * ```ts
 * checkOutput({ kind: "file", path: "report.json", replace: true });
 * checkOutput({ kind: "set", dir: "results" });
 * ```
 */
export function checkOutput(output: Output, fs: OutputFs = NODE_FS): void {
  if (output.kind === "file") checkFile(fs, output);
  else checkSet(fs, output);
}

/**
 * Longest file name (in bytes) an output may have: the temporary name written beside it is
 * `.<name>.tmp-` plus 12 hex digits, and a file system allows 255 bytes in a name.
 */
const MAX_NAME_BYTES = 255 - 18;

/** Refuses an empty path (an unset shell variable, say) and a name too long for its temporary. */
function checkName(path: string): void {
  if (path === "") {
    throw new InputError({ field: "--out", message: "expected a path, got an empty one" });
  }
  const bytes = Buffer.byteLength(basename(path));
  if (bytes > MAX_NAME_BYTES) {
    throw refuse(path, `the name is ${bytes} bytes long; at most ${MAX_NAME_BYTES}`);
  }
}

/** A name for a temporary file or directory beside `path`. */
const tempBeside = (path: string, what: string) =>
  join(dirname(path), `.${basename(path)}.${what}-${randomBytes(6).toString("hex")}`);

/** Writes `text` to a new file `path` (which must not exist) and flushes it to disk. */
function writeNew(fs: OutputFs, path: string, text: string, mode: number | undefined): void {
  const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = nodeFs.constants;
  const fd = fs.openSync(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o666);
  try {
    if (mode !== undefined) fs.fchmodSync(fd, mode & 0o7777);
    const bytes = Buffer.from(text, "utf8");
    for (let done = 0; done < bytes.length; ) {
      done += fs.writeSync(fd, bytes, done, bytes.length - done);
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes one file atomically: checks it as {@link checkOutput} does, writes a temporary file in
 * the same directory and renames it into place (an existing regular file keeps its permissions).
 * On failure the temporary file is removed (and a directory it made, too) and the error is an
 * {@link InputError} or an {@link EnvironmentError}.
 *
 * @example
 * ```ts
 * writeOutputFile({ kind: "file", path: "report.json", replace: true }, json);
 * ```
 */
export function writeOutputFile(output: FileOutput, text: string, fs: OutputFs = NODE_FS): void {
  const makeParent = checkFile(fs, output);
  const parent = dirname(output.path);
  let made = false;
  const temp = tempBeside(output.path, "tmp");
  try {
    if (makeParent) {
      fs.mkdirSync(parent);
      made = true;
    }
    const existing = makeParent ? undefined : checkFileTarget(fs, output);
    writeNew(fs, temp, text, existing?.mode);
    // Checked once more just before the rename: never replace what is not a regular file.
    checkFileTarget(fs, output);
    fs.renameSync(temp, output.path);
  } catch (e) {
    removeQuietly(fs, temp);
    if (made) rmdirQuietly(fs, parent);
    throw writeError(output.path, e);
  }
}

/**
 * Writes a set of files (name → text) into `output.dir` atomically as a set: into a fresh
 * sibling directory, with a manifest ({@link SET_MANIFEST}), renamed into place. An existing
 * directory (empty, or holding an earlier set) is first renamed aside and removed only once the
 * new set is in place; if that rename fails, it is put back, so the previous set stays whole.
 *
 * @example
 * ```ts
 * writeOutputSet({ kind: "set", dir: "results" }, { "icers.csv": "…", "curves.csv": "…" });
 * ```
 */
export function writeOutputSet(
  output: SetOutput,
  files: Readonly<Record<string, string>>,
  fs: OutputFs = NODE_FS,
): void {
  const dir = output.dir;
  const names = Object.keys(files);
  for (const name of names) {
    if (name === SET_MANIFEST || name.includes("/") || name === "." || name === "..") {
      throw new RangeError(`writeOutputSet: bad file name "${name}"`);
    }
  }
  const exists = checkSet(fs, output);
  let fresh: string | undefined;
  let aside: string | undefined;
  try {
    // A new directory with the permissions of any other (not mkdtemp's owner-only 0700), or
    // of the set it replaces.
    fresh = tempBeside(dir, "new");
    fs.mkdirSync(fresh);
    if (exists) fs.chmodSync(fresh, fs.statSync(dir).mode & 0o7777);
    for (const name of names) writeNew(fs, join(fresh, name), files[name] as string, undefined);
    const manifest = { writtenBy: `ceakit ${VERSION}`, files: names };
    writeNew(fs, join(fresh, SET_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, undefined);
    if (exists) {
      // Renaming a directory onto an empty directory replaces it.
      aside = fs.mkdtempSync(`${tempBeside(dir, "old")}-`);
      fs.renameSync(dir, aside);
      try {
        fs.renameSync(fresh, dir);
      } catch (e) {
        try {
          fs.renameSync(aside, dir);
        } catch {
          // Nothing is lost, but the previous set is not where it was: say where it is.
          const kept = aside;
          aside = undefined;
          throw new EnvironmentError(
            `cannot write ${dir} (${(e as { code?: string }).code ?? String(e)}), nor put the previous files back; they are in ${kept}`,
          );
        }
        aside = undefined;
        throw e;
      }
    } else fs.renameSync(fresh, dir);
    fresh = undefined;
  } catch (e) {
    if (fresh !== undefined) removeQuietly(fs, fresh);
    if (aside !== undefined) rmdirQuietly(fs, aside);
    throw writeError(dir, e);
  }
  if (aside !== undefined) removeQuietly(fs, aside);
}

function removeQuietly(fs: OutputFs, path: string): void {
  try {
    fs.rmSync(path, { recursive: true, force: true });
  } catch {
    // Nothing more can be done; the original error is the one to report.
  }
}

function rmdirQuietly(fs: OutputFs, path: string): void {
  try {
    fs.rmdirSync(path);
  } catch {
    // Not empty or already gone: leave it.
  }
}
