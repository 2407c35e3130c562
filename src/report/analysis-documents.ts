/**
 * `ceakit analyse`'s Markdown and HTML reports: its sections (analysis-sections.ts) rendered as
 * `run`'s reports are, the HTML with `run`'s charts.
 *
 * @module
 */

import type { PsaAnalysis } from "../analysis/analyse.js";
import type { CeSamples } from "../analysis/samples.js";
import { analysisCharts } from "./analysis-charts.js";
import { type AnalysisReportOptions, analysisSections } from "./analysis-sections.js";
import { sectionsMarkdown } from "./document.js";
import { sectionsHtml } from "./html-report.js";

/**
 * The Markdown report of an analysis.
 *
 * @example
 * ```ts
 * writeFileSync("report.md", analysisMarkdown(result, { title: "psa.csv" }));
 * ```
 */
export function analysisMarkdown(a: PsaAnalysis, options: AnalysisReportOptions = {}): string {
  return sectionsMarkdown(analysisSections(a, options));
}

/**
 * The self-contained HTML report of an analysis of `samples`, with the CE plane, CEAC/CEAF,
 * EVPI and (with EVPPI) the EVPPI ranking.
 *
 * @example
 * ```ts
 * writeFileSync("report.html", await analysisHtml(result, samples, { title: "psa.csv" }));
 * ```
 */
export async function analysisHtml(
  a: PsaAnalysis,
  samples: CeSamples,
  options: AnalysisReportOptions = {},
): Promise<string> {
  return sectionsHtml(
    analysisSections(a, options),
    analysisCharts(a, samples, options.evppi, options.currency),
  );
}
