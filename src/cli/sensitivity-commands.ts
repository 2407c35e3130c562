/**
 * `ceakit dsa`, `ceakit threshold`, `ceakit evppi` and `ceakit compare`: deterministic and
 * value-of-information analyses of a scenario, and several scenarios side by side.
 *
 * @module
 */

import type { Command } from "commander";
import { evppiRegression, evppiSortBin } from "../analysis/evppi.js";
import { MAX_WTP } from "../analysis/limits.js";
import { escapeControlsInLines } from "../control-characters.js";
import { InputError } from "../errors.js";
import type { Model } from "../model/define-model.js";
import { suggest } from "../model/expressions.js";
import { oneWayDsa, thresholdAnalysis, twoWayDsa } from "../psa/deterministic.js";
import {
  csvField,
  footnoteLines,
  formatIcer,
  formatMoney,
  formatNumber,
  formatProbability,
  rawValue,
  textTable,
} from "../report/format.js";
import { type LoadedScenario, outsideBounds, parameterBounds } from "../scenario/load-scenario.js";
import { runScenario } from "../scenario/run-scenario.js";
import type { CliIo } from "./io.js";
import { parseChoice, parseNumberInRange } from "./options.js";
import { checkPsaFits, parseSamples } from "./resource-limits.js";
import { loadScenarioFile } from "./scenario-io.js";

const FORMATS = ["table", "json", "csv"] as const;
type Format = (typeof FORMATS)[number];

/** A report as header and rows, printed as an aligned table, JSON records or CSV. */
function emit(
  io: CliIo,
  format: Format,
  title: string,
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  show: (v: string | number | null, column: number) => string,
  notes: readonly string[] = [],
): void {
  if (format === "json") {
    // A number that is undefined (an ICER with no difference in effect) is null, as documented.
    const records = rows.map((r) =>
      Object.fromEntries(header.map((h, i) => [h, rawValue(r[i] ?? null)])),
    );
    io.stdout(`${JSON.stringify({ title, notes, rows: records }, null, 2)}\n`);
  } else if (format === "csv") {
    io.stdout(
      `${[header.map((h) => csvField(h)).join(","), ...rows.map((r) => r.map((v) => csvField(v)).join(","))].join("\n")}\n`,
    );
  } else {
    const table = textTable(
      header,
      rows.map((r) => r.map((v, i) => show(v, i))),
    );
    const footnotes = footnoteLines(rows);
    io.stdout(
      escapeControlsInLines(
        `${[title, "", ...notes, ...(notes.length > 0 ? [""] : []), table, ...footnotes].join("\n")}\n`,
      ),
    );
  }
}

/** Parameter names given with --parameters, checked against the model. */
function parameterList(text: string | undefined, model: Model): string[] | undefined {
  if (text === undefined) return undefined;
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  for (const name of names) {
    if (!model.parameterNames.includes(name)) {
      const hint = suggest(name, model.parameterNames);
      throw new InputError({
        field: "--parameters",
        message: `unknown parameter "${name}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`,
      });
    }
  }
  if (names.length === 0)
    throw new InputError({ field: "--parameters", message: "no names given" });
  return names;
}

/** The scenario's model. */
function modelOf(loaded: LoadedScenario): Model {
  return loaded.factory.create(loaded.config);
}

const wtpFlag = (text: string | undefined, fallback: number) =>
  text === undefined ? fallback : parseNumberInRange("--wtp", text, 0, MAX_WTP);

/** Largest magnitude of a parameter value searched by `threshold`, as for numbers in scenarios. */
const MAX_INPUT = 1e12;

/** Steps per axis of a two-way grid. */
const TWO_WAY_STEPS = 11;

/**
 * Two-way DSA: the optimal strategy on an 11 × 11 grid of two parameters, each over its
 * scenario range or its 2.5%–97.5% quantiles.
 */
async function runTwoWay(
  io: CliIo,
  format: Format,
  loaded: LoadedScenario,
  model: Model,
  wtp: number,
  names: string,
): Promise<void> {
  const pair = parameterList(names, model) ?? [];
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
  emit(
    io,
    format,
    `Optimal strategy at WTP ${formatMoney(wtp)} by ${y} (rows) and ${x} (columns) (${loaded.scenario.title})`,
    [`${y} \\ ${x}`, ...grid.x.map((v) => formatNumber(v))],
    grid.y.map((vy, iy) => [
      vy,
      ...grid.x.map(
        (_, ix) => grid.strategies[grid.optimal[iy * grid.x.length + ix] as number] as string,
      ),
    ]),
    (v) => (typeof v === "number" ? formatNumber(v) : (v ?? "")),
  );
}

interface DsaFlags {
  twoWay?: string;
  wtp?: string;
  parameters?: string;
  strategy?: string;
  format: string;
}

async function runDsa(io: CliIo, file: string, flags: DsaFlags): Promise<void> {
  const format = parseChoice("--format", flags.format, FORMATS);
  const loaded = await loadScenarioFile(io, file);
  const model = modelOf(loaded);
  const wtp = wtpFlag(flags.wtp, loaded.reportWtp.at(-1) as number);
  const parameters = parameterList(flags.parameters, model);
  if (flags.twoWay !== undefined) {
    await runTwoWay(io, format, loaded, model, wtp, flags.twoWay);
    return;
  }
  const ranges = loaded.scenario.dsa?.ranges;
  const dsa = await oneWayDsa(model, {
    wtp,
    ...(parameters === undefined ? {} : { parameters }),
    ...(ranges === undefined ? {} : { ranges }),
    ...(flags.strategy === undefined ? {} : { strategy: flags.strategy }),
  });
  emit(
    io,
    format,
    `One-way sensitivity of ${dsa.strategy} vs ${dsa.comparator} at WTP ${formatMoney(wtp)} (${loaded.scenario.title})`,
    ["parameter", "low", "high", "inmb_low", "inmb_high", "icer_low", "icer_high", "swing"],
    dsa.bars.map((b) => [
      b.parameter,
      b.low,
      b.high,
      b.inmbLow,
      b.inmbHigh,
      // In the table an ICER is shown with its quadrant; JSON and CSV carry the ratio itself.
      format === "table" ? formatIcer(b.lowIncrement.cost, b.lowIncrement.effect) : b.icerLow,
      format === "table" ? formatIcer(b.highIncrement.cost, b.highIncrement.effect) : b.icerHigh,
      b.swing,
    ]),
    (v, i) => (typeof v === "string" ? v : i <= 2 ? formatNumber(v) : formatMoney(v)),
    [
      `Base case: incremental net monetary benefit ${formatMoney(dsa.baseInmb)}, ICER ${formatIcer(dsa.base.cost, dsa.base.effect)}.`,
      "Each parameter at its 2.5% and 97.5% quantiles, the others at their point values; sorted by swing.",
    ],
  );
}

interface ThresholdFlags {
  parameter: string;
  range: string;
  wtp?: string;
  format: string;
}

async function runThreshold(io: CliIo, file: string, flags: ThresholdFlags): Promise<void> {
  const format = parseChoice("--format", flags.format, FORMATS);
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
  const loaded = await loadScenarioFile(io, file);
  const model = modelOf(loaded);
  const [parameter] = parameterList(flags.parameter, model) as [string];
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
  const t = await thresholdAnalysis(model, { parameter, wtp, range: [lo, hi] });
  const notes =
    t.thresholds.length === 0
      ? [
          `No change within [${formatNumber(lo)}, ${formatNumber(hi)}]: ${t.optimalAtLow} is optimal throughout.`,
        ]
      : [`At ${parameter} = ${formatNumber(lo)}, ${t.optimalAtLow} is optimal.`];
  emit(
    io,
    format,
    `Threshold analysis of ${parameter} at WTP ${formatMoney(wtp)} (${loaded.scenario.title})`,
    ["parameter", "value", "from", "to"],
    t.thresholds.map((x) => [parameter, x.value, x.from, x.to]),
    (v) => (typeof v === "number" ? formatNumber(v) : (v ?? "")),
    notes,
  );
}

interface EvppiFlags {
  parameters?: string;
  group?: boolean;
  samples?: string;
  format: string;
}

async function runEvppi(io: CliIo, file: string, flags: EvppiFlags): Promise<void> {
  const format = parseChoice("--format", flags.format, FORMATS);
  const samples = flags.samples === undefined ? undefined : parseSamples(flags.samples);
  const loaded = await loadScenarioFile(io, file);
  const model = modelOf(loaded);
  const chosen = parameterList(flags.parameters, model);
  checkPsaFits(loaded, samples ?? loaded.samples, samples === undefined ? undefined : "--samples", {
    keepAllParameters: true,
    regressionParameters: flags.group === true ? (chosen ?? model.parameterNames).length : 0,
  });
  const result = await runScenario(loaded, {
    ...(samples === undefined ? {} : { samples }),
    keepAllParameters: true,
  });
  // Rank the parameters that vary in the PSA (fixed ones have no value of information).
  const psa = result.draws;
  const wtp = [...new Set(loaded.reportWtp)].sort((a, b) => a - b);
  const names = (chosen ?? model.parameterNames).filter((name) => {
    const x = psa.parameters[name];
    return x?.some((v) => v !== x[0]) === true;
  });
  const rows: (string | number)[][] = names.map((name) => [
    name,
    ...evppiSortBin(psa.samples, psa.parameters[name] as Float64Array, wtp),
  ]);
  rows.sort((a, b) => (b.at(-1) as number) - (a.at(-1) as number));
  // EVPI, the value of learning everything, bounds every EVPPI: the first row, for reference.
  const evpiRow: (string | number)[] = [
    "EVPI (all parameters)",
    ...result.acceptability.map((a) => a.evpi),
  ];
  if (flags.group === true) {
    rows.unshift([
      `group: ${names.join(" + ")}`,
      ...evppiRegression(
        psa.samples,
        names.map((n) => psa.parameters[n] as Float64Array),
        wtp,
      ),
    ]);
  }
  emit(
    io,
    format,
    `EVPPI per decision (${loaded.scenario.title}, ${psa.samples.nSamples} samples)`,
    ["parameter", ...wtp.map((w) => `evppi_${w}`)],
    [evpiRow, ...rows],
    (v) => (typeof v === "number" ? formatMoney(v) : (v ?? "")),
    [
      "Single parameters by Strong & Oakley's sort-and-bin estimator, ranked by EVPPI at the highest WTP; a group by quadratic regression.",
    ],
  );
}

interface CompareFlags {
  samples?: string;
  format: string;
}

async function runCompare(io: CliIo, files: readonly string[], flags: CompareFlags): Promise<void> {
  const format = parseChoice("--format", flags.format, FORMATS);
  const samples = flags.samples === undefined ? undefined : parseSamples(flags.samples);
  const loadedAll: LoadedScenario[] = [];
  for (const f of files) loadedAll.push(await loadScenarioFile(io, f));
  // Scenarios run one after another: each must fit on its own.
  for (const loaded of loadedAll) {
    checkPsaFits(
      loaded,
      samples ?? loaded.samples,
      samples === undefined ? undefined : "--samples",
    );
  }
  const rows: (string | number | null)[][] = [];
  let header: string[] = [];
  for (const loaded of loadedAll) {
    const r = await runScenario(loaded, samples === undefined ? {} : { samples });
    const names = r.strategies.map((s) => s.name);
    header = [
      "scenario",
      "strategy",
      "inc_cost",
      "inc_effect",
      "icer",
      "status",
      ...r.acceptability.map((a) => `p_ce_${a.wtp}`),
      ...r.acceptability.map((a) => `evpi_${a.wtp}`),
    ];
    for (const p of r.psa.pairwise) {
      const j = names.indexOf(p.strategy);
      const status = r.psa.icers.find((x) => x.strategy === p.strategy)?.status ?? "";
      rows.push([
        loaded.file,
        p.strategy,
        p.incCost,
        p.incEffect,
        // In the table an ICER is shown with its quadrant; JSON and CSV carry the ratio itself.
        format === "table" ? formatIcer(p.incCost, p.incEffect) : p.icer,
        status,
        ...r.acceptability.map((a) => a.probability[j] as number),
        ...r.acceptability.map((a) => a.evpi),
      ]);
    }
  }
  emit(
    io,
    format,
    `Scenario comparison (each strategy against its scenario's comparator)`,
    header,
    rows,
    (v, i) =>
      typeof v === "string" || v === null
        ? (v ?? "—")
        : (header[i] ?? "").startsWith("p_ce")
          ? formatProbability(v)
          : i === 3
            ? formatNumber(v)
            : formatMoney(v),
  );
}

/**
 * Adds `dsa`, `threshold`, `evppi` and `compare` to a program.
 *
 * @example
 * ```ts
 * addSensitivityCommands(program, io);
 * ```
 */
export function addSensitivityCommands(program: Command, io: CliIo): void {
  program
    .command("dsa")
    .description("one-way deterministic sensitivity analysis (tornado data) of a scenario")
    .argument("<scenario.yaml>")
    .option("--wtp <λ>", "willingness to pay (default: the scenario's highest reporting WTP)")
    .option("--parameters <names>", "comma-separated parameters (default: every one that varies)")
    .option("--strategy <name>", "strategy compared with the comparator (default: the second)")
    .option("--two-way <a,b>", "a two-way grid of two parameters: the optimal strategy per cell")
    .option("--format <format>", "table, json or csv", "table")
    .action((file: string, flags: DsaFlags) => runDsa(io, file, flags));
  program
    .command("threshold")
    .description("where, within a range of one parameter, the optimal strategy changes")
    .argument("<scenario.yaml>")
    .requiredOption("--parameter <name>", "the parameter varied")
    .requiredOption("--range <low:high>", "the values searched")
    .option("--wtp <λ>", "willingness to pay (default: the scenario's highest reporting WTP)")
    .option("--format <format>", "table, json or csv", "table")
    .action((file: string, flags: ThresholdFlags) => runThreshold(io, file, flags));
  program
    .command("evppi")
    .description("expected value of partial perfect information per parameter, ranked")
    .argument("<scenario.yaml>")
    .option("--parameters <names>", "comma-separated parameters (default: every one that varies)")
    .option("--group", "also the EVPPI of all of them together (regression)")
    .option("--samples <n>", "PSA samples (default: the scenario's)")
    .option("--format <format>", "table, json or csv", "table")
    .action((file: string, flags: EvppiFlags) => runEvppi(io, file, flags));
  program
    .command("compare")
    .description("key results of several scenarios side by side")
    .argument("<scenarios...>")
    .option("--samples <n>", "PSA samples for every scenario (default: each scenario's)")
    .option("--format <format>", "table, json or csv", "table")
    .action((files: string[], flags: CompareFlags) => runCompare(io, files, flags));
}
