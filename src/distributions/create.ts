/**
 * Turning a univariate distribution spec (plain data, e.g. from a scenario's YAML) into a
 * {@link Distribution}.
 *
 * @module
 */

import { createBeta } from "./beta.js";
import { fail } from "./check.js";
import type { Distribution } from "./distribution.js";
import { createEmpirical } from "./empirical.js";
import { createFixed } from "./fixed.js";
import { createGamma } from "./gamma.js";
import { createLognormal } from "./lognormal.js";
import { createNormal } from "./normal.js";
import { createPert } from "./pert.js";
import type { DistributionSpec, DistributionType } from "./spec.js";
import { createTriangular } from "./triangular.js";
import { createTruncatedNormal } from "./truncated-normal.js";
import { createUniform } from "./uniform.js";

/** Every univariate type, in the order listed in messages. */
const TYPES: readonly DistributionType[] = [
  "fixed",
  "normal",
  "truncnormal",
  "lognormal",
  "beta",
  "gamma",
  "uniform",
  "triangular",
  "pert",
  "empirical",
];

/**
 * Creates the distribution a spec describes. Every parameter is checked (finite numbers,
 * positive SDs and shapes, min < max, min ≤ mode ≤ max, means of a beta inside (0, 1), a
 * possible SD for the mean, and so on); a problem throws an InputError whose message names the
 * distribution and the parameter, e.g. `gamma: sd must be positive, got 0`.
 *
 * @example
 * ```ts
 * const d = createDistribution({ type: "beta", mean: 0.28, sd: 0.03 });
 * d.quantile(0.025);
 * ```
 */
export function createDistribution(spec: DistributionSpec): Distribution {
  if (typeof spec !== "object" || spec === null) {
    return fail("distribution", `expected a distribution spec, got ${String(spec)}`);
  }
  switch (spec.type) {
    case "fixed":
      return createFixed(spec);
    case "normal":
      return createNormal(spec);
    case "truncnormal":
      return createTruncatedNormal(spec);
    case "lognormal":
      return createLognormal(spec);
    case "beta":
      return createBeta(spec);
    case "gamma":
      return createGamma(spec);
    case "uniform":
      return createUniform(spec);
    case "triangular":
      return createTriangular(spec);
    case "pert":
      return createPert(spec);
    case "empirical":
      return createEmpirical(spec);
    default: {
      const type: unknown = (spec as { type?: unknown }).type;
      return fail(
        "distribution",
        `unknown type ${typeof type === "string" ? `"${type}"` : String(type)} (expected one of ${TYPES.join(", ")})`,
      );
    }
  }
}
