/**
 * Answer sections a model provides beyond the cost-effectiveness answer: the place where a
 * model's own commissioner answers (a pathway model's cashable savings, net budget impact per
 * year, return on investment, payback probability, break-even effect) join the page. The page
 * shows each after the answer, as a heading, sentences and an optional table; the shipped models
 * provide none yet.
 *
 * @module
 */

import type { ScenarioResult } from "../scenario/run-scenario.js";
import type { AnswerSection } from "./protocol.js";

/**
 * The extra answer sections of a run, from its model (none for the shipped models yet).
 *
 * @example
 * ```ts
 * answerSections(result); // []
 * ```
 */
export function answerSections(_result: ScenarioResult): AnswerSection[] {
  return [];
}
