/**
 * EVPPI per parameter that says what it knows: each single parameter's sort-and-bin estimate
 * set against the noise floor of the estimator (evppi-floor.ts), ranked only where it stands
 * above it; optionally the group of all of them by regression, with its own floor.
 *
 * @module
 */

import { evppiRegression, evppiSortBin, quadraticTerms } from "./evppi.js";
import { type EvppiNoiseFloor, evppiNoiseFloor } from "./evppi-floor.js";
import type { CeSamples } from "./samples.js";
import { strategyMeans } from "./summary.js";

/** One parameter's (or a group's) EVPPI per WTP, and whether each stands above the floor. */
export interface EvppiEstimate {
  /** The parameter's name, or the group's names joined by " + ". */
  readonly parameter: string;
  readonly values: Float64Array;
  readonly aboveFloor: readonly boolean[];
}

/** EVPPI per parameter, set against the noise floor. */
export interface EvppiRanking {
  readonly wtp: readonly number[];
  /** The WTP (an entry of `wtp`) the ranking is made at. */
  readonly rankWtp: number;
  /** The single-parameter estimator's noise floor. */
  readonly floor: EvppiNoiseFloor;
  /** Parameters above the floor at `rankWtp`, highest EVPPI first. */
  readonly ranked: readonly EvppiEstimate[];
  /** Parameters at or below the floor at `rankWtp`, by name: not ranked. */
  readonly belowFloor: readonly EvppiEstimate[];
  /** The group of every parameter, by regression, when asked for. */
  readonly group?: EvppiEstimate & { readonly floor: EvppiNoiseFloor };
}

/** Options of {@link rankEvppi}. */
export interface RankEvppiOptions {
  /** The WTP to rank at (default: the highest). */
  readonly rankWtp?: number;
  /** Also the EVPPI of all the parameters together (regression). */
  readonly group?: boolean;
  /** Permutations of the noise floor (default 50). */
  readonly permutations?: number;
  /**
   * Called as the estimates are made, with (estimates done, estimates in all): each permutation
   * of a noise floor, each parameter and the group's regression is one.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

const estimate = (parameter: string, values: Float64Array, floor: Float64Array): EvppiEstimate => ({
  parameter,
  values,
  aboveFloor: Array.from(values, (v, k) => v > (floor[k] as number)),
});

/**
 * The EVPPI of each parameter that varies, per WTP, with the noise floor; ranked at `rankWtp`
 * (default: the highest WTP) among the parameters above the floor there.
 *
 * @example
 * ```ts
 * const r = rankEvppi(psa.samples, { irr_s47: psa.parameters.irr_s47 }, [1000, 20000]);
 * r.ranked.map((e) => e.parameter); // the parameters that matter at £20,000, if any
 * ```
 */
export function rankEvppi(
  samples: CeSamples,
  parameters: Readonly<Record<string, Float64Array>>,
  wtp: readonly number[],
  options: RankEvppiOptions = {},
): EvppiRanking {
  if (wtp.length === 0) throw new RangeError("rankEvppi: no WTP given");
  const rankWtp = options.rankWtp ?? Math.max(...wtp);
  const at = wtp.indexOf(rankWtp);
  if (at < 0) throw new RangeError(`rankEvppi: the ranking WTP ${rankWtp} is not among the WTPs`);
  const permutations = options.permutations ?? 50;
  const varying = Object.entries(parameters).filter(([, x]) => x.some((v) => v !== x[0]));
  const grouped = options.group === true && varying.length > 0;
  const total = permutations + varying.length + (grouped ? 1 + permutations : 0);
  let done = 0;
  const step = () => {
    done += 1;
    options.onProgress?.(done, total);
  };
  const means = strategyMeans(samples);
  const floor = evppiNoiseFloor(samples, wtp, { permutations, means, onProgress: () => step() });
  const all = varying.map(([name, x]) => {
    const e = estimate(name, evppiSortBin(samples, x, wtp, floor.bins, means), floor.floor);
    step();
    return e;
  });
  const ranked = all
    .filter((e) => e.aboveFloor[at])
    .sort((a, b) => (b.values[at] as number) - (a.values[at] as number));
  const belowFloor = all
    .filter((e) => !e.aboveFloor[at])
    .sort((a, b) => (a.parameter < b.parameter ? -1 : a.parameter > b.parameter ? 1 : 0));
  if (!grouped) return { wtp, rankWtp, floor, ranked, belowFloor };
  const xs = varying.map(([, x]) => x);
  const values = evppiRegression(samples, xs, wtp);
  step();
  const groupFloor = evppiNoiseFloor(samples, wtp, {
    permutations,
    bins: Math.min(samples.nSamples, quadraticTerms(xs.length)),
    seed: "evppi-floor-group",
    means,
    onProgress: () => step(),
  });
  const group = {
    ...estimate(varying.map(([name]) => name).join(" + "), values, groupFloor.floor),
    floor: groupFloor,
  };
  return { wtp, rankWtp, floor, ranked, belowFloor, group };
}
