/**
 * The empirical distribution: resampling given values with equal weights (e.g. bootstrap
 * replicates or a posterior sample).
 *
 * @module
 */

import { mean as compensatedMean } from "../core/sum.js";
import { checkProbability, fail, finite } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { EmpiricalSpec } from "./spec.js";

const EPS = 2.220446049250313e-16;

/**
 * Draws uniformly from `values`, with replacement. The CDF is the empirical CDF (the share of
 * values ≤ x), the quantile its inverse (R's type 1: the ⌈n·p⌉-th smallest value, with a
 * relative fuzz of 4ε on n·p so that p = k/n gives the k-th value despite rounding), and the
 * mean and variance are the population moments of the values (variance with divisor n).
 *
 * @example
 * ```ts
 * const d = createEmpirical({ type: "empirical", values: [1, 2, 2, 5] });
 * d.quantile(0.5); // 2
 * d.mean;          // 2.5
 * ```
 */
export function createEmpirical(spec: EmpiricalSpec): Distribution {
  const given: unknown = spec.values;
  if (!Array.isArray(given) || given.length === 0) {
    fail("empirical", "values must be a non-empty list of numbers");
  }
  const values = Float64Array.from(given as readonly unknown[], (v, i) =>
    finite("empirical", `value ${i + 1}`, v),
  );
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const mean = compensatedMean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    ss += d * d;
  }
  return {
    spec,
    mean,
    variance: ss / n,
    support: [sorted[0] as number, sorted[n - 1] as number],
    cdf(x) {
      if (Number.isNaN(x)) return Number.NaN;
      let lo = 0; // number of values ≤ x, by binary search
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as number) <= x) lo = mid + 1;
        else hi = mid;
      }
      return lo / n;
    },
    quantile(p) {
      checkProbability(p);
      const np = n * p;
      const k = Math.ceil(np - 4 * EPS * np);
      return sorted[k < 1 ? 0 : k - 1] as number;
    },
    sample(rng, out) {
      rng.fillUniform(out);
      const last = n - 1;
      for (let i = 0; i < out.length; i++) {
        const k = Math.floor((out[i] as number) * n);
        out[i] = values[k < last ? k : last] as number;
      }
      return out;
    },
  };
}
