/**
 * `ceakit dsa`, `ceakit threshold`, `ceakit evppi` and `ceakit compare`: deterministic and
 * value-of-information analyses of a scenario, and several scenarios side by side. The commands
 * are declared in commands/sensitivity.ts, which imports this module only when one of them runs.
 *
 * @module
 */

import { quadraticTerms } from "../analysis/evppi.js";
import { type EvppiRanking, rankEvppi } from "../analysis/evppi-ranking.js";
import { MAX_WTP } from "../analysis/limits.js";
import { groupLimitText, MAX_GROUP_PARAMETERS } from "../analysis/psa-evppi.js";
import { InputError } from "../errors.js";
import { suggest } from "../model/expressions.js";
import { currencyOf } from "../model/model-factory.js";
import { oneWayDsa, type TornadoBar, thresholdAnalysis, twoWayDsa } from "../psa/deterministic.js";
import type { PreparedModel } from "../psa/run-psa.js";
import { tornadoChart } from "../report/charts.js";
import {
  type CommandReport,
  commandCsvTables,
  renderCommandReport,
} from "../report/command-report.js";
import { money } from "../report/currency.js";
import { type ReportColumn, type ReportTable, tableRecords } from "../report/document.js";
import {
  APPROX_ZERO,
  type CellValue,
  formatIcer,
  formatMoney,
  formatNoiseFloor,
  formatNumber,
  formatWtp,
  noValue,
  quadrant,
  unrankedEvpiClause,
} from "../report/format.js";
import { evppiRankingChart } from "../report/html-report.js";
import type { TidyRow } from "../report/tidy-csv.js";
import { type LoadedScenario, outsideBounds, parameterBounds } from "../scenario/load-scenario.js";
import { runScenario } from "../scenario/run-scenario.js";
import { scenarioModel } from "../scenario/scenario-model.js";
import type { CliIo } from "./io.js";
import { parseNumberInRange } from "./options.js";
import { progressBar } from "./progress.js";
import { psaThreads, threadedRunPsa } from "./psa-threads.js";
import {
  parseReportFormat,
  type ReportFormat,
  reportOutput,
  writeReport,
} from "./report-output.js";
import { checkPsaFits, parseSamples, parseWorkers } from "./resource-limits.js";
import { loadScenarioFile, locatingModelErrors } from "./scenario-io.js";

/** Format and output of a command, parsed and checked before any work. */
interface Destination {
  readonly format: ReportFormat;
  readonly output: ReturnType<typeof reportOutput>;
}

/** Parses `--format` and `--out`, refusing a bad output path before any work is done. */
function destination(io: CliIo, flags: { format: string; out?: string }): Destination {
  const format = parseReportFormat(flags.format);
  const output = reportOutput(format, flags.out);
  if (output !== undefined) io.checkOutput(output);
  return { format, output };
}

/**
 * Loads a scenario for a command writing to `to`, then checks `--out` again now that the
 * scenario's files are known (it must not replace one of them).
 */
async function loadFor(
  io: CliIo,
  to: Destination,
  file: string,
  options: Parameters<typeof loadScenarioFile>[2],
): ReturnType<typeof loadScenarioFile> {
  const loaded = await loadScenarioFile(io, file, options);
  if (to.output !== undefined) io.checkOutput(to.output);
  return loaded;
}

/** Renders and writes a command's report. */
async function emit(io: CliIo, to: Destination, report: CommandReport): Promise<void> {
  await writeReport(io, to.output, {
    text: () => renderCommandReport(report, to.format),
    tables: () => commandCsvTables(report),
  });
}

/** A report of one table under a title with notes, as JSON `{ title, notes, rows }`. */
function singleTable(
  title: string,
  notes: readonly string[],
  table: ReportTable,
  extra: Partial<CommandReport> = {},
): CommandReport {
  return {
    sections: [{ heading: title, text: notes, table }],
    json: () => ({ title, notes, rows: tableRecords(table) }),
    ...extra,
  };
}

/** Parameter names given with --parameters, checked against the model. */
function parameterList(
  text: string | undefined,
  prepared: PreparedModel,
  flag = "--parameters",
): string[] | undefined {
  const { model } = prepared;
  if (text === undefined) return undefined;
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  for (const name of names) {
    if (!model.parameterNames.includes(name)) {
      const hint = suggest(name, model.parameterNames);
      throw new InputError({
        field: flag,
        message: `unknown parameter "${name}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`,
      });
    }
  }
  if (names.length === 0) throw new InputError({ field: flag, message: "no names given" });
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) {
    throw new InputError({ field: flag, message: `"${twice}" is named twice` });
  }
  return names;
}

/**
 * Refuses a share of a Dirichlet group among `names` (given to `flag`): the shares of a group
 * sum to 1, so one cannot be set on its own as a DSA or threshold does.
 */
function refuseShares(loaded: LoadedScenario, names: readonly string[], flag: string): void {
  for (const [group, spec] of Object.entries(loaded.config.inputs)) {
    if (spec.type !== "dirichlet") continue;
    const shares = Object.keys("alpha" in spec ? spec.alpha : spec.mean);
    const share = names.find((n) => shares.includes(n));
    if (share !== undefined) {
      throw new InputError({
        field: flag,
        message: `${share} is a share of the group ${group}, whose shares sum to 1; it cannot be varied on its own`,
      });
    }
  }
}

/**
 * The parameters a DSA or threshold flag names ({@link parameterList}), with a Dirichlet group
 * or one of its shares refused as such (not as an unknown parameter, nor varied alone).
 */
function variedParameters(
  loaded: LoadedScenario,
  model: PreparedModel,
  text: string | undefined,
  flag: string,
): string[] | undefined {
  const groups = Object.entries(loaded.config.inputs).filter(([, s]) => s.type === "dirichlet");
  const group = text
    ?.split(",")
    .map((s) => s.trim())
    .find((n) => groups.some(([g]) => g === n));
  if (group !== undefined) {
    throw new InputError({
      field: flag,
      message: `${group} is a group of shares that sum to 1 (a Dirichlet); its shares cannot be varied one at a time`,
    });
  }
  const names = parameterList(text, model, flag);
  refuseShares(loaded, names ?? [], flag);
  return names;
}

/** The message for a parameter named to vary that has no range: fixed, with none in `dsa`. */
function noRangeMessage(name: string, value: number): string {
  return `${name} has no range to vary over: it is fixed at ${formatNumber(value)}; give it one in the scenario (dsa: { ranges: { ${name}: [low, high] } }) or a distribution`;
}

/**
 * Refuses a fixed parameter named in `--parameters` of a one-way DSA without a range in the
 * scenario's `dsa.ranges`: its bar would have no width, as if it did not matter.
 */
function refuseUnvaried(loaded: LoadedScenario, names: readonly string[] | undefined): void {
  for (const name of names ?? []) {
    const spec = loaded.config.inputs[name];
    if (spec?.type !== "fixed" || loaded.scenario.dsa?.ranges?.[name] !== undefined) continue;
    throw new InputError({ field: "--parameters", message: noRangeMessage(name, spec.value) });
  }
}

/**
 * The strategy `--strategy` names, checked here so that a mistake names the flag: one of the
 * model's strategies, and not the comparator (the first), which it is compared with.
 */
function strategyFlag(text: string | undefined, prepared: PreparedModel): string | undefined {
  if (text === undefined) return undefined;
  const [comparator, ...others] = prepared.model.strategies;
  if (text === comparator) {
    throw new InputError({
      field: "--strategy",
      message: `"${text}" is the comparator, which the other strategies are compared with; name one of ${others.join(", ")}`,
    });
  }
  if (!others.includes(text)) {
    const hint = suggest(text, others);
    throw new InputError({
      field: "--strategy",
      message: `unknown strategy "${text}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}; the model has ${prepared.model.strategies.join(", ")}`,
    });
  }
  return text;
}

const wtpFlag = (text: string | undefined, fallback: number) =>
  text === undefined ? fallback : parseNumberInRange("--wtp", text, 0, MAX_WTP);

/** Largest magnitude of a parameter value searched by `threshold`, as for numbers in scenarios. */
const MAX_INPUT = 1e12;

/** Steps per axis of a two-way grid. */
const TWO_WAY_STEPS = 11;

/**
 * Two-way DSA: the optimal strategy on an 11 × 11 grid of two parameters, each over its
 * scenario range or its 2.5%–97.5% quantiles. Readers get the grid; CSV gets one cell per item.
 */
async function runTwoWay(
  io: CliIo,
  to: Destination,
  loaded: LoadedScenario,
  model: PreparedModel,
  wtp: number,
  names: string,
): Promise<void> {
  const pair = variedParameters(loaded, model, names, "--two-way") ?? [];
  if (pair.length !== 2) {
    throw new InputError({
      field: "--two-way",
      message: `expected two parameters, got ${pair.length}`,
    });
  }
  const axis = async (name: string): Promise<number[]> => {
    const given = loaded.scenario.dsa?.ranges?.[name];
    const bar = (await oneWayDsa(model, { wtp, parameters: [name] })).bars[0];
    const lo = given?.[0] ?? bar?.low ?? 0;
    const hi = given?.[1] ?? bar?.high ?? 0;
    if (!(hi > lo)) {
      // A fixed parameter without a range would give a grid of one value repeated.
      throw new InputError({ field: "--two-way", message: noRangeMessage(name, lo) });
    }
    return Array.from(
      { length: TWO_WAY_STEPS },
      (_, k) => lo + ((hi - lo) * k) / (TWO_WAY_STEPS - 1),
    );
  };
  const [x, y] = [pair[0] as string, pair[1] as string];
  const grid = await twoWayDsa(model, {
    x: { parameter: x, values: await axis(x) },
    y: { parameter: y, values: await axis(y) },
    wtp,
  });
  const optimal = (ix: number, iy: number) =>
    grid.strategies[grid.optimal[iy * grid.x.length + ix] as number] as string;
  const corner = `${y} \\ ${x}`;
  const labels = axisLabels(grid.x);
  const table: ReportTable = {
    name: "two_way",
    columns: [
      { title: corner, key: corner, kind: "number" },
      ...labels.map((label) => ({ title: label, key: label, kind: "text" as const })),
    ],
    rows: grid.y.map((vy, iy) => [vy, ...grid.x.map((_, ix) => optimal(ix, iy))]),
  };
  const title = `Optimal strategy at WTP ${money(currencyOf(loaded.factory), formatMoney(wtp))} by ${y} (rows) and ${x} (columns) (${loaded.scenario.title})`;
  await emit(
    io,
    to,
    singleTable(title, [], table, {
      tidy: () => ({
        two_way: grid.y.flatMap((vy, iy) =>
          grid.x.flatMap((vx, ix): TidyRow[] => {
            const item = String(iy * grid.x.length + ix + 1);
            return [
              { section: "two_way", item, wtp, statistic: x, value: vx },
              { section: "two_way", item, wtp, statistic: y, value: vy },
              { section: "two_way", item, wtp, statistic: "optimal", value: optimal(ix, iy) },
            ];
          }),
        ),
      }),
    }),
  );
}

/** Flags of `dsa` as commander delivers them. */
export interface DsaFlags {
  twoWay?: string;
  wtp?: string;
  parameters?: string;
  strategy?: string;
  format: string;
  out?: string;
}

/** The columns of the one-way DSA table, amounts in `currency`. */
const dsaColumns = (currency: string): readonly ReportColumn[] => [
  { title: "parameter", kind: "text", dimension: "item" },
  { title: "low", kind: "number" },
  { title: "high", kind: "number" },
  { title: `INMB low ${currency}`, key: "inmb_low", kind: "money" },
  { title: `INMB high ${currency}`, key: "inmb_high", kind: "money" },
  { title: `ICER low ${currency}`, key: "icer_low", kind: "icer" },
  { title: `ICER high ${currency}`, key: "icer_high", kind: "icer" },
  { title: `swing ${currency}`, key: "swing", kind: "money" },
  { title: "quadrant low", key: "quadrant_low", kind: "text" },
  { title: "quadrant high", key: "quadrant_high", kind: "text" },
];

/** A quadrant as a cell: "NE", …, or no value when an increment is not finite. */
const quadrantCell = (incCost: number, incEffect: number): CellValue =>
  quadrant(incCost, incEffect) ?? noValue("no quadrant: the increments are not finite");

/**
 * Runs `ceakit dsa <file>`: the one-way DSA (tornado) of a scenario, or with `--two-way` the
 * optimal strategy on a grid of two parameters.
 *
 * @example
 * ```ts
 * await runDsa(io, "scenarios/swis-rct.yaml", { format: "table", wtp: "20000" });
 * ```
 */
export async function runDsa(io: CliIo, file: string, flags: DsaFlags): Promise<void> {
  const to = destination(io, flags);
  // No PSA is run: the scenario's sample count need not fit.
  const loaded = await loadFor(io, to, file, { checkMemory: false });
  const model = await scenarioModel(loaded);
  const wtp = wtpFlag(flags.wtp, loaded.reportWtp.at(-1) as number);
  const parameters = variedParameters(loaded, model, flags.parameters, "--parameters");
  const strategy = strategyFlag(flags.strategy, model);
  if (flags.twoWay !== undefined) {
    if (flags.parameters !== undefined) {
      throw new InputError({
        field: "--parameters",
        message: "a two-way DSA varies the two parameters of --two-way; leave out --parameters",
      });
    }
    const pair = flags.twoWay;
    await locatingModelErrors(loaded, () => runTwoWay(io, to, loaded, model, wtp, pair));
    return;
  }
  refuseUnvaried(loaded, parameters);
  const ranges = loaded.scenario.dsa?.ranges;
  const tornado = (only?: readonly string[]) =>
    locatingModelErrors(loaded, () =>
      oneWayDsa(model, {
        wtp,
        ...(only === undefined ? {} : { parameters: only }),
        ...(ranges === undefined ? {} : { ranges }),
        ...(strategy === undefined ? {} : { strategy }),
      }),
    );
  const dsa = await tornado(parameters).catch(async (e: unknown) => {
    if (!(e instanceof InputError)) throw e;
    // The model failing at one end of a range the scenario set: that range is to blame, found
    // by varying each such parameter alone (the others at their point values).
    for (const name of Object.keys(ranges ?? {})) {
      if (parameters !== undefined && !parameters.includes(name)) continue;
      const alone = await tornado([name]).then(
        () => undefined,
        (inner: unknown) => inner,
      );
      if (alone instanceof InputError) {
        throw loaded.blame(
          alone,
          [["dsa", "ranges", name]],
          "at one end of this range, the model fails",
          true,
        );
      }
    }
    throw e;
  });
  const table: ReportTable = {
    name: "dsa",
    columns: dsaColumns(currencyOf(loaded.factory)),
    rows: dsa.bars.map((b) => [
      b.parameter,
      b.low,
      b.high,
      b.inmbLow,
      b.inmbHigh,
      // Readers see each ICER with its quadrant; CSV and JSON carry the ratio and the quadrant.
      { incCost: b.lowIncrement.cost, incEffect: b.lowIncrement.effect },
      { incCost: b.highIncrement.cost, incEffect: b.highIncrement.effect },
      b.swing,
      quadrantCell(b.lowIncrement.cost, b.lowIncrement.effect),
      quadrantCell(b.highIncrement.cost, b.highIncrement.effect),
    ]),
  };
  const currency = currencyOf(loaded.factory);
  const icer = formatIcer(dsa.base.cost, dsa.base.effect);
  const title = `One-way sensitivity of ${dsa.strategy} vs ${dsa.comparator} at WTP ${money(currency, formatMoney(wtp))} (${loaded.scenario.title})`;
  const notes = [
    `Base case: incremental net monetary benefit ${money(currency, formatMoney(dsa.baseInmb))}, ICER ${/^-?\d/.test(icer) ? money(currency, icer) : icer} (quadrant ${quadrant(dsa.base.cost, dsa.base.effect) ?? "—"}).`,
    "Each parameter at its 2.5% and 97.5% quantiles (or the scenario's dsa.ranges), the others at their point values; sorted by swing. Quadrants of the CE plane: NE costs more for more effect, SW saves for less, SE dominates, NW is dominated.",
    ...outsideItsRange(dsa.bars),
  ];
  await emit(
    io,
    to,
    singleTable(title, notes, table, {
      charts: () => [tornadoChart(dsa.bars, dsa.baseInmb, dsa.wtp, currency)],
    }),
  );
}

/**
 * The note for bars whose parameter's point value lies outside its low–high range (a `base:` at
 * a distribution's edge, or a range that leaves it out): the bar then does not reach the base
 * line, and the reader should know why.
 */
function outsideItsRange(bars: readonly TornadoBar[]): string[] {
  const outside = bars.filter((b) => !(b.base >= b.low && b.base <= b.high));
  if (outside.length === 0) return [];
  const list = outside.map(
    (b) =>
      `${b.parameter} (${formatNumber(b.base)}, range ${formatNumber(b.low)} to ${formatNumber(b.high)})`,
  );
  return [
    outside.length === 1
      ? `The point value of ${list[0]} lies outside its range, so its bar does not reach the base case.`
      : `The point values of ${list.join(", ")} lie outside their ranges, so their bars do not reach the base case.`,
  ];
}

/**
 * Column labels of a two-way grid's values: as reports round numbers, unless two would read
 * the same (a narrow range), then in full, so that every column keeps its own key.
 *
 * @example
 * ```ts
 * axisLabels([0.691285, 0.6912865]); // ["0.691285", "0.6912865"], not "0.69129" twice
 * ```
 */
function axisLabels(values: ArrayLike<number>): string[] {
  const rounded = Array.from(values, (v) => formatNumber(v));
  return new Set(rounded).size === rounded.length ? rounded : Array.from(values, (v) => String(v));
}

/** Flags of `threshold` as commander delivers them. */
export interface ThresholdFlags {
  parameter: string;
  range: string;
  wtp?: string;
  format: string;
  out?: string;
}

/**
 * Runs `ceakit threshold <file>`: where, within `--range` of `--parameter`, the optimal strategy
 * changes.
 *
 * @example
 * ```ts
 * await runThreshold(io, "scenarios/swis-rct.yaml", { parameter: "irr_s47", range: "0.5:1.2", format: "table" });
 * ```
 */
export async function runThreshold(io: CliIo, file: string, flags: ThresholdFlags): Promise<void> {
  const to = destination(io, flags);
  const parts = flags.range.split(":");
  if (parts.length !== 2) {
    throw new InputError({ field: "--range", message: `expected low:high, got "${flags.range}"` });
  }
  const lo = parseNumberInRange("--range", parts[0] as string, -MAX_INPUT, MAX_INPUT);
  const hi = parseNumberInRange("--range", parts[1] as string, -MAX_INPUT, MAX_INPUT);
  if (!(hi > lo)) {
    throw new InputError({
      field: "--range",
      message: `expected high above low, got ${flags.range}`,
    });
  }
  const loaded = await loadFor(io, to, file, { checkMemory: false });
  const model = await scenarioModel(loaded);
  const [parameter] = variedParameters(loaded, model, flags.parameter, "--parameter") as [string];
  const bounds = parameterBounds(loaded, parameter);
  for (const v of [lo, hi]) {
    const problem = outsideBounds(v, bounds);
    if (problem !== undefined) {
      throw new InputError({
        field: "--range",
        message: `${problem} for ${parameter}, got ${v}`,
      });
    }
  }
  const wtp = wtpFlag(flags.wtp, loaded.reportWtp.at(-1) as number);
  const t = await locatingModelErrors(loaded, () =>
    thresholdAnalysis(model, { parameter, wtp, range: [lo, hi] }),
  ).catch((e: unknown) => {
    // The model's own values pass its checks: failing within the range, the range is to blame.
    if (!(e instanceof InputError)) throw e;
    throw new InputError({
      field: "--range",
      message: `within ${flags.range}, the model fails: ${e.message}`,
    });
  });
  const notes =
    t.thresholds.length === 0
      ? [
          `No change within [${formatNumber(lo)}, ${formatNumber(hi)}]: ${t.optimalAtLow} is optimal throughout.`,
        ]
      : [`At ${parameter} = ${formatNumber(lo)}, ${t.optimalAtLow} is optimal.`];
  const table: ReportTable = {
    name: "threshold",
    columns: [
      { title: "parameter", kind: "text", dimension: "item" },
      { title: "value", kind: "number" },
      { title: "from", kind: "text" },
      { title: "to", kind: "text" },
    ],
    rows: t.thresholds.map((x) => [parameter, x.value, x.from, x.to]),
  };
  await emit(
    io,
    to,
    singleTable(
      `Threshold analysis of ${parameter} at WTP ${money(currencyOf(loaded.factory), formatMoney(wtp))} (${loaded.scenario.title})`,
      notes,
      table,
    ),
  );
}

/** Flags of `evppi` as commander delivers them. */
export interface EvppiFlags {
  parameters?: string;
  group?: boolean;
  samples?: string;
  workers?: string;
  format: string;
  out?: string;
}

/** The sentences that say what the EVPPI estimates show, at each WTP. */
function evppiVerdicts(
  r: EvppiRanking,
  evpi: readonly number[],
  samples: number,
  currency: string,
): string[] {
  const all = [...r.ranked, ...r.belowFloor];
  return r.wtp.map((w, k) => {
    const above = all
      .filter((e) => e.aboveFloor[k])
      .sort((a, b) => (b.values[k] as number) - (a.values[k] as number))
      .map((e) => e.parameter);
    const at = `At WTP ${money(currency, formatWtp(w))}`;
    const floor = formatNoiseFloor(r.floor.floor[k] as number, currency);
    if (above.length === 0) {
      const clause = unrankedEvpiClause({
        evpi: evpi[k] as number,
        floor: r.floor.floor[k] as number,
        samples,
        currency,
      });
      return `${at}, no single parameter carries value of information: every estimate is within the estimator's noise (${floor}), so none is ranked${clause}.`;
    }
    const shown = above.slice(0, 5).join(", ");
    return `${at}, ${above.length} parameter${above.length === 1 ? "" : "s"} above the noise floor (${floor}): ${shown}${above.length > 5 ? ` and ${above.length - 5} more` : ""}.`;
  });
}

/**
 * Runs `ceakit evppi <file>`: the EVPPI of each parameter that varies, against its noise floor.
 *
 * @example
 * ```ts
 * await runEvppi(io, "scenarios/swis-rct.yaml", { format: "table" });
 * ```
 */
export async function runEvppi(io: CliIo, file: string, flags: EvppiFlags): Promise<void> {
  const to = destination(io, flags);
  const samples = flags.samples === undefined ? undefined : parseSamples(flags.samples);
  const workers = flags.workers === undefined ? undefined : parseWorkers(flags.workers);
  const loaded = await loadFor(io, to, file, { checkMemory: samples === undefined });
  const model = await scenarioModel(loaded);
  const chosen = parameterList(flags.parameters, model);
  // A fixed parameter never varies in the PSA: it would be left out of the table unsaid.
  const fixed = chosen?.find((name) => loaded.config.inputs[name]?.type === "fixed");
  if (fixed !== undefined) {
    throw new InputError({
      field: "--parameters",
      message: `${fixed} is fixed (it does not vary in the PSA), so it has no value of information; name parameters that have a distribution`,
    });
  }
  if (flags.group === true) {
    // The parameters that vary, as the regression takes them; a fixed one adds no term.
    const m = (chosen ?? model.model.parameterNames).filter(
      (name) => loaded.config.inputs[name]?.type !== "fixed",
    ).length;
    if (m > MAX_GROUP_PARAMETERS) {
      // As for analyse --group: a regression on more parameters overfits any PSA of usual size.
      throw new InputError({
        field: chosen === undefined ? "--group" : "--parameters",
        message: `a group of ${m} parameters; a group has ${groupLimitText()}: name the group's parameters with --parameters`,
      });
    }
    // The group's quadratic regression needs more samples than it has terms.
    const terms = quadraticTerms(m);
    const n = samples ?? loaded.samples;
    if (n <= terms) {
      throw new InputError({
        field: samples === undefined ? "--group" : "--samples",
        message: `the group of ${m} parameters is fitted by a regression with ${terms} terms, which needs more than ${terms} samples, got ${n}; give more --samples or fewer --parameters`,
      });
    }
  }
  const threads = workers ?? psaThreads(samples ?? loaded.samples);
  checkPsaFits(loaded, samples ?? loaded.samples, samples === undefined ? undefined : "--samples", {
    keepAllParameters: true,
    regressionParameters: flags.group === true ? (chosen ?? model.model.parameterNames).length : 0,
    workers: threads,
  });
  const psaBar = progressBar(io, "PSA");
  const runPsa = await threadedRunPsa(loaded, threads, psaBar.update);
  const result = await locatingModelErrors(loaded, () =>
    runScenario(loaded, {
      ...(samples === undefined ? {} : { samples }),
      keepAllParameters: true,
      onProgress: psaBar.update,
      ...(runPsa === undefined ? {} : { runPsa }),
    }),
  );
  psaBar.done();
  const psa = result.draws;
  const wtp = [...new Set(loaded.reportWtp)].sort((a, b) => a - b);
  const columns = Object.fromEntries(
    (chosen ?? model.model.parameterNames)
      .filter((name) => psa.parameters[name] !== undefined)
      .map((name) => [name, psa.parameters[name] as Float64Array]),
  );
  const evppiBar = progressBar(io, "EVPPI", "estimates");
  const ranking = rankEvppi(psa.samples, columns, wtp, {
    group: flags.group === true,
    onProgress: evppiBar.update,
  });
  evppiBar.done();
  // EVPI, the value of learning everything, bounds every EVPPI.
  const evpi = wtp.map((w) => result.acceptability.find((a) => a.wtp === w)?.evpi ?? Number.NaN);
  const currency = currencyOf(loaded.factory);
  const cells = (values: Float64Array, above: readonly boolean[]): CellValue[] =>
    Array.from(values, (v, k) => (above[k] === true ? v : APPROX_ZERO));
  const table: ReportTable = {
    name: "evppi",
    columns: [
      { title: "parameter", kind: "text" },
      { title: "rank", kind: "number" },
      ...wtp.map((w) => ({
        title: money(currency, formatWtp(w)),
        key: `evppi_${w}`,
        kind: "money" as const,
      })),
    ],
    rows: [
      ["EVPI (all parameters)", "", ...evpi],
      [
        "noise floor (no information)",
        "",
        ...Array.from(ranking.floor.floor, (f) => formatNoiseFloor(f, currency)),
      ],
      ...(ranking.group === undefined
        ? []
        : [
            [
              `group: ${ranking.group.parameter}`,
              "",
              ...cells(ranking.group.values, ranking.group.aboveFloor),
            ],
          ]),
      ...ranking.ranked.map((e, i) => [e.parameter, i + 1, ...cells(e.values, e.aboveFloor)]),
      ...ranking.belowFloor.map((e) => [e.parameter, "", ...cells(e.values, e.aboveFloor)]),
    ],
  };
  const title = `EVPPI per decision (${loaded.scenario.title}, ${psa.samples.nSamples} samples)`;
  const notes = [
    ...evppiVerdicts(ranking, evpi, psa.samples.nSamples, currency),
    `Single parameters by Strong & Oakley's sort-and-bin estimator (${ranking.floor.bins} bins), ranked by EVPPI at WTP ${money(currency, formatWtp(ranking.rankWtp))} among those above the noise floor; a group by quadratic regression. The noise floor is what the estimator gives a parameter that carries no information: the mean plus 3 SD of its estimates over ${ranking.floor.permutations} random permutations of the samples. "${APPROX_ZERO}": at or below the floor.`,
  ];
  const record = (
    e: { parameter: string; values: Float64Array; aboveFloor: readonly boolean[] },
    rank: number | null,
  ) => ({
    parameter: e.parameter,
    rank,
    ...Object.fromEntries(wtp.map((w, k) => [`evppi_${w}`, e.values[k] as number])),
    ...Object.fromEntries(wtp.map((w, k) => [`above_floor_${w}`, e.aboveFloor[k] === true])),
  });
  const tidyOf = (
    e: { parameter: string; values: Float64Array; aboveFloor: readonly boolean[] },
    rank: number | null,
  ): TidyRow[] => [
    ...(rank === null
      ? []
      : [{ section: "evppi", item: e.parameter, statistic: "rank", value: rank }]),
    ...wtp.flatMap((w, k): TidyRow[] => [
      {
        section: "evppi",
        item: e.parameter,
        wtp: w,
        statistic: "evppi",
        value: e.values[k] as number,
      },
      {
        section: "evppi",
        item: e.parameter,
        wtp: w,
        statistic: "above_floor",
        value: e.aboveFloor[k] === true ? 1 : 0,
      },
    ]),
  ];
  await emit(io, to, {
    sections: [{ heading: title, text: notes, table }],
    charts: () => [evppiRankingChart(ranking, currency)],
    json: () => ({
      title,
      notes,
      wtp,
      rankWtp: ranking.rankWtp,
      evpi,
      noiseFloor: {
        method: "sort-and-bin estimates over random permutations of the samples: mean + 3 SD",
        permutations: ranking.floor.permutations,
        bins: ranking.floor.bins,
        nullMean: Array.from(ranking.floor.nullMean),
        nullSd: Array.from(ranking.floor.nullSd),
        floor: Array.from(ranking.floor.floor),
      },
      group:
        ranking.group === undefined
          ? null
          : { ...record(ranking.group, null), floor: Array.from(ranking.group.floor.floor) },
      rows: [
        ...ranking.ranked.map((e, i) => record(e, i + 1)),
        ...ranking.belowFloor.map((e) => record(e, null)),
      ],
    }),
    tidy: () => ({
      evpi: wtp.map((w, k) => ({
        section: "evpi",
        wtp: w,
        statistic: "evpi",
        value: evpi[k] as number,
      })),
      noise_floor: wtp.flatMap((w, k): TidyRow[] => [
        {
          section: "noise_floor",
          wtp: w,
          statistic: "null_mean",
          value: ranking.floor.nullMean[k] as number,
        },
        {
          section: "noise_floor",
          wtp: w,
          statistic: "null_sd",
          value: ranking.floor.nullSd[k] as number,
        },
        {
          section: "noise_floor",
          wtp: w,
          statistic: "floor",
          value: ranking.floor.floor[k] as number,
        },
      ]),
      evppi: [
        ...(ranking.group === undefined
          ? []
          : tidyOf({ ...ranking.group, parameter: `group: ${ranking.group.parameter}` }, null)),
        ...ranking.ranked.flatMap((e, i) => tidyOf(e, i + 1)),
        ...ranking.belowFloor.flatMap((e) => tidyOf(e, null)),
      ],
    }),
  });
}

/** Flags of `compare` as commander delivers them. */
export interface CompareFlags {
  samples?: string;
  workers?: string;
  format: string;
  out?: string;
}

/** The effect measure of a loaded scenario: its label and unit (else its key, for both). */
function effectOf(loaded: LoadedScenario): { readonly label: string; readonly unit: string } {
  const key = loaded.config.effect;
  return loaded.factory.effects[key] ?? { label: key, unit: key };
}

/**
 * Refuses scenarios that differ from the first in `of` (their currency, their effect unit):
 * their amounts or effects would share one column of the table. `say` words the refusal.
 */
function refuseMixed(
  loadedAll: readonly LoadedScenario[],
  of: (loaded: LoadedScenario) => string,
  say: (other: LoadedScenario, first: LoadedScenario) => string,
): void {
  const first = loadedAll[0] as LoadedScenario;
  const other = loadedAll.find((l) => of(l) !== of(first));
  if (other !== undefined) throw new InputError({ field: "files", message: say(other, first) });
}

/**
 * Runs `ceakit compare <files...>`: the key results of several scenarios side by side.
 *
 * @example
 * ```ts
 * await runCompare(io, ["scenarios/swis-rct.yaml", "scenarios/swis-rct-optimistic.yaml"], { format: "md" });
 * ```
 */
export async function runCompare(
  io: CliIo,
  files: readonly string[],
  flags: CompareFlags,
): Promise<void> {
  const to = destination(io, flags);
  const samples = flags.samples === undefined ? undefined : parseSamples(flags.samples);
  const workers = flags.workers === undefined ? undefined : parseWorkers(flags.workers);
  const threadsOf = (l: LoadedScenario) => workers ?? psaThreads(samples ?? l.samples);
  const loadedAll: LoadedScenario[] = [];
  for (const f of files) {
    loadedAll.push(await loadFor(io, to, f, { checkMemory: samples === undefined }));
  }
  // One currency and one effect unit for the table.
  const currencyIn = (l: LoadedScenario) => currencyOf(l.factory);
  refuseMixed(
    loadedAll,
    currencyIn,
    (other, first) =>
      `${other.file} is in ${currencyIn(other)} and ${first.file} in ${currencyIn(first)}: compare scenarios whose models are in one currency`,
  );
  const currency = currencyIn(loadedAll[0] as LoadedScenario);
  const measure = (l: LoadedScenario) => `${effectOf(l).label} (${effectOf(l).unit})`;
  refuseMixed(
    loadedAll,
    (l) => effectOf(l).unit,
    (other, first) =>
      `${other.file} measures effects as ${measure(other)} and ${first.file} as ${measure(first)}: compare scenarios with one effect unit`,
  );
  // Scenarios run one after another: each must fit on its own.
  for (const loaded of loadedAll) {
    checkPsaFits(
      loaded,
      samples ?? loaded.samples,
      samples === undefined ? undefined : "--samples",
      { workers: threadsOf(loaded) },
    );
  }
  // Every scenario's reporting WTPs, as columns; a scenario without one has no value there.
  const wtps = [...new Set(loadedAll.flatMap((l) => l.reportWtp))].sort((a, b) => a - b);
  const notReported = noValue("not a reporting WTP of this scenario");
  const rows: CellValue[][] = [];
  const tidy: TidyRow[] = [];
  for (const loaded of loadedAll) {
    const bar = progressBar(io, `PSA of ${loaded.file}`);
    const runPsa = await threadedRunPsa(loaded, threadsOf(loaded), bar.update);
    const r = await locatingModelErrors(loaded, () =>
      runScenario(loaded, {
        ...(samples === undefined ? {} : { samples }),
        onProgress: bar.update,
        ...(runPsa === undefined ? {} : { runPsa }),
      }),
    );
    bar.done();
    const names = r.strategies.map((s) => s.name);
    const comparator = names[0] as string;
    const at = (w: number) => r.acceptability.find((a) => a.wtp === w);
    for (const p of r.psa.pairwise) {
      const j = names.indexOf(p.strategy);
      const status = r.psa.icers.find((x) => x.strategy === p.strategy)?.status ?? "";
      const q = quadrantCell(p.incCost, p.incEffect);
      rows.push([
        loaded.file,
        p.strategy,
        p.incCost,
        p.incEffect,
        { incCost: p.incCost, incEffect: p.incEffect },
        q,
        status,
        ...wtps.map((w) => at(w)?.probability[j] ?? notReported),
        ...wtps.map((w) => at(w)?.evpi ?? notReported),
      ]);
      const base = { section: "compare", item: loaded.file, strategy: p.strategy, comparator };
      const icer = p.incCost / p.incEffect;
      tidy.push(
        { ...base, statistic: "inc_cost", value: p.incCost },
        { ...base, statistic: "inc_effect", value: p.incEffect },
        { ...base, statistic: "icer", value: Number.isFinite(icer) ? icer : null },
        { ...base, statistic: "quadrant", value: quadrant(p.incCost, p.incEffect) },
        { ...base, statistic: "status", value: status },
      );
      for (const a of r.acceptability) {
        tidy.push({
          ...base,
          wtp: a.wtp,
          statistic: "p_cost_effective",
          value: a.probability[j] as number,
        });
      }
    }
    for (const a of r.acceptability) {
      tidy.push({
        section: "compare",
        item: loaded.file,
        wtp: a.wtp,
        statistic: "evpi",
        value: a.evpi,
      });
    }
  }
  const table: ReportTable = {
    name: "compare",
    columns: [
      { title: "scenario", kind: "text" },
      { title: "strategy", kind: "text" },
      { title: `inc. cost ${currency}`, key: "inc_cost", kind: "money" },
      { title: "inc. effect", key: "inc_effect", kind: "number" },
      { title: `ICER ${currency}`, key: "icer", kind: "icer" },
      { title: "quadrant", kind: "text" },
      { title: "status", kind: "text" },
      ...wtps.map((w) => ({
        title: `P(CE) ${money(currency, formatWtp(w))}`,
        key: `p_ce_${w}`,
        kind: "probability" as const,
      })),
      ...wtps.map((w) => ({
        title: `EVPI ${money(currency, formatWtp(w))}`,
        key: `evpi_${w}`,
        kind: "money" as const,
      })),
    ],
    rows,
  };
  await emit(
    io,
    to,
    singleTable(
      "Scenario comparison (each strategy against its scenario's comparator)",
      [
        "ICERs are shown with their quadrant of the CE plane (NE: more costly, more effective; SW: cheaper, less effective; SE: dominant; NW: dominated); status is dampack's: ND non-dominated, ED extendedly dominated, D dominated.",
      ],
      table,
      { tidy: () => ({ compare: tidy }) },
    ),
  );
}
