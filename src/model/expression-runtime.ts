/**
 * The number functions that transpiled derived expressions call, each computing exactly what
 * mathjs computes on numbers when it runs with `predictable: true` and its default tolerances
 * (relative 1e-12, absolute 1e-15). Ported from mathjs 15 (Apache-2.0): `nearlyEqual`,
 * `round` (decimal rounding, half away from zero, after snapping to 12 decimals), `floor` and
 * `ceil` (snapping to a nearly equal whole number), `min`/`max` (left-to-right scan with
 * tolerance; NaN sticks), comparisons with tolerance, and `pow` (real odd roots of negatives,
 * NaN for the rest). Every function takes and returns plain numbers, so the generated loops
 * never allocate; the costliest, `round`, formats one number as text.
 *
 * One primitive differs on purpose: where mathjs calls `Math.pow`, `pow` calls {@link power},
 * which gives the same bits on every engine (`Math.pow` gives another last bit on Node 24 than
 * on Node 20 and 22 for about one fractional power in ten, so a model file with `x ^ 1.1` gave
 * results that depended on the Node version). The results are mathjs' with that primitive.
 *
 * @module
 */

import { power } from "../core/power.js";

const REL_TOL = 1e-12;
const ABS_TOL = 1e-15;
/** Decimals mathjs snaps to before rounding: the exponent of its relative tolerance. */
const SNAP_DECIMALS = 12;

/**
 * mathjs' equality of numbers: equal within the relative or absolute tolerance, never equal
 * to NaN, infinities equal only to themselves.
 *
 * @example
 * ```ts
 * nearlyEqual(0.1 + 0.2, 0.3); // true
 * ```
 */
export function nearlyEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(REL_TOL * Math.max(Math.abs(a), Math.abs(b)), ABS_TOL);
}

const smaller = (x: number, y: number): boolean => x < y && !nearlyEqual(x, y);
const larger = (x: number, y: number): boolean => x > y && !nearlyEqual(x, y);

/** A number's decimal digits and exponent, as mathjs' `splitNumber` gives them. */
interface Split {
  sign: string;
  coefficients: number[];
  exponent: number;
}

function splitNumber(value: number): Split {
  const match = String(value)
    .toLowerCase()
    .match(/^(-?)(\d+\.?\d*)(e([+-]?\d+))?$/) as RegExpMatchArray;
  const digits = match[2] as string;
  let exponent = Number.parseFloat(match[4] ?? "0");
  const dot = digits.indexOf(".");
  exponent += dot !== -1 ? dot - 1 : digits.length - 1;
  const coefficients = digits
    .replace(".", "")
    .replace(/^0*/, (zeros) => {
      exponent -= zeros.length;
      return "";
    })
    .replace(/0*$/, "")
    .split("")
    .map((d) => Number.parseInt(d, 10));
  if (coefficients.length === 0) {
    coefficients.push(0);
    exponent++;
  }
  return { sign: match[1] as string, coefficients, exponent };
}

/** mathjs' `roundDigits`: keeps `precision` significant digits, half away from zero. */
function roundDigits(split: Split, precision: number): Split {
  const rounded = { ...split, coefficients: [...split.coefficients] };
  const c = rounded.coefficients;
  let p = precision;
  while (p <= 0) {
    c.unshift(0);
    rounded.exponent++;
    p++;
  }
  if (c.length > p) {
    const removed = c.splice(p, c.length - p);
    if ((removed[0] as number) >= 5) {
      let i = p - 1;
      c[i] = (c[i] as number) + 1;
      while (c[i] === 10) {
        c.pop();
        if (i === 0) {
          c.unshift(0);
          rounded.exponent++;
          i++;
        }
        i--;
        c[i] = (c[i] as number) + 1;
      }
    }
  }
  return rounded;
}

/** mathjs' `toFixed`: `value` with `decimals` decimals, as text. */
function toFixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return String(value);
  const split = splitNumber(value);
  const rounded = roundDigits(split, split.exponent + 1 + decimals);
  let c: (number | string)[] = rounded.coefficients;
  let p = rounded.exponent + 1;
  const pp = p + decimals;
  if (c.length < pp) c = c.concat(new Array<number>(pp - c.length).fill(0));
  if (p < 0) {
    c = new Array<number>(-p + 1).fill(0).concat(c as number[]);
    p = 1;
  }
  if (p < c.length) c.splice(p, 0, p === 0 ? "0." : ".");
  return rounded.sign + c.join("");
}

const roundNumber = (x: number, decimals: number): number =>
  Number.parseFloat(toFixed(x, decimals));

/**
 * mathjs' `round(x, decimals)` on numbers: snaps x to 12 decimals when nearly equal to that,
 * then rounds half away from zero on the decimal digits. `decimals` is a whole number 0–15.
 *
 * @example
 * ```ts
 * round(2.5, 0); // 3
 * round(-2.5, 0); // -3
 * round(1.005, 2); // 1.01
 * ```
 */
export function round(x: number, decimals: number): number {
  if (decimals >= SNAP_DECIMALS) return roundNumber(x, decimals);
  const snapped = roundNumber(x, SNAP_DECIMALS);
  return roundNumber(nearlyEqual(x, snapped) ? snapped : x, decimals);
}

/**
 * mathjs' `floor` on numbers: a value nearly equal to a whole number (but not to its floor)
 * is that whole number.
 *
 * @example
 * ```ts
 * floor(2.9999999999999996); // 3
 * ```
 */
export function floor(x: number): number {
  const f = Math.floor(x);
  const r = round(x, 0);
  if (f === r) return f;
  return nearlyEqual(x, r) && !nearlyEqual(x, f) ? r : f;
}

/**
 * mathjs' `ceil` on numbers (see {@link floor}).
 *
 * @example
 * ```ts
 * ceil(3.0000000000000004); // 3
 * ```
 */
export function ceil(x: number): number {
  const c = Math.ceil(x);
  const r = round(x, 0);
  if (c === r) return c;
  return nearlyEqual(x, r) && !nearlyEqual(x, c) ? r : c;
}

/**
 * One step of mathjs' `min` on numbers, which scans from the left and replaces the current
 * value `m` only by a `v` smaller beyond the tolerance, keeping a NaN once met:
 * `min(a, b, c)` is `min2(min2(a, b), c)`.
 *
 * @example
 * ```ts
 * min2(min2(3, 1), 2); // 1
 * ```
 */
export function min2(m: number, v: number): number {
  return Number.isNaN(v) || smaller(v, m) ? v : m;
}

/**
 * One step of mathjs' `max` on numbers (see {@link min2}).
 *
 * @example
 * ```ts
 * max2(max2(3, 1), 2); // 3
 * ```
 */
export function max2(m: number, v: number): number {
  return Number.isNaN(v) || larger(v, m) ? v : m;
}

const isInteger = (x: number): boolean => Number.isFinite(x) && x === Math.round(x);

/** The fraction fraction.js (used by mathjs) finds for a finite non-integer y (Farey search). */
function fractionOf(y: number): { n: bigint; d: bigint } {
  let p1 = Math.abs(y);
  let n = 0;
  let d = 1;
  let z = 1;
  let A = 0;
  let B = 1;
  let C = 1;
  let D = 1;
  const N = 10_000_000;
  if (p1 >= 1) {
    z = 10 ** Math.floor(1 + Math.log10(p1));
    p1 /= z;
  }
  while (B <= N && D <= N) {
    const M = (A + C) / (B + D);
    if (p1 === M) {
      if (B + D <= N) {
        n = A + C;
        d = B + D;
      } else if (D > B) {
        n = C;
        d = D;
      } else {
        n = A;
        d = B;
      }
      break;
    }
    if (p1 > M) {
      A += C;
      B += D;
    } else {
      C += A;
      D += B;
    }
    if (B > N) {
      n = C;
      d = D;
    } else {
      n = A;
      d = B;
    }
  }
  let bn = BigInt(n) * BigInt(z);
  let bd = BigInt(d);
  let a = bn;
  let b = bd;
  while (b !== 0n) [a, b] = [b, a % b];
  if (a !== 0n) {
    bn /= a;
    bd /= a;
  }
  return { n: bn, d: bd };
}

/**
 * mathjs' `pow` on numbers with `predictable: true`, its `Math.pow` replaced by {@link power}: a negative base with a fractional
 * exponent p/q (q odd) gives the real root ((-8)^(1/3) = -2); other fractional powers of a
 * negative are NaN; x^±Infinity follows mathjs.
 *
 * @example
 * ```ts
 * pow(-8, 1 / 3); // -2
 * pow(-8, 0.5); // NaN
 * ```
 */
export function pow(x: number, y: number): number {
  if (!isInteger(y) && x < 0 && Number.isFinite(y)) {
    const f = fractionOf(y);
    const value = (y < 0 ? -1 : 1) * (Number(f.n) / Number(f.d));
    if ((y === value || Math.abs((y - value) / y) < 1e-14) && f.d % 2n === 1n) {
      return (f.n % 2n === 0n ? 1 : -1) * power(-x, y);
    }
  }
  if ((x < -1 && y === Number.POSITIVE_INFINITY) || (x > -1 && x < 0 && y === -Infinity)) {
    return Number.NaN;
  }
  if ((x * x < 1 && y === Number.POSITIVE_INFINITY) || (x * x > 1 && y === -Infinity)) return 0;
  return power(x, y);
}

/**
 * mathjs' `<`, `<=`, `>`, `>=`, `==`, `!=` on numbers (with its tolerance), as 1 or 0.
 *
 * @example
 * ```ts
 * lt(1, 1 + 1e-13); // 0: nearly equal
 * eq(0.1 + 0.2, 0.3); // 1
 * ```
 */
export const lt = (x: number, y: number): number => (smaller(x, y) ? 1 : 0);
/** See {@link lt}. */
export const le = (x: number, y: number): number => (x <= y || nearlyEqual(x, y) ? 1 : 0);
/** See {@link lt}. */
export const gt = (x: number, y: number): number => (larger(x, y) ? 1 : 0);
/** See {@link lt}. */
export const ge = (x: number, y: number): number => (x >= y || nearlyEqual(x, y) ? 1 : 0);
/** See {@link lt}. */
export const eq = (x: number, y: number): number => (nearlyEqual(x, y) ? 1 : 0);
/** See {@link lt}. */
export const ne = (x: number, y: number): number => (nearlyEqual(x, y) ? 0 : 1);

/** Everything generated loops may call, passed to them as `lib`. */
export const runtime = { round, floor, ceil, min2, max2, pow, lt, le, gt, ge, eq, ne } as const;
