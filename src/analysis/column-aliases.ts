/**
 * The column names a PSA file may use for each of its columns, as R's dampack, BCEA and voi
 * users and spreadsheets name them: `sim`, `iter`, `Strategy`, `Cost`, `Effect`, `qaly`,
 * `QALYs`, `lys`, …. Names are compared after lower-casing and turning spaces, dots and hyphens
 * into underscores (R's `make.names` writes "Total cost" as `Total.cost`).
 *
 * @module
 */

import { InputError } from "../errors.js";

/** The columns of a long PSA table. */
export type LongColumn = "iteration" | "strategy" | "cost" | "effect";

/**
 * Accepted names of each long-table column, the canonical name first. An iteration column may
 * also be the unnamed first column of a file R wrote with row names (see {@link isLabelColumn}).
 */
export const COLUMN_ALIASES: Readonly<Record<LongColumn, readonly string[]>> = {
  iteration: ["iteration", "iter", "it", "sim", "simulation", "sample", "draw", "run"],
  strategy: ["strategy", "strat", "strategies", "arm", "intervention", "treatment", "option"],
  cost: ["cost", "costs", "c", "total_cost", "total_costs"],
  effect: [
    "effect",
    "effects",
    "e",
    "effectiveness",
    "outcome",
    "qaly",
    "qalys",
    "ly",
    "lys",
    "lyg",
    "life_years",
    "total_qaly",
    "total_qalys",
  ],
};

/**
 * A column name as compared with the aliases: trimmed, lower-case, with spaces, dots and
 * hyphens as underscores.
 *
 * @example
 * ```ts
 * normaliseColumnName(" Total.cost "); // "total_cost"
 * ```
 */
export function normaliseColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s.-]+/g, "_");
}

/**
 * Whether a first column named `name` holds row labels (iteration numbers) rather than data:
 * unnamed (as R's `write.csv` writes row names), `id`, or an iteration alias.
 *
 * @example
 * ```ts
 * isLabelColumn("");    // true
 * isLabelColumn("sim"); // true
 * isLabelColumn("usual"); // false
 * ```
 */
export function isLabelColumn(name: string): boolean {
  const key = normaliseColumnName(name);
  return key === "" || key === "id" || COLUMN_ALIASES.iteration.includes(key);
}

/**
 * The index of `column` in `header`: the column with the canonical name if there is one, else the
 * one column with an accepted alias; undefined when none matches. Two aliases and no canonical
 * name is an {@link InputError} at `line`, asking which column is meant.
 *
 * @example
 * ```ts
 * findColumn(["Sim", "Strategy", "Cost", "QALYs"], "effect", 1, "psa.csv"); // 3
 * ```
 */
export function findColumn(
  header: readonly string[],
  column: LongColumn,
  line: number,
  file: string | undefined,
): number | undefined {
  const keys = header.map(normaliseColumnName);
  const aliases = COLUMN_ALIASES[column];
  const exact = keys.indexOf(aliases[0] as string);
  if (exact >= 0) return exact;
  const matches = keys.flatMap((k, i) => (aliases.includes(k) ? [i] : []));
  if (matches.length > 1) {
    const names = matches.map((i) => `"${header[i]}"`).join(" and ");
    throw new InputError({
      file,
      line,
      field: column,
      message: `columns ${names} could each be the ${column}; rename the one to analyse to "${column}"`,
    });
  }
  return matches[0];
}
