/**
 * Report sections as Markdown (GitHub-flavoured tables), laid out as `run`'s Markdown report.
 *
 * @module
 */

import { escapeControlsInLines } from "../control-characters.js";
import { footnoteLines } from "./format.js";
import { formatCell, type ReportSection } from "./scenario-report.js";

const mdCell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/**
 * Markdown of report sections: the first heading as `#`, the others as `##`, each table with its
 * footnotes. Control characters from the input are shown escaped.
 *
 * @example
 * ```ts
 * sectionsMarkdown([{ heading: "PSA", text: ["3 strategies"] }]); // "# PSA\n\n3 strategies\n"
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
