/**
 * Keeps a command from writing its report over one of its own inputs. Every file a command
 * reads (a scenario, the files it extends, a model file, a model's CSV tables, a PSA CSV) passes
 * through its {@link CliIo}; {@link guardInputs} wraps that io so it remembers them, and refuses
 * an `--out` that is one of them (or, for a CSV set, a directory holding one of them) as a
 * person's mistake at `--out`, before anything is written.
 *
 * Commands check `--out` before any work, when no input has been read yet, and again after
 * loading; the writers check once more, so no path through a command can replace an input.
 *
 * @module
 */

import type { InputKind } from "../core/input-limits.js";
import { InputError } from "../errors.js";
import type { InputChunks } from "../node/input-chunks.js";
import type { Output } from "../node/output-file.js";
import type { CliIo } from "./io.js";

/** Names a file so that two paths of the same file get the same name (see {@link CliIo.identify}). */
type Identify = (path: string) => string;

/** A path as it is given: the identity where the io cannot tell more. */
const asGiven: Identify = (path) => path;

/** `inner` lies inside the directory `dir`. */
function inside(inner: string, dir: string, identify: Identify): boolean {
  const d = identify(dir);
  const sep = d.includes("\\") && !d.includes("/") ? "\\" : "/";
  return identify(inner).startsWith(d.endsWith(sep) ? d : d + sep);
}

/**
 * Refuses (an InputError at `--out`) an output that would replace one of `inputs`: for a file,
 * an input of the same identity (by `identify`: the same path, or the same file through a
 * link); for a CSV set, an input inside its directory.
 *
 * @example
 * ```ts
 * refuseReplacingInputs({ kind: "file", path: "m.model.yaml", replace: true }, ["m.model.yaml"]);
 * // throws: --out: m.model.yaml is an input of this command; write the report elsewhere
 * ```
 */
export function refuseReplacingInputs(
  output: Output,
  inputs: Iterable<string>,
  identify: Identify = asGiven,
): void {
  for (const input of inputs) {
    const replaced =
      output.kind === "file"
        ? identify(output.path) === identify(input)
        : inside(input, output.dir, identify);
    if (replaced) throw replacesInput(output, input);
  }
}

/** The mistake of an `--out` that would replace `input`. */
function replacesInput(output: Output, input: string): InputError {
  const message =
    output.kind === "set"
      ? `${output.dir} holds ${input}, an input of this command; write the CSV files into another directory`
      : output.path === input
        ? `${output.path} is an input of this command; write the report elsewhere`
        : `${output.path} is the same file as ${input}, an input of this command; write the report elsewhere`;
  return new InputError({
    field: output.kind === "file" ? (output.field ?? "--out") : "--out",
    message,
  });
}

/**
 * Wraps `io` so that it remembers every input it reads and refuses (an InputError at `--out`,
 * exit 2) to check or write an output that would replace one of them.
 *
 * @example
 * ```ts
 * const io = guardInputs(nodeIo());
 * io.readInput("m.model.yaml", "scenario");
 * io.checkOutput({ kind: "file", path: "m.model.yaml", replace: true }); // throws at --out
 * ```
 */
export function guardInputs(io: CliIo): CliIo {
  const inputs = new Set<string>();
  const identify =
    io.identify === undefined ? asGiven : (path: string) => io.identify?.(path) ?? path;
  const check = (output: Output) => refuseReplacingInputs(output, inputs, identify);
  const guarded: CliIo = {
    stdout: (text) => io.stdout(text),
    stderr: (text) => io.stderr(text),
    readInput: (path, kind) => {
      inputs.add(path);
      return io.readInput(path, kind);
    },
    checkOutput: (output) => {
      io.checkOutput(output);
      check(output);
    },
    writeFile: (output, text) => {
      check(output);
      io.writeFile(output, text);
    },
    writeSet: (output, files) => {
      check(output);
      io.writeSet(output, files);
    },
    stderrIsTty: io.stderrIsTty,
  };
  const chunks = io.readInputChunks;
  if (chunks === undefined) return guarded;
  return {
    ...guarded,
    readInputChunks<T>(path: string, kind: InputKind, use: (c: InputChunks) => T): T {
      inputs.add(path);
      return chunks.call(io, path, kind, use) as T;
    },
  };
}
