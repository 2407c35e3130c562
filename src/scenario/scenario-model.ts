/**
 * The model of a loaded scenario. Loading builds and prepares the model once; a run uses it as
 * it is. A caller that replaces the configuration (`{ ...loaded, config }`, as a sensitivity
 * analysis of inputs might) gets a model built from the new configuration instead, never the
 * stale one.
 *
 * @module
 */

import type { Model } from "../model/define-model.js";
import type { ModelConfig, ModelFactory } from "../model/model-factory.js";
import { type PreparedModel, prepareModel } from "../psa/run-psa.js";

/** The configuration each prepared scenario model was built from. */
const builtFrom = new WeakMap<PreparedModel, ModelConfig>();

/** What this module needs of a loaded scenario. */
interface ScenarioParts {
  readonly factory: ModelFactory;
  readonly config: ModelConfig;
  readonly model: PreparedModel;
}

/**
 * Records that `prepared` was built from `config` (called by the loader).
 *
 * @example
 * ```ts
 * rememberModel(await prepareModel(factory.create(config)), config);
 * ```
 */
export function rememberModel(prepared: PreparedModel, config: ModelConfig): PreparedModel {
  builtFrom.set(prepared, config);
  return prepared;
}

/**
 * The prepared model when it was built from the scenario's current configuration; undefined
 * when the configuration was replaced after loading.
 *
 * @example
 * ```ts
 * currentModel(loaded) === loaded.model; // true after loadScenario
 * currentModel({ ...loaded, config: other }); // undefined
 * ```
 */
export function currentModel(loaded: ScenarioParts): PreparedModel | undefined {
  return builtFrom.get(loaded.model) === loaded.config ? loaded.model : undefined;
}

/**
 * The scenario's prepared model: the one loading built, or one built from a replaced
 * configuration and prepared now.
 *
 * @example
 * ```ts
 * const prepared = await scenarioModel(loaded);
 * await runBaseCase(prepared);
 * ```
 */
export async function scenarioModel(loaded: ScenarioParts): Promise<PreparedModel> {
  return (
    currentModel(loaded) ??
    rememberModel(await prepareModel(loaded.factory.create(loaded.config)), loaded.config)
  );
}

/**
 * The scenario's model, unprepared when it must be built (for its shape: strategies, columns).
 *
 * @example
 * ```ts
 * scenarioModelShape(loaded).strategies; // ["usual", "swis"]
 * ```
 */
export function scenarioModelShape(loaded: ScenarioParts): Model {
  return currentModel(loaded)?.model ?? loaded.factory.create(loaded.config);
}
