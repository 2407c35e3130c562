/**
 * A report of one of the analysis commands (`dsa`, `threshold`, `evppi`, `compare`) in every
 * format, from one table model (src/report/document.ts): the same sections become plain text,
 * Markdown, HTML (with the command's charts) and tidy CSV; JSON is the command's own document.
 *
 * @module
 */

import { escapeJsonControls } from "../control-characters.js";
import type { Chart } from "./charts.js";
import { type ReportSection, sectionsMarkdown, sectionsText, tableTidyRows } from "./document.js";
import { sectionsHtml } from "./html-report.js";
import { type TidyRow, tidyCsv } from "./tidy-csv.js";

/** What a command reports, before a format is chosen. */
export interface CommandReport {
  /** The sections; the first one's heading is the title. */
  readonly sections: readonly ReportSection[];
  /** The charts of the HTML format (drawn only for it). */
  readonly charts?: () => readonly Chart[];
  /** The JSON document (numbers at full precision, null where undefined). */
  readonly json: () => unknown;
  /**
   * The tidy CSV rows per table name, when the tables' own rows (see `tableTidyRows`) are not
   * the tidy form (a grid, or one column per WTP).
   */
  readonly tidy?: () => Record<string, readonly TidyRow[]>;
}

/** The formats a command report renders to. */
export type CommandFormat = "table" | "md" | "html" | "json" | "csv";

/**
 * The tidy CSV rows of a report, one entry per table.
 *
 * @example
 * ```ts
 * Object.keys(commandTidyTables(report)); // ["dsa"]
 * ```
 */
export function commandTidyTables(report: CommandReport): Record<string, readonly TidyRow[]> {
  if (report.tidy !== undefined) return report.tidy();
  const out: Record<string, TidyRow[]> = {};
  for (const s of report.sections) {
    if (s.table !== undefined) out[s.table.name] = tableTidyRows(s.table);
  }
  return out;
}

/**
 * The report as text in `format` (CSV: every table in one tidy CSV).
 *
 * @example
 * ```ts
 * process.stdout.write(await renderCommandReport(report, "md"));
 * ```
 */
export async function renderCommandReport(
  report: CommandReport,
  format: CommandFormat,
): Promise<string> {
  switch (format) {
    case "json":
      return `${escapeJsonControls(JSON.stringify(report.json(), null, 2))}\n`;
    case "csv":
      return tidyCsv(Object.values(commandTidyTables(report)).flat());
    case "md":
      return sectionsMarkdown(report.sections);
    case "html":
      return sectionsHtml(report.sections, report.charts?.() ?? []);
    default:
      return sectionsText(report.sections);
  }
}

/**
 * One tidy CSV text per table of the report, keyed by table name (the files of `--out DIR`).
 *
 * @example
 * ```ts
 * commandCsvTables(report).dsa; // "section,item,strategy,…"
 * ```
 */
export function commandCsvTables(report: CommandReport): Record<string, string> {
  return Object.fromEntries(
    Object.entries(commandTidyTables(report)).map(([name, rows]) => [name, tidyCsv(rows)]),
  );
}
