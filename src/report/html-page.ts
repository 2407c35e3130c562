/**
 * A self-contained HTML report page from sections and charts, laid out as `run`'s report
 * (html-report.ts): the first section's heading and text, the charts as inline SVG, each with the
 * values it plots published beside it as JSON (`<script type="application/json" data-chart>`),
 * then every other section with its table. It loads nothing from the network.
 *
 * @module
 */

import { type Chart, renderSvg } from "./charts.js";
import { escapeHtml, STYLE, tableHtml } from "./html-report.js";
import type { ReportSection } from "./scenario-report.js";

/**
 * One chart as a figure: caption, SVG and the plotted values as JSON.
 *
 * @example
 * ```ts
 * await chartFigure(evpiChart(rows)); // '<figure data-chart="evpi">…</figure>'
 * ```
 */
export async function chartFigure(chart: Chart): Promise<string> {
  const svg = await renderSvg(chart);
  const data = JSON.stringify(chart.values).replace(/</g, "\\u003c");
  return `<figure data-chart="${chart.name}"><figcaption>${escapeHtml(chart.title)}</figcaption>\n${svg}\n<script type="application/json" data-chart="${chart.name}">${data}</script></figure>`;
}

/**
 * The HTML page of a report's sections and charts.
 *
 * @example
 * ```ts
 * writeFileSync("report.html", await reportPageHtml(sections, charts));
 * ```
 */
export async function reportPageHtml(
  sections: readonly ReportSection[],
  charts: readonly Chart[],
): Promise<string> {
  const figures: string[] = [];
  for (const chart of charts) figures.push(await chartFigure(chart));
  const [first, ...rest] = sections;
  const body = [
    `<h1>${escapeHtml(first?.heading ?? "")}</h1>`,
    ...(first?.text ?? []).map((t) => `<p>${escapeHtml(t)}</p>`),
    "<h2>Charts</h2>",
    ...figures,
    ...rest.map((s) =>
      [
        `<h2>${escapeHtml(s.heading)}</h2>`,
        ...s.text.map((t) => `<p>${escapeHtml(t)}</p>`),
        s.table === undefined ? "" : `<div class="wide">${tableHtml(s.table)}</div>`,
      ].join("\n"),
    ),
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
