/**
 * How every command that writes a report (`run`, `dsa`, `threshold`, `evppi`, `compare`) takes
 * `--format` and `--out`, and writes: one rule per format (see README, "Output files").
 *
 * - `table`, `md`, `json`, `html` are single-file formats: `--out PATH` is that file, whatever
 *   its name.
 * - `csv` is a multi-file format: `--out DIR` is a directory that receives one tidy CSV per table
 *   and a manifest, written as one set. Without `--out`, one tidy CSV of every table goes to
 *   standard output.
 *
 * @module
 */

import { escapeControls } from "../control-characters.js";
import type { Output } from "../node/output-file.js";
import type { CliIo } from "./io.js";
import { parseChoice } from "./options.js";

/** The formats of every report. */
export const REPORT_FORMATS = ["table", "md", "html", "json", "csv"] as const;

/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The help text of `--format`. */
export const FORMAT_HELP = "table, md, html, json or csv";

/** The help text of `--out`. */
export const OUT_HELP =
  "write the report to this file (table, md, html, json), or for csv into this directory: one CSV per table, written atomically as a set";

/**
 * Parses `--format` (naming the choices when it is not one of them).
 *
 * @example
 * ```ts
 * parseReportFormat("md"); // "md"
 * ```
 */
export function parseReportFormat(text: string): ReportFormat {
  return parseChoice("--format", text, REPORT_FORMATS);
}

/**
 * Where `--out` writes for a format: the file itself for a single-file format, a directory
 * written as a set for CSV; undefined without `--out` (standard output).
 *
 * @example
 * ```ts
 * reportOutput("md", "report.md");  // { kind: "file", path: "report.md", replace: true }
 * reportOutput("csv", "tables/");   // { kind: "set", dir: "tables" }
 * ```
 */
export function reportOutput(format: ReportFormat, out: string | undefined): Output | undefined {
  if (out === undefined) return undefined;
  // An empty --out stays empty, and is refused as such (never read as the root "/").
  if (format === "csv")
    return { kind: "set", dir: out === "" ? "" : out.replace(/\/+$/, "") || "/" };
  return { kind: "file", path: out, replace: true };
}

/** A report ready to write: the single text of the format, or for a CSV set one text per table. */
export interface RenderedReport {
  /** The whole report in the chosen format (for CSV: every table in one tidy CSV). */
  readonly text: () => string | Promise<string>;
  /** For CSV: one tidy CSV text per table, keyed by table name. */
  readonly tables: () => Record<string, string>;
}

/**
 * Writes a report to standard output, or to `output` (checked before the work started), and says
 * on standard error what was written.
 *
 * @example
 * ```ts
 * await writeReport(io, reportOutput(format, flags.out), rendered);
 * ```
 */
export async function writeReport(
  io: CliIo,
  output: Output | undefined,
  report: RenderedReport,
): Promise<void> {
  if (output === undefined) {
    io.stdout(await report.text());
    return;
  }
  if (output.kind === "set") {
    const files = Object.fromEntries(
      Object.entries(report.tables()).map(([name, text]) => [`${name}.csv`, text]),
    );
    io.writeSet(output, files);
    const names = Object.keys(files).map((name) => `${output.dir}/${name}`);
    io.stderr(`wrote ${escapeControls(names.join(", "))}\n`);
    return;
  }
  io.writeFile(output, await report.text());
  io.stderr(`wrote ${escapeControls(output.path)}\n`);
}
