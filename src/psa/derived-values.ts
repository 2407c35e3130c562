/**
 * Computing derived values over sample columns and checking them: the one path every
 * evaluation takes (scenario loading's base case, the base case, every PSA chunk on any thread,
 * DSA and threshold points). A derived value must be finite, and one that replaces a model input
 * must stay within that input's domain (its `bounds`, e.g. [0, 1] for a probability); the first
 * value that is not is an {@link InputError} located at the derived definition, naming the
 * sample, the formula, its value and the values of the inputs it read.
 *
 * @module
 */

import { valueText } from "../core/value-text.js";
import { InputError } from "../errors.js";
import type { CompiledExpression } from "../model/expressions.js";

/** A bound for a message: large magnitudes in exponent form ("1e12"). */
function bound(x: number): string {
  return Number.isFinite(x) && Math.abs(x) >= 1e6
    ? x.toExponential().replace("e+", "e")
    : String(x);
}

/** What a derived value's bounds require, in words: "between 0 and 1", "at least 0". */
function requirement([lo, hi]: readonly [number, number]): string {
  if (hi === Number.POSITIVE_INFINITY) return `at least ${bound(lo)}`;
  if (lo === Number.NEGATIVE_INFINITY) return `at most ${bound(hi)}`;
  return `between ${bound(lo)} and ${bound(hi)}`;
}

/** Index of the first i < n with x[i] outside [lo, hi] (NaN included), or -1. */
function firstOutside(x: Float64Array, n: number, lo: number, hi: number): number {
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    if (!(v >= lo && v <= hi)) return i;
  }
  return -1;
}

/**
 * Computes every derived value of `derived` (in their order) into `columns[name]` for samples
 * 0..n−1 and checks each. `where(i)` describes sample i for messages ("in sample 12", "at the
 * base case").
 *
 * @example
 * ```ts
 * computeDerived(prepared.derived, arrays.columns, n, (i) => `in sample ${start + i + 1}`);
 * ```
 */
export function computeDerived(
  derived: readonly CompiledExpression[],
  columns: Readonly<Record<string, Float64Array>>,
  n: number,
  where: (i: number) => string,
): void {
  for (const d of derived) {
    const out = columns[d.name] as Float64Array;
    const inputs = d.inputs.map((name) => columns[name] as Float64Array);
    d.evaluate(inputs, out, n);
    const [lo, hi] = d.bounds ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
    const i = firstOutside(out, n, Math.max(lo, -Number.MAX_VALUE), Math.min(hi, Number.MAX_VALUE));
    if (i === -1) continue;
    const value = out[i] as number;
    const used = d.inputs.map(
      (name, k) => `${name} = ${valueText((inputs[k] as Float64Array)[i] as number)}`,
    );
    const finite = Number.isFinite(value);
    throw new InputError({
      ...d.at,
      field: d.at?.field ?? `derived.${d.name}`,
      message: `"${d.text.length > 80 ? `${d.text.slice(0, 77)}…` : d.text}" is ${valueText(value)} ${where(i)}${used.length > 0 ? ` (${used.join(", ")})` : ""}${
        finite && d.bounds !== undefined ? `, but ${d.name} must be ${requirement(d.bounds)}` : ""
      }`,
    });
  }
}
