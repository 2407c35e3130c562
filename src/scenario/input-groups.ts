/**
 * Whose numbers a run rests on: each resolved input is one of "your figures" (tagged local, or
 * set in the scenario with evidence: tag verified or derived), "national defaults" (the model's own
 * sourced defaults, or a figure a scenario tagged `national-default`: a national number standing
 * in for a local one) or "assumptions" (tag assumption or not-found, wherever set). Reports show
 * the three apart, and a run warns about template slots still holding national defaults.
 *
 * @module
 */

import { isAssumption, isLocal } from "../model/provenance.js";
import type { ResolvedInput } from "./load-scenario.js";

/**
 * The three groups a report shows inputs in.
 *
 * @example
 * ```ts
 * const group: InputGroup = inputGroup(loaded.inputs[0]); // "national-defaults"
 * ```
 */
export type InputGroup = "your-figures" | "national-defaults" | "assumptions";

/**
 * The group of one input: assumptions by tag (a `national-default` whose national figure is
 * itself an assumption stays one); otherwise your figure when the scenario set it with evidence,
 * else a national default.
 *
 * @example
 * ```ts
 * inputGroup({ tag: "verified", setIn: "my.yaml:12:3" }); // "your-figures"
 * inputGroup({ tag: "national-default", setIn: "my.yaml:20:3", modelTag: "derived" }); // "national-defaults"
 * inputGroup({ tag: "national-default", setIn: "my.yaml:30:3", modelTag: "assumption" }); // "assumptions"
 * ```
 */
export function inputGroup(input: Pick<ResolvedInput, "tag" | "setIn" | "modelTag">): InputGroup {
  if (isAssumption(input.tag)) return "assumptions";
  if (isLocal(input.tag)) return "your-figures";
  if (input.tag === "national-default") {
    return isAssumption(input.modelTag) ? "assumptions" : "national-defaults";
  }
  return input.setIn === undefined ? "national-defaults" : "your-figures";
}

/**
 * Inputs split into the three groups of {@link inputGroup}, each in the given order.
 *
 * @example
 * ```ts
 * const groups = groupInputs(loaded.inputs);
 * groups["your-figures"].map((i) => i.name);
 * ```
 */
export function groupInputs(inputs: readonly ResolvedInput[]): Record<InputGroup, ResolvedInput[]> {
  const out: Record<InputGroup, ResolvedInput[]> = {
    "your-figures": [],
    "national-defaults": [],
    assumptions: [],
  };
  for (const i of inputs) out[inputGroup(i)].push(i);
  return out;
}

/**
 * Inputs a scenario file sets but still tags `national-default`: the LOCAL slots of the
 * `ceakit init` template that were not replaced with the authority's own figure (replacing a
 * value means replacing its source and tag too). Names, in order, once each.
 *
 * @example
 * ```ts
 * templateDefaultsLeft(loaded.inputs); // ["sw_salary", "rate_s47"]
 * ```
 */
export function templateDefaultsLeft(inputs: readonly ResolvedInput[]): string[] {
  const names = inputs
    .filter((i) => i.setIn !== undefined && i.tag === "national-default")
    .map((i) => (i.strategy === undefined ? i.name : `${i.name} (${i.strategy})`));
  return [...new Set(names)];
}

/**
 * The warning for {@link templateDefaultsLeft}'s names, or undefined when there are none.
 *
 * @example
 * ```ts
 * templateDefaultsWarning(["rate_s47"]);
 * // "warning: 1 input still holds the template's national default instead of a local figure: rate_s47. …"
 * ```
 */
export function templateDefaultsWarning(names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const count = names.length === 1 ? "1 input still holds" : `${names.length} inputs still hold`;
  return (
    `warning: ${count} the template's national default instead of a local figure: ${names.join(", ")}. ` +
    "The results use national figures there; replace each value with your own and its source and tag " +
    "(verified or derived), or keep it knowingly."
  );
}
