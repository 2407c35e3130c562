/**
 * Checking a model file's probabilities before anything runs: every probability expression that
 * compiled is evaluated at the base case and in every sample of the file's own PSA (its seed and
 * sample count), for every cycle where it depends on time, even while other parts of the file
 * have mistakes, so that `ceakit validate` reports a probability that leaves [0, 1] in some
 * sample together with the file's other mistakes, each at its expression.
 *
 * @module
 */

import { valueText } from "../core/value-text.js";
import type { InputIssue, SourceLocation } from "../errors.js";
import { InputError } from "../errors.js";
import { defineModel } from "../model/define-model.js";
import type { InputRow } from "../model/model-factory.js";
import { pointValues } from "../psa/base-case.js";
import { chunkArrays, prepareModel, runChunk } from "../psa/run-psa.js";
import { LookupBelow, lookupFunction, loopOf } from "./model-file-model.js";
import {
  type DerivedProgram,
  type EntryProgram,
  type ModelProgram,
  ROW_SUM_TOLERANCE,
  type ValueRef,
} from "./program.js";

/** Samples scanned at most (the run's own PSA checks every sample it draws). */
const MAX_SCAN = 100_000;

/** What the scan needs of a (possibly incomplete) program. */
export interface ScanInput {
  readonly inputs: Readonly<Record<string, InputRow>>;
  readonly derived: readonly DerivedProgram[];
  readonly entries: readonly EntryProgram[];
  readonly tables: ModelProgram["tables"];
  readonly lookups: ModelProgram["lookups"];
  readonly psa: ModelProgram["psa"];
  /** Cycles (t = 1 … n), for time-dependent entries. */
  readonly cycles: number;
  /** Transition rows, whose sums are checked in every sample too. */
  readonly rows?: readonly ScanRow[];
}

/** One transition row: its entries (indices into `entries`, numbers, or the rest). */
export interface ScanRow {
  /** Where the row was written. */
  readonly at: SourceLocation;
  /** What it is, for messages: `strategy "mono": row A`. */
  readonly what: string;
  readonly refs: readonly (ValueRef | "rest")[];
}

/**
 * The problems of the probabilities: for each probability expression, the first of the base
 * case and the PSA samples where it is not in [0, 1], as a located issue.
 *
 * @example
 * ```ts
 * const issues = await scanProbabilities(input);
 * ```
 */
export async function scanProbabilities(input: ScanInput): Promise<InputIssue[]> {
  const probabilities = input.entries.filter((e) => e.probability);
  if (probabilities.length === 0) return [];
  const model = defineModel({
    name: "scan",
    parameters: input.inputs,
    strategies: ["scan"],
    evaluate() {},
  });
  let prepared: Awaited<ReturnType<typeof prepareModel>>;
  try {
    prepared = await prepareModel(model);
  } catch (e) {
    if (e instanceof InputError) return [];
    throw e;
  }
  const n = 1 + Math.min(input.psa.samples ?? 10_000, MAX_SCAN);
  const arrays = chunkArrays(prepared, n - 1);
  runChunk(prepared, input.psa.seed ?? 1, 0, n - 1, arrays);
  // Row 0 is the base case, rows 1 … are the samples.
  const base = pointValues(prepared);
  const columns: Record<string, Float64Array> = {};
  for (const name of prepared.columns) {
    const x = new Float64Array(n);
    x[0] = base[name] ?? Number.NaN;
    x.set(arrays.columns[name] as Float64Array, 1);
    columns[name] = x;
  }
  const lookups = input.lookups.map((l) =>
    lookupFunction(input.tables.find((t) => t.name === l.table) as never, l.column),
  );
  const issues: InputIssue[] = [];
  for (const d of input.derived) {
    if (!d.inputs.every((c) => columns[c] !== undefined)) continue;
    const out = new Float64Array(n);
    try {
      loopOf(d, lookups)(
        d.inputs.map((c) => columns[c] as Float64Array),
        out,
        n,
        0,
        1,
      );
    } catch (e) {
      if (e instanceof LookupBelow) continue;
      throw e;
    }
    columns[d.name] = out;
  }
  const out = new Float64Array(n);
  for (const e of probabilities) {
    if (!e.inputs.every((c) => columns[c] !== undefined)) continue;
    const loop = loopOf(e, lookups);
    const cols = e.inputs.map((c) => columns[c] as Float64Array);
    const times = e.timeDependent ? input.cycles : 1;
    const taus = e.timeDependent ? e.tunnelLength : 1;
    scan: for (let t = 1; t <= times; t++) {
      for (let tau = 1; tau <= taus; tau++) {
        try {
          loop(cols, out, n, t, tau);
        } catch (x) {
          if (x instanceof LookupBelow) break scan;
          throw x;
        }
        for (let i = 0; i < n; i++) {
          const v = out[i] as number;
          if (v >= 0 && v <= 1) continue;
          const where = i === 0 ? "at the base case" : `in sample ${i} of the PSA`;
          const when = e.timeDependent
            ? `, t = ${t}${taus > 1 ? `, time_in_state = ${tau}` : ""}`
            : "";
          const used = e.inputs.map(
            (c, k) => `${c} = ${show((cols[k] as Float64Array)[i] as number)}`,
          );
          issues.push({
            ...e.at,
            message: `${e.what}: "${e.text}" is ${show(v)} ${where}${when}, not a probability between 0 and 1${used.length > 0 ? ` (${used.join(", ")})` : ""}`,
          });
          break scan;
        }
      }
    }
  }
  // A row whose entries are each probabilities can still sum to more (or, without a rest, to
  // other than) 1 in some sample; checked only where every entry passed.
  const failed = new Set(issues.map((i) => `${i.line}:${i.column}`));
  for (const row of input.rows ?? []) {
    const used = row.refs.flatMap((r) => (r !== "rest" && "entry" in r ? [r.entry] : []));
    const programs = used.map((k) => input.entries[k] as EntryProgram);
    if (programs.length === 0) continue;
    if (programs.some((e) => failed.has(`${e.at.line}:${e.at.column}`))) continue;
    if (!programs.every((e) => e.inputs.every((c) => columns[c] !== undefined))) continue;
    const issue = scanRow(row, programs, columns, lookups, n, input.cycles);
    if (issue !== undefined) issues.push(issue);
  }
  return issues;
}

/**
 * The first PSA sample and cycle where a row's sum is not a probability row's (above 1 with a
 * rest; other than 1 without), as an issue; undefined when there is none or when the base case
 * itself is wrong (the base-case run reports that).
 */
function scanRow(
  row: ScanRow,
  programs: readonly EntryProgram[],
  columns: Readonly<Record<string, Float64Array>>,
  lookups: Parameters<typeof loopOf>[1],
  n: number,
  cycles: number,
): InputIssue | undefined {
  const constant = row.refs.reduce((a, r) => a + (r !== "rest" && "value" in r ? r.value : 0), 0);
  const hasRest = row.refs.includes("rest");
  const timeDependent = programs.some((e) => e.timeDependent);
  const times = timeDependent ? cycles : 1;
  const taus = Math.max(...programs.map((e) => (e.timeDependent ? e.tunnelLength : 1)));
  const sum = new Float64Array(n);
  const out = new Float64Array(n);
  const loops = programs.map((e) => loopOf(e, lookups));
  const inputs = programs.map((e) => e.inputs.map((c) => columns[c] as Float64Array));
  for (let t = 1; t <= times; t++) {
    for (let tau = 1; tau <= taus; tau++) {
      sum.fill(constant);
      for (let k = 0; k < loops.length; k++) {
        try {
          (loops[k] as ReturnType<typeof loopOf>)(inputs[k] as Float64Array[], out, n, t, tau);
        } catch (x) {
          if (x instanceof LookupBelow) return undefined;
          throw x;
        }
        for (let i = 0; i < n; i++) sum[i] = (sum[i] as number) + (out[i] as number);
      }
      for (let i = 0; i < n; i++) {
        const v = sum[i] as number;
        const ok = hasRest ? v <= 1 + ROW_SUM_TOLERANCE : Math.abs(v - 1) <= ROW_SUM_TOLERANCE;
        if (ok) continue;
        // A row wrong at the base case is reported by the base-case run, with every entry.
        if (i === 0) return undefined;
        const where = `in sample ${i} of the PSA`;
        const when = timeDependent ? `, t = ${t}${taus > 1 ? `, time_in_state = ${tau}` : ""}` : "";
        return {
          ...row.at,
          message: hasRest
            ? `${row.what}: the probabilities sum to ${show(v)} ${where}${when}, above 1, so the rest of the row would be negative`
            : `${row.what}: the probabilities sum to ${show(v)} ${where}${when}, not 1 (within ${ROW_SUM_TOLERANCE}); give one entry as rest, the rest of the row`,
        };
      }
    }
  }
  return undefined;
}

/** A number for messages. */
const show = (x: number) => valueText(x, 12);
