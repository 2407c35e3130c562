/**
 * The base case of a cohort model with everything recorded: the model run once at every
 * parameter's point value (derived parameters computed from them), with its trace and
 * per-cycle rewards.
 *
 * @module
 */

import type { CohortModel } from "../cohort/define-cohort-model.js";
import { type CohortTrace, cohortTrace } from "../cohort/trace.js";
import type { Model } from "../model/define-model.js";
import { pointValues } from "./base-case.js";
import { prepareModel } from "./run-psa.js";

/**
 * Runs a cohort model at its point values and records the trace and per-cycle rewards.
 *
 * @example
 * ```ts
 * const base = await runCohortBaseCase(model);
 * base.strategies[0].total.cost;  // the comparator's discounted cost
 * base.strategies[0].trace[1];    // cohort shares after one cycle
 * ```
 */
export async function runCohortBaseCase(model: CohortModel): Promise<CohortTrace> {
  const prepared = await prepareModel(model as unknown as Model);
  const values = pointValues(prepared);
  const columns: Record<string, Float64Array> = {};
  for (const name of prepared.columns) columns[name] = Float64Array.of(values[name] ?? Number.NaN);
  for (const d of prepared.derived) {
    d.evaluate(
      d.inputs.map((name) => columns[name] as Float64Array),
      columns[d.name] as Float64Array,
      1,
    );
    values[d.name] = (columns[d.name] as Float64Array)[0] as number;
  }
  // A model with columns of its own (a model file's derived values and entries) computes them.
  const own = model.extendColumns?.(columns, { n: 1, start: 0 });
  for (const [name, x] of Object.entries(own ?? {})) values[name] = x[0] as number;
  return cohortTrace(model, values);
}
