/**
 * Number formatting and plain-text tables for reports.
 *
 * @module
 */

/**
 * Formats money with thousands separators: whole units from 1,000 up, else two decimals.
 *
 * @example
 * ```ts
 * formatMoney(33082.254); // "33,082"
 * formatMoney(-12.5);     // "-12.50"
 * ```
 */
export function formatMoney(x: number | null): string {
  if (x === null || Number.isNaN(x)) return "—";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  const digits = Math.abs(x) >= 1000 ? 0 : 2;
  return x.toLocaleString("en-GB", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
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
  return x.toLocaleString("en-GB", { maximumFractionDigits: 6 });
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
  if (x === null || Number.isNaN(x)) return "—";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e9 || a < 1e-4) return x.toExponential(3);
  const decimals = Math.max(0, 4 - Math.floor(Math.log10(a)));
  return x.toLocaleString("en-GB", { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
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
/** A number written as text ("-3.5", "1e-9", "-Infinity"): a spreadsheet reads it as a number. */
const NUMBER = /^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|-?Infinity)$/;

/**
 * One CSV field: text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return, as in a strategy named `=HYPERLINK(…)`) gets a leading `'`,
 * so it shows as text; numbers, and numbers written as text ("-3.5"), stay as they are. Then
 * quoted when it needs it (comma, quote, newline or surrounding space).
 *
 * @example
 * ```ts
 * csvField('say "hi"');       // "\"say \"\"hi\"\"\""
 * csvField("=1+2");           // "'=1+2"
 * csvField(-3.5);             // "-3.5"
 * ```
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const s =
    typeof value === "number" || !FORMULA.test(value) || NUMBER.test(value)
      ? String(value)
      : `'${value}`;
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
  if (incEffect <= 0 && incCost >= 0) return "dominated";
  if (incEffect >= 0 && incCost <= 0) return "dominant";
  const ratio = formatMoney(incCost / incEffect);
  return incEffect > 0 ? ratio : `${ratio} (saving per unit forgone)`;
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
