/**
 * Lookup tables for cohort models (a life table by age, a price by year): a value is looked up
 * by the row with the largest key ≤ the value, so keys are the lower edges of bands (heemod's
 * `look_up(…, bin = TRUE)`). A value below the first key, or NaN, is an error.
 *
 * @module
 */

/** A lookup table: keys strictly increasing, one value per key. */
export interface LookupTable {
  readonly keys: Float64Array;
  readonly values: Float64Array;
  /** The value of the row with the largest key ≤ x. */
  at(x: number): number;
  /** `out[i] = at(x[i])` for i < n: a lookup per sample, e.g. by each sample's age. */
  fill(x: Float64Array, out: Float64Array, n: number): void;
}

/**
 * The lookup rule of every table: the row of the largest key ≤ x (keys strictly increasing), or
 * −1 when x is below the first key (or NaN).
 *
 * @example
 * ```ts
 * lookupRow(Float64Array.of(0, 40, 60), 45); // 1
 * lookupRow(Float64Array.of(0, 40, 60), -1); // -1
 * ```
 */
export function lookupRow(keys: Float64Array, x: number): number {
  if (!(x >= (keys[0] as number))) return -1;
  let lo = 0;
  let hi = keys.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((keys[mid] as number) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Creates a lookup table. Keys must be finite and strictly increasing; the last band runs to
 * infinity.
 *
 * @example
 * ```ts
 * const mortality = lookupTable([35, 45, 55, 65, 75, 85], [0.00099, 0.0026, 0.0067, 0.0193, 0.0535, 0.1548]);
 * mortality.at(60);  // 0.0067 (band 55–64)
 * mortality.at(90);  // 0.1548 (85 and over)
 * mortality.at(30);  // RangeError: below the first key
 * ```
 */
export function lookupTable(keys: readonly number[], values: readonly number[]): LookupTable {
  if (keys.length === 0 || keys.length !== values.length) {
    throw new RangeError(
      `lookupTable: keys and values must be non-empty and of the same length, got ${keys.length} and ${values.length}`,
    );
  }
  const k = Float64Array.from(keys);
  const v = Float64Array.from(values);
  for (let i = 0; i < k.length; i++) {
    if (!Number.isFinite(k[i]) || (i > 0 && !((k[i] as number) > (k[i - 1] as number)))) {
      throw new RangeError(
        `lookupTable: keys must be finite and strictly increasing (key ${i + 1} is ${k[i]})`,
      );
    }
    if (!Number.isFinite(v[i])) throw new RangeError(`lookupTable: value ${i + 1} is ${v[i]}`);
  }
  const at = (x: number): number => {
    const row = lookupRow(k, x);
    if (row < 0) throw new RangeError(`lookupTable: ${x} is below the first key ${k[0]}`);
    return v[row] as number;
  };
  return Object.freeze({
    keys: k,
    values: v,
    at,
    fill(x: Float64Array, out: Float64Array, n: number): void {
      for (let i = 0; i < n; i++) out[i] = at(x[i] as number);
    },
  });
}
