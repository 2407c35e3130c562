/**
 * The commissioner answers of a scenario run as report sections and tables (one table model for
 * text, Markdown, HTML and tidy CSV): cashable savings apart from released staff time, budget
 * impact and payback per year, return on investment, and the break-even effect.
 *
 * @module
 */

import type {
  BreakEvenAnswers,
  CommissionerAnswers,
  CommissionerEstimate,
  RoiAnswer,
} from "../scenario/commissioner.js";
import type { ReportColumn, ReportSection, ReportTable } from "./document.js";
import { tableTidyRows } from "./document.js";
import { type CellValue, formatNumber, noValue } from "./format.js";
import type { TidyRow } from "./tidy-csv.js";

/** How strategies are named in the tables: labels for readers, names for CSV. */
interface Naming {
  readonly strategy: (name: string) => string;
  /** Adds a comparator column (the CSV's `comparator` dimension). */
  readonly csv: boolean;
}

const UNDEFINED_ROI = noValue(
  "no ROI: the programme costs nothing or less in some samples (or on average)",
);
const NOT_DISCOUNTED = noValue("the model gives no discounted amounts");
const NO_PAYBACK = noValue("does not pay back within the horizon");

/** A number, or a reason when it is not finite. */
const cell = (x: number | null | undefined, none = UNDEFINED_ROI): CellValue =>
  x === null || x === undefined || !Number.isFinite(x) ? none : x;

/** ROI as a percentage. */
const pct = (x: number | undefined): CellValue =>
  x === undefined || !Number.isFinite(x) ? UNDEFINED_ROI : 100 * x;

/** "−102%" for sentences (only for finite x). */
const pctText = (x: number) => `${formatNumber(Math.round(100 * x))}%`;

/**
 * An ROI for a sentence: "38% (95% interval −5% to 81%)" (the interval's name given when
 * `named`), without the interval when some sample has no ROI, or why there is none when the
 * programme costs nothing on average.
 */
function roiText(e: { mean: number; lower: number; upper: number }, named: boolean): string {
  if (!Number.isFinite(e.mean)) return "none (the programme costs nothing or less on average)";
  if (!(Number.isFinite(e.lower) && Number.isFinite(e.upper))) {
    return `${pctText(e.mean)} (no interval: the programme costs nothing or less in some samples)`;
  }
  return `${pctText(e.mean)} (${named ? "95% interval " : ""}${pctText(e.lower)} to ${pctText(e.upper)})`;
}

function strategyColumns(naming: Naming): ReportColumn[] {
  return [
    { title: "strategy", kind: "text", dimension: "strategy" },
    ...(naming.csv
      ? [{ title: "comparator", kind: "text" as const, dimension: "comparator" as const }]
      : []),
  ];
}

function strategyCells(naming: Naming, strategy: string, comparator: string): CellValue[] {
  return [naming.strategy(strategy), ...(naming.csv ? [comparator] : [])];
}

/** Programme cost, cashable savings, staff time and the net, undiscounted and discounted. */
function savingsTable(a: CommissionerAnswers, naming: Naming): ReportTable {
  const est = (e: CommissionerEstimate | null): CellValue[] =>
    e === null
      ? [NOT_DISCOUNTED, NOT_DISCOUNTED, NOT_DISCOUNTED, NOT_DISCOUNTED]
      : [e.base, e.mean, e.lower, e.upper];
  return {
    name: "commissioner_savings",
    columns: [
      ...strategyColumns(naming),
      { title: "amount", kind: "text", dimension: "item" },
      { title: "base case £", kind: "money", key: "base_case" },
      { title: "mean £", kind: "money", key: "mean" },
      { title: "2.5%", kind: "money", key: "lower" },
      { title: "97.5%", kind: "money", key: "upper" },
      { title: "discounted: base case £", kind: "money", key: "discounted_base_case" },
      { title: "mean £", kind: "money", key: "discounted_mean" },
      { title: "2.5%", kind: "money", key: "discounted_lower" },
      { title: "97.5%", kind: "money", key: "discounted_upper" },
    ],
    rows: a.strategies.flatMap((s) => {
      const who = strategyCells(naming, s.strategy, s.comparator);
      return [
        [
          ...who,
          "programme cost",
          ...est(s.programmeCost.undiscounted),
          ...est(s.programmeCost.discounted),
        ],
        [
          ...who,
          "cashable savings",
          ...est(s.cashable.undiscounted),
          ...est(s.cashable.discounted),
        ],
        [
          ...who,
          "released staff time",
          ...est(s.staffTime.undiscounted),
          ...est(s.staffTime.discounted),
        ],
      ];
    }),
  };
}

/** Budget impact and payback probability per year (undiscounted PSA means). */
function yearsTable(a: CommissionerAnswers, naming: Naming): ReportTable {
  return {
    name: "commissioner_years",
    columns: [
      ...strategyColumns(naming),
      { title: "year", kind: "text", dimension: "item" },
      { title: "programme £", kind: "money", key: "programme_cost" },
      { title: "cashable savings £", kind: "money", key: "cashable_savings" },
      { title: "staff time released £", kind: "money", key: "staff_time_savings" },
      { title: "net cash £", kind: "money", key: "net_cash" },
      { title: "net with staff time £", kind: "money", key: "net_with_staff_time" },
      { title: "cumulative net cash £", kind: "money", key: "cumulative_net_cash" },
      {
        title: "cumulative net with staff time £",
        kind: "money",
        key: "cumulative_net_with_staff_time",
      },
      { title: "P(payback by then), cashable", kind: "probability", key: "p_payback_cashable" },
      {
        title: "P(payback by then), with staff time",
        kind: "probability",
        key: "p_payback_with_staff_time",
      },
    ],
    rows: a.strategies.flatMap((s) =>
      s.budgetImpact.map((y) => [
        ...strategyCells(naming, s.strategy, s.comparator),
        String(y.year),
        y.programmeCost,
        y.cashableSavings,
        y.staffTimeSavings,
        y.netCash,
        y.netWithStaffTime,
        y.cumulativeNetCash,
        y.cumulativeNetWithStaffTime,
        y.pPaybackCashable,
        y.pPaybackWithStaffTime,
      ]),
    ),
  };
}

/** ROI (undiscounted and discounted) and payback, on cashable savings and with staff time. */
function roiTable(a: CommissionerAnswers, naming: Naming): ReportTable {
  const roi = (r: RoiAnswer): CellValue[] => [
    pct(r.base),
    pct(r.mean),
    pct(r.lower),
    pct(r.upper),
    r.pBreakEven,
  ];
  const disc = (r: RoiAnswer | null): CellValue[] =>
    r === null
      ? [NOT_DISCOUNTED, NOT_DISCOUNTED, NOT_DISCOUNTED]
      : [pct(r.mean), pct(r.lower), pct(r.upper)];
  return {
    name: "commissioner_roi",
    columns: [
      ...strategyColumns(naming),
      { title: "savings counted", kind: "text", dimension: "item" },
      { title: "ROI % base case", kind: "number", key: "roi_pct_base_case" },
      { title: "ROI % mean", kind: "number", key: "roi_pct_mean" },
      { title: "2.5%", kind: "number", key: "roi_pct_lower" },
      { title: "97.5%", kind: "number", key: "roi_pct_upper" },
      { title: "P(ROI ≥ 0)", kind: "probability", key: "p_roi_non_negative" },
      { title: "discounted ROI % mean", kind: "number", key: "discounted_roi_pct_mean" },
      { title: "2.5%", kind: "number", key: "discounted_roi_pct_lower" },
      { title: "97.5%", kind: "number", key: "discounted_roi_pct_upper" },
      { title: "payback year (base case)", kind: "number", key: "payback_year_base_case" },
      {
        title: `P(payback within ${a.horizonYears} y)`,
        kind: "probability",
        key: "p_payback_within_horizon",
      },
    ],
    rows: a.strategies.flatMap((s) => {
      const who = strategyCells(naming, s.strategy, s.comparator);
      const within = (p: readonly number[]) => p.at(-1) ?? 0;
      return [
        [
          ...who,
          "cashable only",
          ...roi(s.roi.cashable.undiscounted),
          ...disc(s.roi.cashable.discounted),
          cell(s.payback.cashable.baseYear, NO_PAYBACK),
          within(s.payback.cashable.probability),
        ],
        [
          ...who,
          "cashable + staff time",
          ...roi(s.roi.withStaffTime.undiscounted),
          ...disc(s.roi.withStaffTime.discounted),
          cell(s.payback.withStaffTime.baseYear, NO_PAYBACK),
          within(s.payback.withStaffTime.probability),
        ],
      ];
    }),
  };
}

/** The break-even effect at WTP 0 (cost-neutral) and each reporting WTP (cost-effective). */
function breakEvenTable(b: BreakEvenAnswers, naming: Naming): ReportTable {
  const [lo, hi] = b.range;
  return {
    name: "commissioner_break_even",
    columns: [
      { title: "WTP £", kind: "wtp", dimension: "wtp" },
      { title: "question", kind: "text", dimension: "item" },
      { title: b.parameter, kind: "number", key: "value" },
      ...(b.ratio ? [{ title: "reduction %", kind: "number" as const, key: "reduction_pct" }] : []),
      { title: "optimal below", kind: "text", key: "optimal_below" },
      { title: "optimal above", kind: "text", key: "optimal_above" },
    ],
    rows: b.rows.flatMap((r) => {
      const question = r.wtp === 0 ? "cost-neutral" : "cost-effective";
      if (r.values.length === 0) {
        const none = noValue(
          `none in [${formatNumber(lo)}, ${formatNumber(hi)}]: the same strategy is optimal throughout`,
        );
        return [
          [
            r.wtp,
            question,
            none,
            ...(b.ratio ? [none] : []),
            naming.strategy(r.optimalAtLow),
            naming.strategy(r.optimalAtHigh),
          ],
        ];
      }
      return r.values.map((v) => [
        r.wtp,
        question,
        v.value,
        ...(b.ratio ? [cell(v.reduction === null ? null : 100 * v.reduction)] : []),
        naming.strategy(v.from),
        naming.strategy(v.to),
      ]);
    }),
  };
}

/** A sentence per strategy: ROI, payback and its probability. */
function summaryLines(a: CommissionerAnswers, label: (s: string) => string): string[] {
  const h = a.horizonYears;
  return a.strategies.map((s) => {
    const r = s.roi;
    const payback = (p: { baseYear: number | null; probability: readonly number[] }) =>
      `${p.baseYear === null ? `does not pay back within ${h} year(s)` : `pays back in year ${p.baseYear}`} at the base case (P(payback within ${h} year(s)) = ${formatNumber(100 * (p.probability.at(-1) ?? 0))}%)`;
    return `${label(s.strategy)} vs ${label(s.comparator)} over ${h} year(s), undiscounted: ROI on cashable savings ${roiText(r.cashable.undiscounted, true)}, with released staff time ${roiText(r.withStaffTime.undiscounted, false)}. On cashable savings it ${payback(s.payback.cashable)}; with staff time it ${payback(s.payback.withStaffTime)}.`;
  });
}

/** A sentence on the break-even effect. */
function breakEvenLines(b: BreakEvenAnswers, label: (s: string) => string): string[] {
  if (b.unavailable !== null) return [`No break-even analysis: ${b.unavailable}.`];
  const [lo, hi] = b.range;
  const at = (wtp: number) => {
    const row = b.rows.find((r) => r.wtp === wtp);
    if (row === undefined) return "";
    if (row.values.length === 0) {
      return `none in [${formatNumber(lo)}, ${formatNumber(hi)}] (${label(row.optimalAtLow)} throughout)`;
    }
    return row.values
      .map(
        (v) =>
          `${b.parameter} = ${v.value.toFixed(3)}${v.reduction === null ? "" : ` (a reduction of ${(100 * v.reduction).toFixed(1)}%)`}, ${label(v.from)} below, ${label(v.to)} above`,
      )
      .join("; ");
  };
  const lines = [
    `Break-even ${b.label}: cost-neutral (WTP £0) at ${at(0)}. ${b.rows
      .filter((r) => r.wtp !== 0)
      .map((r) => `Cost-effective at £${formatNumber(r.wtp)}: ${at(r.wtp)}.`)
      .join(" ")}`,
  ];
  if (b.note !== null) lines.push(b.note);
  return lines;
}

function tablesOf(a: CommissionerAnswers, naming: Naming) {
  return {
    savings: savingsTable(a, naming),
    years: yearsTable(a, naming),
    roi: roiTable(a, naming),
    breakEven:
      a.breakEven === null || a.breakEven.unavailable !== null
        ? undefined
        : breakEvenTable(a.breakEven, naming),
  };
}

/**
 * The commissioner sections of a report (labels for strategies).
 *
 * @example
 * ```ts
 * commissionerSections(result.commissioner, (s) => labels[names.indexOf(s)]);
 * ```
 */
export function commissionerSections(
  a: CommissionerAnswers,
  label: (strategy: string) => string,
): ReportSection[] {
  const t = tablesOf(a, { strategy: label, csv: false });
  const sections: ReportSection[] = [
    {
      heading: `Commissioner answers: cashable savings and released staff time (vs the comparator, ${a.horizonYears} year(s))`,
      text: [
        ...summaryLines(a, label),
        ...(a.breakEven === null ? [] : breakEvenLines(a.breakEven, label).slice(0, 1)),
        `Cashable: ${a.definitions.cashable}. Released staff time: ${a.definitions.staffTime}. Savings are the comparator's cost minus the strategy's (negative: the strategy adds cost); programme cost is the strategy's minus the comparator's.`,
        ...a.caveats,
      ],
      table: t.savings,
    },
    {
      heading:
        "Commissioner answers: net budget impact and payback per year (undiscounted PSA means)",
      text: [
        "Net = programme cost − savings (positive: the budget pays more). P(payback by then): share of PSA samples whose cumulative savings have reached the cumulative programme cost by the end of that year.",
      ],
      table: t.years,
    },
    {
      heading: "Commissioner answers: return on investment and payback",
      text: [a.definitions.roi, a.definitions.payback],
      table: t.roi,
    },
  ];
  if (a.breakEven !== null) {
    sections.push({
      heading: "Commissioner answers: break-even effect",
      text: [
        a.definitions.breakEven,
        ...(a.breakEven.linked.length === 0
          ? []
          : [`Set to the same value: ${a.breakEven.linked.join(", ")}.`]),
        ...(a.breakEven.note === null ? [] : [a.breakEven.note]),
        ...breakEvenLines(a.breakEven, label).slice(0, 1),
        ...a.caveats,
      ],
      ...(t.breakEven === undefined ? {} : { table: t.breakEven }),
    });
  }
  return sections;
}

/**
 * The commissioner answers as tidy CSV rows (sections `commissioner_savings`,
 * `commissioner_years`, `commissioner_roi`, `commissioner_break_even`; strategies by name).
 *
 * @example
 * ```ts
 * commissionerTidyRows(result.commissioner).filter((r) => r.statistic === "roi_pct_mean");
 * ```
 */
export function commissionerTidyRows(a: CommissionerAnswers): TidyRow[] {
  const t = tablesOf(a, { strategy: (s) => s, csv: true });
  return [t.savings, t.years, t.roi, ...(t.breakEven === undefined ? [] : [t.breakEven])].flatMap(
    (table) => tableTidyRows(table),
  );
}
