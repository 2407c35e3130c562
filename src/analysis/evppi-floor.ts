/**
 * The noise floor of an EVPPI estimate: what the estimator reports for a parameter that carries
 * no information about the decision.
 *
 * The sort-and-bin estimator takes, in each bin, the best strategy's mean net benefit. Those bin
 * means are averages of about N/B samples, so even when the parameter says nothing about net
 * benefit their maximum is biased upwards, and the estimate is positive by chance. Sorting the
 * samples by such a parameter is the same as putting them in a random order, so the estimator's
 * distribution under "no information" is found exactly by running it on random permutations of
 * the samples (a permutation test): the floor is the mean of those null estimates plus three of
 * their standard deviations. An estimate at or below the floor cannot be told apart from a
 * parameter that does not matter, and is reported as "≈ 0".
 *
 * The same null, with B equal to the number of regression terms, stands for the regression
 * estimator of a group: a least-squares fit with p terms on N samples adds noise of variance
 * (p/N)·Var to each fitted value, as the mean of a random bin of N/p samples does. That is an
 * approximation (leverage varies between samples), used only to say whether a group's value
 * stands out.
 *
 * A floor is never below a relative rounding tolerance of 1e-9 of the largest expected net
 * benefit: differences of that size are the arithmetic's, not the data's.
 *
 * @module
 */

import { Rng } from "../core/rng.js";
import { binnedEvppi } from "./evppi.js";
import type { CeSamples } from "./samples.js";
import { type StrategyMeans, strategyMeans } from "./summary.js";

/** The estimator's behaviour under no information, per WTP. */
export interface EvppiNoiseFloor {
  /** Mean of the null estimates: the estimator's upward bias for an uninformative parameter. */
  readonly nullMean: Float64Array;
  /** Standard deviation of the null estimates. */
  readonly nullSd: Float64Array;
  /** nullMean + 3·nullSd, and at least the rounding tolerance. */
  readonly floor: Float64Array;
  /** Permutations the null was estimated from. */
  readonly permutations: number;
  /** Bins of the estimator the floor is for. */
  readonly bins: number;
}

/** Options of {@link evppiNoiseFloor}. */
export interface NoiseFloorOptions {
  /** Bins of the estimator (default √N, as {@link evppiSortBin}). */
  readonly bins?: number;
  /** Random permutations (default 50). */
  readonly permutations?: number;
  /** Seed of the permutations (default "evppi-floor"), so a report is reproducible. */
  readonly seed?: string | number;
  /** Called after each permutation with (permutations done, permutations). */
  readonly onProgress?: (done: number, total: number) => void;
  /** The strategies' mean costs and effects, when the caller has them ({@link strategyMeans}). */
  readonly means?: StrategyMeans;
}

/** Standard deviations above the null mean at which an estimate stands out. */
export const FLOOR_SDS = 3;

/** Relative rounding tolerance: a floor is at least this times the largest |E[NB]|. */
export const ROUNDING_TOLERANCE = 1e-9;

/** Shuffles `order` in place (Fisher–Yates) with `rng`. */
function shuffle(order: Int32Array, rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const k = Math.floor(rng.nextUniform() * (i + 1));
    const t = order[i] as number;
    order[i] = order[k] as number;
    order[k] = t;
  }
}

/** The largest |E[NB_j]| at λ, the scale of the rounding tolerance. */
function netBenefitScale(samples: CeSamples, wtp: number): number {
  const { nSamples: n, strategies, cost, effect } = samples;
  let scale = 0;
  for (let j = 0; j < strategies.length; j++) {
    let c = 0;
    let e = 0;
    for (let i = 0; i < n; i++) {
      c += cost[j * n + i] as number;
      e += effect[j * n + i] as number;
    }
    scale = Math.max(scale, Math.abs((wtp * e - c) / n));
  }
  return scale;
}

/**
 * The noise floor of EVPPI estimates on these samples, per WTP: the sort-and-bin estimate for
 * random permutations of the samples, summarised as mean, SD and floor (mean + 3 SD). It does not
 * depend on any parameter, so one floor serves every parameter of a PSA.
 *
 * @example
 * ```ts
 * const { floor } = evppiNoiseFloor(psa.samples, [20000]);
 * const matters = evppiSortBin(psa.samples, psa.parameters.irr_s47, [20000])[0] > floor[0];
 * ```
 */
export function evppiNoiseFloor(
  samples: CeSamples,
  wtp: ArrayLike<number>,
  options: NoiseFloorOptions = {},
): EvppiNoiseFloor {
  const n = samples.nSamples;
  const bins = options.bins ?? Math.max(1, Math.round(Math.sqrt(n)));
  const permutations = options.permutations ?? 50;
  if (!(Number.isInteger(permutations) && permutations >= 2)) {
    throw new RangeError(
      `evppiNoiseFloor: permutations must be a whole number ≥ 2, got ${permutations}`,
    );
  }
  const means = options.means ?? strategyMeans(samples);
  const rng = Rng.create(options.seed ?? "evppi-floor");
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const K = wtp.length;
  const sum = new Float64Array(K);
  const sumSq = new Float64Array(K);
  for (let r = 0; r < permutations; r++) {
    shuffle(order, rng);
    const v = binnedEvppi(samples, order, wtp, bins, means);
    for (let k = 0; k < K; k++) {
      sum[k] = (sum[k] as number) + (v[k] as number);
      sumSq[k] = (sumSq[k] as number) + (v[k] as number) ** 2;
    }
    options.onProgress?.(r + 1, permutations);
  }
  const nullMean = new Float64Array(K);
  const nullSd = new Float64Array(K);
  const floor = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const m = (sum[k] as number) / permutations;
    const variance = Math.max(
      0,
      ((sumSq[k] as number) - permutations * m * m) / (permutations - 1),
    );
    nullMean[k] = m;
    nullSd[k] = Math.sqrt(variance);
    const tolerance = ROUNDING_TOLERANCE * netBenefitScale(samples, wtp[k] as number);
    floor[k] = Math.max(m + FLOOR_SDS * Math.sqrt(variance), tolerance);
  }
  return { nullMean, nullSd, floor, permutations, bins };
}
