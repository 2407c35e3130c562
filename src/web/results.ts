/// <reference lib="dom" />
/**
 * Showing a run's results on the page: the answer with its "how to read this", every option
 * against the comparator, any answer sections the model provides, the tables, and the inputs the
 * results rest on (your figures, assumptions), with focus moved to the answer; then, once drawn,
 * the charts with their text alternatives.
 *
 * @module
 */

import { answerSentence, comparisons, howToRead } from "./answer.js";
import { $, esc } from "./dom.js";
import type { ChartView, InputView, RunDrawings, RunSummary } from "./protocol.js";
import { baseCaseTable, budgetTable, icerTable, tableHtml } from "./tables.js";

/**
 * A chart as a figure: its title as caption, the picture (an image named by the caption and
 * described by the summary; it scales to the width of the page), the summary in words and the
 * data table behind it, folded.
 *
 * @example
 * ```ts
 * chartFigure(view); // "<figure id=\"chart-ceac\" …"
 * ```
 */
export function chartFigure(c: ChartView): string {
  const id = `chart-${c.name.replace(/[^a-z0-9_-]/gi, "")}`;
  // The SVG scales with the page (its viewBox stays); the wrapper is the image for assistive
  // technology, so vega's own marks are hidden from it.
  const svg = c.svg
    .replace(/^<svg([^>]*?)\swidth="[\d.]+"/, "<svg$1")
    .replace(/^<svg([^>]*?)\sheight="[\d.]+"/, "<svg$1")
    .replace(/^<svg/, '<svg aria-hidden="true" focusable="false"');
  return `<figure id="${id}" class="chart"><figcaption id="${id}-title">${esc(c.title)}</figcaption><div class="picture" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-summary">${svg}</div><p class="summary" id="${id}-summary">${esc(c.summary)}</p><details><summary>The numbers behind this chart</summary>${tableHtml(c.table, `${id}-data`)}</details></figure>`;
}

/** A list of inputs ("label (name): source"). */
const inputList = (inputs: readonly InputView[]) =>
  inputs
    .map((x) => `<li><strong>${esc(x.label)}</strong> (${esc(x.name)}): ${esc(x.source)}</li>`)
    .join("");

/**
 * Shows a run's results but the charts, which follow (see {@link drawCharts}), and moves focus to
 * the answer.
 *
 * @example
 * ```ts
 * render(reply.summary);
 * ```
 */
export function render(s: RunSummary): void {
  $("answer").textContent = answerSentence(s);
  $("how-to-read-text").innerHTML = howToRead(s)
    .map((p) => `<p>${esc(p)}</p>`)
    .join("");
  $("comparisons-heading").textContent =
    `Each option compared with ${s.comparator} (PSA means of ${s.samples.toLocaleString("en-GB")} samples, seed ${s.seed})`;
  $("comparisons").innerHTML = comparisons(s)
    .map((c) => `<li>${esc(c)}</li>`)
    .join("");
  $("extra-sections").innerHTML = s.sections
    .map(
      (x, i) =>
        `<section class="extra" aria-labelledby="extra-${i}"><h3 id="extra-${i}">${esc(x.heading)}</h3>${x.text.map((t) => `<p>${esc(t)}</p>`).join("")}${x.table === undefined ? "" : tableHtml(x.table, `extra-${i}-table`)}</section>`,
    )
    .join("");
  const budget = budgetTable(s);
  $("tables").innerHTML = [
    tableHtml(baseCaseTable(s), "base-case"),
    tableHtml(icerTable(s), "icers"),
    budget === undefined ? "" : tableHtml(budget, "budget"),
  ].join("");
  // The charts come after the answer (see drawCharts).
  $("charts").setAttribute("aria-busy", "true");
  $("charts").innerHTML = '<p class="source">Drawing the charts…</p>';
  $("your-figures-block").hidden = s.yourFigures.length === 0;
  $("your-figures").innerHTML = inputList(s.yourFigures);
  $("assumptions").innerHTML = inputList(s.assumptions);
  // The numbers behind the sentence, for programs (and the end-to-end tests) to read.
  $("results").dataset.summary = JSON.stringify({
    incCost: s.incCost,
    incEffect: s.incEffect,
    acceptability: s.acceptability,
    icer: s.icers.at(-1)?.icer,
    baseCase: s.baseCase,
    options: s.options,
  });
  $("results").hidden = false;
  $("answer").focus();
}

/**
 * Shows a run's charts, in place of the note that they are being drawn.
 *
 * @example
 * ```ts
 * drawCharts(reply.drawings);
 * ```
 */
export function drawCharts(d: RunDrawings): void {
  $("charts").innerHTML = d.charts.map(chartFigure).join("");
  $("charts").removeAttribute("aria-busy");
}

/**
 * Says, in place of the charts, why they could not be drawn.
 *
 * @example
 * ```ts
 * noCharts("could not load charts.js");
 * ```
 */
export function noCharts(reason: string): void {
  $("charts").innerHTML = `<p class="source">The charts could not be drawn: ${esc(reason)}</p>`;
  $("charts").removeAttribute("aria-busy");
}
