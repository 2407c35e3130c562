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
import { computeDerived } from "./derived-values.js";
import { type PreparedModel, prepareModel } from "./run-psa.js";

/**
 * Runs a cohort model (or the prepared cohort model of a run) at its point values and records
 * the trace and per-cycle rewards. Derived values are computed and checked as in every other
 * evaluation.
 *
 * @example
 * ```ts
 * const base = await runCohortBaseCase(model);
 * base.strategies[0].total.cost;  // the comparator's discounted cost
 * base.strategies[0].trace[1];    // cohort shares after one cycle
 * ```
 */
export async function runCohortBaseCase(model: CohortModel | PreparedModel): Promise<CohortTrace> {
  const prepared = await prepareModel(model as Model | PreparedModel);
  const cohort = prepared.model as unknown as CohortModel;
  const values = pointValues(prepared);
  const columns: Record<string, Float64Array> = {};
  for (const name of prepared.columns) columns[name] = Float64Array.of(values[name] ?? Number.NaN);
  computeDerived(prepared.derived, columns, 1, () => "at the base case");
  for (const d of prepared.derived) values[d.name] = (columns[d.name] as Float64Array)[0] as number;
  // A model with columns of its own (a model file's derived values and entries) computes them.
  const own = cohort.extendColumns?.(columns, { n: 1, start: 0 });
  for (const [name, x] of Object.entries(own ?? {})) values[name] = x[0] as number;
  return cohortTrace(cohort, values);
}
