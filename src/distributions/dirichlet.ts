/**
 * The Dirichlet distribution over named components (e.g. a placement mix), sampled as
 * normalised gammas.
 *
 * @module
 */

import type { Rng } from "../core/rng.js";
import { createBeta } from "./beta.js";
import { fail, oneForm, positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import { dirichletParams } from "./moments.js";
import type { DirichletSpec } from "./spec.js";

/** A Dirichlet over named components: every draw is a vector of shares summing to 1. */
export interface Dirichlet {
  /** The spec it was created from. */
  readonly spec: DirichletSpec;
  /** Component names, in the spec's order. */
  readonly names: readonly string[];
  /** Concentration parameters α_i, in the order of {@link Dirichlet.names}. */
  readonly alpha: readonly number[];
  /** α₀ = Σ α_i. */
  readonly alphaSum: number;
  /** Mean share of each component, α_i/α₀. */
  readonly mean: readonly number[];
  /** Variance of each share, α_i(α₀ − α_i)/(α₀²(α₀ + 1)). */
  readonly variance: readonly number[];
  /** Each component's marginal distribution, Beta(α_i, α₀ − α_i). */
  readonly marginals: readonly Distribution[];
  /**
   * The marginal of the named component.
   *
   * @example
   * ```ts
   * mix.marginal("foster").quantile(0.975);
   * ```
   */
  marginal(name: string): Distribution;
  /**
   * Fills one array per component (all of one length) with shares summing to 1 and returns
   * `outs`.
   *
   * @example
   * ```ts
   * const outs = mix.names.map(() => new Float64Array(1000));
   * mix.sample(Rng.create(1), outs); // outs[0][i] + outs[1][i] + outs[2][i] = 1
   * ```
   */
  sample(rng: Rng, outs: readonly Float64Array[]): readonly Float64Array[];
}

/**
 * Creates a Dirichlet from concentrations (`alpha`: one per named component), or from mean
 * shares and the SD of the first share (`mean`, `sd`; dampack's `dirichlet_params`). Draws are
 * G_i/Σ G_j with G_i ~ Gamma(α_i) from {@link Rng.fillGamma}, one component after the other;
 * when some α_i is below 1 the gammas are drawn as logarithms and normalised with the largest
 * factored out, so draws that underflow cannot give 0/0.
 *
 * @example
 * ```ts
 * const mix = createDirichlet({ type: "dirichlet", alpha: { foster: 68, residential: 17, other: 15 } });
 * mix.mean;                    // [0.68, 0.17, 0.15]
 * mix.marginal("foster").mean; // 0.68
 * ```
 */
export function createDirichlet(spec: DirichletSpec): Dirichlet {
  const form = oneForm("dirichlet", spec, [["alpha"], ["mean", "sd"]]);
  const given = spec as { alpha?: unknown; mean?: unknown; sd?: unknown };
  const table = form === 0 ? given.alpha : given.mean;
  if (typeof table !== "object" || table === null || Array.isArray(table)) {
    fail("dirichlet", `${form === 0 ? "alpha" : "mean"} must map component names to numbers`);
  }
  const entries = table as Readonly<Record<string, unknown>>;
  const names = Object.keys(entries);
  if (names.length < 2) fail("dirichlet", `needs at least two components, got ${names.length}`);
  const alpha =
    form === 0
      ? names.map((k) => positive("dirichlet", `alpha of "${k}"`, entries[k]))
      : dirichletParams(
          names.map((k) => entries[k] as number),
          given.sd as number,
          names,
        );
  let alphaSum = 0;
  for (const a of alpha) alphaSum += a;
  const k = names.length;
  const useLogs = alpha.some((a) => a < 1);
  const marginals = alpha.map((a) => createBeta({ type: "beta", alpha: a, beta: alphaSum - a }));
  return {
    spec,
    names,
    alpha,
    alphaSum,
    mean: alpha.map((a) => a / alphaSum),
    variance: alpha.map((a) => (a * (alphaSum - a)) / (alphaSum * alphaSum * (alphaSum + 1))),
    marginals,
    marginal(name) {
      const i = names.indexOf(name);
      if (i < 0) {
        throw new RangeError(
          `Dirichlet.marginal: unknown component "${name}" (components: ${names.join(", ")})`,
        );
      }
      return marginals[i] as Distribution;
    },
    sample(rng, outs) {
      if (outs.length !== k) {
        throw new RangeError(
          `Dirichlet.sample: expected ${k} arrays, one per component, got ${outs.length}`,
        );
      }
      const n = (outs[0] as Float64Array).length;
      for (const out of outs) {
        if (out.length !== n) {
          throw new RangeError(
            `Dirichlet.sample: arrays differ in length (${n} and ${out.length})`,
          );
        }
      }
      for (let j = 0; j < k; j++) {
        if (useLogs) rng.fillLogGamma(alpha[j] as number, outs[j] as Float64Array);
        else rng.fillGamma(alpha[j] as number, outs[j] as Float64Array);
      }
      for (let i = 0; i < n; i++) {
        if (useLogs) {
          let top = Number.NEGATIVE_INFINITY;
          for (let j = 0; j < k; j++) {
            const v = (outs[j] as Float64Array)[i] as number;
            if (v > top) top = v;
          }
          let total = 0;
          for (let j = 0; j < k; j++) {
            const out = outs[j] as Float64Array;
            const g = Math.exp((out[i] as number) - top);
            out[i] = g;
            total += g;
          }
          for (let j = 0; j < k; j++) {
            const out = outs[j] as Float64Array;
            out[i] = (out[i] as number) / total;
          }
        } else {
          let total = 0;
          for (let j = 0; j < k; j++) total += (outs[j] as Float64Array)[i] as number;
          for (let j = 0; j < k; j++) {
            const out = outs[j] as Float64Array;
            out[i] = (out[i] as number) / total;
          }
        }
      }
      return outs;
    },
  };
}
