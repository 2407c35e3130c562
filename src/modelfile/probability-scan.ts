/**
 * Checking a model file's probabilities before anything runs: every probability expression that
 * compiled is evaluated at the base case and in every sample of the file's own PSA (its seed and
 * sample count), for every cycle where it depends on time, even while other parts of the file
 * have mistakes, so that `ceakit validate` reports a probability that leaves [0, 1] in some
 * sample together with the file's other mistakes, each at its expression.
 *
 * @module
 */

import type { InputIssue } from "../errors.js";
import { InputError } from "../errors.js";
import { defineModel } from "../model/define-model.js";
import type { InputRow } from "../model/model-factory.js";
import { pointValues } from "../psa/base-case.js";
import { chunkArrays, prepareModel, runChunk } from "../psa/run-psa.js";
import { LookupBelow, lookupFunction, loopOf } from "./model-file-model.js";
import type { DerivedProgram, EntryProgram, ModelProgram } from "./program.js";

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
  return issues;
}

/** A number for messages. */
const show = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(12))) : String(x));
