/**
 * A model defined in TypeScript (`defineModel`, `defineCohortModel`) as a {@link ModelFactory},
 * so that a scenario can run it (`model: ./my-model.js`) and override its inputs, PSA, WTP and
 * derived values. Its strategies, horizon and discounting are in its code: a scenario that
 * changes them is refused at the field.
 *
 * @module
 */

import { InputError } from "../errors.js";
import type { Model } from "../model/define-model.js";
import type { InputRow, ModelConfig, ModelFactory } from "../model/model-factory.js";

/** The horizon a wrapped model reports (its own is in its code). */
const HORIZON = 1;

/**
 * Wraps a model as a factory; `module` is where worker threads load it from.
 *
 * @example
 * ```ts
 * const factory = modelAsFactory((await import(url)).default, url);
 * ```
 */
export function modelAsFactory(model: Model, module: string): ModelFactory {
  const inputs: Record<string, InputRow> = Object.fromEntries(
    Object.entries(model.parameters).map(([name, spec]) => [
      name,
      { ...spec, table: "parameters" } as InputRow,
    ]),
  );
  return Object.freeze({
    name: model.name,
    title: model.description === "" ? model.name : model.description,
    description: model.description,
    inputs,
    priceIndices: {},
    defaultPriceIndex: "none",
    defaultPriceYear: "as stated per input",
    defaultHorizonYears: HORIZON,
    defaultDiscount: 0,
    perspectives: { model: `as defined in ${module}` },
    effects: { effect: { label: "Effect", unit: "", per: "unit of effect" } },
    settings: {},
    strategies: model.strategies.map((s, j) => ({
      name: s,
      label: s,
      intervention: j > 0,
      inputs: {},
    })),
    outcomes: Object.fromEntries(model.outcomes.map((o) => [o, { label: o, unit: "" }])),
    create: (config: ModelConfig) => configureModel(model, config),
    workerReference: (config: ModelConfig) => ({ module, config }),
  });
}

/**
 * The model with a scenario's inputs, derived values and correlations.
 *
 * @example
 * ```ts
 * const model = configureModel(defined, loaded.config);
 * ```
 */
export function configureModel(model: Model, config: ModelConfig): Model {
  const refuse = (field: string, message: string): never => {
    throw new InputError({ field, message });
  };
  if (config.discountGiven === true) {
    refuse("discount", "this model discounts in its own code; a scenario cannot change it");
  }
  if (config.horizonYears !== HORIZON) {
    refuse("horizon_years", "this model's horizon is in its own code; a scenario cannot change it");
  }
  const names = config.strategies.map((s) => s.name);
  if (names.join() !== model.strategies.join()) {
    refuse(
      "strategies",
      `this model's strategies are ${model.strategies.join(", ")}, in that order`,
    );
  }
  for (const s of config.strategies) {
    if (Object.keys(s.inputs).length > 0) {
      refuse(`strategies.${s.name}.inputs`, "inputs per strategy are not available for this model");
    }
  }
  const parameterNames = Object.entries(config.inputs).flatMap(([name, spec]) =>
    spec.type === "dirichlet" ? Object.keys("alpha" in spec ? spec.alpha : spec.mean) : [name],
  );
  const kept = new Set(parameterNames);
  return Object.freeze({
    ...model,
    parameters: config.inputs,
    parameterNames,
    derived: { ...model.derived, ...config.derived },
    correlations: [
      ...model.correlations.filter((c) => c.parameters.every((p) => kept.has(p))),
      ...config.correlations,
    ],
  });
}
