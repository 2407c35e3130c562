/**
 * The page's charts with their text alternatives: for each chart, a sentence saying what it
 * shows and the data table behind it, written from the run's numbers (no NaN or Infinity is
 * ever shown: a value that is not finite reads "—").
 *
 * @module
 */

import { type Chart, renderSvg } from "../report/charts.js";
import { DEFAULT_CURRENCY, money } from "../report/currency.js";
import { formatMoney, sampleIndices } from "../report/format.js";
import type { ScenarioResult } from "../scenario/run-scenario.js";
import type { ChartView, TableView } from "./protocol.js";

/** A probability as a percentage with one decimal, "14.8%". */
export const percent = (p: number) => (Number.isFinite(p) ? `${(100 * p).toFixed(1)}%` : "—");

/** An amount for reading in `currency` (£ by default): "£20,000", "£0", "£12.50" (negative: "−£1,200"). */
export const moneyText = (x: number, currency: string = DEFAULT_CURRENCY) =>
  Number.isFinite(x)
    ? `${x < 0 ? "−" : ""}${money(currency, Number.isInteger(x) ? Math.abs(x).toLocaleString("en-GB") : formatMoney(Math.abs(x)))}`
    : "—";

/**
 * A count or effect for reading: three significant digits, thousands separated, a true minus
 * ("−2.22", "0.0815", "1,240"); "—" when not finite.
 *
 * @example
 * ```ts
 * roughly(-2.2216); // "−2.22"
 * ```
 */
export function roughly(x: number): string {
  if (!Number.isFinite(x)) return "—";
  if (x === 0) return "0";
  const r = Number(x.toPrecision(3));
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(r))));
  const text = Math.abs(r).toLocaleString("en-GB", { maximumFractionDigits: digits });
  return r < 0 ? `−${text}` : text;
}

/** At most this many rows of willingness to pay in the acceptability curves' table. */
const CURVE_ROWS = 11;

/**
 * The CE plane's text: per option, the mean increments and the share of samples below the
 * dashed line (cost-effective at the willingness to pay).
 */
function cePlaneText(r: ScenarioResult, wtp: number): { summary: string; table: TableView } {
  const amount = (x: number) => moneyText(x, r.currency);
  const n = r.draws.samples.nSamples;
  const { cost, effect } = r.draws.samples;
  const comparator = r.strategies[0]?.label ?? "";
  const rows = r.strategies.slice(1).map((s, m) => {
    const j = m + 1;
    let below = 0;
    for (let i = 0; i < n; i++) {
      const dc = (cost[j * n + i] as number) - (cost[i] as number);
      const de = (effect[j * n + i] as number) - (effect[i] as number);
      if (wtp * de - dc > 0) below++;
    }
    const pair = r.psa.pairwise.find((p) => p.strategy === s.name);
    return {
      label: s.label,
      dc: pair?.incCost ?? Number.NaN,
      de: pair?.incEffect ?? Number.NaN,
      below: n === 0 ? Number.NaN : below / n,
    };
  });
  const parts = rows.map(
    (o) =>
      `${o.label}: ${percent(o.below)} of its dots lie below the line (on average ${amount(o.dc)} extra cost and a change of ${roughly(o.de)} in ${r.effect.label.toLowerCase()})`,
  );
  return {
    summary: `Each dot is one simulated result of an option compared with ${comparator}: across, the change in ${r.effect.label.toLowerCase()}; up, the extra cost. Dots below the dashed line are cost-effective at ${amount(wtp)} per ${r.effect.per}. ${parts.join("; ")}.`,
    table: {
      caption: `Cost-effectiveness plane: the ${n.toLocaleString("en-GB")} samples summarised, compared with ${comparator}`,
      head: [
        "Option",
        "Mean extra cost",
        `Mean change in ${r.effect.label.toLowerCase()}`,
        `Samples below the line (cost-effective at ${amount(wtp)})`,
      ],
      rows: rows.map((o) => [o.label, amount(o.dc), roughly(o.de), percent(o.below)]),
    },
  };
}

/**
 * The acceptability curves' text: which option is the most likely to be cost-effective over
 * which range of willingness to pay, and a table of the curves at up to 11 points.
 */
function ceacText(r: ScenarioResult): { summary: string; table: TableView } {
  const amount = (x: number) => moneyText(x, r.currency);
  const c = r.psa.curves;
  const S = r.strategies.length;
  const K = c.wtp.length;
  const best = Array.from({ length: K }, (_, k) => {
    let b = 0;
    for (let j = 1; j < S; j++)
      if ((c.ceac[k * S + j] as number) > (c.ceac[k * S + b] as number)) b = j;
    return b;
  });
  const ranges: string[] = [];
  for (let k = 0; k < K; ) {
    let e = k;
    while (e + 1 < K && best[e + 1] === best[k]) e++;
    const who = r.strategies[best[k] as number]?.label ?? "";
    const from = c.wtp[k] as number;
    const to = c.wtp[e] as number;
    ranges.push(
      from === to ? `${who} at ${amount(from)}` : `${who} from ${amount(from)} to ${amount(to)}`,
    );
    k = e + 1;
  }
  const rows = sampleIndices(K, CURVE_ROWS).map((k) => [
    amount(c.wtp[k] as number),
    ...r.strategies.map((_, j) => percent(c.ceac[k * S + j] as number)),
  ]);
  return {
    summary: `For each willingness to pay per ${r.effect.per} (across), the chance that each option is the most cost-effective (up). Most likely: ${ranges.join("; ")}.`,
    table: {
      caption: "Chance each option is the most cost-effective, by willingness to pay",
      head: [`Willingness to pay per ${r.effect.per}`, ...r.strategies.map((s) => s.label)],
      rows,
    },
  };
}

/** The cohort trace's text: where the cohort is at a few cycles, per strategy. */
function traceText(r: ScenarioResult): { summary: string; table: TableView } | undefined {
  const t = r.cohort;
  if (t === undefined) return undefined;
  const labels = new Map(r.strategies.map((s) => [s.name, s.label]));
  const last = t.cycles;
  const end = t.strategies.map((s) => {
    const m = s.trace[last] ?? [];
    const parts = t.states.map((state, k) => `${state} ${percent(m[k] as number)}`);
    return `${labels.get(s.name) ?? s.name}: ${parts.join(", ")}`;
  });
  const cycles = sampleIndices(last + 1, CURVE_ROWS);
  return {
    summary: `The share of the cohort in each state, cycle by cycle, for each option (base case). After the last cycle (${last}): ${end.join("; ")}.`,
    table: {
      caption: "Cohort trace: share of the cohort in each state after each cycle (base case)",
      head: [
        "Cycle",
        ...t.strategies.flatMap((s) =>
          t.states.map((state) => `${labels.get(s.name) ?? s.name}: ${state}`),
        ),
      ],
      rows: cycles.map((cycle) => [
        String(cycle),
        ...t.strategies.flatMap((s) =>
          t.states.map((_, k) => percent(s.trace[cycle]?.[k] ?? Number.NaN)),
        ),
      ]),
    },
  };
}

/**
 * A chart drawn `width` pixels wide (its plot area; a faceted chart shares it between two
 * columns), so that on a narrow screen it is drawn narrow rather than shrunk to unreadable text.
 */
function sized(chart: Chart, width: number | undefined): Chart {
  if (width === undefined) return chart;
  const spec = chart.spec as unknown as Record<string, unknown>;
  if (typeof spec.spec === "object" && spec.spec !== null) {
    const columns = typeof spec.columns === "number" ? spec.columns : 1;
    const inner = { ...(spec.spec as Record<string, unknown>), width: Math.round(width / columns) };
    return { ...chart, spec: { ...spec, spec: inner } as unknown as Chart["spec"] };
  }
  return { ...chart, spec: { ...spec, width } as unknown as Chart["spec"] };
}

/**
 * The page's charts of a run (CE plane, acceptability curves, and the cohort trace for a
 * cohort model), each with its SVG, a summary sentence and its data table.
 *
 * @example
 * ```ts
 * const views = await chartViews(result, scenarioCharts(result), 300);
 * views.map((v) => v.name); // ["ce_plane", "ceac"]
 * ```
 *
 * `width`, when given, is the plot's width in pixels (the page's column less room for the axes).
 */
export async function chartViews(
  r: ScenarioResult,
  charts: readonly Chart[],
  width?: number,
): Promise<ChartView[]> {
  const wtp = r.acceptability.at(-1)?.wtp ?? 0;
  const texts: Record<string, { summary: string; table: TableView } | undefined> = {
    ce_plane: cePlaneText(r, wtp),
    ceac: ceacText(r),
    trace: traceText(r),
  };
  const views: ChartView[] = [];
  for (const chart of charts) {
    const text = texts[chart.name];
    if (text === undefined) continue;
    views.push({
      name: chart.name,
      title: chart.title,
      svg: await renderSvg(sized(chart, width)),
      ...text,
    });
  }
  return views;
}
