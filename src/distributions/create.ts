/**
 * Turning a distribution spec (plain data) into a {@link Distribution}.
 *
 * @module
 */

import { beta } from "./beta.js";
import { fail } from "./check.js";
import type { Distribution } from "./distribution.js";
import { empirical } from "./empirical.js";
import { fixed } from "./fixed.js";
import { gamma } from "./gamma.js";
import { lognormal } from "./lognormal.js";
import { normal } from "./normal.js";
import { pert } from "./pert.js";
import type { DistributionSpec } from "./spec.js";
import { triangular } from "./triangular.js";
import { truncatedNormal } from "./truncated-normal.js";
import { uniform } from "./uniform.js";

/**
 * Creates the distribution a spec describes, checking its parameters (an InputError names the
 * distribution and the parameter).
 *
 * @example
 * ```ts
 * const d = createDistribution({ type: "beta", mean: 0.28, sd: 0.03 });
 * d.quantile(0.025);
 * ```
 */
export function createDistribution(spec: DistributionSpec): Distribution {
  switch (spec.type) {
    case "fixed":
      return fixed(spec);
    case "normal":
      return normal(spec);
    case "truncnormal":
      return truncatedNormal(spec);
    case "lognormal":
      return lognormal(spec);
    case "beta":
      return beta(spec);
    case "gamma":
      return gamma(spec);
    case "uniform":
      return uniform(spec);
    case "triangular":
      return triangular(spec);
    case "pert":
      return pert(spec);
    case "empirical":
      return empirical(spec);
    default:
      return fail("distribution", `unknown type "${(spec as { type: unknown }).type}"`);
  }
}
