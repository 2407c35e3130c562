/**
 * EVPPI of a PSA brought from elsewhere, given its parameter draws: per parameter by Strong &
 * Oakley's sort-and-bin estimator ({@link evppiSortBin}), and for a group of parameters by
 * quadratic regression ({@link evppiRegression}), at a few willingness-to-pay values, with EVPI
 * at the same values as the upper bound. Parameters ranked at the WTP where EVPI is highest:
 * where the decision is most uncertain, and so where information is worth most.
 *
 * @module
 */

import { decisionCurves } from "./decision.js";
import { evppiRegression, evppiSortBin } from "./evppi.js";
import type { CeSamples } from "./samples.js";

/**
 * Most parameters in a group: the quadratic regression has 1 + m + m(m + 1)/2 terms (66 for 10),
 * each a sample-length column in memory and a pass over the samples per term pair.
 */
export const MAX_GROUP_PARAMETERS = 10;

/**
 * Terms of the quadratic regression on `m` parameters: intercept, m linear terms and
 * m(m + 1)/2 squares and products.
 *
 * @example
 * ```ts
 * regressionTerms(2); // 6
 * ```
 */
export function regressionTerms(m: number): number {
  return 1 + m + (m * (m + 1)) / 2;
}

/** EVPPI of one parameter or group, per WTP. */
export interface EvppiRow {
  /** The parameter, or the group's parameters. */
  readonly parameters: readonly string[];
  /** EVPPI per decision at each WTP of {@link PsaEvppi.wtp}. */
  readonly evppi: Float64Array;
}

/** Everything {@link psaEvppi} computes. */
export interface PsaEvppi {
  /** The WTP values. */
  readonly wtp: Float64Array;
  /** EVPI per decision at each WTP: every EVPPI's upper bound. */
  readonly evpi: Float64Array;
  /** Index into `wtp` at which the parameters are ranked: the highest EVPI (the first of ties). */
  readonly rankAt: number;
  /** Single parameters that vary, highest EVPPI at `wtp[rankAt]` first (ties in file order). */
  readonly parameters: readonly EvppiRow[];
  /** The group, when one was asked for. */
  readonly group: EvppiRow | undefined;
  /** Parameters that take one value in every sample: no value of information, not estimated. */
  readonly fixed: readonly string[];
  /** Bins of the sort-and-bin estimator. */
  readonly bins: number;
}

/** Whether a column takes more than one value. */
const varies = (x: Float64Array) => x.some((v) => v !== x[0]);

/**
 * EVPPI per parameter (sort-and-bin, √N bins) and for an optional group (regression), with EVPI,
 * at each of `wtp`.
 *
 * @example
 * ```ts
 * const v = psaEvppi(samples, { names: ["p", "q"], columns: [p, q] }, [20000, 30000], ["p", "q"]);
 * v.parameters[0].parameters; // ["q"]: the higher EVPPI at the WTP where EVPI is highest
 * ```
 */
export function psaEvppi(
  samples: CeSamples,
  draws: { readonly names: readonly string[]; readonly columns: readonly Float64Array[] },
  wtp: ArrayLike<number>,
  group?: readonly string[],
): PsaEvppi {
  const grid = Float64Array.from(wtp);
  const evpi = decisionCurves(samples, grid).evpi;
  let rankAt = 0;
  for (let k = 1; k < evpi.length; k++)
    if ((evpi[k] as number) > (evpi[rankAt] as number)) rankAt = k;
  const column = new Map(draws.names.map((n, p) => [n, draws.columns[p] as Float64Array]));
  for (const n of group ?? []) {
    if (!column.has(n)) throw new RangeError(`psaEvppi: no parameter "${n}" in the draws`);
  }
  const fixed = draws.names.filter((n) => !varies(column.get(n) as Float64Array));
  const bins = Math.max(1, Math.round(Math.sqrt(samples.nSamples)));
  const parameters = draws.names
    .filter((n) => !fixed.includes(n))
    .map((n) => ({
      parameters: [n],
      evppi: evppiSortBin(samples, column.get(n) as Float64Array, grid, bins),
    }))
    .sort((a, b) => (b.evppi[rankAt] as number) - (a.evppi[rankAt] as number));
  return {
    wtp: grid,
    evpi,
    rankAt,
    parameters,
    group:
      group === undefined
        ? undefined
        : {
            parameters: group,
            // A fixed parameter adds a constant column, which the regression's ridge absorbs.
            evppi: evppiRegression(
              samples,
              group.map((n) => column.get(n) as Float64Array),
              grid,
            ),
          },
    fixed,
    bins,
  };
}

/**
 * Estimated bytes {@link psaEvppi} and reading the draws need beyond the PSA itself: the draws
 * (held twice while read), the sort order of one parameter, and the group's regression design,
 * fitted values and increments.
 *
 * @example
 * ```ts
 * psaEvppiBytes({ samples: 1e4, parameters: 6, groupParameters: 2, strategies: 3 }); // about 3 MB
 * ```
 */
export function psaEvppiBytes(shape: {
  readonly samples: number;
  readonly parameters: number;
  readonly groupParameters: number;
  readonly strategies: number;
}): number {
  const { samples, parameters, groupParameters, strategies } = shape;
  const regression =
    groupParameters === 0 ? 0 : regressionTerms(groupParameters) + 4 * (strategies - 1) + 2;
  return 8 * samples * (3 * parameters + 2 + regression) + 16 * samples;
}
