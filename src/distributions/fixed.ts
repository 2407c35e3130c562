/**
 * The fixed (degenerate) distribution: every draw is the same value.
 *
 * @module
 */

import { finite } from "./check.js";
import type { Distribution } from "./distribution.js";
import type { FixedSpec } from "./spec.js";

/**
 * A constant.
 *
 * @example
 * ```ts
 * fixed({ type: "fixed", value: 1 }).quantile(0.3); // 1
 * ```
 */
export function fixed(spec: FixedSpec): Distribution {
  const value = finite("fixed", "value", spec.value);
  return {
    spec,
    mean: value,
    variance: 0,
    support: [value, value],
    cdf: (x) => (x >= value ? 1 : 0),
    quantile: () => value,
    sample: (_rng, out) => out.fill(value),
  };
}
