/**
 * A compiled model file as a {@link ModelFactory}: its inputs with their provenance, its
 * strategies, effect and defaults (PSA, WTP, discounting, horizon, price year), so that the
 * scenario pipeline (loading, base case, PSA, DSA, threshold, EVPPI, reports) runs it unchanged,
 * and scenarios can override its inputs, PSA, WTP, discounting and horizon.
 *
 * @module
 */

import { discountFactorAt } from "../cohort/discount-schedule.js";
import type { ModelConfig, ModelFactory } from "../model/model-factory.js";
import { modelFileModel } from "./model-file-model.js";
import type { ModelProgram } from "./program.js";
import { MAX_CYCLES, MAX_FORMULA_HORIZON } from "./schema.js";

/** The configuration worker threads receive: the scenario's, with the compiled file. */
export interface ModelFileConfig extends ModelConfig {
  readonly program: ModelProgram;
}

/**
 * The module worker threads load (its default export builds the model from the program).
 * Computed when a worker thread is wanted (Node's parallel PSA), never at import: in the web
 * page's bundle `import.meta.url` does not exist, and the page's worker runs the model itself.
 */
function workerModule(): string {
  const here = import.meta.url as string | undefined;
  if (here === undefined) throw new TypeError("model file worker threads need ES module URLs");
  return new URL(`./worker-factory.${here.endsWith(".ts") ? "ts" : "js"}`, here).href;
}

/** An annual rate for reports: a constant rate as it is, a schedule by its first year. */
function firstYearRate(rate: Parameters<typeof discountFactorAt>[0]): number {
  return typeof rate === "number" ? rate : 1 / discountFactorAt(rate, 1) - 1;
}

/**
 * The model factory of a compiled model file.
 *
 * @example
 * ```ts
 * const factory = modelFileFactory(await compileModelFile(source, readTable));
 * const loaded = await loadScenario("hiv.model.yaml", host);
 * ```
 */
export function modelFileFactory(program: ModelProgram): ModelFactory {
  const m = program.model;
  const markov = m.kind === "markov";
  const rates = markov
    ? { costs: firstYearRate(m.discount.costs), outcomes: firstYearRate(m.discount.effects) }
    : { costs: m.discount.costs, outcomes: m.discount.effects };
  const label = program.effect.label;
  return Object.freeze({
    name: program.name,
    title: program.title,
    description: program.description,
    inputs: program.inputs,
    priceIndices: {},
    defaultPriceIndex: "none",
    defaultPriceYear: program.priceYear ?? "as stated per input",
    defaultHorizonYears: markov ? m.cycles * m.cycleYears : m.horizonYears,
    // A Markov file may run as many cycles as a model file may have.
    maxHorizonYears: markov
      ? Math.max(1, Math.floor(MAX_CYCLES * m.cycleYears))
      : MAX_FORMULA_HORIZON,
    defaultDiscount: rates.costs,
    defaultDiscountRates: rates,
    defaultPsa: program.psa,
    ...(program.wtp === undefined ? {} : { defaultWtp: program.wtp }),
    ...(program.reportWtp === undefined ? {} : { defaultReportWtp: program.reportWtp }),
    perspectives: { model: `as stated in the model file ${program.file}` },
    currency: program.costUnit,
    effects: {
      [program.effect.key]: { label, unit: program.effect.unit, per: program.effect.per },
    },
    settings: {},
    strategies: m.strategies.map((s, j) => ({
      name: s.name,
      label: s.label,
      intervention: j > 0,
      inputs: {},
    })),
    outcomes: markov ? {} : Object.fromEntries(m.outcomes.map((o) => [o, { label: o, unit: "" }])),
    create: (config: ModelConfig) => modelFileModel(program, config),
    workerReference: (config: ModelConfig) => ({
      module: workerModule(),
      config: { ...config, program } as ModelFileConfig,
    }),
  });
}
