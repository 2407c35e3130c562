/**
 * A scenario's willingness-to-pay grid: a `{ from, to, by }` range or a strictly increasing list.
 *
 * @module
 */

import { MAX_WTP_POINTS } from "../analysis/limits.js";
import type { ModelFactory } from "../model/model-factory.js";
import type { ScenarioInput } from "./schema.js";

/** The WTP grid: a {from, to, by} range or a strictly increasing list. */
export function wtpGrid(
  scenario: ScenarioInput,
  at: (path: readonly PropertyKey[], message: string) => void,
  fallback: ModelFactory["defaultWtp"],
): number[] {
  const w = scenario.wtp ?? fallback ?? { from: 0, to: 100_000, by: 1000 };
  if (isList(w)) {
    for (let i = 1; i < w.length; i++) {
      if (!((w[i] as number) > (w[i - 1] as number))) {
        at(["wtp", i], "the WTP list must be strictly increasing");
        return [];
      }
    }
    return [...w];
  }
  if (!(w.to > w.from)) {
    at(["wtp", "to"], `expected a number above from (${w.from}), got ${w.to}`);
    return [];
  }
  const count = Math.floor((w.to - w.from) / w.by + 1e-9) + 1;
  if (count === 1) {
    at(
      ["wtp", "by"],
      `the step ${w.by} is larger than the range from ${w.from} to ${w.to}: the grid would hold ${w.from} alone (for one value, give the list [${w.from}])`,
    );
    return [];
  }
  if (count > MAX_WTP_POINTS) {
    at(
      ["wtp", "by"],
      `the grid would have ${count} values; at most ${MAX_WTP_POINTS.toLocaleString("en-GB")}`,
    );
    return [];
  }
  return Array.from({ length: count }, (_, k) => w.from + k * w.by);
}

/** Whether a WTP setting is a list (not a { from, to, by } range). */
function isList(w: readonly number[] | object): w is readonly number[] {
  return Array.isArray(w);
}
