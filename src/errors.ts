/**
 * Error types shared by every layer.
 *
 * Programmer mistakes in kernels throw the built-in `RangeError`/`TypeError` with a message that
 * starts with the function name. Mistakes in input written by a person (CSV, YAML, CLI flags)
 * throw {@link InputError} (or {@link ScenarioError} for many issues at once) carrying the exact
 * location, so the CLI can print one clear line and exit with code 2.
 *
 * @module
 */

import { escapeControls } from "./control-characters.js";

/** Where in a person's input a problem was found. Every field is optional; give what is known. */
export interface SourceLocation {
  /** File name as the user typed it, or a flag such as `--wtp`. */
  readonly file?: string | undefined;
  /** 1-based line number. */
  readonly line?: number | undefined;
  /** 1-based column number. */
  readonly column?: number | undefined;
  /** Field, column header or key path, e.g. `cost` or `parameters.salary.sd`. */
  readonly field?: string | undefined;
}

/**
 * The key under which each of ceakit's error classes names itself (a registered symbol, so the
 * same in every copy of the library loaded in a process).
 */
const ERROR_KIND: unique symbol = Symbol.for("ceakit.errorKind");

/**
 * Base class of every error ceakit throws on purpose.
 *
 * @example
 * ```ts
 * try { run(); } catch (e) { if (e instanceof CeaError) console.error(e.message); }
 * ```
 */
export class CeaError extends Error {
  override readonly name: string = "CeaError";
  static readonly [ERROR_KIND]: string = "CeaError";

  /**
   * `e instanceof InputError` holds for an InputError of any copy of ceakit in the process, not
   * only of this one: the CLI's bundle (dist/cli/) and the library a person's model module
   * imports are two copies, and an error the model throws must be read as what it is. A class
   * is known by its {@link ERROR_KIND}, which every copy gives it; a class of a person's that
   * extends one of these has none of its own and is tested as usual.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class tested, a subclass too.
    return isErrorOf(this, value);
  }
}

/** `value instanceof tested`, for a ceakit error class of any copy (see CeaError). */
function isErrorOf(tested: typeof CeaError, value: unknown): boolean {
  return (
    Function.prototype[Symbol.hasInstance].call(tested, value) ||
    (Object.hasOwn(tested, ERROR_KIND) && hasErrorKind(value, tested[ERROR_KIND]))
  );
}

/** Whether a class in the prototype chain of `value` is a ceakit error class of `kind`. */
function hasErrorKind(value: unknown, kind: string): boolean {
  if (typeof value !== "object" || value === null) return false;
  for (
    let p: object | null = Object.getPrototypeOf(value);
    p !== null;
    p = Object.getPrototypeOf(p)
  ) {
    const owner = Object.hasOwn(p, "constructor")
      ? (p as { constructor: unknown }).constructor
      : undefined;
    if (typeof owner === "function" && Object.hasOwn(owner, ERROR_KIND)) {
      if ((owner as unknown as Record<symbol, unknown>)[ERROR_KIND] === kind) return true;
    }
  }
  return false;
}

/** One located problem in a person's input. */
export interface InputIssue extends SourceLocation {
  /** What is wrong, in words a non-programmer can act on. */
  readonly message: string;
}

/**
 * Formats a location as `file:line:column field` (parts that are unknown are left out).
 *
 * @example
 * ```ts
 * formatLocation({ file: "psa.csv", line: 3, column: 2, field: "cost" }); // "psa.csv:3:2 cost"
 * ```
 */
export function formatLocation(loc: SourceLocation): string {
  let where = loc.file ?? "";
  if (loc.line !== undefined) {
    where += `${where ? ":" : "line "}${loc.line}`;
    if (loc.column !== undefined) where += `:${loc.column}`;
  }
  if (loc.field !== undefined) where += where ? ` ${loc.field}` : loc.field;
  return where;
}

/**
 * Formats one issue as `location: message`, on one line: control characters that came from the
 * input (a file name, a YAML value, a CSV cell) are escaped, never echoed raw to a terminal.
 */
function formatIssue(issue: InputIssue): string {
  const where = formatLocation(issue);
  return escapeControls(where ? `${where}: ${issue.message}` : issue.message);
}

/**
 * A mistake in input written by a person: a CSV cell, a YAML value, a command-line flag.
 * The message is the complete, located sentence shown to the user.
 *
 * @example
 * ```ts
 * throw new InputError({ file: "psa.csv", line: 4, column: 3, field: "cost", message: "expected a number, got \"abc\"" });
 * // message: psa.csv:4:3 cost: expected a number, got "abc"
 * ```
 */
export class InputError extends CeaError {
  override readonly name: string = "InputError";
  static override readonly [ERROR_KIND]: string = "InputError";
  /** The located problem (a single one; see {@link ScenarioError} for several). */
  readonly issue: InputIssue;

  constructor(issue: InputIssue) {
    super(formatIssue(issue));
    this.issue = issue;
  }

  /** A copy of this error with a file name filled in where it was unknown. */
  withFile(file: string): InputError {
    return this.issue.file === undefined ? new InputError({ ...this.issue, file }) : this;
  }
}

/**
 * A person's input file that cannot be read at all (missing, not a regular file, too large):
 * the message is `file: cannot read the file: <reason>`; {@link reason} alone lets a caller
 * locate the problem elsewhere (at the `extends:` key that named the file, say).
 *
 * @example
 * ```ts
 * throw new FileReadError("psa.csv", "is a FIFO (named pipe), not a regular file");
 * ```
 */
export class FileReadError extends InputError {
  override readonly name: string = "FileReadError";
  static override readonly [ERROR_KIND]: string = "FileReadError";
  /** Why the file cannot be read, e.g. "no such file". */
  readonly reason: string;

  constructor(file: string, reason: string) {
    super({ file, message: `cannot read the file: ${reason}` });
    this.reason = reason;
  }
}

/**
 * Several located problems found while reading one scenario; the message lists them all.
 *
 * @example
 * ```ts
 * new ScenarioError([{ file: "x.yaml", line: 12, column: 5, field: "parameters.salary.sd", message: "expected a positive number, got -3" }]);
 * ```
 */
export class ScenarioError extends CeaError {
  override readonly name: string = "ScenarioError";
  static override readonly [ERROR_KIND]: string = "ScenarioError";
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.issues = issues;
  }
}

/**
 * A model produced an unusable value (NaN, ±Infinity, beyond ±1e15) or failed while running.
 * The message names the sample, strategy, output and inputs; the CLI prints it as one line and
 * exits with code 2, since the values come from the inputs the person chose (or the model they
 * wrote).
 *
 * @example
 * ```ts
 * throw new ModelError("sample 17, strategy swis: cost is NaN (salary = -1)", "swis");
 * ```
 */
export class ModelError extends CeaError {
  override readonly name: string = "ModelError";
  static override readonly [ERROR_KIND]: string = "ModelError";
  /** The strategy whose output was unusable, when one is to blame (a file locates it there). */
  readonly strategy: string | undefined;

  constructor(message: string, strategy?: string) {
    super(message);
    this.strategy = strategy;
  }
}

/**
 * The machine failed, not the person: a full disk, an I/O error, too many open files. The CLI
 * prints the one-line message and exits with code 1.
 *
 * @example
 * ```ts
 * throw new EnvironmentError("cannot write report.json: the disk is full (ENOSPC)");
 * ```
 */
export class EnvironmentError extends CeaError {
  override readonly name: string = "EnvironmentError";
  static override readonly [ERROR_KIND]: string = "EnvironmentError";
}
