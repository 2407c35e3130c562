/**
 * Reading the parameter draws behind a PSA from CSV, as R's dampack, BCEA and voi users keep
 * them: one row per iteration, an optional iteration column first (unnamed, as `write.csv` writes
 * row names, or `iteration`, `sim`, `iter`, `id`, …), then one numeric column per parameter.
 *
 * Rows are matched to the PSA's samples by iteration label when both files have labels, else by
 * row order. Every mistake (a wrong row count, a missing, unknown or repeated iteration, a cell
 * that is not a number) is an {@link InputError} naming the file, line, column and field.
 *
 * @module
 */

import { tokenizeCsv } from "../core/csv.js";
import { labelKey } from "../core/iteration-label.js";
import { InputError } from "../errors.js";
import { isLabelColumn } from "./column-aliases.js";
import { checkWidth, FloatList, fastNumber, parseCell, readHeader } from "./csv-cells.js";
import { checkCommaSeparated } from "./csv-separator.js";
import { limitText } from "./limits.js";

/**
 * Most parameter columns in one file: each is sorted once for its EVPPI, so the time grows with
 * columns × samples; 1,000 is several times the largest published health-economic models.
 */
export const MAX_PARAMETER_COLUMNS = 1000;

/** The PSA the draws belong to. */
export interface ParameterTarget {
  /** Samples of the PSA. */
  readonly nSamples: number;
  /** The PSA's iteration label per sample, when it has them (see `PsaTable`). */
  readonly iterations?: readonly string[] | undefined;
  /** The PSA's file name, for messages. */
  readonly file?: string | undefined;
}

/** Parameter draws aligned with a PSA's samples. */
export interface ParameterDraws {
  /** Parameter names, in file order. */
  readonly names: readonly string[];
  /** One column per parameter, `columns[p][s]` the draw of parameter p in sample s. */
  readonly columns: readonly Float64Array[];
  /** How rows were matched to samples. */
  readonly matchedBy: "iteration" | "row order";
}

/** The text of the raw rows: header, labels, values row-major, and each row's line. */
interface RawDraws {
  readonly header: string[];
  readonly hasLabel: boolean;
  readonly labels: string[];
  readonly lines: number[];
  readonly values: FloatList;
  readonly headerLine: number;
}

/** Tokenizes the file into {@link RawDraws}, checking the header and every cell. */
function readRaw(text: string, file: string | undefined): RawDraws {
  checkCommaSeparated(text, file);
  let header: string[] | undefined;
  let hasLabel = false;
  let headerLine = 0;
  const labels: string[] = [];
  const lines: number[] = [];
  const values = new FloatList();
  try {
    tokenizeCsv(text, (fields, line, columns) => {
      if (header === undefined) {
        header = readHeader(fields, columns, line, file);
        headerLine = line;
        hasLabel = isLabelColumn(header[0] as string);
        const first = hasLabel ? 1 : 0;
        if (header.length === first) {
          throw new InputError({
            file,
            line,
            message: "the header has no parameter columns; expected one column per parameter",
          });
        }
        header.forEach((name, i) => {
          if (i >= first && name === "") {
            throw new InputError({
              file,
              line,
              column: columns[i] as number,
              message: `column ${i + 1} has no parameter name in the header`,
            });
          }
        });
        if (header.length - first > MAX_PARAMETER_COLUMNS) {
          throw new InputError({
            file,
            line,
            column: columns[first + MAX_PARAMETER_COLUMNS] as number,
            message: `more than ${limitText(MAX_PARAMETER_COLUMNS)} parameter columns (see README, "Limits")`,
          });
        }
        return;
      }
      checkWidth(fields, columns, header.length, line, file);
      const names = header;
      if (hasLabel) {
        const label = (fields[0] as string).trim();
        if (label === "") {
          throw new InputError({
            file,
            line,
            column: columns[0] as number,
            field: names[0] || "iteration",
            message: "the iteration is empty",
          });
        }
        labels.push(label);
      }
      lines.push(line);
      for (let i = hasLabel ? 1 : 0; i < fields.length; i++) {
        const cell = fields[i] as string;
        values.push(
          fastNumber(cell) ??
            parseCell(
              cell,
              { file, line, column: columns[i] as number, field: names[i] as string },
              "parameter draws",
            ),
        );
      }
    });
  } catch (e) {
    throw e instanceof InputError ? e.withFile(file ?? "input") : e;
  }
  if (header === undefined) {
    throw new InputError({
      file,
      message: "the file is empty; expected a header row and one row per iteration",
    });
  }
  return { header, hasLabel, labels, lines, values, headerLine };
}

/**
 * For each sample of the PSA, the row of the parameter file that holds its draws, matched by
 * iteration label.
 */
function matchByLabel(raw: RawDraws, target: ParameterTarget, file: string | undefined): number[] {
  const psaFile = target.file ?? "the PSA";
  const iterations = target.iterations as readonly string[];
  const field = raw.header[0] || "iteration";
  const sampleOf = new Map<string, number>();
  iterations.forEach((label, s) => {
    const key = labelKey(label);
    if (sampleOf.has(key)) {
      throw new InputError({
        file: target.file,
        field: "iteration",
        message: `iteration ${label} appears twice, so parameter draws cannot be matched to it`,
      });
    }
    sampleOf.set(key, s);
  });
  const rowOf = new Int32Array(target.nSamples).fill(-1);
  raw.labels.forEach((label, r) => {
    const s = sampleOf.get(labelKey(label));
    const at = { file, line: raw.lines[r] as number, column: 1, field };
    if (s === undefined) {
      throw new InputError({ ...at, message: `iteration ${label} is not in ${psaFile}` });
    }
    const earlier = rowOf[s] as number;
    if (earlier >= 0) {
      throw new InputError({
        ...at,
        message: `iteration ${label} appears twice (first on line ${raw.lines[earlier]})`,
      });
    }
    rowOf[s] = r;
  });
  const missing = rowOf.indexOf(-1);
  if (missing >= 0) {
    const absent = rowOf.reduce((n, r) => n + (r < 0 ? 1 : 0), 0);
    throw new InputError({
      file,
      field,
      message: `no row for iteration ${iterations[missing]} of ${psaFile}${absent > 1 ? ` (nor for ${(absent - 1).toLocaleString("en-GB")} more)` : ""}; every iteration needs one row of parameter draws`,
    });
  }
  return Array.from(rowOf);
}

/**
 * Reads parameter draws from CSV text and aligns them with a PSA's samples.
 *
 * @example
 * ```ts
 * const draws = readParameterCsv("sim,p,q\n2,0.5,10\n1,0.4,12\n", {
 *   file: "params.csv",
 *   target: { nSamples: 2, iterations: ["1", "2"], file: "psa.csv" },
 * });
 * draws.names;      // ["p", "q"]
 * draws.columns[0]; // Float64Array [0.4, 0.5]: matched by iteration
 * ```
 */
export function readParameterCsv(
  text: string,
  options: { readonly file?: string; readonly target: ParameterTarget },
): ParameterDraws {
  const { file, target } = options;
  const raw = readRaw(text, file);
  const first = raw.hasLabel ? 1 : 0;
  const names = raw.header.slice(first);
  const m = names.length;
  const rows = raw.lines.length;
  if (rows === 0) {
    throw new InputError({
      file,
      line: raw.headerLine,
      message: "the file has a header but no rows of parameter draws",
    });
  }
  const byLabel = raw.hasLabel && target.iterations !== undefined;
  let rowOf: number[];
  if (byLabel) {
    rowOf = matchByLabel(raw, target, file);
  } else {
    if (rows !== target.nSamples) {
      throw new InputError({
        file,
        ...(rows > target.nSamples ? { line: raw.lines[target.nSamples] as number } : {}),
        message: `has ${rows.toLocaleString("en-GB")} row${rows === 1 ? "" : "s"} of parameter draws but ${target.file ?? "the PSA"} has ${target.nSamples.toLocaleString("en-GB")} iterations; give one row per iteration, in the same order (or an iteration column in both files)`,
      });
    }
    rowOf = Array.from({ length: rows }, (_, r) => r);
  }
  const columns = names.map((_, p) =>
    Float64Array.from(rowOf, (r) => raw.values.data[r * m + p] as number),
  );
  return { names, columns, matchedBy: byLabel ? "iteration" : "row order" };
}
