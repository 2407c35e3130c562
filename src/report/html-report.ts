/**
 * A self-contained HTML report of a scenario: the report's sections and tables, and SVG charts
 * (CE plane, CEAC with the frontier, EVPI, tornado, EVPPI ranking) drawn with vega-lite. It
 * loads nothing from the network: styles are inline, charts are inline SVG, and the values each
 * chart plots are published beside it as JSON (`<script type="application/json" data-chart>`).
 *
 * @module
 */

import type { EvppiRanking } from "../analysis/evppi-ranking.js";
import type { OneWayResult } from "../psa/deterministic.js";
import type { ScenarioResult } from "../scenario/run-scenario.js";
import {
  type Chart,
  ceacChart,
  cePlaneChart,
  evpiChart,
  evppiChart,
  renderSvg,
  tornadoChart,
} from "./charts.js";
import { cohortTraceChart } from "./cohort-sections.js";
import { DEFAULT_CURRENCY } from "./currency.js";
import { formatCell, type ReportSection, type ReportTable } from "./document.js";
import { footnoteLines, sampleIndices } from "./format.js";
import { scenarioSections } from "./scenario-report.js";

/** Analyses that add charts to the report when given. */
export interface HtmlExtras {
  /** One-way DSA for the tornado. */
  readonly dsa?: OneWayResult;
  /** EVPPI per parameter against its noise floor; the chart ranks those above it. */
  readonly evppi?: EvppiRanking;
}

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * A table as HTML with its footnotes.
 *
 * @example
 * ```ts
 * tableHtml(table); // "<table data-table=\"icers\">…"
 * ```
 */
export function tableHtml(t: ReportTable): string {
  const head = t.columns.map((c) => `<th class="${c.kind}">${escapeHtml(c.title)}</th>`).join("");
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((v, i) => `<td class="${t.columns[i]?.kind ?? "text"}">${escapeHtml(formatCell(v, t.columns[i]?.kind ?? "text"))}</td>`).join("")}</tr>`,
    )
    .join("\n");
  const notes = footnoteLines(t.rows)
    .map((n) => `<p class="footnote">${escapeHtml(n)}</p>`)
    .join("\n");
  return `<table data-table="${t.name}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${notes === "" ? "" : `\n${notes}`}`;
}

/** The charts of a result (and of the extras given). */
export function scenarioCharts(r: ScenarioResult, extras: HtmlExtras = {}): Chart[] {
  const names = r.strategies.map((s) => s.name);
  const labels = r.strategies.map((s) => s.label);
  const n = r.draws.samples.nSamples;
  const { cost, effect } = r.draws.samples;
  // At most 2,000 samples per strategy on the plane: enough to see the cloud.
  const shown = sampleIndices(n, 2000);
  const points = names.slice(1).flatMap((_, m) => {
    const j = m + 1;
    return shown.map((i) => ({
      strategy: labels[j] as string,
      incEffect: (effect[j * n + i] as number) - (effect[i] as number),
      incCost: (cost[j * n + i] as number) - (cost[i] as number),
    }));
  });
  const c = r.psa.curves;
  const S = names.length;
  const ceac = Array.from(c.wtp).flatMap((wtp, k) =>
    names.map((_, j) => ({
      wtp,
      strategy: labels[j] as string,
      probability: c.ceac[k * S + j] as number,
      frontier: c.ceafStrategy[k] === j ? 1 : 0,
    })),
  );
  const charts = [
    cePlaneChart(points, r.acceptability.at(-1)?.wtp ?? 0, r.effect.label, labels, r.currency),
    ceacChart(ceac, labels, r.currency),
    evpiChart(
      Array.from(c.wtp, (wtp, k) => ({ wtp, evpi: c.evpi[k] as number })),
      r.currency,
    ),
  ];
  if (extras.dsa !== undefined) {
    charts.push(tornadoChart(extras.dsa.bars, extras.dsa.baseInmb, extras.dsa.wtp, r.currency));
  }
  if (extras.evppi !== undefined) charts.push(evppiRankingChart(extras.evppi, r.currency));
  if (r.cohort !== undefined) charts.push(cohortTraceChart(r.cohort));
  return charts;
}

/**
 * The EVPPI chart of a ranking at its ranking WTP: only the parameters above the noise floor,
 * highest first; when there are none, the chart says so instead of ranking noise.
 *
 * @example
 * ```ts
 * evppiRankingChart(rankEvppi(psa.samples, psa.parameters, [20000]));
 * ```
 */
export function evppiRankingChart(
  ranking: EvppiRanking,
  currency: string = DEFAULT_CURRENCY,
): Chart {
  const at = ranking.wtp.indexOf(ranking.rankWtp);
  const rows = ranking.ranked.map((e) => ({
    parameter: e.parameter,
    evppi: e.values[at] as number,
  }));
  return evppiChart(rows, ranking.rankWtp, ranking.floor.floor[at] as number, currency);
}

/** The report pages' inline style sheet. */
export const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.85rem; }
th, td { border-bottom: 1px solid #eee; padding: 0.25rem 0.5rem; vertical-align: top; }
th { text-align: left; background: #f6f6f6; }
td.money, td.number, td.probability, td.wtp, th.money, th.number, th.probability, th.wtp { text-align: right; font-variant-numeric: tabular-nums; }
td.note { max-width: 28rem; }
figure { margin: 1rem 0 2rem; } figcaption { font-weight: 600; margin-bottom: 0.4rem; }
p.note { color: #555; font-style: italic; }
.wide { overflow-x: auto; }
`;

/**
 * A self-contained HTML page of report sections (the first one's heading is the title) with
 * charts after the first section: SVG drawn with vega, the plotted values published beside each
 * as JSON; a chart with nothing to plot shows its note instead.
 *
 * @example
 * ```ts
 * writeFileSync("dsa.html", await sectionsHtml(sections, [tornadoChart(bars, base, 20000)]));
 * ```
 */
export async function sectionsHtml(
  sections: readonly ReportSection[],
  charts: readonly Chart[] = [],
): Promise<string> {
  const figures: string[] = [];
  for (const chart of charts) {
    const picture =
      chart.values.length === 0 && chart.note !== undefined
        ? `<p class="note">${escapeHtml(chart.note)}</p>`
        : await renderSvg(chart);
    const data = JSON.stringify(chart.values).replace(/</g, "\\u003c");
    figures.push(
      `<figure data-chart="${chart.name}"><figcaption>${escapeHtml(chart.title)}</figcaption>\n${picture}\n<script type="application/json" data-chart="${chart.name}">${data}</script></figure>`,
    );
  }
  const section = (s: ReportSection) =>
    [
      ...s.text.map((t) => `<p>${escapeHtml(t)}</p>`),
      s.table === undefined ? "" : `<div class="wide">${tableHtml(s.table)}</div>`,
    ].filter((x) => x !== "");
  const [first, ...rest] = sections;
  const body = [
    `<h1>${escapeHtml(first?.heading ?? "")}</h1>`,
    ...(first === undefined ? [] : section(first)),
    ...(figures.length === 0 ? [] : ["<h2>Charts</h2>", ...figures]),
    ...rest.map((s) => [`<h2>${escapeHtml(s.heading)}</h2>`, ...section(s)].join("\n")),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(first?.heading ?? "ceakit report")}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}

/**
 * The HTML report of a scenario run.
 *
 * @example
 * ```ts
 * writeFileSync("report.html", await scenarioHtml(result, { dsa }));
 * ```
 */
export async function scenarioHtml(r: ScenarioResult, extras: HtmlExtras = {}): Promise<string> {
  return sectionsHtml(scenarioSections(r), scenarioCharts(r, extras));
}
