/**
 * Distributions as plain data: a tagged union that a YAML scenario can state directly
 * (`{ type: gamma, mean: 37000, sd: 3000 }`) and that {@link createDistribution} turns into
 * something that samples, and has a CDF and a quantile function.
 *
 * @module
 */

/** A constant: every sample is `value`. */
export interface FixedSpec {
  readonly type: "fixed";
  readonly value: number;
}

/** Normal with mean and standard deviation. */
export interface NormalSpec {
  readonly type: "normal";
  readonly mean: number;
  readonly sd: number;
}

/** Normal(mean, sd) restricted to [lower, upper] (either bound may be omitted). */
export interface TruncatedNormalSpec {
  readonly type: "truncnormal";
  readonly mean: number;
  readonly sd: number;
  readonly lower?: number;
  readonly upper?: number;
}

/**
 * Lognormal, given on the log scale (`meanlog`, `sdlog`), by its own mean and SD (`mean`, `sd`),
 * or from a point estimate (the median, e.g. a rate ratio) and a confidence interval
 * (`estimate`, `lower`, `upper`, optional `level`, default 0.95).
 */
export type LognormalSpec =
  | { readonly type: "lognormal"; readonly meanlog: number; readonly sdlog: number }
  | { readonly type: "lognormal"; readonly mean: number; readonly sd: number }
  | {
      readonly type: "lognormal";
      readonly estimate: number;
      readonly lower: number;
      readonly upper: number;
      readonly level?: number;
    };

/** Beta by shape parameters or by mean and SD (method of moments). */
export type BetaSpec =
  | { readonly type: "beta"; readonly alpha: number; readonly beta: number }
  | { readonly type: "beta"; readonly mean: number; readonly sd: number };

/** Gamma by shape and scale, shape and rate, or mean and SD (method of moments). */
export type GammaSpec =
  | { readonly type: "gamma"; readonly shape: number; readonly scale: number }
  | { readonly type: "gamma"; readonly shape: number; readonly rate: number }
  | { readonly type: "gamma"; readonly mean: number; readonly sd: number };

/** Uniform on [min, max]. */
export interface UniformSpec {
  readonly type: "uniform";
  readonly min: number;
  readonly max: number;
}

/** Triangular on [min, max] with the given mode. */
export interface TriangularSpec {
  readonly type: "triangular";
  readonly min: number;
  readonly mode: number;
  readonly max: number;
}

/** PERT (a scaled beta) on [min, max] with the given mode; `lambda` defaults to 4. */
export interface PertSpec {
  readonly type: "pert";
  readonly min: number;
  readonly mode: number;
  readonly max: number;
  readonly lambda?: number;
}

/** Resampling (with replacement, equal weights) from the given values. */
export interface EmpiricalSpec {
  readonly type: "empirical";
  readonly values: readonly number[];
}

/** Any univariate distribution spec. */
export type DistributionSpec =
  | FixedSpec
  | NormalSpec
  | TruncatedNormalSpec
  | LognormalSpec
  | BetaSpec
  | GammaSpec
  | UniformSpec
  | TriangularSpec
  | PertSpec
  | EmpiricalSpec;

/**
 * Dirichlet over named components (e.g. a placement mix): every sample is a vector of shares
 * summing to 1. Given by concentration parameters, or by mean shares and the SD of the first
 * (dampack's `dirichlet_params`).
 */
export type DirichletSpec =
  | { readonly type: "dirichlet"; readonly alpha: Readonly<Record<string, number>> }
  | {
      readonly type: "dirichlet";
      readonly mean: Readonly<Record<string, number>>;
      readonly sd: number;
    };

/** The tag of every univariate distribution. */
export type DistributionType = DistributionSpec["type"];
