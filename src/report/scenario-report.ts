/**
 * Reports of a scenario run: one document of sections and tables, rendered as plain text,
 * Markdown, CSV (a tidy file, or one file per table) and JSON.
 *
 * @module
 */

import type { IcerRow } from "../analysis/icers.js";
import { escapeJsonControls } from "../control-characters.js";
import { distributionPart } from "../model/provenance.js";
import { COMMISSIONER_CAVEATS } from "../scenario/commissioner.js";
import { groupInputs, inputGroup } from "../scenario/input-groups.js";
import type { ResolvedInput } from "../scenario/load-scenario.js";
import type { ScenarioResult } from "../scenario/run-scenario.js";
import { analysisTidyRows, analysisToJson } from "./analysis-report.js";
import { cohortCycleSections } from "./cohort-sections.js";
import { commissionerSections, commissionerTidyRows } from "./commissioner-sections.js";
import { money } from "./currency.js";
import {
  type ReportSection,
  type ReportTable,
  sectionsMarkdown,
  sectionsText,
} from "./document.js";
import {
  formatMoney,
  formatNumber,
  type NoValue,
  noIncrementReason,
  noValue,
  STATUS_TEXT,
  sampleIndices,
} from "./format.js";
import { type TidyRow, tidyCsv } from "./tidy-csv.js";

export type { Kind, ReportSection, ReportTable } from "./document.js";
export { formatCell } from "./document.js";

/** A rate as a percentage, "3.5%". */
const percent = (rate: number) => `${Number((rate * 100).toFixed(4))}%`;

/** An incremental table (dampack's statuses), strategies shown by their labels. */
function icerTable(
  name: string,
  rows: readonly IcerRow[],
  effectLabel: string,
  labels: readonly string[],
  names: readonly string[],
  currency: string,
): ReportTable {
  return {
    name,
    columns: [
      { title: "strategy", kind: "text" },
      { title: `cost ${currency}`, kind: "money" },
      { title: effectLabel, kind: "number" },
      { title: `inc. cost ${currency}`, kind: "money" },
      { title: "inc. effect", kind: "number" },
      { title: `ICER ${currency}`, kind: "money" },
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

/** "£1,234" style for sentences, in the report's currency. */
const whole = (currency: string, x: number) => money(currency, formatMoney(Math.round(x)));

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
  currency: string,
) {
  const amount = (x: number) => whole(currency, x);
  const more = incCost >= 0 ? `costs ${amount(incCost)} more` : `saves ${amount(-incCost)}`;
  const change = `${words.label}: ${incEffect > 0 ? "+" : ""}${formatNumber(incEffect)}`;
  let reading: string;
  if (incCost >= 0 && incEffect <= 0) reading = `so it is dominated by ${comparator}`;
  else if (incCost <= 0 && incEffect >= 0) reading = `so it dominates ${comparator}`;
  else if (incCost > 0) reading = `an ICER of ${amount(incCost / incEffect)} per ${words.per}`;
  else reading = `it saves ${amount(incCost / incEffect)} per ${words.per} forgone`;
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
  const cur = r.currency;
  const sections: ReportSection[] = [];
  const index = factory.priceIndices[loaded.priceIndex];
  sections.push({
    heading: loaded.scenario.title,
    text: [
      ...(loaded.scenario.description === undefined ? [] : [loaded.scenario.description.trim()]),
      `Model: ${factory.title}. Scenario file: ${loaded.files.join(" (extends ") + ")".repeat(loaded.files.length - 1)}.`,
      `Perspective: ${factory.perspectives[config.perspective]}. Horizon ${config.horizonYears} year(s); discount rate ${percent(config.discount.costs)} for costs, ${percent(config.discount.outcomes)} for outcomes. Prices ${config.priceYear}${
        // A model with no price index (a model file) states its prices per input, unuprated.
        index === undefined ? "" : `, uprated with the ${index.label}`
      }.`,
      `Effect: ${r.effect.label}, so an ICER is the cost per ${r.effect.per}. PSA: ${r.psa.nSamples} samples, seed ${JSON.stringify(r.seed)}.`,
      ...(Object.keys(config.settings).length === 0
        ? []
        : [
            `Settings: ${Object.entries(config.settings)
              .map(([k, v]) => `${k} = ${v}`)
              .join(", ")}.`,
          ]),
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
        cur,
      );
    }),
    table: icerTable("base_case", bc.icers, r.effect.label, labels, names, cur),
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
        cur,
      ),
    ),
    table: icerTable("icers", r.psa.icers, r.effect.label, labels, names, cur),
  });
  sections.push({
    heading: "Probability of being cost-effective",
    text: [
      `At a willingness to pay λ per ${r.effect.per}, a strategy is cost-effective in a sample when its net benefit λ × effect − cost is the highest. INMB is the incremental net monetary benefit against ${comparator}: mean and 95% interval.`,
      // The model's caveats on its effect measure (e.g. no accepted threshold) go beside every CEAC.
      ...(r.commissioner?.caveats.filter(
        (c) => !(COMMISSIONER_CAVEATS as readonly string[]).includes(c),
      ) ?? []),
    ],
    table: {
      name: "acceptability",
      columns: [
        { title: `WTP ${cur}`, kind: "wtp" },
        ...labels.map((l) => ({ title: `P(${l})`, kind: "probability" as const })),
        ...labels.slice(1).flatMap((l) => [
          { title: `INMB ${l} ${cur}`, kind: "money" as const },
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
                `The expected-best strategy changes from ${labels[names.indexOf(p.from)]} to ${labels[names.indexOf(p.to)]} at WTP ${whole(cur, p.wtp)}.`,
            )
            .join(" "),
      shown.length < c.wtp.length
        ? `${shown.length} of ${c.wtp.length} grid values shown; --format json or csv gives all.`
        : "",
    ].filter((t) => t !== ""),
    table: {
      name: "curves",
      columns: [
        { title: `WTP ${cur}`, kind: "wtp" },
        ...labels.map((l) => ({ title: `P(${l})`, kind: "probability" as const })),
        { title: "CEAF", kind: "text" },
        { title: `EVPI ${cur}`, kind: "money" },
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
          { title: `programme ${cur}`, kind: "money" },
          { title: `social care change ${cur}`, kind: "money" },
          { title: `net ${cur}`, kind: "money" },
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
  if (r.commissioner !== undefined) {
    sections.push(...commissionerSections(r.commissioner, (s) => labels[names.indexOf(s)] ?? s));
  }
  const groups = groupInputs(loaded.inputs);
  const yours = groups["your-figures"];
  sections.push({
    heading: `Your figures (${yours.length}): your own audited numbers (tag local) and figures set in this scenario with evidence (verified or derived)`,
    text: yours.length === 0 ? ["None: every input is a national default or an assumption."] : [],
    table: inputTable("your_figures", yours),
  });
  const national = groups["national-defaults"];
  sections.push({
    heading: `National defaults (${national.length}): the model's sourced national figures, not local data`,
    text: [],
    table: inputTable("national_defaults", national),
  });
  sections.push({
    heading: `Inputs that are assumptions (${r.assumptions.length}): every result above depends on them`,
    text: [],
    table: inputTable("assumptions", r.assumptions),
  });
  const correlations = correlationsOf(r);
  if (correlations.length > 0) {
    sections.push({
      heading: `Correlations between inputs (${correlations.length}): assumptions unless tagged otherwise`,
      text: [],
      table: {
        name: "correlations",
        columns: [
          { title: "correlation", kind: "text" },
          { title: "inputs", kind: "note" },
          { title: "matrix", kind: "note" },
          { title: "scale", kind: "text" },
          { title: "tag", kind: "text" },
          { title: "source", kind: "note" },
        ],
        rows: correlations.map((c) => [
          c.name,
          c.parameters.join(", "),
          describeMatrix(c.matrix),
          c.scale,
          c.tag,
          c.source,
        ]),
      },
    });
  }
  // A cohort model's base case, cycle by cycle: what it earns and where the cohort is.
  if (r.cohort !== undefined) sections.push(...cohortCycleSections(r.cohort));
  sections.push({ heading: "All inputs", text: [], table: inputTable("inputs", loaded.inputs) });
  return sections;
}

/** A scenario's correlation with its provenance, as reports show it. */
interface ReportedCorrelation {
  readonly name: string;
  readonly parameters: readonly string[];
  readonly matrix: readonly (readonly number[])[];
  readonly scale: string;
  readonly source: string;
  readonly tag: string;
}

/** The run's correlations with their provenance (a correlation without a tag is an assumption). */
function correlationsOf(r: ScenarioResult): ReportedCorrelation[] {
  return (r.loaded.scenario.correlations ?? []).map((c) => ({
    name: c.name,
    parameters: c.parameters,
    matrix: c.matrix,
    scale: c.scale ?? "spearman",
    source: c.source ?? `set in ${r.loaded.file}`,
    tag: c.tag ?? "assumption",
  }));
}

/** A correlation matrix for a reader: every off-diagonal ρ once, or the rows when they differ. */
function describeMatrix(matrix: readonly (readonly number[])[]): string {
  const off = matrix.flatMap((row, i) => row.slice(i + 1));
  const first = off[0];
  if (first !== undefined && off.every((v) => v === first))
    return `ρ = ${formatNumber(first)} for every pair`;
  return matrix.map((row) => `[${row.map((v) => formatNumber(v)).join(", ")}]`).join(" ");
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
  const { type, base, ...rest } = distributionPart(spec);
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
  return sectionsText(scenarioSections(r));
}

/**
 * Markdown report (GitHub-flavoured tables).
 *
 * @example
 * ```ts
 * writeFileSync("report.md", scenarioMarkdown(result));
 * ```
 */
export function scenarioMarkdown(r: ScenarioResult): string {
  return sectionsMarkdown(scenarioSections(r));
}

/**
 * Every number of a scenario run as rows of the tidy layout (src/report/tidy-csv.ts), strategies
 * by name: `strategies` (their labels), the PSA's sections exactly as `ceakit analyse` gives them
 * (`summary`, `icers`, `switch_points`, `curves`, `pairwise`), then `base_case`,
 * `acceptability` (at the reporting WTPs), `cost_consequence` (item: the outcome),
 * `budget_impact` (item: the year), `assumptions` and `inputs` (item: the input).
 *
 * @example
 * ```ts
 * scenarioTidyRows(result).filter((row) => row.section === "acceptability");
 * ```
 */
export function scenarioTidyRows(r: ScenarioResult): TidyRow[] {
  const names = r.strategies.map((s) => s.name);
  const comparator = names[0] as string;
  const rows: TidyRow[] = r.strategies.map((s) => ({
    section: "strategies",
    strategy: s.name,
    statistic: "label",
    value: s.label,
  }));
  // A loop, not push(...rows): a fine WTP grid gives more rows than a call takes arguments.
  for (const row of analysisTidyRows(r.psa)) rows.push(row);
  for (const row of r.baseCase.icers) {
    for (const [statistic, value] of [
      ["cost", row.cost],
      ["effect", row.effect],
      ["inc_cost", row.incCost],
      ["inc_effect", row.incEffect],
      ["icer", row.icer],
      ["status", row.status],
    ] as const) {
      rows.push({ section: "base_case", strategy: row.strategy, statistic, value });
    }
  }
  for (const a of r.acceptability) {
    a.probability.forEach((p, j) => {
      rows.push({
        section: "acceptability",
        strategy: names[j] as string,
        wtp: a.wtp,
        statistic: "p_optimal",
        value: p,
      });
    });
    for (const i of a.inmb) {
      for (const [statistic, value] of [
        ["inmb_mean", i.mean],
        ["inmb_lower", i.lower],
        ["inmb_upper", i.upper],
      ] as const) {
        rows.push({
          section: "acceptability",
          strategy: i.strategy,
          comparator,
          wtp: a.wtp,
          statistic,
          value,
        });
      }
    }
    rows.push({ section: "acceptability", wtp: a.wtp, statistic: "evpi", value: a.evpi });
  }
  for (const c of r.consequences) {
    const base = { section: "cost_consequence", item: c.outcome, strategy: c.strategy };
    rows.push({ ...base, statistic: "base_case", value: c.base });
    rows.push({ ...base, statistic: "mean", value: c.psa.mean });
    rows.push({ ...base, statistic: "lower", value: c.psa.lower });
    rows.push({ ...base, statistic: "upper", value: c.psa.upper });
    if (c.increment !== undefined) {
      rows.push({ ...base, comparator, statistic: "change_mean", value: c.increment.mean });
      rows.push({ ...base, comparator, statistic: "change_lower", value: c.increment.lower });
      rows.push({ ...base, comparator, statistic: "change_upper", value: c.increment.upper });
    }
  }
  for (const b of r.budgetImpact) {
    const base = {
      section: "budget_impact",
      item: String(b.year),
      strategy: b.strategy,
      comparator,
    };
    rows.push({ ...base, statistic: "programme_cost", value: b.interventionCost });
    rows.push({ ...base, statistic: "social_care_change", value: b.downstreamChange });
    rows.push({ ...base, statistic: "net", value: b.net });
  }
  if (r.commissioner !== undefined) {
    for (const row of commissionerTidyRows(r.commissioner)) rows.push(row);
  }
  for (const i of r.assumptions) {
    rows.push({
      section: "assumptions",
      item: i.name,
      strategy: i.strategy ?? null,
      statistic: "tag",
      value: i.tag,
    });
  }
  for (const c of correlationsOf(r)) {
    if (c.tag !== "assumption" && c.tag !== "not-found") continue;
    rows.push({
      section: "assumptions",
      item: `correlation:${c.name}`,
      strategy: null,
      statistic: "tag",
      value: c.tag,
    });
  }
  for (const i of r.loaded.inputs) {
    const base = { section: "inputs", item: i.name, strategy: i.strategy ?? null };
    rows.push({ ...base, statistic: "label", value: i.label });
    rows.push({ ...base, statistic: "group", value: inputGroup(i) });
    rows.push({
      ...base,
      statistic: "distribution",
      value:
        i.expression === undefined
          ? describeSpec(i.spec as unknown as Record<string, unknown>)
          : `= ${i.expression}`,
    });
    rows.push({ ...base, statistic: "unit", value: i.unit });
    rows.push({ ...base, statistic: "price_year", value: i.priceYear ?? null });
    rows.push({ ...base, statistic: "uprating", value: i.factor });
    rows.push({ ...base, statistic: "tag", value: i.tag });
    rows.push({ ...base, statistic: "source", value: i.source });
  }
  return rows;
}

/**
 * The tidy rows of a run, one CSV text per section (each with the shared header), keyed by
 * section name: binding them together gives {@link scenarioCsv}.
 *
 * @example
 * ```ts
 * scenarioCsvTables(result).icers; // "section,item,strategy,…\nicers,,usual,,,cost,…"
 * ```
 */
export function scenarioCsvTables(r: ScenarioResult): Record<string, string> {
  const bySection = new Map<string, TidyRow[]>();
  for (const row of scenarioTidyRows(r)) {
    const list = bySection.get(row.section);
    if (list === undefined) bySection.set(row.section, [row]);
    else list.push(row);
  }
  // A section with no rows (no switch point) still gets its file, so a set always has the same names.
  const always = ["switch_points", "budget_impact", "assumptions"];
  if (r.commissioner !== undefined) always.push("commissioner_break_even");
  for (const name of always) {
    if (!bySection.has(name)) bySection.set(name, []);
  }
  return Object.fromEntries([...bySection].map(([name, rows]) => [name, tidyCsv(rows)]));
}

/**
 * One tidy CSV of every number of the run, in the layout every ceakit CSV shares:
 * `section,item,strategy,comparator,wtp,statistic,value,text`.
 *
 * @example
 * ```ts
 * scenarioCsv(result).split("\n")[0]; // "section,item,strategy,comparator,wtp,statistic,value,text"
 * ```
 */
export function scenarioCsv(r: ScenarioResult): string {
  return tidyCsv(scenarioTidyRows(r));
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
      currency: r.currency,
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
    commissioner: r.commissioner ?? null,
    assumptions: r.assumptions.map((i) => i.name),
    inputGroups: Object.fromEntries(
      Object.entries(groupInputs(loaded.inputs)).map(([group, inputs]) => [
        group,
        inputs.map((i) => (i.strategy === undefined ? i.name : `${i.name} (${i.strategy})`)),
      ]),
    ),
    correlations: correlationsOf(r),
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
  return `${escapeJsonControls(JSON.stringify(scenarioToJson(r), null, 2))}\n`;
}
