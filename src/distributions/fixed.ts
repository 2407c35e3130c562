/**
 * The fixed (degenerate) distribution: a parameter held constant in the PSA.
 *
 * @module
 */

import type { Rng } from "../core/rng.js";
import { checkProbability, finite } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { FixedSpec } from "./spec.js";

/**
 * A constant: every draw is `value`, the variance is 0, the CDF steps from 0 to 1 at `value`
 * and every quantile is `value`. Sampling consumes no random numbers.
 *
 * @example
 * ```ts
 * const d = createFixed({ type: "fixed", value: 1040 });
 * d.sample(Rng.create(1), new Float64Array(3)); // [1040, 1040, 1040]
 * d.cdf(1039.9);                                // 0
 * ```
 */
export function createFixed(spec: FixedSpec): Distribution {
  const value = finite("fixed", "value", spec.value);
  return {
    spec,
    mean: value,
    variance: 0,
    support: [value, value],
    cdf: (x) => (x >= value ? 1 : x < value ? 0 : Number.NaN),
    quantile(p) {
      checkProbability(p);
      return value;
    },
    sample(_rng: Rng, out) {
      return out.fill(value);
    },
  };
}
