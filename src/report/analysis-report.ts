/**
 * Renders a {@link PsaAnalysis} as JSON, a plain-text report or a tidy CSV. Pure functions from
 * numbers to strings; no I/O.
 *
 * @module
 */

import type { PsaAnalysis } from "../analysis/analyse.js";
import type { EvppiRow } from "../analysis/psa-evppi.js";
import { escapeControlsInLines, escapeJsonControls } from "../control-characters.js";
import { type EvppiReport, evppiSection, populationHeading } from "./analysis-sections.js";
import {
  type CellValue,
  DASH,
  footnoteLines,
  formatIcer,
  formatMoney,
  formatNumber,
  formatProbability,
  formatWtp,
  icerCell,
  noIncrementReason,
  STATUS_TEXT,
  sampleIndices,
  textTable,
} from "./format.js";
import { type TidyRow, tidyCsv } from "./tidy-csv.js";

/**
 * An ICER in a sentence: the ratio with its quadrant ("dominated", "dominant", or a saving per
 * unit forgone), or "— (ICER undefined: no difference in effect)".
 */
function icerText(incCost: number, incEffect: number): string {
  const cell = icerCell(incCost, incEffect);
  return typeof cell === "number" ? formatIcer(incCost, incEffect) : `${DASH} (${cell.noValue})`;
}

/** A quadrant's key in snake_case: "northEast" → "north_east". */
const snakeQuadrant = (q: string) => q.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Splits a WTP-major flat array into one row per WTP. */
function perWtp(flat: Float64Array, nStrategies: number): number[][] {
  const rows: number[][] = [];
  for (let k = 0; k < flat.length / nStrategies; k++) {
    rows.push(Array.from(flat.subarray(k * nStrategies, (k + 1) * nStrategies)));
  }
  return rows;
}

/** The JSON document of an analysis (see README, "JSON output"). */
export interface AnalysisJson {
  readonly strategies: readonly string[];
  readonly nSamples: number;
  readonly wtp: number[];
  readonly summary: PsaAnalysis["summary"];
  readonly icers: PsaAnalysis["icers"];
  readonly enb: number[][];
  readonly ceac: number[][];
  readonly ceaf: { strategy: string; probability: number }[];
  readonly evpi: number[];
  readonly expectedLoss: number[][];
  readonly switchPoints: PsaAnalysis["switchPoints"];
  readonly pairwise: {
    readonly comparator: string;
    readonly comparisons: Record<string, unknown>[];
  };
  readonly populationEvpi: {
    readonly annualPopulation: number;
    readonly years: number;
    readonly discountRate: number;
    readonly values: number[];
  } | null;
  readonly evppi: EvppiJson | null;
}

/** One EVPPI estimate in the JSON document: its values and, per WTP, whether above the floor. */
export interface EvppiEstimateJson {
  readonly parameter: string;
  /** Rank at `rankWtp` among the parameters above the floor there; null when not ranked. */
  readonly rank: number | null;
  readonly evppi: number[];
  readonly aboveFloor: boolean[];
}

/** EVPPI in the JSON document (see README, "JSON output"). */
export interface EvppiJson {
  readonly file: string;
  readonly matchedBy: string;
  readonly bins: number;
  readonly wtp: number[];
  readonly evpi: number[];
  readonly rankWtp: number;
  /** The single-parameter estimator's noise floor per WTP (as `ceakit evppi` reports it). */
  readonly noiseFloor: {
    readonly method: string;
    readonly permutations: number;
    readonly bins: number;
    readonly nullMean: number[];
    readonly nullSd: number[];
    readonly floor: number[];
  };
  /** The ranked parameters (above the floor at `rankWtp`) first, then the rest by name. */
  readonly parameters: EvppiEstimateJson[];
  readonly group: {
    readonly parameters: readonly string[];
    readonly evppi: number[];
    readonly aboveFloor: boolean[];
    /** The regression's own noise floor per WTP. */
    readonly floor: number[];
  } | null;
  readonly fixed: readonly string[];
}

/** EVPPI as JSON-ready data. */
function evppiToJson(e: EvppiReport): EvppiJson {
  const estimate = (p: EvppiRow, rank: number | null): EvppiEstimateJson => ({
    parameter: p.parameters.join(" + "),
    rank,
    evppi: Array.from(p.evppi),
    aboveFloor: [...p.aboveFloor],
  });
  return {
    file: e.file,
    matchedBy: e.matchedBy,
    bins: e.bins,
    wtp: Array.from(e.wtp),
    evpi: Array.from(e.evpi),
    rankWtp: e.wtp[e.rankAt] as number,
    noiseFloor: {
      method: "sort-and-bin estimates over random permutations of the samples: mean + 3 SD",
      permutations: e.floor.permutations,
      bins: e.floor.bins,
      nullMean: Array.from(e.floor.nullMean),
      nullSd: Array.from(e.floor.nullSd),
      floor: Array.from(e.floor.floor),
    },
    parameters: [
      ...e.parameters.map((p, i) => estimate(p, i + 1)),
      ...e.belowFloor.map((p) => estimate(p, null)),
    ],
    group:
      e.group === undefined
        ? null
        : {
            parameters: e.group.parameters,
            evppi: Array.from(e.group.evppi),
            aboveFloor: [...e.group.aboveFloor],
            floor: Array.from(e.group.floor.floor),
          },
    fixed: e.fixed,
  };
}

/**
 * Converts an analysis to plain JSON-ready data (typed arrays become arrays; per-WTP,
 * per-strategy values become one array per WTP in strategy order).
 *
 * @example
 * ```ts
 * const doc = analysisToJson(analysePsa(samples, { wtp: [0, 20000] }));
 * doc.ceaf[1]; // { strategy: "usual", probability: 0.902 }
 * ```
 */
export function analysisToJson(a: PsaAnalysis, evppi?: EvppiReport): AnalysisJson {
  const S = a.strategies.length;
  const c = a.curves;
  return {
    strategies: a.strategies,
    nSamples: a.nSamples,
    wtp: Array.from(c.wtp),
    summary: a.summary,
    icers: a.icers,
    enb: perWtp(c.enb, S),
    ceac: perWtp(c.ceac, S),
    ceaf: Array.from(c.ceafStrategy, (j, k) => ({
      strategy: a.strategies[j] as string,
      probability: c.ceaf[k] as number,
    })),
    evpi: Array.from(c.evpi),
    expectedLoss: perWtp(c.expectedLoss, S),
    switchPoints: a.switchPoints,
    pairwise: {
      comparator: a.comparator,
      comparisons: a.pairwise.map((p) => ({
        strategy: p.strategy,
        incCost: p.incCost,
        incEffect: p.incEffect,
        icer: p.icer,
        quadrants: p.quadrants,
        inmb: Array.from(p.inmb),
        inmbLower: p.inmbLower === null ? null : Array.from(p.inmbLower),
        inmbUpper: p.inmbUpper === null ? null : Array.from(p.inmbUpper),
        probCostEffective: Array.from(p.probCostEffective),
      })),
    },
    populationEvpi:
      a.population === undefined
        ? null
        : {
            annualPopulation: a.population.annualPopulation,
            years: a.population.years,
            discountRate: a.population.discountRate ?? 0,
            values: Array.from(a.population.evpi),
          },
    evppi: evppi === undefined ? null : evppiToJson(evppi),
  };
}

/**
 * Serialises an analysis as pretty-printed JSON (numbers at full precision).
 *
 * @example
 * ```ts
 * JSON.parse(analysisJsonText(result)).icers[1].icer;
 * ```
 */
export function analysisJsonText(a: PsaAnalysis, evppi?: EvppiReport): string {
  return `${escapeJsonControls(JSON.stringify(analysisToJson(a, evppi), null, 2))}\n`;
}

/**
 * A plain-text report for reading in a terminal. Long WTP grids are shown at about 11 evenly
 * spaced values; the JSON and CSV formats carry every value.
 *
 * @example
 * ```ts
 * process.stdout.write(analysisText(result, { title: "psa.csv" }));
 * ```
 */
export function analysisText(
  a: PsaAnalysis,
  options: { title?: string; evppi?: EvppiReport; currency?: string } = {},
): string {
  const c = a.curves;
  const S = a.strategies.length;
  const out: string[] = [];
  const title = options.title ?? "PSA";
  out.push(
    `Cost-effectiveness analysis of ${title}: ${S} ${S === 1 ? "strategy" : "strategies"}, ${a.nSamples} samples`,
    "",
  );
  out.push("Per-strategy results (mean, 95% interval)");
  out.push(
    textTable(
      ["strategy", "cost", "cost 2.5%", "cost 97.5%", "effect", "effect 2.5%", "effect 97.5%"],
      a.summary.map((s) => [
        s.strategy,
        formatMoney(s.cost.mean),
        formatMoney(s.cost.lower),
        formatMoney(s.cost.upper),
        formatNumber(s.effect.mean),
        formatNumber(s.effect.lower),
        formatNumber(s.effect.upper),
      ]),
    ),
    "",
  );
  out.push("Incremental analysis (dominance as in dampack)");
  const icerRows = a.icers.map((r, i): CellValue[] => {
    const none = noIncrementReason(r.status, i);
    return [r.cost, r.effect, r.incCost ?? none, r.incEffect ?? none, r.icer ?? none];
  });
  const money = (v: CellValue) => (typeof v === "number" ? formatMoney(v) : DASH);
  const number = (v: CellValue) => (typeof v === "number" ? formatNumber(v) : DASH);
  out.push(
    textTable(
      ["strategy", "cost", "effect", "inc. cost", "inc. effect", "ICER", "status"],
      a.icers.map((r, i) => {
        const [cost, effect, incCost, incEffect, icer] = icerRows[i] as CellValue[];
        return [
          r.strategy,
          money(cost as CellValue),
          number(effect as CellValue),
          money(incCost as CellValue),
          number(incEffect as CellValue),
          money(icer as CellValue),
          STATUS_TEXT[r.status],
        ];
      }),
    ),
    ...footnoteLines(icerRows),
    "",
  );
  out.push("Switch points of the expected-best strategy (exact)");
  out.push(
    a.switchPoints.length === 0
      ? `  none: ${a.strategies[c.ceafStrategy[0] as number]} is best for every WTP >= 0`
      : a.switchPoints.map((p) => `  at WTP ${formatWtp(p.wtp)}: ${p.from} -> ${p.to}`).join("\n"),
    "",
  );
  const shown = sampleIndices(c.wtp.length, 11);
  const note =
    shown.length < c.wtp.length
      ? ` (${shown.length} of ${c.wtp.length} WTP values; --format json or csv gives all)`
      : "";
  out.push(`Acceptability: P(each strategy is optimal), CEAF and EVPI per decision${note}`);
  out.push(
    textTable(
      ["WTP", ...a.strategies, "CEAF strategy", "P(CEAF)", "EVPI"],
      shown.map((k) => [
        formatWtp(c.wtp[k] as number),
        ...a.strategies.map((_, j) => formatProbability(c.ceac[k * S + j] as number)),
        a.strategies[c.ceafStrategy[k] as number] as string,
        formatProbability(c.ceaf[k] as number),
        formatMoney(c.evpi[k] as number),
      ]),
    ),
    "",
  );
  for (const p of a.pairwise) {
    out.push(
      `${p.strategy} vs ${p.comparator}: mean incremental cost ${formatMoney(p.incCost)}, effect ${formatNumber(p.incEffect)}, ICER ${icerText(p.incCost, p.incEffect)}`,
      `  CE plane: NE ${formatProbability(p.quadrants.northEast)}, NW ${formatProbability(p.quadrants.northWest)}, SE ${formatProbability(p.quadrants.southEast)}, SW ${formatProbability(p.quadrants.southWest)}`,
    );
    out.push(
      textTable(
        ["WTP", "INMB", "INMB 2.5%", "INMB 97.5%", "P(INMB > 0)"],
        shown.map((k) => [
          formatWtp(c.wtp[k] as number),
          formatMoney(p.inmb[k] as number),
          formatMoney(p.inmbLower?.[k] ?? null),
          formatMoney(p.inmbUpper?.[k] ?? null),
          formatProbability(p.probCostEffective[k] as number),
        ]),
      ),
      "",
    );
  }
  if (a.population !== undefined) {
    const pop = a.population;
    out.push(populationHeading(pop));
    out.push(
      textTable(
        ["WTP", "population EVPI"],
        shown.map((k) => [formatWtp(c.wtp[k] as number), formatMoney(pop.evpi[k] as number)]),
      ),
      "",
    );
  }
  if (options.evppi !== undefined) {
    const section = evppiSection(options.evppi, options.currency);
    const table = section.table as NonNullable<typeof section.table>;
    out.push(section.heading, ...section.text.map((t) => `  ${t}`));
    out.push(
      textTable(
        table.columns.map((c) => c.title),
        table.rows.map((row) =>
          row.map((v) =>
            typeof v === "number" ? formatMoney(v) : typeof v === "string" ? v : DASH,
          ),
        ),
      ),
      "",
    );
  }
  // Control characters from the CSV (strategy names) or the title are shown escaped.
  return escapeControlsInLines(`${out.join("\n")}\n`);
}

/**
 * Every number of the analysis as rows of the tidy layout (src/report/tidy-csv.ts): sections
 * `summary`, `icers`, `switch_points`, `curves` and `pairwise`. `ceakit run`'s CSV holds the same
 * rows for its PSA.
 *
 * @example
 * ```ts
 * analysisTidyRows(result).find((r) => r.statistic === "icer");
 * ```
 */
export function analysisTidyRows(a: PsaAnalysis): TidyRow[] {
  const rows: TidyRow[] = [];
  const row = (
    section: string,
    strategy: string | null,
    comparator: string | null,
    wtp: number | null,
    statistic: string,
    value: number | string | null,
  ) => {
    rows.push({ section, strategy, comparator, wtp, statistic, value });
  };
  const c = a.curves;
  const S = a.strategies.length;
  for (const s of a.summary) {
    for (const what of ["cost", "effect"] as const) {
      for (const stat of ["mean", "sd", "lower", "upper"] as const) {
        row("summary", s.strategy, null, null, `${what}_${stat}`, s[what][stat]);
      }
    }
  }
  for (const r of a.icers) {
    row("icers", r.strategy, null, null, "cost", r.cost);
    row("icers", r.strategy, null, null, "effect", r.effect);
    row("icers", r.strategy, null, null, "inc_cost", r.incCost);
    row("icers", r.strategy, null, null, "inc_effect", r.incEffect);
    row("icers", r.strategy, null, null, "icer", r.icer);
    row("icers", r.strategy, null, null, "status", r.status);
  }
  for (const p of a.switchPoints) row("switch_points", p.to, p.from, p.wtp, "switch", p.wtp);
  for (let k = 0; k < c.wtp.length; k++) {
    const w = c.wtp[k] as number;
    for (let j = 0; j < S; j++) {
      const name = a.strategies[j] as string;
      row("curves", name, null, w, "enb", c.enb[k * S + j] as number);
      row("curves", name, null, w, "ceac", c.ceac[k * S + j] as number);
      row("curves", name, null, w, "expected_loss", c.expectedLoss[k * S + j] as number);
    }
    row(
      "curves",
      a.strategies[c.ceafStrategy[k] as number] as string,
      null,
      w,
      "ceaf",
      c.ceaf[k] as number,
    );
    row("curves", null, null, w, "evpi", c.evpi[k] as number);
    if (a.population !== undefined) {
      row("curves", null, null, w, "population_evpi", a.population.evpi[k] as number);
    }
  }
  for (const p of a.pairwise) {
    row("pairwise", p.strategy, p.comparator, null, "inc_cost", p.incCost);
    row("pairwise", p.strategy, p.comparator, null, "inc_effect", p.incEffect);
    row("pairwise", p.strategy, p.comparator, null, "icer", p.icer);
    for (const [q, v] of Object.entries(p.quadrants)) {
      // northEast → p_north_east: statistics are snake_case.
      row("pairwise", p.strategy, p.comparator, null, `p_${snakeQuadrant(q)}`, v);
    }
    for (let k = 0; k < c.wtp.length; k++) {
      const w = c.wtp[k] as number;
      row("pairwise", p.strategy, p.comparator, w, "inmb", p.inmb[k] as number);
      if (p.inmbLower !== null && p.inmbUpper !== null) {
        row("pairwise", p.strategy, p.comparator, w, "inmb_lower", p.inmbLower[k] as number);
        row("pairwise", p.strategy, p.comparator, w, "inmb_upper", p.inmbUpper[k] as number);
      }
      row(
        "pairwise",
        p.strategy,
        p.comparator,
        w,
        "p_inmb_positive",
        p.probCostEffective[k] as number,
      );
    }
  }
  return rows;
}

/**
 * The EVPPI of `analyse --parameters` as rows of the tidy layout, with the statistic names of
 * `ceakit evppi`: section `noise_floor` (`null_mean`, `null_sd` and `floor` per WTP), `evppi`
 * (one parameter per row, named in `item`: `rank` for those ranked, then `evppi` and
 * `above_floor`, 1 or 0, per WTP) and `evppi_group` (the group, its parameters joined by `+`,
 * with its own `floor`).
 *
 * @example
 * ```ts
 * evppiTidyRows(report).filter((r) => r.item === "d_a" && r.statistic === "above_floor");
 * ```
 */
export function evppiTidyRows(e: EvppiReport): TidyRow[] {
  const rows: TidyRow[] = [];
  const f = e.floor;
  for (let k = 0; k < e.wtp.length; k++) {
    const wtp = e.wtp[k] as number;
    rows.push(
      { section: "noise_floor", wtp, statistic: "null_mean", value: f.nullMean[k] as number },
      { section: "noise_floor", wtp, statistic: "null_sd", value: f.nullSd[k] as number },
      { section: "noise_floor", wtp, statistic: "floor", value: f.floor[k] as number },
    );
  }
  const estimate = (section: string, p: EvppiRow, rank: number | null, floor?: Float64Array) => {
    const item = p.parameters.join("+");
    if (rank !== null) rows.push({ section, item, statistic: "rank", value: rank });
    for (let k = 0; k < e.wtp.length; k++) {
      const wtp = e.wtp[k] as number;
      rows.push(
        { section, item, wtp, statistic: "evppi", value: p.evppi[k] as number },
        { section, item, wtp, statistic: "above_floor", value: p.aboveFloor[k] === true ? 1 : 0 },
      );
      if (floor !== undefined) {
        rows.push({ section, item, wtp, statistic: "floor", value: floor[k] as number });
      }
    }
  };
  if (e.group !== undefined) estimate("evppi_group", e.group, null, e.group.floor.floor);
  e.parameters.forEach((p, i) => {
    estimate("evppi", p, i + 1);
  });
  for (const p of e.belowFloor) estimate("evppi", p, null);
  return rows;
}

/**
 * A tidy CSV of every number in the analysis (and of its EVPPI, with `--parameters`), one value
 * per row, in the layout every ceakit CSV shares:
 * `section,item,strategy,comparator,wtp,statistic,value,text` (empty where not applicable;
 * `value` is always a number or empty, a text value such as a status is in `text`).
 *
 * @example
 * ```ts
 * analysisCsv(result).split("\n")[0]; // "section,item,strategy,comparator,wtp,statistic,value,text"
 * ```
 */
export function analysisCsv(a: PsaAnalysis, evppi?: EvppiReport): string {
  return tidyCsv([...analysisTidyRows(a), ...(evppi === undefined ? [] : evppiTidyRows(evppi))]);
}
