/**
 * The one CSV layout of every report ceakit writes: a tidy long table, one number per row, with
 * snake_case headers, that R's `read.csv` and a spreadsheet read as data.
 *
 * `section,item,strategy,comparator,wtp,statistic,value,text`
 *
 * - `section`: which table the row belongs to (`icers`, `curves`, `dsa`, `evppi`, …);
 * - `item`: what else the row is about, where a table has another dimension (an outcome, a year,
 *   an input, a parameter, a scenario), else empty;
 * - `strategy`, `comparator`, `wtp`: as the row needs them, else empty;
 * - `statistic`: the quantity, snake_case (`inc_cost`, `icer`, `p_optimal`, …);
 * - `value`: always a number, or empty when the quantity has no value (an ICER with no
 *   difference in effect);
 * - `text`: the value of a statistic that is text (a status, a quadrant, a distribution), else
 *   empty.
 *
 * So `value` and `wtp` are the numeric columns: no `£`, no thousands separators, no "—".
 *
 * @module
 */

import { csvField } from "./format.js";

/** The header of the tidy layout, in order. */
export const TIDY_COLUMNS = [
  "section",
  "item",
  "strategy",
  "comparator",
  "wtp",
  "statistic",
  "value",
  "text",
] as const;

/** The numeric columns of the tidy layout. */
export const TIDY_NUMERIC_COLUMNS = ["wtp", "value"] as const;

/** One row of the tidy layout; a text `value` goes to the `text` column. */
export interface TidyRow {
  readonly section: string;
  readonly item?: string | null;
  readonly strategy?: string | null;
  readonly comparator?: string | null;
  readonly wtp?: number | null;
  readonly statistic: string;
  readonly value: number | string | null;
}

/**
 * One row as a CSV line: a number (finite, else empty) in `value`, text in `text`.
 *
 * @example
 * ```ts
 * tidyLine({ section: "icers", strategy: "swis", statistic: "status", value: "D" });
 * // "icers,,swis,,,status,,D"
 * ```
 */
export function tidyLine(row: TidyRow): string {
  const text = typeof row.value === "string" ? row.value : null;
  const value = typeof row.value === "number" ? row.value : null;
  return [
    row.section,
    row.item ?? null,
    row.strategy ?? null,
    row.comparator ?? null,
    row.wtp ?? null,
    row.statistic,
    value,
    text,
  ]
    .map((v) => csvField(v))
    .join(",");
}

/**
 * Rows as a tidy CSV text with its header.
 *
 * @example
 * ```ts
 * tidyCsv([{ section: "evppi", item: "irr_s47", wtp: 20000, statistic: "evppi", value: 12.5 }]);
 * // "section,item,strategy,comparator,wtp,statistic,value,text\nevppi,irr_s47,,,20000,evppi,12.5,\n"
 * ```
 */
export function tidyCsv(rows: Iterable<TidyRow>): string {
  const lines = [TIDY_COLUMNS.join(",")];
  for (const row of rows) lines.push(tidyLine(row));
  return `${lines.join("\n")}\n`;
}
