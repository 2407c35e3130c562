/**
 * The EVPPI part of `ceakit analyse`: `--parameters FILE` (the draws behind each iteration),
 * `--group a,b` (a group's EVPPI by regression) and `--evppi-wtp` (where EVPPI is estimated),
 * checked as flags and against the files, then computed.
 *
 * @module
 */

import { quadraticTerms } from "../analysis/evppi.js";
import { MAX_WTP_POINTS } from "../analysis/limits.js";
import { type ParameterDraws, readParameterCsv } from "../analysis/parameter-csv.js";
import type { PsaTable } from "../analysis/psa-csv.js";
import { groupLimitText, MAX_GROUP_PARAMETERS, psaEvppi } from "../analysis/psa-evppi.js";
import { InputError } from "../errors.js";
import { suggest } from "../model/expressions.js";
import type { EvppiReport } from "../report/analysis-sections.js";
import { sampleIndices } from "../report/format.js";
import { parseWtpFlag } from "./options.js";

/** Most WTP values EVPPI is estimated at: each is a column of the EVPPI table. */
export const MAX_EVPPI_WTP = 101;

/** EVPPI WTP values shown by default: about 11 evenly spaced values of the grid. */
const DEFAULT_EVPPI_POINTS = 11;

/** The EVPPI flags of `analyse`. */
export interface EvppiFlags {
  readonly parameters?: string;
  readonly group?: string;
  readonly evppiWtp?: string;
}

/**
 * The names of `--group`, or undefined when not given; refused without `--parameters`, when
 * empty, repeated or larger than {@link MAX_GROUP_PARAMETERS}.
 *
 * @example
 * ```ts
 * parseGroup({ parameters: "draws.csv", group: "d_a, g_a" }); // ["d_a", "g_a"]
 * ```
 */
export function parseGroup(flags: EvppiFlags): string[] | undefined {
  if (flags.group === undefined) return undefined;
  if (flags.parameters === undefined) {
    throw new InputError({
      field: "--group",
      message: "needs --parameters FILE, the parameter draws behind each iteration",
    });
  }
  const names = flags.group
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (names.length === 0) {
    throw new InputError({ field: "--group", message: "no parameter names given, such as a,b" });
  }
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) {
    throw new InputError({ field: "--group", message: `"${twice}" is named twice` });
  }
  if (names.length > MAX_GROUP_PARAMETERS) {
    throw new InputError({
      field: "--group",
      message: `${names.length} parameters; a group has ${groupLimitText()}`,
    });
  }
  return names;
}

/**
 * The WTP values EVPPI is estimated at: `--evppi-wtp` (a list or start:stop:step, at most
 * {@link MAX_EVPPI_WTP} values), else about 11 evenly spaced values of the analysis grid.
 *
 * @example
 * ```ts
 * evppiWtp({ parameters: "draws.csv", evppiWtp: "20000,30000" }, grid); // Float64Array [20000, 30000]
 * ```
 */
export function evppiWtp(flags: EvppiFlags, grid: Float64Array): Float64Array {
  if (flags.evppiWtp === undefined) {
    return Float64Array.from(
      sampleIndices(grid.length, DEFAULT_EVPPI_POINTS),
      (k) => grid[k] as number,
    );
  }
  if (flags.parameters === undefined) {
    throw new InputError({
      field: "--evppi-wtp",
      message: "needs --parameters FILE, the parameter draws behind each iteration",
    });
  }
  const wtp = parseWtpFlag("--evppi-wtp", flags.evppiWtp);
  if (wtp.length > MAX_EVPPI_WTP) {
    throw new InputError({
      field: "--evppi-wtp",
      message: `${wtp.length.toLocaleString("en-GB")} values; EVPPI is estimated at most at ${MAX_EVPPI_WTP} (each is a column of its table; --wtp takes up to ${MAX_WTP_POINTS.toLocaleString("en-GB")})`,
    });
  }
  return wtp;
}

/** Checks the group's names against the file's columns and its size against the samples. */
function checkGroup(
  group: readonly string[],
  draws: ParameterDraws,
  file: string,
  nSamples: number,
): void {
  for (const name of group) {
    if (draws.names.includes(name)) continue;
    const hint = suggest(name, draws.names);
    throw new InputError({
      field: "--group",
      message: `no column "${name}" in ${file}${hint === undefined ? "" : ` (did you mean "${hint}"?)`}; it has: ${draws.names.slice(0, 20).join(", ")}${draws.names.length > 20 ? ", …" : ""}`,
    });
  }
  const terms = quadraticTerms(group.length);
  if (terms >= nSamples) {
    throw new InputError({
      field: "--group",
      message: `the regression on ${group.length} parameter${group.length === 1 ? "" : "s"} has ${terms} terms and needs more samples than that; the PSA has ${nSamples}`,
    });
  }
}

/**
 * Reads the parameter draws of `file` (text already read) for the PSA `table`, and estimates
 * EVPPI per parameter and for the group at `wtp`.
 *
 * @example
 * ```ts
 * const report = analyseEvppi(text, "draws.csv", table, "psa.csv", wtp, ["d_a", "g_a"]);
 * report.parameters[0]?.parameters; // the top-ranked parameter
 * ```
 */
export function analyseEvppi(
  text: string,
  file: string,
  table: PsaTable,
  psaFile: string,
  wtp: Float64Array,
  group: readonly string[] | undefined,
): EvppiReport {
  const { samples } = table;
  const draws = readParameterCsv(text, {
    file,
    target: { nSamples: samples.nSamples, iterations: table.iterations, file: psaFile },
  });
  if (group !== undefined) checkGroup(group, draws, file, samples.nSamples);
  return { ...psaEvppi(samples, draws, wtp, group), matchedBy: draws.matchedBy, file };
}
