/**
 * A scenario's `correlations:`: groups of single (not Dirichlet) inputs drawn together through
 * a Gaussian copula. Each name must be a single sampled input in one group only, and each matrix
 * a valid correlation matrix.
 *
 * @module
 */

import { InputError } from "../errors.js";
import type { CorrelationSpec } from "../model/define-model.js";
import { suggest } from "../model/expressions.js";
import { choleskyOfCorrelation } from "../psa/correlation.js";
import type { IssueAt } from "./resolve-inputs.js";
import type { ScenarioInput } from "./schema.js";

/**
 * The scenario's correlation groups, checked; problems are recorded with `at`.
 *
 * @example
 * ```ts
 * checkCorrelations(scenario, ["irr_s47", "irr_s17"], sampledNames, at);
 * // [{ name: "rate_ratios", parameters: ["irr_s47", "irr_s17"], matrix: [...], scale: "spearman" }]
 * ```
 */
export function checkCorrelations(
  scenario: ScenarioInput,
  univariate: readonly string[],
  sampledNames: readonly string[],
  at: IssueAt,
): CorrelationSpec[] {
  const correlations: CorrelationSpec[] = [];
  const groupOf = new Map<string, string>();
  (scenario.correlations ?? []).forEach((c, i) => {
    for (const [k, p] of c.parameters.entries()) {
      const where = ["correlations", i, "parameters", k];
      if (!univariate.includes(p)) {
        const hint = suggest(p, univariate);
        at(
          where,
          sampledNames.includes(p)
            ? `"${p}" is a share of a Dirichlet group; only single parameters can be correlated`
            : `unknown parameter "${p}"${hint ? ` (did you mean "${hint}"?)` : ""}`,
        );
        return;
      }
      const other = groupOf.get(p);
      if (other !== undefined) {
        at(
          where,
          other === c.name
            ? `"${p}" is named twice in this correlation`
            : `"${p}" is already in the correlation "${other}"; a parameter can be in one correlation only`,
        );
        return;
      }
      groupOf.set(p, c.name);
    }
    try {
      choleskyOfCorrelation(c.name, c.parameters, c.matrix, c.scale ?? "spearman");
      correlations.push({
        name: c.name,
        parameters: c.parameters,
        matrix: c.matrix,
        scale: c.scale ?? "spearman",
      });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      at(["correlations", i, "matrix"], `correlation "${c.name}": ${e.issue.message}`);
    }
  });
  return correlations;
}
