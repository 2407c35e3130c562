/**
 * Number formatting and plain-text tables for reports: the one place numbers become text.
 *
 * No number a person reads is ever "NaN", "Infinity" or "∞": a quantity that is undefined (an
 * ICER with no difference in effect, a spread of one sample, a value a formatter is handed that
 * is not finite) is shown as "—", and where the reason is known it is given in a footnote under
 * the table ({@link noValue}, {@link footnoteLines}). In CSV such a cell is empty.
 *
 * @module
 */

import { escapeCsvControls } from "../control-characters.js";
import { DEFAULT_CURRENCY, money } from "./currency.js";

/** What an undefined quantity is shown as. */
export const DASH = "—";

/** A quantity that has no value, with the reason a reader is given in the table's footnote. */
export interface NoValue {
  /** Why there is no value, e.g. "ICER undefined: no difference in effect". */
  readonly noValue: string;
}

/**
 * A comparison's increments, for an ICER cell: shown with its quadrant ("dominated", "dominant",
 * "… (saving per unit forgone)") to a reader, as the ratio ΔC/ΔE in CSV and JSON.
 */
export interface Increment {
  readonly incCost: number;
  readonly incEffect: number;
}

/**
 * Whether a cell is an {@link Increment}.
 *
 * @example
 * ```ts
 * isIncrement({ incCost: 1, incEffect: 2 }); // true
 * ```
 */
export function isIncrement(value: unknown): value is Increment {
  return typeof value === "object" && value !== null && "incCost" in value && "incEffect" in value;
}

/**
 * One table cell before formatting: text, a number, nothing, nothing with a reason, or the
 * increments behind an ICER.
 */
export type CellValue = string | number | null | NoValue | Increment;

/**
 * A cell that has no value, for the reason given.
 *
 * @example
 * ```ts
 * noValue("ICER undefined: no difference in effect"); // { noValue: "ICER undefined: …" }
 * ```
 */
export function noValue(reason: string): NoValue {
  return { noValue: reason };
}

/**
 * Whether a cell is a {@link NoValue}.
 *
 * @example
 * ```ts
 * isNoValue(noValue("n/a")); // true
 * isNoValue(3);              // false
 * ```
 */
export function isNoValue(value: unknown): value is NoValue {
  return typeof value === "object" && value !== null && "noValue" in value;
}

/** The reason given for a number that is not finite when no better one is known. */
export const NOT_FINITE = 'no finite value (see README, "Limits")';

/**
 * The footnote reason a cell needs, or undefined: a {@link NoValue}'s reason, or
 * {@link NOT_FINITE} for a number that is NaN or ±Infinity.
 *
 * @example
 * ```ts
 * cellReason(noValue("needs at least 2 samples")); // "needs at least 2 samples"
 * cellReason(Number.NaN);                          // NOT_FINITE
 * cellReason(3);                                   // undefined
 * ```
 */
export function cellReason(value: CellValue): string | undefined {
  if (isNoValue(value)) return value.noValue;
  if (isIncrement(value)) {
    return Number.isFinite(value.incCost) && Number.isFinite(value.incEffect)
      ? undefined
      : NOT_FINITE;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return NOT_FINITE;
  return undefined;
}

/**
 * The footnote lines under a table, one per distinct reason, in the order first met:
 * "— ICER undefined: no difference in effect".
 *
 * @example
 * ```ts
 * footnoteLines([[noValue("needs at least 2 samples"), 3]]); // ["— needs at least 2 samples"]
 * ```
 */
export function footnoteLines(rows: readonly (readonly CellValue[])[]): string[] {
  const reasons = new Set<string>();
  for (const row of rows) {
    for (const v of row) {
      const reason = cellReason(v);
      if (reason !== undefined) reasons.add(reason);
    }
  }
  return [...reasons].map((r) => `${DASH} ${r}`);
}

/**
 * The value a CSV cell or JSON field carries: the number or text itself, and null (an empty
 * CSV cell) for anything undefined.
 *
 * @example
 * ```ts
 * rawValue(noValue("n/a")); // null
 * rawValue(Infinity);       // null
 * rawValue({ incCost: -10, incEffect: 2 }); // -5
 * ```
 */
export function rawValue(value: CellValue): string | number | null {
  if (value === null || isNoValue(value)) return null;
  if (isIncrement(value)) {
    const icer = value.incCost / value.incEffect;
    return Number.isFinite(icer) ? icer : null;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}

/** A string of decimal digits plus one in its last place ("0999" → "1000", "99" → "100"). */
function incremented(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === "9") i--;
  if (i < 0) return `1${"0".repeat(digits.length)}`;
  return `${digits.slice(0, i)}${(Number(digits[i]) + 1).toString()}${"0".repeat(digits.length - i - 1)}`;
}

/**
 * `x` written as `x.toLocaleString("en-GB", { minimumFractionDigits, maximumFractionDigits })`
 * writes it, without Intl: its first use in a process costs tens of milliseconds of start-up,
 * more than formatting a whole report. As Intl does, the shortest decimal that reads back as `x`
 * (JavaScript's own `String(x)`) is rounded half away from zero, trailing zeros are dropped down
 * to the minimum, a comma goes between groups of three digits, and "-" before a negative number
 * (even one that rounds to zero) and before negative zero. Magnitudes from 1e21, which `String`
 * writes with an exponent, are left to Intl. tests/report/format.test.ts checks the two agree.
 */
function enGb(x: number, minimumFractionDigits: number, maximumFractionDigits: number): string {
  const a = Math.abs(x);
  if (!(a < 1e21)) {
    return x.toLocaleString("en-GB", { minimumFractionDigits, maximumFractionDigits });
  }
  // String(a) is "d+(.d+)?" or, below 1e-6, "d(.d+)?e-k".
  const [mantissa = "", exponent] = String(a).split("e");
  let [whole = "0", fraction = ""] = mantissa.split(".");
  if (exponent !== undefined) {
    fraction = `${"0".repeat(-Number(exponent) - 1)}${whole}${fraction}`;
    whole = "0";
  }
  if (fraction.length > maximumFractionDigits) {
    let digits = `${whole}${fraction.slice(0, maximumFractionDigits)}`;
    if (fraction.charCodeAt(maximumFractionDigits) >= 53) digits = incremented(digits);
    whole = digits.slice(0, digits.length - maximumFractionDigits);
    fraction = digits.slice(digits.length - maximumFractionDigits);
  }
  let end = fraction.length;
  while (end > minimumFractionDigits && fraction[end - 1] === "0") end--;
  fraction = fraction.slice(0, end).padEnd(minimumFractionDigits, "0");
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ",");
  return fraction === "" ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`;
}

/**
 * Formats money with thousands separators: whole units from 1,000 up, else two decimals.
 *
 * @example
 * ```ts
 * formatMoney(33082.254); // "33,082"
 * formatMoney(-12.5);     // "-12.50"
 * formatMoney(Infinity);  // "—"
 * ```
 */
export function formatMoney(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return DASH;
  const digits = Math.abs(x) >= 1000 ? 0 : 2;
  return enGb(x, digits, digits);
}

/**
 * Formats a count (samples, rows) with thousands separators.
 *
 * @example
 * ```ts
 * formatCount(10000); // "10,000"
 * ```
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return DASH;
  return enGb(n, 0, 0);
}

/**
 * Formats a willingness-to-pay value: thousands separators, no decimals unless it has them.
 *
 * @example
 * ```ts
 * formatWtp(34000); // "34,000"
 * formatWtp(0.5);   // "0.5"
 * ```
 */
export function formatWtp(x: number): string {
  if (!Number.isFinite(x)) return DASH;
  return enGb(x, 0, 6);
}

/**
 * Formats an effect or other quantity to 4 significant digits (at least), without exponent
 * for ordinary magnitudes.
 *
 * @example
 * ```ts
 * formatNumber(8.005221044); // "8.0052"
 * ```
 */
export function formatNumber(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return DASH;
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e9 || a < 1e-4) return x.toExponential(3);
  const decimals = Math.max(0, 4 - Math.floor(Math.log10(a)));
  return enGb(x, 0, decimals);
}

/**
 * Formats a probability with three decimals.
 *
 * @example
 * ```ts
 * formatProbability(0.48219); // "0.482"
 * ```
 */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return DASH;
  return p.toFixed(3);
}

/**
 * Renders rows as an aligned plain-text table: the first column left-aligned, the rest
 * right-aligned, a rule under the header.
 *
 * @example
 * ```ts
 * textTable(["strategy", "cost"], [["usual", "19,982"]]);
 * // "strategy    cost\n--------  ------\nusual     19,982"
 * ```
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The first characters that make a spreadsheet run a cell as a formula. */
const FORMULA = /^[=+\-@\t\r]/;
/** A number written as text ("-3.5", "1e-9"): a spreadsheet reads it as a number. */
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * One CSV field: text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return, as in a strategy named `=HYPERLINK(…)`) gets a leading `'`,
 * so it shows as text; numbers, and numbers written as text ("-3.5"), stay as they are. Then
 * quoted when it needs it (comma, quote, newline or surrounding space).
 * A number that is not finite, like null, is an empty field.
 *
 * @example
 * ```ts
 * csvField('say "hi"');       // "\"say \"\"hi\"\"\""
 * csvField("=1+2");           // "'=1+2"
 * csvField(-3.5);             // "-3.5"
 * ```
 */
export function csvField(value: string | number | null): string {
  if (value === null || (typeof value === "number" && !Number.isFinite(value))) return "";
  const s =
    typeof value === "number"
      ? String(value)
      : !FORMULA.test(value) || NUMBER.test(value)
        ? escapeCsvControls(value)
        : `'${escapeCsvControls(value)}`;
  return /[",\n\r]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Picks at most `max` evenly spaced indices of `0..n-1`, always including the first and last.
 *
 * @example
 * ```ts
 * sampleIndices(101, 11); // [0, 10, 20, ..., 100]
 * ```
 */
export function sampleIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  for (let i = 0; i < max; i++) out.add(Math.round((i * (n - 1)) / (max - 1)));
  return [...out];
}

/**
 * An ICER as a reader should see it: the ratio when the strategy costs more for more effect
 * (NE quadrant) or saves money for less (SW, marked), otherwise "dominated" or "dominant".
 *
 * @example
 * ```ts
 * formatIcer(1000, 0.5);  // "2,000"
 * formatIcer(1000, -0.5); // "dominated"
 * ```
 */
export function formatIcer(incCost: number, incEffect: number): string {
  if (!Number.isFinite(incCost) || !Number.isFinite(incEffect)) return DASH;
  if (incEffect <= 0 && incCost >= 0) return "dominated";
  if (incEffect >= 0 && incCost <= 0) return "dominant";
  const ratio = formatMoney(incCost / incEffect);
  return incEffect > 0 ? ratio : `${ratio} (saving per unit forgone)`;
}

/** The quadrant of the incremental cost-effectiveness plane (see README, "Conventions"). */
export type Quadrant = "NE" | "NW" | "SE" | "SW";

/**
 * The quadrant of an increment: SE (dominant) takes ΔE ≥ 0 with ΔC ≤ 0, the origin included;
 * NW (dominated) takes ΔE ≤ 0 with ΔC ≥ 0; NE is more costly and more effective, SW cheaper and
 * less effective. Undefined increments have no quadrant.
 *
 * @example
 * ```ts
 * quadrant(-9905, 2); // "SE"
 * quadrant(1000, -0.5); // "NW"
 * ```
 */
export function quadrant(incCost: number, incEffect: number): Quadrant | null {
  if (!Number.isFinite(incCost) || !Number.isFinite(incEffect)) return null;
  if (incEffect >= 0 && incCost <= 0) return "SE";
  if (incEffect <= 0 && incCost >= 0) return "NW";
  return incEffect > 0 ? "NE" : "SW";
}

/**
 * Why a row of an incremental table (dampack's order: ND rows by cost, then ED, then D) has no
 * increment or ICER: the first row is the frontier's reference, ED and D rows are dominated.
 *
 * @example
 * ```ts
 * noIncrementReason("D", 2); // { noValue: "no increment or ICER: the strategy is dominated" }
 * ```
 */
export function noIncrementReason(status: "ND" | "ED" | "D", row: number): NoValue | null {
  if (status !== "ND") return noValue("no increment or ICER: the strategy is dominated");
  return row === 0
    ? noValue("no increment or ICER: the least costly strategy on the frontier is the reference")
    : null;
}

/** Why an ICER has no value when the effects are equal. */
export const ICER_NO_EFFECT_DIFFERENCE = "ICER undefined: no difference in effect";

/**
 * The ICER of an increment as a cell: the ratio, or "—" with its reason when the effects do not
 * differ (the ratio would be ±Infinity or NaN).
 *
 * @example
 * ```ts
 * icerCell(1000, 0.5); // 2000
 * icerCell(1000, 0);   // { noValue: "ICER undefined: no difference in effect" }
 * ```
 */
export function icerCell(incCost: number, incEffect: number): number | NoValue {
  const icer = incCost / incEffect;
  return Number.isFinite(icer) ? icer : noValue(ICER_NO_EFFECT_DIFFERENCE);
}

/**
 * The words for dampack's incremental-table statuses.
 *
 * @example
 * ```ts
 * STATUS_TEXT.ED; // "extendedly dominated"
 * ```
 */
export const STATUS_TEXT = {
  ND: "non-dominated",
  ED: "extendedly dominated",
  D: "dominated",
} as const;

/** What an EVPPI cell shows for an estimate at or below the estimator's noise floor. */
export const APPROX_ZERO = "≈ 0";

/**
 * An EVPPI noise floor for a reader: "≤ £0.01" when it is below a penny (a cent, …), else
 * "≤ £12.34", in `currency`.
 *
 * @example
 * ```ts
 * formatNoiseFloor(388.2); // "≤ £388.20"
 * formatNoiseFloor(388.2, "$"); // "≤ $388.20"
 * ```
 */
export function formatNoiseFloor(x: number, currency: string = DEFAULT_CURRENCY): string {
  return `≤ ${money(currency, x < 0.01 ? "0.01" : formatMoney(x))}`;
}

/**
 * Fewer samples than this and the sort-and-bin estimator (√N bins of √N samples) is too coarse
 * to tell a parameter's value of information from its noise, so an EVPI that no single
 * parameter explains is not put down to groups of parameters. An assumption of ceakit: at
 * 1,000 samples each of the 32 bins still holds 31 samples.
 */
export const EVPPI_RESOLVING_SAMPLES = 1000;

/**
 * What an EVPI that no single parameter stands out in means, as the clause that follows
 * "…so none is ranked": with enough samples the value lies in learning several parameters
 * together; with fewer than {@link EVPPI_RESOLVING_SAMPLES} the run may be too small to show
 * single parameters. Empty when the EVPI itself is within the noise floor.
 *
 * @example
 * ```ts
 * unrankedEvpiClause({ evpi: 7883, floor: 0.01, samples: 10000 });
 * // "; the EVPI of £7,883 lies in learning several parameters together (see --group)"
 * unrankedEvpiClause({ evpi: 7883, floor: 0.01, samples: 50 });
 * // "; 50 samples are too few to tell whether the EVPI of £7,883 lies in single parameters or in several together: run at least 1,000"
 * ```
 */
export function unrankedEvpiClause(a: {
  readonly evpi: number;
  readonly floor: number;
  readonly samples: number;
  readonly currency?: string;
}): string {
  if (!(a.evpi > a.floor)) return "";
  const evpi = `the EVPI of ${money(a.currency ?? DEFAULT_CURRENCY, formatMoney(a.evpi))}`;
  if (a.samples < EVPPI_RESOLVING_SAMPLES) {
    return `; ${formatCount(a.samples)} samples are too few to tell whether ${evpi} lies in single parameters or in several together: run at least ${formatCount(EVPPI_RESOLVING_SAMPLES)}`;
  }
  return `; ${evpi} lies in learning several parameters together (see --group)`;
}
