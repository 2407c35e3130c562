/**
 * Iteration labels compared between files (a PSA and its parameter draws, a cost and an effect
 * matrix): numbers by their value, other labels as written.
 *
 * @module
 */

/**
 * The key an iteration label is compared by: a decimal number by its value ("7", "7.0" and "07"
 * agree), anything else as written (trimmed).
 *
 * @example
 * ```ts
 * labelKey("07") === labelKey("7.0"); // true
 * labelKey("0x10") === labelKey("16"); // false: only decimal numbers are read as numbers
 * labelKey("12345678901234567891"); // as written: past 15 digits numbers would collide
 * ```
 */
export function labelKey(label: string): string {
  const t = label.trim();
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) return t;
  // Past 15 significant digits a number cannot hold every label apart: kept as written.
  const digits = t
    .replace(/[eE].*$/, "")
    .replace(/\D/g, "")
    .replace(/^0+/, "")
    .replace(/0+$/, "");
  return digits.length > 15 ? t : String(Number(t));
}
