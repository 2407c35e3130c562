/**
 * Reading a plain decimal (`[-]digits[.digits]`, the way most CSV exports write numbers)
 * straight from the bytes of a CSV line, for the fast paths of the long-table readers: the same
 * double as `parseDecimalBytes` (decimal-bytes.ts) gives for the same bytes, in a loop that
 * takes two digits a step. Anything else is declined (NaN), for the caller to read otherwise.
 *
 * @module
 */

import { STOP } from "./csv-bytes.js";
import { decimalFromParts, parseDecimalBytes } from "./decimal-bytes.js";

/** 10^k for k = 0..22: every one an exact double. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Where the number {@link plainDecimal} last read ends (read it right after the call). */
export let decimalEnd = 0;

/**
 * The value of the plain decimal `[-]digits[.digits]` at `bytes[i]`, read as parseDecimalBytes
 * reads it (the first 15 significant digits in hi, up to 4 more in lo: the same double), when
 * a comma or line end follows it; else NaN (for the caller to read the field another way), or
 * with `orParse` what parseDecimalBytes reads of the whole unquoted field (NaN when it is not a
 * number), as the long-table readers read a cost or an effect. {@link decimalEnd} is then where
 * it ends (with `orParse`, always the field's end). A line feed must follow `i` in `bytes`: the
 * scan stops there at the latest.
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode("-12.50,3\n");
 * plainDecimal(bytes, 0); // -12.5
 * decimalEnd;             // 6: the comma
 * plainDecimal(new TextEncoder().encode("1e3\n"), 0); // NaN: not a plain decimal
 * plainDecimal(new TextEncoder().encode("1e3\n"), 0, true); // 1000: parsed
 * ```
 */
export function plainDecimal(bytes: Uint8Array, i: number, orParse = false): number {
  const start = i;
  let negative = false;
  let d = (bytes[i] as number) - 48;
  if (d === -3) {
    negative = true;
    d = (bytes[++i] as number) - 48;
  }
  // The digits' counts come from positions: the first 15 significant digits (those
  // before `split`) go into hi, the rest into lo.
  let hi = 0;
  let lo = 0;
  const first = i;
  while (d === 0) d = (bytes[++i] as number) - 48;
  let from = i;
  let split = from + 15;
  // Two digits a step while both go into hi (a digit is never the last byte: a line feed follows).
  while (d >>> 0 < 10) {
    const next = (bytes[i + 1] as number) - 48;
    if (next >>> 0 < 10 && i + 2 <= split) {
      hi = hi * 100 + (d * 10 + next);
      i += 2;
      d = (bytes[i] as number) - 48;
    } else {
      if (i < split) hi = hi * 10 + d;
      else lo = lo * 10 + d;
      d = (bytes[++i] as number) - 48;
    }
  }
  let significant = i - from;
  let digits = i - first;
  let fraction = 0;
  if (d === -2) {
    d = (bytes[++i] as number) - 48;
    const point = i;
    if (significant === 0) while (d === 0) d = (bytes[++i] as number) - 48;
    from = i;
    split = from + 15 - significant;
    while (d >>> 0 < 10) {
      const next = (bytes[i + 1] as number) - 48;
      if (next >>> 0 < 10 && i + 2 <= split) {
        hi = hi * 100 + (d * 10 + next);
        i += 2;
        d = (bytes[i] as number) - 48;
      } else {
        if (i < split) hi = hi * 10 + d;
        else lo = lo * 10 + d;
        d = (bytes[++i] as number) - 48;
      }
    }
    significant += i - from;
    fraction = i - point;
    digits += fraction;
  }
  const extra = significant > 15 ? significant - 15 : 0;
  decimalEnd = i;
  let v: number;
  if (digits > 0 && significant <= 19 && STOP[d + 48] === 1) {
    v =
      significant === 0
        ? 0
        : extra === 0 && fraction <= 22
          ? fraction === 0
            ? hi
            : hi / (POW10[fraction] as number)
          : decimalFromParts(hi, lo, extra, -fraction);
    if (negative) v = -v;
  } else if (orParse) {
    // Not a plain decimal: the field's end, then the parser every field gets.
    while (STOP[bytes[i] as number] === 0) i++;
    decimalEnd = i;
    v = parseDecimalBytes(bytes, start, i);
  } else {
    v = Number.NaN;
  }
  return v;
}
