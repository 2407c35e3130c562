/**
 * Answer sections a model provides beyond the cost-effectiveness answer: the commissioner
 * answers of a model that declares them (both shipped SWIS models do): cashable savings apart
 * from released staff time, net budget impact and payback per year, return on investment and
 * the break-even effect, as the reports show them. The page shows each after the answer, as a
 * heading, sentences and a table.
 *
 * @module
 */

import { commissionerSections } from "../report/commissioner-sections.js";
import { formatCell, type ReportSection } from "../report/document.js";
import type { ScenarioResult } from "../scenario/run-scenario.js";
import type { AnswerSection } from "./protocol.js";

/** A report section as the page shows it: cells formatted as in the reports. */
function answerSection(section: ReportSection): AnswerSection {
  const { table } = section;
  return {
    heading: section.heading,
    text: section.text,
    ...(table === undefined
      ? {}
      : {
          table: {
            caption: section.heading,
            head: table.columns.map((c) => c.title),
            rows: table.rows.map((row) =>
              row.map((cell, k) => formatCell(cell, table.columns[k]?.kind ?? "text")),
            ),
          },
        }),
  };
}

/**
 * The extra answer sections of a run: its commissioner answers, when the model gives them.
 *
 * @example
 * ```ts
 * answerSections(result).map((s) => s.heading);
 * // ["Commissioner answers: cashable savings and released staff time (…)", …]
 * ```
 */
export function answerSections(result: ScenarioResult): AnswerSection[] {
  const answers = result.commissioner;
  if (answers === undefined || answers === null) return [];
  const label = (name: string) => result.strategies.find((s) => s.name === name)?.label ?? name;
  return commissionerSections(answers, label).map(answerSection);
}
