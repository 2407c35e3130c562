/**
 * Charts of a scenario's results as vega-lite specifications (plain data) and their rendering
 * to SVG with vega, which needs neither a browser nor a canvas. Each chart keeps the values it
 * plots, so a report can publish them next to the picture.
 *
 * @module
 */

import type { TopLevelSpec } from "vega-lite";
import { DEFAULT_CURRENCY, money } from "./currency.js";
import { loadVega } from "./load-vega.js";

/** A chart: its name, title, the rows it plots and its vega-lite specification. */
export interface Chart {
  readonly name: string;
  readonly title: string;
  readonly values: readonly Record<string, number | string>[];
  readonly spec: TopLevelSpec;
  /** What a report shows instead of the picture when there is nothing to plot. */
  readonly note?: string;
}

const WIDTH = 560;
const HEIGHT = 300;
const FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
const CONFIG = {
  font: FONT,
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: "#e6e6e6" },
  // Below the plot, one entry a line, never truncated: long strategy names stay whole.
  legend: {
    labelFontSize: 11,
    titleFontSize: 12,
    labelLimit: 0,
    orient: "bottom",
    direction: "vertical",
  },
  view: { stroke: null },
} as const;

/**
 * One colour per strategy, in strategy order (the comparator first): the Okabe–Ito palette,
 * told apart with the common colour-vision deficiencies (deuteranopia, protanopia, tritanopia),
 * yellow last as it is faint on white. Beyond eight strategies the colours repeat.
 *
 * @example
 * ```ts
 * STRATEGY_COLOURS[0]; // "#0072B2" (blue: the comparator)
 * ```
 */
export const STRATEGY_COLOURS = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#D55E00",
  "#56B4E9",
  "#000000",
  "#F0E442",
] as const;

/**
 * The colour of the j-th strategy (0 is the comparator), the same on every chart and legend.
 *
 * @example
 * ```ts
 * strategyColour(1); // "#E69F00"
 * ```
 */
export function strategyColour(j: number): string {
  const n = STRATEGY_COLOURS.length;
  return STRATEGY_COLOURS[((j % n) + n) % n] as string;
}

/**
 * A colour scale fixing each strategy's colour by its place among all strategies; with `shown`,
 * only those strategies are in the legend (the CE plane has no comparator), colours unchanged.
 */
function strategyScale(strategies: readonly string[] | undefined, shown?: ReadonlySet<string>) {
  if (strategies === undefined) return { range: [...STRATEGY_COLOURS] };
  const kept = strategies.flatMap((s, j) =>
    shown === undefined || shown.has(s) ? [{ s, j }] : [],
  );
  return { domain: kept.map((k) => k.s), range: kept.map((k) => strategyColour(k.j)) };
}

/**
 * The incremental cost-effectiveness plane: one point per (thinned) PSA sample and strategy,
 * with the line ΔC = λ·ΔE at the willingness to pay.
 *
 * @example
 * ```ts
 * cePlaneChart(points, 20000, "Section 47 enquiries avoided", ["Usual practice", "SWIS"]);
 * ```
 *
 * `strategies` (every strategy's label, the comparator first) fixes each one's colour, so a
 * strategy has the same colour here as on the acceptability curves.
 */
export function cePlaneChart(
  points: readonly { strategy: string; incEffect: number; incCost: number }[],
  wtp: number,
  effectLabel: string,
  strategies?: readonly string[],
  currency: string = DEFAULT_CURRENCY,
): Chart {
  const effects = points.map((p) => p.incEffect);
  const lo = Math.min(0, ...effects);
  const hi = Math.max(0, ...effects);
  const values = points.map((p) => ({ ...p }));
  return {
    name: "ce_plane",
    title: `Cost-effectiveness plane (line: WTP ${money(currency, wtp.toLocaleString("en-GB"))})`,
    values,
    spec: {
      width: WIDTH,
      height: HEIGHT,
      config: CONFIG,
      layer: [
        {
          data: { values },
          mark: { type: "point", filled: true, opacity: 0.35, size: 12 },
          encoding: {
            x: { field: "incEffect", type: "quantitative", title: `Incremental ${effectLabel}` },
            y: { field: "incCost", type: "quantitative", title: `Incremental cost (${currency})` },
            color: {
              field: "strategy",
              type: "nominal",
              title: "Strategy",
              scale: strategyScale(strategies, new Set(points.map((p) => p.strategy))),
            },
          },
        },
        {
          data: {
            values: [
              { e: lo, c: wtp * lo },
              { e: hi, c: wtp * hi },
            ],
          },
          mark: { type: "line", color: "#333", strokeDash: [4, 3] },
          encoding: {
            x: { field: "e", type: "quantitative" },
            y: { field: "c", type: "quantitative" },
          },
        },
      ],
    },
  };
}

/**
 * Acceptability curves, with the frontier (the strategy with the highest expected net benefit)
 * marked by larger points.
 *
 * @example
 * ```ts
 * ceacChart(rows, ["Usual practice", "SWIS"]); // rows: { wtp, strategy, probability, frontier: 0 | 1 }
 * ```
 *
 * `strategies` (every strategy's label, the comparator first) fixes each one's colour, as on
 * the CE plane.
 */
export function ceacChart(
  rows: readonly { wtp: number; strategy: string; probability: number; frontier: number }[],
  strategies?: readonly string[],
  currency: string = DEFAULT_CURRENCY,
): Chart {
  const values = rows.map((r) => ({ ...r }));
  return {
    name: "ceac",
    title: "Probability each strategy is cost-effective (CEAC); dots: the frontier (CEAF)",
    values,
    spec: {
      width: WIDTH,
      height: HEIGHT,
      config: CONFIG,
      data: { values },
      layer: [
        {
          mark: { type: "line" },
          encoding: {
            x: { field: "wtp", type: "quantitative", title: `Willingness to pay (${currency})` },
            y: {
              field: "probability",
              type: "quantitative",
              title: "Probability cost-effective",
              scale: { domain: [0, 1] },
            },
            color: {
              field: "strategy",
              type: "nominal",
              title: "Strategy",
              scale: strategyScale(strategies),
            },
          },
        },
        {
          transform: [{ filter: "datum.frontier == 1" }],
          mark: { type: "point", filled: true, size: 30 },
          encoding: {
            x: { field: "wtp", type: "quantitative" },
            y: { field: "probability", type: "quantitative" },
            color: { field: "strategy", type: "nominal", scale: strategyScale(strategies) },
          },
        },
      ],
    },
  };
}

/**
 * The expected value of perfect information per decision against willingness to pay.
 *
 * @example
 * ```ts
 * evpiChart([{ wtp: 0, evpi: 620 }, { wtp: 1000, evpi: 610 }]);
 * ```
 */
export function evpiChart(
  rows: readonly { wtp: number; evpi: number }[],
  currency: string = DEFAULT_CURRENCY,
): Chart {
  const values = rows.map((r) => ({ ...r }));
  return {
    name: "evpi",
    title: "Expected value of perfect information per decision",
    values,
    spec: {
      width: WIDTH,
      height: HEIGHT,
      config: CONFIG,
      data: { values },
      mark: { type: "line", color: "#7b3294" },
      encoding: {
        x: { field: "wtp", type: "quantitative", title: `Willingness to pay (${currency})` },
        y: { field: "evpi", type: "quantitative", title: `EVPI (${currency})` },
      },
    },
  };
}

/**
 * A tornado diagram: per parameter, the incremental net monetary benefit at its low and high
 * values, widest swing at the top.
 *
 * @example
 * ```ts
 * tornadoChart(bars, baseInmb, 20000);
 * ```
 */
export function tornadoChart(
  bars: readonly { parameter: string; inmbLow: number; inmbHigh: number; swing: number }[],
  baseInmb: number,
  wtp: number,
  currency: string = DEFAULT_CURRENCY,
): Chart {
  const order = bars.map((b) => b.parameter);
  const values = bars.flatMap((b) => [
    { parameter: b.parameter, end: "low", inmb: b.inmbLow, base: baseInmb },
    { parameter: b.parameter, end: "high", inmb: b.inmbHigh, base: baseInmb },
  ]);
  return {
    name: "tornado",
    title: `One-way sensitivity: incremental net monetary benefit at WTP ${money(currency, wtp.toLocaleString("en-GB"))}`,
    values,
    spec: {
      width: WIDTH,
      height: Math.max(120, 18 * bars.length),
      config: CONFIG,
      data: { values },
      layer: [
        {
          mark: { type: "bar", opacity: 0.85 },
          encoding: {
            // The order by its domain: a sort by a list of names becomes a vega expression, where
            // a name such as "constructor" finds an inherited method and fails.
            y: { field: "parameter", type: "nominal", scale: { domain: order }, title: null },
            x: { field: "inmb", type: "quantitative", title: `Incremental NMB (${currency})` },
            x2: { field: "base" },
            color: {
              field: "end",
              type: "nominal",
              title: "Parameter at",
              scale: { domain: ["low", "high"], range: ["#4393c3", "#d6604d"] },
            },
          },
        },
        {
          mark: { type: "rule", color: "#333" },
          encoding: { x: { datum: baseInmb, type: "quantitative" } },
        },
      ],
    },
  };
}

/**
 * EVPPI of each parameter at one willingness to pay, ranked. Give only the parameters that
 * stand above the estimator's noise floor (see src/analysis/evppi-floor.ts): with `floor`, the
 * title names it, and when no parameter is above it the chart carries a note saying so instead
 * of bars.
 *
 * @example
 * ```ts
 * evppiChart([{ parameter: "irr_s47", evppi: 120 }], 20000, 0.4);
 * ```
 */
export function evppiChart(
  rows: readonly { parameter: string; evppi: number }[],
  wtp: number,
  floor?: number,
  currency: string = DEFAULT_CURRENCY,
): Chart {
  const values = rows.map((r) => ({ ...r }));
  const at = `WTP ${money(currency, wtp.toLocaleString("en-GB"))}`;
  const floorText =
    floor === undefined ? "" : ` (above the noise floor of ${money(currency, formatFloor(floor))})`;
  return {
    name: "evppi",
    title: `EVPPI per parameter at ${at}${floorText}`,
    values,
    ...(values.length === 0
      ? {
          note: `No single parameter carries value of information at ${at}: every estimate is within the noise of the estimator (≈ 0)${floor === undefined ? "" : `, at or below ${money(currency, formatFloor(floor))}`}.`,
        }
      : {}),
    spec: {
      width: WIDTH,
      height: Math.max(120, 18 * rows.length),
      config: CONFIG,
      data: { values },
      mark: { type: "bar", color: "#1b7837" },
      encoding: {
        y: { field: "parameter", type: "nominal", sort: "-x", title: null },
        x: { field: "evppi", type: "quantitative", title: `EVPPI (${currency})` },
      },
    },
  };
}

/** A floor in a sentence: two significant digits below £1, else to the penny. */
const formatFloor = (x: number) =>
  x < 1
    ? Number(x.toPrecision(2)).toString()
    : x.toLocaleString("en-GB", { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/**
 * Renders a chart to an SVG string (vega's headless renderer; no browser, no network).
 *
 * @example
 * ```ts
 * const svg = await renderSvg(evpiChart(rows));
 * ```
 */
export async function renderSvg(chart: Chart): Promise<string> {
  const { compile, parse, View } = await loadVega();
  const view = new View(parse(compile(chart.spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * The cohort trace: the share of the cohort in each state after each cycle, one panel per
 * strategy.
 *
 * @example
 * ```ts
 * traceChart([{ strategy: "SoC", cycle: 0, state: "H", share: 1 }, …]);
 * ```
 */
export function traceChart(
  rows: readonly { strategy: string; cycle: number; state: string; share: number }[],
): Chart {
  const strategies = [...new Set(rows.map((r) => r.strategy))];
  const states = [...new Set(rows.map((r) => r.state))];
  // Panels in the order of the strategies, by their place (a sort by a list of names becomes a
  // vega expression, where a name such as "constructor" finds an inherited method and fails).
  const values = rows.map((r) => ({ ...r, panel: strategies.indexOf(r.strategy) }));
  return {
    name: "trace",
    title: "Cohort trace: share of the cohort in each state, by cycle and strategy",
    values,
    spec: {
      config: CONFIG,
      data: { values },
      facet: {
        field: "strategy",
        type: "nominal",
        title: null,
        sort: { field: "panel", op: "min" },
      },
      columns: Math.min(2, strategies.length),
      spec: {
        width: strategies.length > 1 ? WIDTH / 2 : WIDTH,
        height: HEIGHT / 1.5,
        mark: { type: "line" },
        encoding: {
          x: { field: "cycle", type: "quantitative", title: "Cycle" },
          y: {
            field: "share",
            type: "quantitative",
            title: "Share of the cohort",
            scale: { domain: [0, 1] },
          },
          color: { field: "state", type: "nominal", title: "State", scale: { domain: states } },
        },
      },
    },
  };
}
