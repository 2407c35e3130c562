/**
 * The empirical distribution: resampling given values with equal weights.
 *
 * @module
 */

import { fail, finite } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { EmpiricalSpec } from "./spec.js";

/**
 * Draws uniformly from `values` (with replacement). Its CDF is the empirical CDF and its quantile
 * the inverse ECDF (R's type 1); mean and variance are those of the values themselves.
 *
 * @example
 * ```ts
 * empirical({ type: "empirical", values: [1, 2, 2, 5] }).quantile(0.5); // 2
 * ```
 */
export function empirical(spec: EmpiricalSpec): Distribution {
  if (!Array.isArray(spec.values) || spec.values.length === 0)
    fail("empirical", "values must be a non-empty list");
  const sorted = Float64Array.from(spec.values, (v, i) =>
    finite("empirical", `value ${i + 1}`, v),
  ).sort();
  const n = sorted.length;
  let mean = 0;
  for (const v of sorted) mean += v / n;
  let variance = 0;
  for (const v of sorted) variance += ((v - mean) * (v - mean)) / n;
  const values = Float64Array.from(spec.values);
  return {
    spec,
    mean,
    variance,
    support: [sorted[0] as number, sorted[n - 1] as number],
    cdf(x) {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as number) <= x) lo = mid + 1;
        else hi = mid;
      }
      return lo / n;
    },
    quantile(p) {
      if (!(p >= 0 && p <= 1))
        throw new RangeError(`empirical.quantile: p must be in [0, 1], got ${p}`);
      return sorted[Math.max(0, Math.ceil(p * n) - 1)] as number;
    },
    sample(rng, out) {
      rng.fillUniform(out);
      for (let i = 0; i < out.length; i++)
        out[i] = values[Math.floor((out[i] as number) * n)] as number;
      return out;
    },
  };
}
