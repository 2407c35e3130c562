/**
 * Reports of a cohort (Markov) model: the conventions it states, the base-case results and
 * incremental table, the per-cycle discounted costs and effects, the cohort trace (a table and
 * a chart) and, when a PSA is given, the acceptability at chosen WTPs and the CEAC. Rendered as
 * Markdown or as a self-contained HTML page; the sections are plain data
 * ({@link cohortSections}) so that other reports can include them.
 *
 * @module
 */

import { analysePsa } from "../analysis/analyse.js";
import { calculateIcers } from "../analysis/icers.js";
import type { CeSamples } from "../analysis/samples.js";
import type { CohortTrace } from "../cohort/trace.js";
import { type Chart, ceacChart } from "./charts.js";
import { cohortCycleSections, cohortTraceChart, discountTimingText } from "./cohort-sections.js";
import { type ReportSection, sectionsMarkdown } from "./document.js";
import { STATUS_TEXT } from "./format.js";
import { sectionsHtml } from "./html-report.js";

/** What a cohort report is made from. */
export interface CohortReportInput {
  /** Title of the report (default: the model's name). */
  readonly title?: string;
  /** The recorded base case (`runCohortBaseCase`). */
  readonly base: CohortTrace;
  /** A PSA of the model and the WTPs (per unit of effect) to report it at. */
  readonly psa?: { readonly samples: CeSamples; readonly wtp: readonly number[] };
}

/** How the conventions read in words. */
function conventionText(base: CohortTrace): string {
  const c = base.conventions;
  const counted = { start: "m_0 … m_{n−1}", end: "m_1 … m_n", all: "m_0 … m_n" }[
    c.counting as "start" | "end" | "all"
  ];
  const rate = (r: unknown) =>
    typeof r === "number"
      ? `${Number((r * 100).toFixed(4))}%`
      : Array.isArray(r)
        ? "stepped bands"
        : String(r);
  const head = `${base.cycles} cycles of ${base.cycleLength} year${base.cycleLength === 1 ? "" : "s"}; state rewards counted on ${counted} (${c.counting}) with the ${c.correction} within-cycle correction; discounted at ${rate(c.discount.costs)} (costs) and ${rate(c.discount.effects)} (effects) a year`;
  return `${head}, ${discountTimingText(c.discountAt)}`;
}

/**
 * The sections of a cohort report: conventions, base case, incremental table, per-cycle
 * rewards and trace, and the acceptability at the WTPs when a PSA is given.
 *
 * @example
 * ```ts
 * const sections = cohortSections({ base: await runCohortBaseCase(model) });
 * ```
 */
export function cohortSections(input: CohortReportInput): ReportSection[] {
  const { base } = input;
  const names = base.strategies.map((s) => s.name);
  const others = base.outcomes.filter((o) => o !== base.cost && o !== base.effect);
  const sections: ReportSection[] = [
    {
      heading: input.title ?? `Cohort model ${base.model}`,
      text: [
        `States: ${base.states.join(", ")}${base.expandedStates.length > base.states.length ? ` (expanded by time in state: ${base.expandedStates.join(", ")})` : ""}.`,
        conventionText(base),
      ],
    },
    {
      heading: "Base case",
      text: [
        "Totals per person: initial rewards plus the weighted, discounted rewards of every cycle.",
      ],
      table: {
        name: "base_case",
        columns: [
          { title: "Strategy", kind: "text" },
          { title: base.cost, kind: "money" },
          { title: base.effect, kind: "number" },
          ...others.map((o) => ({ title: o, kind: "number" as const })),
          { title: `${base.cost} undiscounted`, kind: "money" },
        ],
        rows: base.strategies.map((s) => [
          s.name,
          s.total[base.cost] ?? null,
          s.total[base.effect] ?? null,
          ...others.map((o) => s.total[o] ?? null),
          s.undiscounted[base.cost] ?? null,
        ]),
      },
    },
  ];
  const means =
    input.psa === undefined ? undefined : analysePsa(input.psa.samples, { wtp: input.psa.wtp });
  const icers =
    means?.icers ??
    calculateIcers({
      strategies: names,
      cost: base.strategies.map((s) => s.total[base.cost] as number),
      effect: base.strategies.map((s) => s.total[base.effect] as number),
    });
  sections.push({
    heading: `Incremental table (${means === undefined ? "base case" : `PSA means, ${means.nSamples} samples`})`,
    text: [],
    table: {
      name: "icers",
      columns: [
        { title: "Strategy", kind: "text" },
        { title: base.cost, kind: "money" },
        { title: base.effect, kind: "number" },
        { title: `Incremental ${base.cost}`, kind: "money" },
        { title: `Incremental ${base.effect}`, kind: "number" },
        { title: "ICER", kind: "money" },
        { title: "Status", kind: "text" },
      ],
      rows: icers.map((r) => [
        r.strategy,
        r.cost,
        r.effect,
        r.incCost,
        r.incEffect,
        r.icer,
        STATUS_TEXT[r.status],
      ]),
    },
  });
  if (means !== undefined && input.psa !== undefined) {
    const S = names.length;
    sections.push({
      heading: "Probability each strategy is cost-effective",
      text: [],
      table: {
        name: "acceptability",
        columns: [
          { title: "WTP", kind: "wtp" },
          ...names.map((s) => ({ title: s, kind: "probability" as const })),
        ],
        rows: input.psa.wtp.map((w, k) => [
          w,
          ...names.map((_, j) => means.curves.ceac[k * S + j] as number),
        ]),
      },
    });
  }
  sections.push(...cohortCycleSections(base));
  return sections;
}

/**
 * The charts of a cohort report: the trace and, with a PSA, the acceptability curves.
 *
 * @example
 * ```ts
 * cohortCharts({ base }).map((c) => c.name); // ["trace"]
 * ```
 */
export function cohortCharts(input: CohortReportInput): Chart[] {
  const { base } = input;
  const charts = [cohortTraceChart(base)];
  if (input.psa !== undefined) {
    const names = base.strategies.map((s) => s.name);
    const curves = analysePsa(input.psa.samples, { wtp: input.psa.wtp }).curves;
    const S = names.length;
    charts.push(
      ceacChart(
        Array.from(curves.wtp).flatMap((wtp, k) =>
          names.map((strategy, j) => ({
            wtp,
            strategy,
            probability: curves.ceac[k * S + j] as number,
            frontier: curves.ceafStrategy[k] === j ? 1 : 0,
          })),
        ),
        names,
      ),
    );
  }
  return charts;
}

/**
 * A cohort report in Markdown (GitHub-flavoured tables).
 *
 * @example
 * ```ts
 * writeFileSync("hiv.md", cohortMarkdown({ base, psa: { samples: psa.samples, wtp: [20000] } }));
 * ```
 */
export function cohortMarkdown(input: CohortReportInput): string {
  return sectionsMarkdown(cohortSections(input));
}

/**
 * A self-contained HTML page of a cohort report: the sections' tables and the charts as inline
 * SVG, each chart's values published beside it as JSON.
 *
 * @example
 * ```ts
 * writeFileSync("hiv.html", await cohortHtml({ base }));
 * ```
 */
export async function cohortHtml(input: CohortReportInput): Promise<string> {
  return sectionsHtml(cohortSections(input), cohortCharts(input));
}
