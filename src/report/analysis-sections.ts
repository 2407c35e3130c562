/**
 * The report of `ceakit analyse` as sections and tables (raw values, formatted when rendered):
 * the per-strategy summary, the incremental table, switch points, acceptability and EVPI over
 * the grid, the incremental net benefit against the comparator, population EVPI and, with
 * parameter draws, EVPPI. Markdown and HTML render these (see analysis-documents.ts).
 *
 * @module
 */

import type { PsaAnalysis } from "../analysis/analyse.js";
import type { PsaEvppi } from "../analysis/psa-evppi.js";
import { DEFAULT_CURRENCY, money } from "./currency.js";
import {
  APPROX_ZERO,
  type CellValue,
  formatIcer,
  formatMoney,
  formatNoiseFloor,
  formatNumber,
  formatProbability,
  formatWtp,
  noIncrementReason,
  STATUS_TEXT,
  sampleIndices,
  unrankedEvpiClause,
} from "./format.js";
import type { ReportSection, ReportTable } from "./scenario-report.js";

/** EVPPI results with how the draws were matched to the samples. */
export interface EvppiReport extends PsaEvppi {
  /** "iteration" or "row order". */
  readonly matchedBy: string;
  /** The parameter file's name. */
  readonly file: string;
}

/** Options of {@link analysisSections}. */
export interface AnalysisReportOptions {
  /** What was analysed (file names), shown in the heading. */
  readonly title?: string;
  /** EVPPI of the parameters, when their draws were given. */
  readonly evppi?: EvppiReport;
  /** The currency written before amounts ({@link DEFAULT_CURRENCY}, £, when not given). */
  readonly currency?: string;
}

/**
 * A group's name in tables.
 *
 * @example
 * ```ts
 * groupName(["a", "b"]); // "group: a + b"
 * ```
 */
export function groupName(parameters: readonly string[]): string {
  return `group: ${parameters.join(" + ")}`;
}

/** A list of WTPs in a sentence: "£0, £10,000 and £20,000". */
function wtpList(values: readonly number[], currency: string): string {
  const shown = values.map((w) => money(currency, formatWtp(w)));
  return shown.length < 2
    ? (shown[0] ?? "")
    : `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}

/**
 * What the EVPPI estimates say, in words: which parameters are ranked (above the noise floor at
 * the ranking WTP) and which are not, and the WTPs at which no single parameter stands above it.
 *
 * @example
 * ```ts
 * evppiVerdicts(report); // ["At WTP £70,000, 2 parameters stand above the noise floor (≤ £41.20) …", …]
 * ```
 */
export function evppiVerdicts(e: PsaEvppi, currency: string = DEFAULT_CURRENCY): string[] {
  const k = e.rankAt;
  const at = `At WTP ${money(currency, formatWtp(e.wtp[k] as number))}`;
  const floor = formatNoiseFloor(e.floor.floor[k] as number, currency);
  const out: string[] = [];
  const below = e.belowFloor.map((p) => p.parameters.join(" + "));
  if (e.parameters.length === 0 && below.length === 0) return out;
  if (e.parameters.length === 0) {
    out.push(
      `${at}, where EVPI is highest, no single parameter carries value of information: every estimate is within the estimator's noise (${floor}), so none is ranked${unrankedEvpiClause({ evpi: e.evpi[k] as number, floor: e.floor.floor[k] as number, samples: e.samples, currency })}.`,
    );
  } else {
    const n = e.parameters.length;
    out.push(
      `${at}, where EVPI is highest, ${n} parameter${n === 1 ? " stands" : "s stand"} above the estimator's noise floor (${floor}) and ${n === 1 ? "is" : "are"} ranked: ${e.parameters.map((p) => p.parameters.join(" + ")).join(", ")}.${below.length === 0 ? "" : ` At or below it, not ranked ("${APPROX_ZERO}"): ${below.join(", ")}.`}`,
    );
  }
  const all = [...e.parameters, ...e.belowFloor];
  const none = Array.from(e.wtp).filter(
    (_, j) => j !== k && all.every((p) => p.aboveFloor[j] !== true),
  );
  if (none.length > 0) {
    out.push(
      `No single parameter carries value of information at WTP ${wtpList(none, currency)}: every estimate there is within the estimator's noise.`,
    );
  }
  return out;
}

/**
 * The EVPPI section: EVPI (the upper bound) first, then the noise floor, the group, each
 * parameter above the floor ranked, and those at or below it by name; "≈ 0" for every estimate
 * at or below its floor.
 *
 * @example
 * ```ts
 * evppiSection(report).table?.rows[0]?.[0]; // "EVPI (all parameters)"
 * ```
 */
export function evppiSection(e: EvppiReport, currency: string = DEFAULT_CURRENCY): ReportSection {
  const text = [
    `Per decision, from ${e.file} (parameter draws matched to the samples by ${e.matchedBy}). Single parameters by Strong & Oakley's sort-and-bin estimator (${e.bins} bins); a group by quadratic regression. EVPI, the value of learning every parameter, bounds every EVPPI.`,
    ...(e.parameters.length + e.belowFloor.length === 0
      ? ["No parameter varies across the samples."]
      : evppiVerdicts(e, currency)),
    `The noise floor is what the estimator gives a parameter that carries no information: the mean plus 3 SD of its estimates over ${e.floor.permutations} random permutations of the samples (for the group, of a random bin per regression term). "${APPROX_ZERO}": at or below the floor.`,
  ];
  if (e.fixed.length > 0) {
    text.push(
      `Not estimated (one value in every sample, so no value of information): ${e.fixed.join(", ")}.`,
    );
  }
  const cells = (p: { evppi: Float64Array; aboveFloor: readonly boolean[] }): CellValue[] =>
    Array.from(p.evppi, (v, k) => (p.aboveFloor[k] === true ? v : APPROX_ZERO));
  const rows: CellValue[][] = [
    ["EVPI (all parameters)", ...e.evpi],
    [
      "noise floor (no information)",
      ...Array.from(e.floor.floor, (f) => formatNoiseFloor(f, currency)),
    ],
    ...(e.group === undefined ? [] : [[groupName(e.group.parameters), ...cells(e.group)]]),
    ...[...e.parameters, ...e.belowFloor].map((p) => [p.parameters.join(" + "), ...cells(p)]),
  ];
  return {
    heading: "Expected value of partial perfect information (EVPPI)",
    text,
    table: {
      name: "evppi",
      columns: [
        { title: "parameter", kind: "text" },
        ...Array.from(e.wtp, (w) => ({ title: `WTP ${formatWtp(w)}`, kind: "money" as const })),
      ],
      rows,
    },
  };
}

/** The per-strategy summary table. */
/**
 * The heading of the population EVPI table: who, for how long, at what discount rate (as a
 * percentage of at most 4 decimals, so that 0.035 reads 3.5%, not 3.5000000000000004%).
 *
 * @example
 * ```ts
 * populationHeading({ annualPopulation: 1000, years: 1, discountRate: 0.035 });
 * // "Population EVPI (1,000 a year for 1 year, discounted at 3.5%)"
 * ```
 */
export function populationHeading(pop: {
  readonly annualPopulation: number;
  readonly years: number;
  readonly discountRate?: number | undefined;
}): string {
  const years = `${formatNumber(pop.years)} year${pop.years === 1 ? "" : "s"}`;
  const rate = Number(((pop.discountRate ?? 0) * 100).toFixed(4));
  return `Population EVPI (${formatNumber(pop.annualPopulation)} a year for ${years}, discounted at ${rate}%)`;
}

function summaryTable(a: PsaAnalysis): ReportTable {
  return {
    name: "summary",
    columns: [
      { title: "strategy", kind: "text" },
      { title: "cost", kind: "money" },
      { title: "cost 2.5%", kind: "money" },
      { title: "cost 97.5%", kind: "money" },
      { title: "effect", kind: "number" },
      { title: "effect 2.5%", kind: "number" },
      { title: "effect 97.5%", kind: "number" },
    ],
    rows: a.summary.map((s) => [
      s.strategy,
      s.cost.mean,
      s.cost.lower,
      s.cost.upper,
      s.effect.mean,
      s.effect.lower,
      s.effect.upper,
    ]),
  };
}

/** The incremental table (dampack's order and statuses). */
function icerTable(a: PsaAnalysis): ReportTable {
  return {
    name: "icers",
    columns: [
      { title: "strategy", kind: "text" },
      { title: "cost", kind: "money" },
      { title: "effect", kind: "number" },
      { title: "inc. cost", kind: "money" },
      { title: "inc. effect", kind: "number" },
      { title: "ICER", kind: "money" },
      { title: "status", kind: "text" },
    ],
    rows: a.icers.map((r, i) => {
      const none = noIncrementReason(r.status, i);
      return [
        r.strategy,
        r.cost,
        r.effect,
        r.incCost ?? none,
        r.incEffect ?? none,
        r.icer ?? none,
        STATUS_TEXT[r.status],
      ];
    }),
  };
}

/** Acceptability, frontier and EVPI at about 11 values of the grid. */
function curvesTable(a: PsaAnalysis, shown: readonly number[]): ReportTable {
  const c = a.curves;
  const S = a.strategies.length;
  return {
    name: "curves",
    columns: [
      { title: "WTP", kind: "wtp" },
      ...a.strategies.map((s) => ({ title: `P(${s} optimal)`, kind: "probability" as const })),
      { title: "CEAF strategy", kind: "text" },
      { title: "P(CEAF)", kind: "probability" },
      { title: "EVPI", kind: "money" },
    ],
    rows: shown.map((k) => [
      c.wtp[k] as number,
      ...a.strategies.map((_, j) => c.ceac[k * S + j] as number),
      a.strategies[c.ceafStrategy[k] as number] as string,
      c.ceaf[k] as number,
      c.evpi[k] as number,
    ]),
  };
}

/** The incremental net monetary benefit of each strategy against the comparator. */
function inmbTable(a: PsaAnalysis, shown: readonly number[]): ReportTable {
  const c = a.curves;
  return {
    name: "inmb",
    columns: [
      { title: "strategy", kind: "text" },
      { title: "WTP", kind: "wtp" },
      { title: "INMB", kind: "money" },
      { title: "INMB 2.5%", kind: "money" },
      { title: "INMB 97.5%", kind: "money" },
      { title: "P(INMB > 0)", kind: "probability" },
    ],
    rows: a.pairwise.flatMap((p) =>
      shown.map((k) => [
        p.strategy,
        c.wtp[k] as number,
        p.inmb[k] as number,
        p.inmbLower?.[k] ?? null,
        p.inmbUpper?.[k] ?? null,
        p.probCostEffective[k] as number,
      ]),
    ),
  };
}

/**
 * The sections of an analysis report, for Markdown and HTML.
 *
 * @example
 * ```ts
 * analysisSections(result, { title: "psa.csv" }).map((s) => s.heading);
 * // ["Cost-effectiveness analysis of psa.csv", "Per-strategy results (mean, 95% interval)", …]
 * ```
 */
export function analysisSections(
  a: PsaAnalysis,
  options: AnalysisReportOptions = {},
): ReportSection[] {
  const c = a.curves;
  const shown = sampleIndices(c.wtp.length, 11);
  const thinned =
    shown.length < c.wtp.length
      ? ` ${shown.length} of ${c.wtp.length} WTP values are shown; --format json or csv gives all.`
      : "";
  const sections: ReportSection[] = [
    {
      heading: `Cost-effectiveness analysis of ${options.title ?? "PSA"}`,
      text: [
        `${a.strategies.length} ${a.strategies.length === 1 ? "strategy" : "strategies"}, ${a.nSamples} samples; the others are compared with ${a.comparator}.`,
      ],
    },
    {
      heading: "Per-strategy results (mean, 95% interval)",
      text: [],
      table: summaryTable(a),
    },
    {
      heading: "Incremental analysis (dominance as in dampack)",
      text: [],
      table: icerTable(a),
    },
    {
      heading: "Switch points of the expected-best strategy (exact)",
      text:
        a.switchPoints.length === 0
          ? [`None: ${a.strategies[c.ceafStrategy[0] as number]} is best for every WTP ≥ 0.`]
          : a.switchPoints.map((p) => `At WTP ${formatWtp(p.wtp)}: ${p.from} → ${p.to}.`),
    },
    {
      heading: "Acceptability: P(each strategy is optimal), CEAF and EVPI per decision",
      text: thinned === "" ? [] : [thinned.trim()],
      table: curvesTable(a, shown),
    },
    {
      heading: `Against ${a.comparator}: incremental net monetary benefit (mean, 95% interval)`,
      text: a.pairwise.map(
        (p) =>
          `${p.strategy} vs ${p.comparator}: mean incremental cost ${formatMoney(p.incCost)}, effect ${formatNumber(p.incEffect)}, ICER ${p.incEffect === 0 ? "undefined (no difference in effect)" : formatIcer(p.incCost, p.incEffect)}; CE plane: NE ${formatProbability(p.quadrants.northEast)}, NW ${formatProbability(p.quadrants.northWest)}, SE ${formatProbability(p.quadrants.southEast)}, SW ${formatProbability(p.quadrants.southWest)}.`,
      ),
      table: inmbTable(a, shown),
    },
  ];
  const pop = a.population;
  if (pop !== undefined) {
    sections.push({
      heading: populationHeading(pop),
      text: [],
      table: {
        name: "population_evpi",
        columns: [
          { title: "WTP", kind: "wtp" },
          { title: "population EVPI", kind: "money" },
        ],
        rows: shown.map((k) => [c.wtp[k] as number, pop.evpi[k] as number]),
      },
    });
  }
  if (options.evppi !== undefined) sections.push(evppiSection(options.evppi, options.currency));
  return sections;
}
