/**
 * The page's result tables (base case, incremental analysis, budget impact) as plain table
 * views, and any table view as HTML that scrolls inside its own box on a narrow screen.
 *
 * @module
 */

import { formatMoney, formatNumber } from "../report/format.js";
import { esc } from "./dom.js";
import type { RunSummary, TableView } from "./protocol.js";

/**
 * A table view as HTML: a caption, column headers, each row's first cell as its header, inside
 * a focusable box that scrolls sideways when the table is wider than the screen.
 *
 * @example
 * ```ts
 * tableHtml({ caption: "Base case", head: ["Strategy", "Cost £"], rows: [["Usual", "0"]] }, "base-case");
 * ```
 */
export function tableHtml(t: TableView, id: string): string {
  const head = t.head.map((h) => `<th scope="col">${esc(h)}</th>`).join("");
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join("")}</tr>`,
    )
    .join("");
  return `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${id}-caption"><table id="${id}"><caption id="${id}-caption">${esc(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** Money for a table: "—" for a value that is not finite. */
const money = (x: number) => formatMoney(x);

/**
 * The base case (every input at its point value), per strategy.
 *
 * @example
 * ```ts
 * baseCaseTable(summary).head; // ["Strategy", "Cost £", "Section 47 enquiries avoided"]
 * ```
 */
export function baseCaseTable(s: RunSummary): TableView {
  return {
    caption: "Base case (every input at its point value)",
    head: ["Strategy", `Cost ${s.currency}`, s.effectLabel],
    rows: s.baseCase.map((b) => [b.label, money(b.cost), formatNumber(b.effect)]),
  };
}

/**
 * The incremental analysis of the PSA means (dampack's statuses).
 *
 * @example
 * ```ts
 * icerTable(summary).head.at(-1); // "Status"
 * ```
 */
export function icerTable(s: RunSummary): TableView {
  return {
    caption: "Incremental analysis (PSA means), cheapest first",
    head: [
      "Strategy",
      `Cost ${s.currency}`,
      s.effectLabel,
      `ICER ${s.currency} per ${s.effectPer}`,
      "Status",
    ],
    rows: s.icers.map((r) => [r.strategy, money(r.cost), formatNumber(r.effect), r.icer, r.status]),
  };
}

/**
 * The budget impact per year of each option against the comparator (undiscounted), with a
 * strategy column; undefined when the model has none.
 *
 * @example
 * ```ts
 * budgetTable(summary)?.head[0]; // "Strategy"
 * ```
 */
export function budgetTable(s: RunSummary): TableView | undefined {
  if (s.budget.length === 0) return undefined;
  return {
    caption: `Budget impact per year against ${s.comparator} (undiscounted PSA means)`,
    head: [
      "Strategy",
      "Year",
      `Programme ${s.currency}`,
      `Social care change ${s.currency}`,
      `Net ${s.currency}`,
    ],
    rows: s.budget.map((b) => [
      b.strategy,
      String(b.year),
      money(b.programme),
      money(b.care),
      money(b.net),
    ]),
  };
}
