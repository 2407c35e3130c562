/**
 * What every univariate distribution can do once created from its spec.
 *
 * @module
 */

import type { Rng } from "../core/rng.js";
import type { DistributionSpec } from "./spec.js";

/**
 * A univariate distribution: moments, CDF, quantile function and bulk sampling.
 *
 * @example
 * ```ts
 * const d = createDistribution({ type: "gamma", mean: 37000, sd: 3000 });
 * d.mean;                                  // 37000
 * d.quantile(0.975);                       // upper 95% limit
 * d.sample(Rng.create(1), new Float64Array(1000));
 * ```
 */
export interface Distribution {
  /** The spec it was created from. */
  readonly spec: DistributionSpec;
  /** Analytic mean. */
  readonly mean: number;
  /** Analytic variance. */
  readonly variance: number;
  /** Lowest and highest possible values (may be infinite). */
  readonly support: readonly [number, number];
  /** P(X <= x). */
  cdf(x: number): number;
  /** The smallest x with cdf(x) >= p, for p in [0, 1]. */
  quantile(p: number): number;
  /** Fills every element of `out` with independent draws, consuming `rng`; returns `out`. */
  sample(rng: Rng, out: Float64Array): Float64Array;
}
