/**
 * The deterministic base case: the model's own `evaluate` run once, at every parameter's point
 * value (see {@link pointValue}), derived expressions included.
 *
 * @module
 */

import type { Model } from "../model/define-model.js";
import { pointValue } from "../model/point-value.js";
import {
  chunkArrays,
  evaluateRows,
  type ModelOrPrepared,
  type PreparedModel,
  prepareModel,
} from "./run-psa.js";

/** Results of the base case: one number per strategy (and outcome), and the inputs used. */
export interface BaseCaseResult<
  N extends string = string,
  S extends string = string,
  O extends string = string,
> {
  readonly parameters: Readonly<Record<N, number>>;
  readonly cost: Readonly<Record<S, number>>;
  readonly effect: Readonly<Record<S, number>>;
  readonly outcomes: Readonly<Record<O, Readonly<Record<S, number>>>>;
}

/**
 * Point values of every sampled parameter of a prepared model.
 *
 * @example
 * ```ts
 * pointValues(await prepareModel(model)).salary; // 37000
 * ```
 */
export function pointValues(prepared: PreparedModel): Record<string, number> {
  const values: Record<string, number> = {};
  for (const unit of prepared.units) {
    if (unit.kind === "independent") {
      values[unit.name] = pointValue(prepared.model.parameters[unit.name] as never, unit.dist);
    } else if (unit.kind === "copula") {
      unit.names.forEach((name, r) => {
        values[name] = pointValue(prepared.model.parameters[name] as never, unit.dists[r] as never);
      });
    } else {
      unit.names.forEach((name, r) => {
        values[name] = unit.dirichlet.mean[r] as number;
      });
    }
  }
  return values;
}

/**
 * Runs the model (or a prepared model) once at the point values.
 *
 * @example
 * ```ts
 * const base = await runBaseCase(model);
 * base.cost.swis - base.cost.usual; // incremental cost
 * ```
 */
export async function runBaseCase<N extends string, S extends string, O extends string>(
  model: Model<N, S, O> | PreparedModel,
): Promise<BaseCaseResult<N, S, O>> {
  const prepared = await prepareModel(model as ModelOrPrepared);
  const arrays = chunkArrays(prepared, 1);
  for (const [name, value] of Object.entries(pointValues(prepared))) {
    (arrays.columns[name] as Float64Array)[0] = value;
  }
  // The same path and checks as every PSA sample, naming the point values used.
  evaluateRows(prepared, arrays, 1, 0, {
    derived: () => "at the base case",
    output: () => "base case",
    notSamples: true,
  });
  const first = (x: Float64Array | undefined) => (x as Float64Array)[0] as number;
  const per = (r: Readonly<Record<string, Float64Array>>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, first(v)]));
  const result = {
    parameters: per(arrays.columns),
    cost: per(arrays.output.cost),
    effect: per(arrays.output.effect),
    outcomes: Object.fromEntries(
      Object.entries(arrays.output.outcomes).map(([o, r]) => [o, per(r)]),
    ),
  };
  return result as unknown as BaseCaseResult<N, S, O>;
}
