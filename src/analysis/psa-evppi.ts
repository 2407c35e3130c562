/**
 * EVPPI of a PSA brought from elsewhere, given its parameter draws: per parameter by Strong &
 * Oakley's sort-and-bin estimator ({@link evppiSortBin}), and for a group of parameters by
 * quadratic regression ({@link evppiRegression}), at a few willingness-to-pay values, with EVPI
 * at the same values as the upper bound. Each estimate is set against the estimator's noise floor
 * ({@link evppiNoiseFloor}: what it gives a parameter that carries no information), and only the
 * parameters above the floor are ranked, at the WTP where EVPI is highest: where the decision is
 * most uncertain, and so where information is worth most. The rest are listed by name, as "≈ 0".
 *
 * @module
 */

import { decisionCurves } from "./decision.js";
import { evppiRegression, evppiSortBin, quadraticTerms } from "./evppi.js";
import { type EvppiNoiseFloor, evppiNoiseFloor } from "./evppi-floor.js";
import type { CeSamples } from "./samples.js";
import { type StrategyMeans, strategyMeans } from "./summary.js";

/**
 * Most parameters in a group: the quadratic regression has 1 + m + m(m + 1)/2 terms (66 for 10),
 * each a sample-length column in memory and a pass over the samples per term pair.
 */
export const MAX_GROUP_PARAMETERS = 10;

/**
 * The group limit as messages state it.
 *
 * @example
 * ```ts
 * groupLimitText(); // 'at most 10 (its quadratic regression has 66 terms; see README, "Limits")'
 * ```
 */
export function groupLimitText(): string {
  return `at most ${MAX_GROUP_PARAMETERS} (its quadratic regression has ${quadraticTerms(MAX_GROUP_PARAMETERS)} terms; see README, "Limits")`;
}

/** EVPPI of one parameter or group, per WTP. */
export interface EvppiRow {
  /** The parameter, or the group's parameters. */
  readonly parameters: readonly string[];
  /** EVPPI per decision at each WTP of {@link PsaEvppi.wtp}. */
  readonly evppi: Float64Array;
  /** Per WTP, whether the estimate stands above its noise floor (else it is "≈ 0"). */
  readonly aboveFloor: readonly boolean[];
}

/** Everything {@link psaEvppi} computes. */
export interface PsaEvppi {
  /** The WTP values. */
  readonly wtp: Float64Array;
  /** EVPI per decision at each WTP: every EVPPI's upper bound. */
  readonly evpi: Float64Array;
  /** Index into `wtp` at which the parameters are ranked: the highest EVPI (the first of ties). */
  readonly rankAt: number;
  /**
   * Single parameters that vary and stand above the noise floor at `wtp[rankAt]`: the ranking,
   * highest EVPPI first (ties in file order).
   */
  readonly parameters: readonly EvppiRow[];
  /** Single parameters that vary but are at or below the floor at `wtp[rankAt]`, by name: not ranked. */
  readonly belowFloor: readonly EvppiRow[];
  /** The single-parameter estimator's noise floor (for {@link PsaEvppi.bins} bins). */
  readonly floor: EvppiNoiseFloor;
  /** The group, when one was asked for, with the regression's own floor. */
  readonly group: (EvppiRow & { readonly floor: EvppiNoiseFloor }) | undefined;
  /** Parameters that take one value in every sample: no value of information, not estimated. */
  readonly fixed: readonly string[];
  /** Bins of the sort-and-bin estimator. */
  readonly bins: number;
  /** Samples the estimates are made from. */
  readonly samples: number;
}

/** Whether a column takes more than one value. */
const varies = (x: Float64Array) => x.some((v) => v !== x[0]);

/** Whether each value stands above the floor at its WTP. */
const above = (values: Float64Array, floor: EvppiNoiseFloor) =>
  Array.from(values, (v, k) => v > (floor.floor[k] as number));

/**
 * EVPPI per parameter (sort-and-bin, √N bins) and for an optional group (regression), with EVPI,
 * at each of `wtp`; each set against the noise floor of its estimator (50 seeded permutations;
 * for the group, bins = the regression's terms, as `rankEvppi` does), ranked only above it.
 *
 * @example
 * ```ts
 * const v = psaEvppi(samples, { names: ["p", "q"], columns: [p, q] }, [20000, 30000], ["p", "q"]);
 * v.parameters[0]?.parameters; // ["q"]: above the floor, the higher EVPPI where EVPI is highest
 * v.belowFloor.map((r) => r.parameters[0]); // ["p"]: within the estimator's noise there
 * ```
 */
export function psaEvppi(
  samples: CeSamples,
  draws: { readonly names: readonly string[]; readonly columns: readonly Float64Array[] },
  wtp: ArrayLike<number>,
  group?: readonly string[],
): PsaEvppi {
  const grid = Float64Array.from(wtp);
  const means = strategyMeans(samples);
  const evpi = decisionCurves(samples, grid, means).evpi;
  let rankAt = 0;
  for (let k = 1; k < evpi.length; k++)
    if ((evpi[k] as number) > (evpi[rankAt] as number)) rankAt = k;
  const column = new Map(draws.names.map((n, p) => [n, draws.columns[p] as Float64Array]));
  for (const n of group ?? []) {
    if (!column.has(n)) throw new RangeError(`psaEvppi: no parameter "${n}" in the draws`);
  }
  const fixed = draws.names.filter((n) => !varies(column.get(n) as Float64Array));
  const bins = Math.max(1, Math.round(Math.sqrt(samples.nSamples)));
  const floor = evppiNoiseFloor(samples, grid, { bins, means });
  const all = draws.names
    .filter((n) => !fixed.includes(n))
    .map((n) => {
      const evppi = evppiSortBin(samples, column.get(n) as Float64Array, grid, bins, means);
      return { parameters: [n], evppi, aboveFloor: above(evppi, floor) };
    });
  const parameters = all
    .filter((p) => p.aboveFloor[rankAt])
    .sort((a, b) => (b.evppi[rankAt] as number) - (a.evppi[rankAt] as number));
  const belowFloor = all
    .filter((p) => !p.aboveFloor[rankAt])
    .sort((a, b) => {
      const [x, y] = [a.parameters[0] as string, b.parameters[0] as string];
      return x < y ? -1 : x > y ? 1 : 0;
    });
  return {
    wtp: grid,
    evpi,
    rankAt,
    parameters,
    belowFloor,
    floor,
    group: group === undefined ? undefined : groupEvppi(samples, group, column, grid, means),
    fixed,
    bins,
    samples: samples.nSamples,
  };
}

/** The group's EVPPI by regression, against the floor of a random bin per regression term. */
function groupEvppi(
  samples: CeSamples,
  group: readonly string[],
  column: ReadonlyMap<string, Float64Array>,
  grid: Float64Array,
  means: StrategyMeans,
): EvppiRow & { readonly floor: EvppiNoiseFloor } {
  // A fixed parameter adds a constant column, which the regression's ridge absorbs.
  const evppi = evppiRegression(
    samples,
    group.map((n) => column.get(n) as Float64Array),
    grid,
  );
  const floor = evppiNoiseFloor(samples, grid, {
    bins: Math.min(samples.nSamples, quadraticTerms(group.length)),
    seed: "evppi-floor-group",
    means,
  });
  return { parameters: group, evppi, aboveFloor: above(evppi, floor), floor };
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
    groupParameters === 0 ? 0 : quadraticTerms(groupParameters) + 4 * (strategies - 1) + 2;
  return 8 * samples * (3 * parameters + 2 + regression) + 16 * samples;
}
