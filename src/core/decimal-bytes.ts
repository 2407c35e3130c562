/**
 * Decimal numbers straight from UTF-8 bytes, correctly rounded (the double `Number()` gives for
 * the same text), without making a string. For reading large CSV files: a string per cell costs
 * more than the parse.
 *
 * The grammar is `[+-]? digits [. digits] [(e|E) [+-]? digits]` (at least one digit before the
 * exponent; `.5` and `5.` are accepted, as `Number()` accepts them). Three ways to the value:
 *
 * - at most 15–16 significant digits (w < 2⁵³) and a decimal exponent within ±22: w and 10^|e|
 *   are exact doubles, so one multiplication or division rounds once (Clinger's fast path);
 * - up to 19 significant digits: w is held exactly as a double-double, the product or quotient
 *   is formed with its exact error term (Dekker's two-product), and the result is accepted only
 *   when it lies provably far from a rounding boundary (halfway between two doubles);
 * - anything else (more digits, larger exponents, or a result too close to a boundary) returns
 *   NaN: the caller then parses the text with `Number()`.
 *
 * @module
 */

import { productError } from "./product-error.js";

const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const E_LOWER = 101;
const E_UPPER = 69;

/** 10^k for k = 0..22: every one an exact double. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);
const TWO53 = 2 ** 53;

// Bit access to doubles, for the spacing of doubles around a result.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
f64[0] = 1;
/** Whether the high word of a double is u32[1] (little-endian); otherwise only the fast path runs. */
const LITTLE_ENDIAN = u32[1] === 0x3ff00000;
/** 2^(e − 1075) for each biased exponent e: the spacing of doubles in that binade. */
const ULP = Float64Array.from({ length: 2047 }, (_, e) => 2 ** (Math.max(e, 1) - 1075));

/**
 * `z = fl(q + c)` when every value within `size`·2⁻⁴⁸ of q + c rounds to z, else NaN. `q > 0`,
 * `c` is at most a few units in the last place of `q`, and `size` bounds the terms that made `c`
 * (its rounding error is a few 2⁻⁵³ of that).
 */
function roundChecked(q: number, c: number, size: number): number {
  const z = q + c;
  // Exact error of the sum (two-sum).
  const b = z - q;
  const err = q - (z - b) + (c - b);
  f64[0] = z;
  const hi = u32[1] as number;
  const exponent = (hi >>> 20) & 0x7ff;
  if (exponent === 0 || exponent === 0x7ff) return Number.NaN;
  const ulp = ULP[exponent] as number;
  // Below a power of two the doubles are twice as dense.
  const powerOfTwo = (hi & 0xfffff) === 0 && u32[0] === 0;
  const room = err >= 0 ? ulp / 2 - err : (powerOfTwo ? ulp / 4 : ulp / 2) + err;
  const margin = size * 2 ** -48;
  return room > margin ? z : Number.NaN;
}

/**
 * The double nearest to the decimal number written in `bytes[start..end)` (ASCII), exactly as
 * `Number()` reads it, or NaN when the bytes are not a plain decimal number or the value cannot
 * be proved correctly rounded here (then parse the text with `Number()`).
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode("19210.999140308526,-1.5e3");
 * parseDecimalBytes(bytes, 0, 18);  // 19210.999140308526
 * parseDecimalBytes(bytes, 19, 25); // -1500
 * parseDecimalBytes(bytes, 0, 0);   // NaN (empty)
 * ```
 */
export function parseDecimalBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  if (i >= end) return Number.NaN;
  let c = bytes[i] as number;
  let negative = false;
  if (c === MINUS || c === PLUS) {
    negative = c === MINUS;
    if (++i >= end) return Number.NaN;
    c = bytes[i] as number;
  }
  // Significant digits: the first 15 in `hi` (exact, < 10¹⁵), up to 4 more in `lo`.
  let hi = 0;
  let lo = 0;
  let significant = 0;
  let extra = 0; // digits in lo
  let digits = 0; // all mantissa digits seen, leading zeros included
  let scale = 0; // decimal exponent of the last digit kept
  let d = c - ZERO;
  while (d >= 0 && d <= 9) {
    digits++;
    if (significant > 0 || d !== 0) {
      if (significant < 15) hi = hi * 10 + d;
      else if (significant < 19) {
        lo = lo * 10 + d;
        extra++;
      } else return Number.NaN;
      significant++;
    }
    if (++i >= end) break;
    d = (bytes[i] as number) - ZERO;
  }
  if (i < end && bytes[i] === DOT) {
    i++;
    while (i < end) {
      d = (bytes[i] as number) - ZERO;
      if (!(d >= 0 && d <= 9)) break;
      digits++;
      scale--;
      if (significant > 0 || d !== 0) {
        if (significant < 15) hi = hi * 10 + d;
        else if (significant < 19) {
          lo = lo * 10 + d;
          extra++;
        } else return Number.NaN;
        significant++;
      }
      i++;
    }
  }
  if (digits === 0) return Number.NaN;
  if (i < end) {
    c = bytes[i] as number;
    if (c !== E_LOWER && c !== E_UPPER) return Number.NaN;
    if (++i >= end) return Number.NaN;
    c = bytes[i] as number;
    let expNegative = false;
    if (c === MINUS || c === PLUS) {
      expNegative = c === MINUS;
      if (++i >= end) return Number.NaN;
    }
    let exp = 0;
    let expDigits = 0;
    while (i < end) {
      d = (bytes[i] as number) - ZERO;
      if (!(d >= 0 && d <= 9)) return Number.NaN;
      if (exp < 100000) exp = exp * 10 + d;
      expDigits++;
      i++;
    }
    if (expDigits === 0) return Number.NaN;
    scale += expNegative ? -exp : exp;
  }
  if (significant === 0) return negative ? -0 : 0;
  const value = decimalFromParts(hi, lo, extra, scale);
  return negative ? -value : value;
}

/**
 * The double nearest to (hi·10^extra + lo)·10^scale, or NaN if not proved here: the last step
 * of {@link parseDecimalBytes}, for a caller that has read the digits itself the same way (the
 * first 15 significant digits in `hi`, up to 4 more in `lo`, `extra` of them, `scale` the
 * decimal exponent of the last digit kept), so as to get the same double.
 *
 * @example
 * ```ts
 * decimalFromParts(123456789012345, 67, 2, -16); // 1.2345678901234567 ("1.2345678901234567")
 * decimalFromParts(15, 0, 0, -1);                // 1.5
 * ```
 */
export function decimalFromParts(hi: number, lo: number, extra: number, scale: number): number {
  if (scale < -22 || scale > 22) return Number.NaN;
  const p10 = POW10[scale < 0 ? -scale : scale] as number;
  const m = POW10[extra] as number;
  // Sums and products of integers below 2⁵³ are exact, so w < 2⁵³ is w itself: then w and p10
  // are exact doubles and one operation rounds once.
  const w = hi * m + lo;
  if (w < TWO53) return scale < 0 ? w / p10 : w * p10;
  if (!LITTLE_ENDIAN) return Number.NaN;
  // w = hi·10^extra + lo exactly, as wh + wl.
  const p = hi * m;
  const pe = productError(hi, m, p);
  const s = p + lo;
  const sb = s - p;
  const se = p - (s - sb) + (lo - sb);
  const t = se + pe; // small integers: exact
  const wh = s + t;
  const wl = t - (wh - s);
  if (scale < 0) {
    const q = wh / p10;
    const ph = q * p10;
    // wh − q·p10 is exactly representable for a correctly rounded q, so these are exact.
    const rem = wh - ph - productError(q, p10, ph);
    const c = (rem + wl) / p10;
    return roundChecked(q, c, Math.abs(c));
  }
  const q = wh * p10;
  const e = productError(wh, p10, q);
  const f = wl * p10;
  return roundChecked(q, e + f, Math.abs(e) + Math.abs(f));
}
