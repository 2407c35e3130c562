/**
 * The cost-consequence table of a scenario run: for total cost, the effect measure and each
 * outcome the model reports, the base case and the PSA's mean and 95% interval per strategy,
 * and the increment over the comparator (the first strategy). The estimates are computed from
 * tasks ({@link EstimateTask}), so that another thread can compute them while this one runs the
 * rest of the analysis; the table is the same either way.
 *
 * @module
 */

import type { EstimatePair, EstimateTask } from "../analysis/estimate.js";
import { mean } from "../core/sum.js";
import { CeaError } from "../errors.js";
import { currencyOf } from "../model/model-factory.js";
import type { BaseCaseResult } from "../psa/base-case.js";
import type { PsaResult } from "../psa/run-psa.js";
import type { LoadedScenario } from "./load-scenario.js";
import type { ConsequenceRow } from "./run-scenario.js";

/** One quantity of the table: its name, label, unit, draws per strategy and base case values. */
export interface ConsequenceQuantity {
  readonly outcome: string;
  readonly label: string;
  readonly unit: string;
  /** The draws of each strategy, in strategy order. */
  readonly columns: readonly Float64Array[];
  readonly base: readonly number[];
  /** False for an outcome the model keeps out of the table (only its means are used). */
  readonly table: boolean;
}

/**
 * Total cost, the effect measure and every outcome of the model, in the table's order.
 *
 * @example
 * ```ts
 * const quantities = consequenceQuantities(loaded, base, psa);
 * quantities[0].outcome; // "total_cost"
 * ```
 */
export function consequenceQuantities(
  loaded: LoadedScenario,
  base: BaseCaseResult,
  psa: PsaResult,
): ConsequenceQuantity[] {
  const { factory, config } = loaded;
  const names = config.strategies.map((s) => s.name);
  const n = psa.samples.nSamples;
  const per = (flat: Float64Array) => names.map((_, j) => flat.subarray(j * n, (j + 1) * n));
  const baseOf = (values: Readonly<Record<string, number>>) =>
    names.map((s) => values[s] as number);
  const effect = factory.effects[config.effect] as { label: string; unit: string };
  const outcomes = psa.outcomes as Record<string, Record<string, Float64Array>>;
  const baseOutcomes = base.outcomes as Record<string, Record<string, number>>;
  return [
    {
      outcome: "total_cost",
      label: "Total cost (discounted)",
      unit: currencyOf(factory),
      columns: per(psa.samples.cost),
      base: baseOf(base.cost),
      table: true,
    },
    {
      outcome: config.effect,
      label: effect.label,
      unit: effect.unit,
      columns: per(psa.samples.effect),
      base: baseOf(base.effect),
      table: true,
    },
    ...Object.entries(factory.outcomes).map(([o, info]) => ({
      outcome: o,
      label: info.label,
      unit: info.unit,
      columns: names.map((s) => outcomes[o]?.[s] as Float64Array),
      base: names.map((s) => baseOutcomes[o]?.[s] as number),
      table: (info as { table?: boolean }).table !== false,
    })),
  ];
}

/**
 * The estimates the table needs, in order: for each quantity in the table, each strategy's
 * draws, with the comparator's as reference after the first.
 *
 * @example
 * ```ts
 * const pairs = estimateAll(consequenceTasks(quantities));
 * ```
 */
export function consequenceTasks(quantities: readonly ConsequenceQuantity[]): EstimateTask[] {
  return quantities
    .filter((q) => q.table)
    .flatMap((q) =>
      q.columns.map((x, j) => (j === 0 ? { x } : { x, reference: q.columns[0] as Float64Array })),
    );
}

/**
 * The table's rows from the estimates of {@link consequenceTasks}, and every quantity's mean
 * per strategy (the table's, or for a quantity kept out of it, its mean).
 *
 * @example
 * ```ts
 * const { rows, means } = consequenceTable(quantities, names, estimateAll(consequenceTasks(quantities)));
 * ```
 */
export function consequenceTable(
  quantities: readonly ConsequenceQuantity[],
  strategies: readonly string[],
  pairs: readonly EstimatePair[],
): { rows: ConsequenceRow[]; means: Record<string, Record<string, number>> } {
  const rows: ConsequenceRow[] = [];
  const means: Record<string, Record<string, number>> = {};
  const wanted = quantities.filter((q) => q.table).length * strategies.length;
  if (pairs.length !== wanted) {
    throw new CeaError(
      `cost-consequence table: ${pairs.length} estimates for ${wanted} quantities`,
    );
  }
  let next = 0;
  for (const q of quantities) {
    const m: Record<string, number> = {};
    means[q.outcome] = m;
    strategies.forEach((s, j) => {
      if (!q.table) {
        m[s] = mean(q.columns[j] as Float64Array);
        return;
      }
      const pair = pairs[next++] as EstimatePair;
      m[s] = pair.psa.mean;
      rows.push({
        outcome: q.outcome,
        label: q.label,
        unit: q.unit,
        strategy: s,
        base: q.base[j] as number,
        psa: pair.psa,
        ...(pair.increment === undefined ? {} : { increment: pair.increment }),
      });
    });
  }
  return { rows, means };
}
