/**
 * The Dirichlet distribution over named components (e.g. a placement mix), sampled as
 * normalised gammas.
 *
 * @module
 */

import { fillGamma, type Rng } from "../core/rng.js";
import { beta } from "./beta.js";
import { fail, positive } from "./check.js";
import type { Distribution } from "./distribution.js";
import { dirichletParams } from "./moments.js";
import type { DirichletSpec } from "./spec.js";

/** A Dirichlet over named components. */
export interface Dirichlet {
  readonly spec: DirichletSpec;
  /** Component names, in the spec's order. */
  readonly names: readonly string[];
  /** Concentration parameters. */
  readonly alpha: readonly number[];
  /** Mean share of each component, α_i / α₀. */
  readonly mean: readonly number[];
  /** Variance of each share, α_i(α₀ − α_i) / (α₀²(α₀ + 1)). */
  readonly variance: readonly number[];
  /** Each component's marginal, Beta(α_i, α₀ − α_i). */
  readonly marginals: readonly Distribution[];
  /** Fills one array per component (all of the same length) with shares summing to 1. */
  sample(rng: Rng, outs: readonly Float64Array[]): readonly Float64Array[];
}

/**
 * Creates a Dirichlet from concentrations, or from mean shares and the SD of the first.
 *
 * @example
 * ```ts
 * const mix = createDirichlet({ type: "dirichlet", alpha: { foster: 68, residential: 17, other: 15 } });
 * mix.mean; // [0.68, 0.17, 0.15]
 * ```
 */
export function createDirichlet(spec: DirichletSpec): Dirichlet {
  const names = Object.keys("alpha" in spec ? spec.alpha : spec.mean);
  if (names.length < 2) fail("dirichlet", "needs at least two components");
  const alpha =
    "alpha" in spec
      ? names.map((k) => positive("dirichlet", `alpha.${k}`, spec.alpha[k]))
      : dirichletParams(
          names.map((k) => spec.mean[k] as number),
          spec.sd,
        );
  const total = alpha.reduce((a, b) => a + b, 0);
  return {
    spec,
    names,
    alpha,
    mean: alpha.map((a) => a / total),
    variance: alpha.map((a) => (a * (total - a)) / (total * total * (total + 1))),
    marginals: alpha.map((a) => beta({ type: "beta", alpha: a, beta: total - a })),
    sample(rng, outs) {
      if (outs.length !== names.length)
        throw new RangeError("Dirichlet.sample: one array per component");
      alpha.forEach((a, k) => {
        fillGamma(rng, a, outs[k] as Float64Array);
      });
      const n = (outs[0] as Float64Array).length;
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (const out of outs) sum += out[i] as number;
        for (const out of outs) out[i] = (out[i] as number) / sum;
      }
      return outs;
    },
  };
}
