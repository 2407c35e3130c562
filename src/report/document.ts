/**
 * The one table model of every report (the scenario report of `run` and the reports of `dsa`,
 * `threshold`, `evppi` and `compare`), and its renderers: plain text, Markdown, HTML tables,
 * tidy CSV rows and JSON records. A command builds sections of tables; how a cell is shown
 * depends only on its column's kind.
 *
 * @module
 */

import { escapeControls, escapeControlsInLines } from "../control-characters.js";
import {
  type CellValue,
  DASH,
  footnoteLines,
  formatIcer,
  formatMoney,
  formatNumber,
  formatProbability,
  formatWtp,
  isIncrement,
  isNoValue,
  rawValue,
  textTable,
} from "./format.js";
import type { TidyRow } from "./tidy-csv.js";

/**
 * How a column's values are shown. `icer` cells are {@link Increment}s: shown with their
 * quadrant, never as a bare negative ratio.
 */
export type Kind = "text" | "note" | "money" | "number" | "probability" | "wtp" | "icer";

/** Which dimension of the tidy CSV layout a column fills, when it is not a statistic. */
export type Dimension = "item" | "strategy" | "comparator" | "wtp";

/** One column: its title for readers, and for CSV and JSON its snake_case key. */
export interface ReportColumn {
  readonly title: string;
  readonly kind: Kind;
  /** The CSV statistic / JSON field name (default: the title in snake_case). */
  readonly key?: string;
  /** The tidy CSV dimension this column fills (default: none, it is a statistic). */
  readonly dimension?: Dimension;
}

/** One table of a report: raw values, formatted only when rendered as text or Markdown. */
export interface ReportTable {
  /** File-name-friendly name, e.g. "cost_consequence"; the tidy CSV's `section`. */
  readonly name: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly CellValue[])[];
}

/** One section: a heading, paragraphs and at most one table. */
export interface ReportSection {
  readonly heading: string;
  readonly text: readonly string[];
  readonly table?: ReportTable;
}

/**
 * One table cell as text: "—" for no value (its reason goes in the table's footnote, see
 * {@link footnoteLines}), numbers by their column's kind, "≈ 0" kept as given.
 *
 * @example
 * ```ts
 * formatCell(0.0213, "probability"); // "0.021"
 * formatCell({ incCost: -9905, incEffect: 1.2 }, "icer"); // "dominant"
 * ```
 */
export function formatCell(value: CellValue, kind: Kind): string {
  if (value === null || isNoValue(value)) return DASH;
  if (isIncrement(value)) return formatIcer(value.incCost, value.incEffect);
  if (typeof value === "string") return value;
  switch (kind) {
    case "money":
    case "icer":
      return formatMoney(value);
    case "probability":
      return formatProbability(value);
    case "wtp":
      return formatWtp(value);
    default:
      return formatNumber(value);
  }
}

/**
 * A title as a snake_case key: "inc. cost £" → "inc_cost".
 *
 * @example
 * ```ts
 * snakeCase("P(cost-effective)"); // "p_cost_effective"
 * ```
 */
export function snakeCase(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/%/g, " pct ")
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "") || "value"
  );
}

/** A column's CSV and JSON key. */
export const columnKey = (c: ReportColumn): string => c.key ?? snakeCase(c.title);

/** Long notes are cut in the terminal report (Markdown, CSV and JSON keep them whole). */
const clip = (s: string, kind: Kind | undefined) =>
  kind === "note" && s.length > 60 ? `${s.slice(0, 59)}…` : s;

/**
 * A table as aligned plain text with its footnotes.
 *
 * @example
 * ```ts
 * tableText(table).split("\n")[0]; // the header line
 * ```
 */
export function tableText(t: ReportTable): string[] {
  return [
    textTable(
      t.columns.map((c) => c.title),
      // A cell is one line: a line end in it (a file name, say) is shown escaped.
      t.rows.map((row) =>
        row.map((v, i) =>
          escapeControls(clip(formatCell(v, t.columns[i]?.kind ?? "text"), t.columns[i]?.kind)),
        ),
      ),
    ),
    ...footnoteLines(t.rows),
  ];
}

/**
 * Sections as a plain-text report for a terminal: the first heading is the title.
 *
 * @example
 * ```ts
 * process.stdout.write(sectionsText(sections));
 * ```
 */
export function sectionsText(sections: readonly ReportSection[]): string {
  const out: string[] = [];
  for (const s of sections) {
    out.push(s.heading, "=".repeat(Math.min(s.heading.length, 100)));
    for (const t of s.text) out.push(t);
    if (s.text.length > 0) out.push("");
    if (s.table !== undefined) {
      // A loop, not push(...lines): a table may have more rows than a call takes arguments.
      for (const line of tableText(s.table)) out.push(line);
      out.push("");
    } else if (s.text.length === 0) out.push("");
  }
  // Control characters from the inputs (titles, labels, sources) are shown escaped.
  return escapeControlsInLines(`${out.join("\n").trimEnd()}\n`);
}

const mdCell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/**
 * Sections as Markdown (GitHub-flavoured tables): the first heading is the document's title.
 *
 * @example
 * ```ts
 * writeFileSync("report.md", sectionsMarkdown(sections));
 * ```
 */
export function sectionsMarkdown(sections: readonly ReportSection[]): string {
  const out: string[] = [];
  sections.forEach((s, i) => {
    out.push(`${i === 0 ? "#" : "##"} ${s.heading}`, "");
    for (const t of s.text) out.push(t, "");
    if (s.table !== undefined) {
      const t = s.table;
      out.push(`| ${t.columns.map((c) => mdCell(c.title)).join(" | ")} |`);
      out.push(`|${t.columns.map((c) => (c.kind === "text" ? " --- |" : " ---: |")).join("")}`);
      for (const row of t.rows) {
        out.push(
          `| ${row.map((v, k) => mdCell(formatCell(v, t.columns[k]?.kind ?? "text"))).join(" | ")} |`,
        );
      }
      const notes = footnoteLines(t.rows);
      if (notes.length > 0) out.push("", ...notes.map((n) => `${n}  `));
      out.push("");
    }
  });
  return escapeControlsInLines(`${out.join("\n").trimEnd()}\n`);
}

/**
 * A table's rows in the tidy CSV layout: per row, its dimension columns fill `item`,
 * `strategy`, `comparator` and `wtp`, and every other column gives one row with that column's
 * key as `statistic`. A cell shown as text to a reader but meaning "no value" ("≈ 0" is not one
 * of them) is an empty value.
 *
 * @example
 * ```ts
 * tableTidyRows(table).map((r) => r.statistic);
 * ```
 */
export function tableTidyRows(t: ReportTable): TidyRow[] {
  const out: TidyRow[] = [];
  for (const row of t.rows) {
    const dims: Record<Dimension, string | number | null> = {
      item: null,
      strategy: null,
      comparator: null,
      wtp: null,
    };
    t.columns.forEach((c, i) => {
      if (c.dimension !== undefined) dims[c.dimension] = rawValue(row[i] ?? null);
    });
    t.columns.forEach((c, i) => {
      if (c.dimension !== undefined) return;
      out.push({
        section: t.name,
        item: dims.item === null ? null : String(dims.item),
        strategy: dims.strategy === null ? null : String(dims.strategy),
        comparator: dims.comparator === null ? null : String(dims.comparator),
        wtp: typeof dims.wtp === "number" ? dims.wtp : null,
        statistic: columnKey(c),
        value: rawValue(row[i] ?? null),
      });
    });
  }
  return out;
}

/**
 * A table's rows as JSON records keyed by column key; undefined quantities are null.
 *
 * @example
 * ```ts
 * tableRecords(table)[0]; // { parameter: "irr_s47", low: 0.955, … }
 * ```
 */
export function tableRecords(t: ReportTable): Record<string, string | number | null>[] {
  return t.rows.map((row) =>
    Object.fromEntries(t.columns.map((c, i) => [columnKey(c), rawValue(row[i] ?? null)])),
  );
}
