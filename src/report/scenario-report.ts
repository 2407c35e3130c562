/**
 * Reports of a scenario run: one document of sections and tables, rendered as plain text,
 * Markdown, CSV (a tidy file, or one file per table) and JSON.
 *
 * @module
 */

import type { IcerRow } from "../analysis/icers.js";
import { escapeControlsInLines } from "../control-characters.js";
import type { ResolvedInput } from "../scenario/load-scenario.js";
import type { ScenarioResult } from "../scenario/run-scenario.js";
import { analysisToJson } from "./analysis-report.js";
import {
  type CellValue,
  csvField,
  DASH,
  footnoteLines,
  formatMoney,
  formatNumber,
  formatProbability,
  formatWtp,
  isNoValue,
  type NoValue,
  noIncrementReason,
  noValue,
  rawValue,
  STATUS_TEXT,
  sampleIndices,
  textTable,
} from "./format.js";

/** How a column's values are shown. */
export type Kind = "text" | "note" | "money" | "number" | "probability" | "wtp";

/** One table of a report: raw values, formatted only when rendered as text or Markdown. */
export interface ReportTable {
  /** File-name-friendly name, e.g. "cost_consequence". */
  readonly name: string;
  readonly columns: readonly { readonly title: string; readonly kind: Kind }[];
  readonly rows: readonly (readonly CellValue[])[];
}

/** One section: a heading, paragraphs and at most one table. */
export interface ReportSection {
  readonly heading: string;
  readonly text: readonly string[];
  readonly table?: ReportTable;
}

/**
 * One table cell as text: "—" for no value (its reason goes in the table's footnote, see
 * {@link footnoteLines}), numbers by their column's kind.
 *
 * @example
 * ```ts
 * formatCell(0.0213, "probability"); // "0.021"
 * ```
 */
export function formatCell(value: CellValue, kind: Kind): string {
  if (value === null || isNoValue(value)) return DASH;
  if (typeof value === "string") return value;
  switch (kind) {
    case "money":
      return formatMoney(value);
    case "probability":
      return formatProbability(value);
    case "wtp":
      return formatWtp(value);
    default:
      return formatNumber(value);
  }
}

/** A rate as a percentage, "3.5%". */
const percent = (rate: number) => `${Number((rate * 100).toFixed(4))}%`;

/** An incremental table (dampack's statuses), strategies shown by their labels. */
function icerTable(
  name: string,
  rows: readonly IcerRow[],
  effectLabel: string,
  labels: readonly string[],
  names: readonly string[],
): ReportTable {
  return {
    name,
    columns: [
      { title: "strategy", kind: "text" },
      { title: "cost £", kind: "money" },
      { title: effectLabel, kind: "number" },
      { title: "inc. cost £", kind: "money" },
      { title: "inc. effect", kind: "number" },
      { title: "ICER £", kind: "money" },
      { title: "status", kind: "text" },
    ],
    rows: rows.map((row, i) => {
      const none = noIncrementReason(row.status, i);
      return [
        labels[names.indexOf(row.strategy)] as string,
        row.cost,
        row.effect,
        row.incCost ?? none,
        row.incEffect ?? none,
        row.icer ?? none,
        STATUS_TEXT[row.status],
      ];
    }),
  };
}

/** "£1,234" style for sentences. */
const pounds = (x: number) => `£${formatMoney(Math.round(x))}`;

/** What the effect measure is called, in sentences. */
interface EffectWords {
  /** e.g. "Section 47 enquiries avoided". */
  readonly label: string;
  /** One unit, e.g. "Section 47 enquiry avoided". */
  readonly per: string;
}

/**
 * A one-sentence reading of a comparison, naming the quadrant instead of a bare ratio, e.g.
 * "SWIS costs £143,396 more than usual practice; Section 47 enquiries avoided: −2.15, so it is
 * dominated by usual practice."
 */
function verdict(
  label: string,
  comparator: string,
  incCost: number,
  incEffect: number,
  words: EffectWords,
) {
  const more = incCost >= 0 ? `costs ${pounds(incCost)} more` : `saves ${pounds(-incCost)}`;
  const change = `${words.label}: ${incEffect > 0 ? "+" : ""}${formatNumber(incEffect)}`;
  let reading: string;
  if (incCost >= 0 && incEffect <= 0) reading = `so it is dominated by ${comparator}`;
  else if (incCost <= 0 && incEffect >= 0) reading = `so it dominates ${comparator}`;
  else if (incCost > 0) reading = `an ICER of ${pounds(incCost / incEffect)} per ${words.per}`;
  else reading = `it saves ${pounds(incCost / incEffect)} per ${words.per} forgone`;
  return `${label} ${more} than ${comparator}; ${change}, ${reading}.`;
}

/**
 * The report of a scenario run as sections.
 *
 * @example
 * ```ts
 * const sections = scenarioSections(result);
 * sections.map((s) => s.heading); // ["Scenario", "Base case", ...]
 * ```
 */
export function scenarioSections(r: ScenarioResult): ReportSection[] {
  const { loaded } = r;
  const { config, factory } = loaded;
  const labels = r.strategies.map((s) => s.label);
  const names = r.strategies.map((s) => s.name);
  const comparator = labels[0] as string;
  const sections: ReportSection[] = [];
  const index = factory.priceIndices[loaded.priceIndex];
  sections.push({
    heading: loaded.scenario.title,
    text: [
      ...(loaded.scenario.description === undefined ? [] : [loaded.scenario.description.trim()]),
      `Model: ${factory.title}. Scenario file: ${loaded.files.join(" (extends ") + ")".repeat(loaded.files.length - 1)}.`,
      `Perspective: ${factory.perspectives[config.perspective]}. Horizon ${config.horizonYears} year(s); discount rate ${percent(config.discount.costs)} for costs, ${percent(config.discount.outcomes)} for outcomes. Prices ${config.priceYear}, uprated with the ${index?.label ?? loaded.priceIndex}.`,
      `Effect: ${r.effect.label}, so an ICER is the cost per ${r.effect.per}. PSA: ${r.psa.nSamples} samples, seed ${JSON.stringify(r.seed)}.`,
      `Settings: ${Object.entries(config.settings)
        .map(([k, v]) => `${k} = ${v}`)
        .join(", ")}.`,
    ],
  });
  const bc = r.baseCase;
  sections.push({
    heading: "Base case (every input at its point value)",
    text: names.slice(1).map((_, i) => {
      const j = i + 1;
      return verdict(
        labels[j] as string,
        comparator,
        (bc.cost[j] as number) - (bc.cost[0] as number),
        (bc.effect[j] as number) - (bc.effect[0] as number),
        r.effect,
      );
    }),
    table: icerTable("base_case", bc.icers, r.effect.label, labels, names),
  });
  sections.push({
    heading: "Probabilistic analysis: incremental results (means over samples)",
    text: r.psa.pairwise.map((p) =>
      verdict(
        labels[names.indexOf(p.strategy)] as string,
        comparator,
        p.incCost,
        p.incEffect,
        r.effect,
      ),
    ),
    table: icerTable("icers", r.psa.icers, r.effect.label, labels, names),
  });
  sections.push({
    heading: "Probability of being cost-effective",
    text: [
      `At a willingness to pay λ per ${r.effect.per}, a strategy is cost-effective in a sample when its net benefit λ × effect − cost is the highest. INMB is the incremental net monetary benefit against ${comparator}: mean and 95% interval.`,
    ],
    table: {
      name: "acceptability",
      columns: [
        { title: "WTP £", kind: "wtp" },
        ...labels.map((l) => ({ title: `P(${l})`, kind: "probability" as const })),
        ...labels.slice(1).flatMap((l) => [
          { title: `INMB ${l} £`, kind: "money" as const },
          { title: "2.5%", kind: "money" as const },
          { title: "97.5%", kind: "money" as const },
        ]),
      ],
      rows: r.acceptability.map((a) => [
        a.wtp,
        ...a.probability,
        ...a.inmb.flatMap((i) => [i.mean, i.lower, i.upper]),
      ]),
    },
  });
  const c = r.psa.curves;
  const S = names.length;
  const shown = sampleIndices(c.wtp.length, 11);
  sections.push({
    heading: "Acceptability curves, frontier and EVPI",
    text: [
      r.psa.switchPoints.length === 0
        ? `The strategy with the highest expected net benefit is ${labels[c.ceafStrategy[0] as number]} at every WTP from 0.`
        : r.psa.switchPoints
            .map(
              (p) =>
                `The expected-best strategy changes from ${labels[names.indexOf(p.from)]} to ${labels[names.indexOf(p.to)]} at WTP ${pounds(p.wtp)}.`,
            )
            .join(" "),
      shown.length < c.wtp.length
        ? `${shown.length} of ${c.wtp.length} grid values shown; --format json or csv gives all.`
        : "",
    ].filter((t) => t !== ""),
    table: {
      name: "curves",
      columns: [
        { title: "WTP £", kind: "wtp" },
        ...labels.map((l) => ({ title: `P(${l})`, kind: "probability" as const })),
        { title: "CEAF", kind: "text" },
        { title: "EVPI £", kind: "money" },
      ],
      rows: (shown.length < c.wtp.length ? shown : Array.from(c.wtp, (_, k) => k)).map((k) => [
        c.wtp[k] as number,
        ...names.map((_, j) => c.ceac[k * S + j] as number),
        labels[c.ceafStrategy[k] as number] as string,
        c.evpi[k] as number,
      ]),
    },
  });
  sections.push({
    heading:
      "Cost-consequence table (base case; PSA mean and 95% interval; change vs the comparator)",
    text: [],
    table: {
      name: "cost_consequence",
      columns: [
        { title: "outcome", kind: "text" },
        { title: "strategy", kind: "text" },
        { title: "base case", kind: "number" },
        { title: "mean", kind: "number" },
        { title: "2.5%", kind: "number" },
        { title: "97.5%", kind: "number" },
        { title: "change", kind: "number" },
        { title: "change 2.5%", kind: "number" },
        { title: "change 97.5%", kind: "number" },
      ],
      rows: r.consequences.map((row) => [
        `${row.label} (${row.unit})`,
        labels[names.indexOf(row.strategy)] as string,
        row.base,
        row.psa.mean,
        row.psa.lower,
        row.psa.upper,
        row.increment?.mean ?? SELF,
        row.increment?.lower ?? SELF,
        row.increment?.upper ?? SELF,
      ]),
    },
  });
  if (r.budgetImpact.length > 0) {
    sections.push({
      heading: "Budget impact per year (undiscounted PSA means, vs the comparator)",
      text: [
        `From the ${factory.perspectives[config.perspective]?.split(":")[0]?.toLowerCase()} perspective.`,
      ],
      table: {
        name: "budget_impact",
        columns: [
          { title: "strategy", kind: "text" },
          { title: "year", kind: "number" },
          { title: "programme £", kind: "money" },
          { title: "social care change £", kind: "money" },
          { title: "net £", kind: "money" },
        ],
        rows: r.budgetImpact.map((b) => [
          labels[names.indexOf(b.strategy)] as string,
          b.year,
          b.interventionCost,
          b.downstreamChange,
          b.net,
        ]),
      },
    });
  }
  sections.push({
    heading: `Inputs that are assumptions (${r.assumptions.length}): every result above depends on them`,
    text: [],
    table: inputTable("assumptions", r.assumptions),
  });
  sections.push({ heading: "All inputs", text: [], table: inputTable("inputs", loaded.inputs) });
  return sections;
}

/** Why the comparator's rows of the cost-consequence table have no change. */
const SELF: NoValue = noValue("no change: the comparator is what the others are compared with");

function inputTable(name: string, inputs: readonly ResolvedInput[]): ReportTable {
  return {
    name,
    columns: [
      { title: "input", kind: "text" },
      { title: "strategy", kind: "text" },
      { title: "distribution", kind: "note" },
      { title: "unit", kind: "text" },
      { title: "price year", kind: "text" },
      { title: "uprating", kind: "number" },
      { title: "tag", kind: "text" },
      { title: "source", kind: "note" },
    ],
    rows: inputs.map((i) => [
      i.name,
      i.strategy ?? "all",
      i.expression === undefined
        ? describeSpec(i.spec as unknown as Record<string, unknown>)
        : `= ${i.expression}`,
      i.unit,
      i.priceYear ?? "",
      i.factor,
      i.tag,
      i.source,
    ]),
  };
}

/**
 * The values an input may take, for a reader: "0 to 1", "≥ 0", "≤ 5", "any value".
 *
 * @example
 * ```ts
 * describeRange(0, Infinity); // "≥ 0"
 * ```
 */
export function describeRange(min: number, max: number): string {
  const low = Number.isFinite(min);
  const high = Number.isFinite(max);
  if (low && high) return `${formatNumber(min)} to ${formatNumber(max)}`;
  if (low) return `≥ ${formatNumber(min)}`;
  if (high) return `≤ ${formatNumber(max)}`;
  return "any value";
}

/** "gamma(mean 350, sd 150)" style description of a spec. */
export function describeSpec(spec: Record<string, unknown>): string {
  const {
    type,
    base,
    label: _l,
    unit: _u,
    source: _s,
    tag: _t,
    table: _b,
    priceYear: _p,
    ...rest
  } = spec;
  const parts = Object.entries(rest).map(([k, v]) =>
    k === "bounds" && Array.isArray(v)
      ? `bounds ${describeRange(v[0] as number, v[1] as number)}`
      : typeof v === "object" && v !== null
        ? `${k} ${Object.entries(v)
            .map(([a, b]) => `${a} ${formatNumber(b as number)}`)
            .join(" / ")}`
        : `${k} ${typeof v === "number" ? formatNumber(v) : String(v)}`,
  );
  const body =
    type === "fixed" ? formatNumber(rest.value as number) : `${type}(${parts.join(", ")})`;
  return base === undefined ? body : `${body}, base ${formatNumber(base as number)}`;
}

/**
 * Plain-text report for a terminal.
 *
 * @example
 * ```ts
 * process.stdout.write(scenarioText(result));
 * ```
 */
export function scenarioText(r: ScenarioResult): string {
  const out: string[] = [];
  for (const s of scenarioSections(r)) {
    out.push(s.heading, "=".repeat(Math.min(s.heading.length, 100)));
    for (const t of s.text) out.push(t);
    if (s.text.length > 0) out.push("");
    if (s.table !== undefined) {
      const t = s.table;
      out.push(
        textTable(
          t.columns.map((c) => c.title),
          t.rows.map((row) =>
            row.map((v, i) =>
              clip(formatCell(v, t.columns[i]?.kind ?? "text"), t.columns[i]?.kind),
            ),
          ),
        ),
        ...footnoteLines(t.rows),
        "",
      );
    } else if (s.text.length === 0) out.push("");
  }
  // Control characters from the scenario (titles, labels, sources) are shown escaped.
  return escapeControlsInLines(`${out.join("\n").trimEnd()}\n`);
}

/** Long notes are cut in the terminal report (Markdown, CSV and JSON keep them whole). */
const clip = (s: string, kind: Kind | undefined) =>
  kind === "note" && s.length > 60 ? `${s.slice(0, 59)}…` : s;

const mdCell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/**
 * Markdown report (GitHub-flavoured tables).
 *
 * @example
 * ```ts
 * writeFileSync("report.md", scenarioMarkdown(result));
 * ```
 */
export function scenarioMarkdown(r: ScenarioResult): string {
  const out: string[] = [];
  scenarioSections(r).forEach((s, i) => {
    out.push(`${i === 0 ? "#" : "##"} ${s.heading}`, "");
    for (const t of s.text) out.push(t, "");
    if (s.table !== undefined) {
      const t = s.table;
      out.push(`| ${t.columns.map((c) => mdCell(c.title)).join(" | ")} |`);
      out.push(`|${t.columns.map((c) => (c.kind === "text" ? " --- |" : " ---: |")).join("")}`);
      for (const row of t.rows) {
        out.push(
          `| ${row.map((v, k) => mdCell(formatCell(v, t.columns[k]?.kind ?? "text"))).join(" | ")} |`,
        );
      }
      const notes = footnoteLines(t.rows);
      if (notes.length > 0) out.push("", ...notes.map((n) => `${n}  `));
      out.push("");
    }
  });
  return escapeControlsInLines(`${out.join("\n").trimEnd()}\n`);
}

/**
 * Every table of the report as its own CSV text (full precision), keyed by table name.
 *
 * @example
 * ```ts
 * scenarioCsvTables(result).acceptability; // "WTP £,Usual practice,…\n1000,0.98,…"
 * ```
 */
export function scenarioCsvTables(r: ScenarioResult): Record<string, string> {
  const out: Record<string, string> = {};
  const sections = scenarioSections(r);
  // The curves table in the text report is thinned; CSV carries the whole grid.
  const full = fullCurves(r);
  for (const s of sections) {
    const t = s.table?.name === "curves" ? full : s.table;
    if (t === undefined) continue;
    out[t.name] =
      `${[t.columns.map((c) => csvField(c.title)).join(","), ...t.rows.map((row) => row.map((v) => csvField(rawValue(v))).join(","))].join("\n")}\n`;
  }
  return out;
}

function fullCurves(r: ScenarioResult): ReportTable {
  const c = r.psa.curves;
  const labels = r.strategies.map((s) => s.label);
  const S = labels.length;
  return {
    name: "curves",
    columns: [
      { title: "wtp", kind: "wtp" },
      ...labels.map((l) => ({ title: `p_optimal ${l}`, kind: "probability" as const })),
      ...labels.map((l) => ({ title: `enb ${l}`, kind: "money" as const })),
      { title: "ceaf", kind: "text" },
      { title: "p_ceaf", kind: "probability" },
      { title: "evpi", kind: "money" },
    ],
    rows: Array.from(c.wtp, (w, k) => [
      w,
      ...labels.map((_, j) => c.ceac[k * S + j] as number),
      ...labels.map((_, j) => c.enb[k * S + j] as number),
      labels[c.ceafStrategy[k] as number] as string,
      c.ceaf[k] as number,
      c.evpi[k] as number,
    ]),
  };
}

/**
 * One tidy CSV of every table: `table,row,column,value`.
 *
 * @example
 * ```ts
 * scenarioCsv(result).split("\n")[0]; // "table,row,column,value"
 * ```
 */
export function scenarioCsv(r: ScenarioResult): string {
  const lines = ["table,row,column,value"];
  for (const [name, text] of Object.entries(scenarioCsvTables(r))) {
    const [header, ...rows] = text.trimEnd().split("\n");
    const titles = splitCsvLine(header as string);
    rows.forEach((line, i) => {
      splitCsvLine(line).forEach((v, k) => {
        lines.push([name, String(i + 1), csvField(titles[k] as string), csvField(v)].join(","));
      });
    });
  }
  return `${lines.join("\n")}\n`;
}

/** Splits one line written by {@link csvField} back into fields. */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = "";
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          v += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else v += line[i++];
      }
      out.push(v);
      i++;
    } else {
      const end = line.indexOf(",", i);
      const stop = end === -1 ? line.length : end;
      out.push(line.slice(i, stop));
      i = stop + 1;
    }
  }
  return out;
}

/**
 * The full result as JSON-ready data: settings, base case, PSA analysis (as `ceakit analyse`
 * gives it), acceptability at the reporting WTPs, cost-consequence, budget impact and inputs.
 *
 * @example
 * ```ts
 * JSON.parse(scenarioJsonText(result)).acceptability[0].probability;
 * ```
 */
export function scenarioToJson(r: ScenarioResult): Record<string, unknown> {
  const { loaded } = r;
  const { config } = loaded;
  return {
    title: loaded.scenario.title,
    description: loaded.scenario.description ?? null,
    model: loaded.factory.name,
    files: loaded.files,
    settings: {
      priceYear: config.priceYear,
      priceIndex: loaded.priceIndex,
      perspective: config.perspective,
      horizonYears: config.horizonYears,
      discount: config.discount,
      effect: r.effect,
      samples: r.psa.nSamples,
      seed: r.seed,
      ...config.settings,
    },
    strategies: r.strategies,
    baseCase: r.baseCase,
    acceptability: r.acceptability,
    analysis: analysisToJson(r.psa),
    costConsequence: r.consequences,
    budgetImpact: r.budgetImpact,
    assumptions: r.assumptions.map((i) => i.name),
    inputs: loaded.inputs,
  };
}

/**
 * {@link scenarioToJson} as pretty-printed text.
 *
 * @example
 * ```ts
 * writeFileSync("result.json", scenarioJsonText(result));
 * ```
 */
export function scenarioJsonText(r: ScenarioResult): string {
  return `${JSON.stringify(scenarioToJson(r), null, 2)}\n`;
}
