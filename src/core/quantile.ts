/**
 * Quantiles by linear interpolation between order statistics (Hyndman & Fan type 7, the default
 * of R's `quantile`), with an in-place selection kernel so large samples need no full sort.
 *
 * @module
 */

/**
 * Quantile of already-sorted values (type 7: h = (n − 1)p, interpolate between floor and ceil).
 *
 * @example
 * ```ts
 * quantileSorted(new Float64Array([1, 2, 3, 4]), 0.5); // 2.5
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantileSorted: empty input");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** Swaps two entries of an array. */
function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/**
 * Rearranges `a[lo..hi]` (inclusive) so that `a[k]` holds the value it would have if sorted,
 * with smaller-or-equal values before it and larger-or-equal after (Hoare selection with
 * median-of-three pivots). Expected linear time.
 *
 * @example
 * ```ts
 * const a = new Float64Array([5, 1, 4, 2, 3]);
 * selectInPlace(a, 2); // a[2] === 3
 * ```
 */
export function selectInPlace(a: Float64Array, k: number, lo = 0, hi: number = a.length - 1): void {
  if (k < lo || k > hi) throw new RangeError(`selectInPlace: k = ${k} outside [${lo}, ${hi}]`);
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < (a[lo] as number)) swap(a, mid, lo);
    if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo);
    if ((a[hi] as number) < (a[mid] as number)) swap(a, hi, mid);
    const pivot = a[mid] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Smallest value of `a[lo..hi]` (inclusive). */
function minOf(a: Float64Array, lo: number, hi: number): number {
  let m = a[lo] as number;
  for (let i = lo + 1; i <= hi; i++) if ((a[i] as number) < m) m = a[i] as number;
  return m;
}

/**
 * Type-7 quantiles of `a` for each probability in `ps`, reordering `a` in place (pass a scratch
 * copy if the order matters). Runs in expected linear time per probability.
 *
 * @example
 * ```ts
 * quantilesInPlace(new Float64Array([4, 1, 3, 2]), [0.025, 0.975]); // [1.075, 3.925]
 * ```
 */
export function quantilesInPlace(a: Float64Array, ps: readonly number[]): number[] {
  const n = a.length;
  if (n === 0) throw new RangeError("quantilesInPlace: empty input");
  if (n >= BRACKET_MIN) {
    const fast = bracketedQuantiles(a, ps);
    if (fast !== undefined) return fast;
  }
  const order = ps.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const out = new Array<number>(ps.length);
  let lo = 0;
  for (const { p, i } of order) {
    if (!(p >= 0 && p <= 1))
      throw new RangeError(`quantilesInPlace: p must be in [0, 1], got ${p}`);
    const h = (n - 1) * p;
    const k = Math.floor(h);
    const start = Math.min(lo, k);
    selectInPlace(a, k, start, n - 1);
    const below = a[k] as number;
    const above = k + 1 < n ? minOf(a, k + 1, n - 1) : below;
    out[i] = below + (h - k) * (above - below);
    lo = k;
  }
  return out;
}

/** Below this length, plain selection is as fast as bracketing. */
const BRACKET_MIN = 20_000;
/**
 * Size of the evenly spaced subsample that brackets each order statistic. A bracket spans a
 * fixed number of standard errors of the subsample's rank, so a larger subsample gives a
 * narrower one (fewer values copied and selected) for a dearer sort: at 10⁶ samples 4,096
 * makes the INMB intervals over 101 WTP values a fifth quicker than 2,048.
 */
const SUBSAMPLE = 4096;

/** The value at subsample rank `i` (−∞ / +∞ beyond the ends). */
function bracketEdge(sub: Float64Array, i: number): number {
  if (i < 0) return Number.NEGATIVE_INFINITY;
  if (i >= sub.length) return Number.POSITIVE_INFINITY;
  return sub[i] as number;
}

/** Subsample ranks around the rank of order statistic `k` of `n`. */
function bracketRanks(k: number, n: number, p: number): [number, number] {
  const r = (k / Math.max(n - 1, 1)) * (SUBSAMPLE - 1);
  const margin = 5 * Math.sqrt(SUBSAMPLE * Math.max(p * (1 - p), 1 / SUBSAMPLE)) + 4;
  return [Math.floor(r - margin), Math.ceil(r + margin)];
}

/** Room for the values of a bracket spanning subsample ranks [lo, hi]: 4× the expected count. */
function bracketCapacity(lo: number, hi: number, n: number): number {
  return Math.min(n, Math.ceil((4 * (hi - lo + 1) * n) / SUBSAMPLE) + 64);
}

/**
 * The type-7 quantile at h = k + fraction from the `count` values copied out of a bracket,
 * `below` values lying under it; undefined when the bracket does not hold ranks k and k + 1.
 */
function fromBracket(
  buffer: Float64Array,
  count: number,
  below: number,
  h: number,
  n: number,
): number | undefined {
  const k = Math.floor(h);
  if (below > k || below + count <= Math.min(k + 1, n - 1)) return undefined;
  const local = buffer.subarray(0, count);
  const r = k - below;
  const needNext = h !== k;
  if (count < NESTED_MIN || !nestedOrder(local, r, needNext)) {
    selectInPlace(local, r);
    orderAt = local[r] as number;
    orderNext = needNext ? minOf(local, r + 1, count - 1) : orderAt;
  }
  return needNext ? orderAt + (h - k) * (orderNext - orderAt) : orderAt;
}

/** From this many values a bracket's order statistic is found by bracketing again. */
const NESTED_MIN = 4096;
/** Subsample of the second bracketing. */
const NESTED_SUBSAMPLE = 256;
/** What {@link nestedOrder} (or the plain selection) found: values of rank r and r + 1. */
let orderAt = 0;
let orderNext = 0;
/** The inner bracket's values, grown as needed and reused between calls. */
let nestedBuffer = new Float64Array(0);

/**
 * The values of rank r (and r + 1, if `needNext`) of `local` (no NaN), by the bracketing of
 * {@link bracketedQuantiles} applied to the bracket's own values: a sorted subsample of 256
 * brackets rank r, one pass copies the values inside, and selection runs on those few. Sets
 * `orderAt` and `orderNext`; false (nothing found) when the inner bracket misses the ranks.
 */
function nestedOrder(local: Float64Array, r: number, needNext: boolean): boolean {
  const count = local.length;
  const sub = new Float64Array(NESTED_SUBSAMPLE);
  for (let i = 0; i < NESTED_SUBSAMPLE; i++) {
    sub[i] = local[Math.floor((i * count) / NESTED_SUBSAMPLE)] as number;
  }
  sub.sort();
  const centre = (r / Math.max(count - 1, 1)) * (NESTED_SUBSAMPLE - 1);
  const q = r / Math.max(count - 1, 1);
  const margin = 5 * Math.sqrt(NESTED_SUBSAMPLE * Math.max(q * (1 - q), 1 / NESTED_SUBSAMPLE)) + 4;
  const lo = bracketEdge(sub, Math.floor(centre - margin));
  const hi = bracketEdge(sub, Math.ceil(centre + margin));
  const capacity = Math.min(
    count,
    Math.ceil((4 * (2 * margin + 2) * count) / NESTED_SUBSAMPLE) + 64,
  );
  if (nestedBuffer.length < capacity) nestedBuffer = new Float64Array(capacity);
  const inner = nestedBuffer;
  let below = 0;
  let inside = 0;
  for (let i = 0; i < count; i++) {
    const v = local[i] as number;
    if (v < lo) below++;
    else if (v <= hi) {
      if (inside === capacity) return false;
      inner[inside++] = v;
    }
  }
  const last = needNext ? r + 1 : r;
  if (below > r || below + inside <= last) return false;
  const at = r - below;
  selectInPlace(inner, at, 0, inside - 1);
  orderAt = inner[at] as number;
  orderNext = needNext ? minOf(inner, at + 1, inside - 1) : orderAt;
  return true;
}

/**
 * Type-7 quantiles by bracketing (the idea of Floyd & Rivest's SELECT): an evenly spaced
 * subsample, sorted, gives values that almost surely enclose the wanted order statistics; one
 * pass counts the values below the bracket and copies those inside it, and selection runs on
 * that small copy. Exact whenever the bracket holds ranks k and k + 1, which is checked; returns
 * undefined otherwise (the caller then selects on the whole array). Does not modify `a`.
 */
function bracketedQuantiles(a: Float64Array, ps: readonly number[]): number[] | undefined {
  const n = a.length;
  const sub = new Float64Array(SUBSAMPLE);
  for (let i = 0; i < SUBSAMPLE; i++) sub[i] = a[Math.floor((i * n) / SUBSAMPLE)] as number;
  sub.sort();
  if (Number.isNaN(sub[SUBSAMPLE - 1])) return undefined;
  const out: number[] = [];
  let buffer = new Float64Array(0);
  for (const p of ps) {
    if (!(p >= 0 && p <= 1))
      throw new RangeError(`quantilesInPlace: p must be in [0, 1], got ${p}`);
    const h = (n - 1) * p;
    const [iLo, iHi] = bracketRanks(Math.floor(h), n, p);
    const lo = bracketEdge(sub, iLo);
    const hi = bracketEdge(sub, iHi);
    const capacity = bracketCapacity(iLo, iHi, n);
    if (buffer.length < capacity) buffer = new Float64Array(capacity);
    let below = 0;
    let inside = 0;
    let above = 0;
    for (let i = 0; i < n; i++) {
      const v = a[i] as number;
      if (v < lo) below++;
      else if (v <= hi) {
        if (inside === capacity) return undefined;
        buffer[inside++] = v;
      } else if (v > hi) above++;
    }
    if (below + inside + above !== n) return undefined; // NaN present
    const q = fromBracket(buffer, inside, below, h, n);
    if (q === undefined) return undefined;
    out.push(q);
  }
  return out;
}

/** Bracket buffers of {@link linearQuantilePair}, grown as needed and reused between calls. */
let pairLow = new Float64Array(0);
let pairHigh = new Float64Array(0);

/**
 * Type-7 quantiles `pLow` and `pHigh` of v_i = a·x_i − y_i without forming v: one pass over x
 * and y (bracketing, as in {@link quantilesInPlace}), for example the 95% interval of the
 * incremental net benefit λ·ΔE − ΔC at many λ. Each v_i is computed exactly as `a * x[i] - y[i]`,
 * so the result equals `quantilesInPlace` of that array.
 *
 * @example
 * ```ts
 * linearQuantilePair(dEffect, dCost, 20000, 0.025, 0.975); // [lower, upper] of 20000·ΔE − ΔC
 * ```
 */
export function linearQuantilePair(
  x: Float64Array,
  y: Float64Array,
  a: number,
  pLow: number,
  pHigh: number,
): [number, number] {
  if (x.length === 0 || y.length !== x.length) {
    throw new RangeError("linearQuantilePair: empty or unequal arrays");
  }
  return pairOf(x, y, a, pLow, pHigh, "linearQuantilePair");
}

/**
 * Type-7 quantiles `pLow` and `pHigh` of `x` in one pass, without modifying or copying it
 * (unless bracketing declines), e.g. a 95% interval.
 *
 * @example
 * ```ts
 * quantilePair(costs, 0.025, 0.975); // [lower, upper]
 * ```
 */
export function quantilePair(x: Float64Array, pLow: number, pHigh: number): [number, number] {
  if (x.length === 0) throw new RangeError("quantilePair: empty input");
  return pairOf(x, null, 1, pLow, pHigh, "quantilePair");
}

/** The kernel of {@link linearQuantilePair} and {@link quantilePair}: v = a·x − y, or x. */
function pairOf(
  x: Float64Array,
  y: Float64Array | null,
  a: number,
  pLow: number,
  pHigh: number,
  name: string,
): [number, number] {
  const n = x.length;
  const value = (i: number) =>
    y === null ? (x[i] as number) : a * (x[i] as number) - (y[i] as number);
  for (const p of [pLow, pHigh]) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${name}: p must be in [0, 1], got ${p}`);
  }
  const materialised = () => {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = value(i);
    return quantilesInPlace(v, [pLow, pHigh]) as [number, number];
  };
  if (n < BRACKET_MIN) return materialised();
  const sub = new Float64Array(SUBSAMPLE);
  for (let i = 0; i < SUBSAMPLE; i++) {
    sub[i] = value(Math.floor((i * n) / SUBSAMPLE));
  }
  sub.sort();
  const hL = (n - 1) * pLow;
  const hH = (n - 1) * pHigh;
  const kL = Math.floor(hL);
  const kH = Math.floor(hH);
  const [aL, bL] = bracketRanks(kL, n, pLow);
  const [aH, bH] = bracketRanks(kH, n, pHigh);
  const lo1 = bracketEdge(sub, aL);
  const hi1 = bracketEdge(sub, bL);
  const lo2 = bracketEdge(sub, aH);
  const hi2 = bracketEdge(sub, bH);
  const cap1 = bracketCapacity(aL, bL, n);
  const cap2 = bracketCapacity(aH, bH, n);
  if (pairLow.length < cap1) pairLow = new Float64Array(cap1);
  if (pairHigh.length < cap2) pairHigh = new Float64Array(cap2);
  const flat1 = lo1 === hi1;
  const flat2 = lo2 === hi2;
  const b1 = pairLow;
  const b2 = pairHigh;
  let below1 = 0;
  let in1 = 0;
  let below2 = 0;
  let in2 = 0;
  let counted = 0;
  for (let i = 0; i < n; i++) {
    const v = y === null ? (x[i] as number) : a * (x[i] as number) - (y[i] as number);
    // A bracket whose edges are equal holds one value: it is counted, not copied.
    if (v < lo1) below1++;
    else if (v <= hi1) {
      if (!flat1) {
        if (in1 === cap1) return materialised();
        b1[in1] = v;
      }
      in1++;
    }
    if (v < lo2) below2++;
    else if (v <= hi2) {
      if (!flat2) {
        if (in2 === cap2) return materialised();
        b2[in2] = v;
      }
      in2++;
    }
    if (!Number.isNaN(v)) counted++;
  }
  if (counted !== n) return materialised();
  // A flat bracket holds one value, counted but not copied: if it holds the ranks, it is the answer.
  const pick = (
    buffer: Float64Array,
    count: number,
    below: number,
    h: number,
    flat: boolean,
    edge: number,
  ) => {
    if (!flat) return fromBracket(buffer, count, below, h, n);
    const k = Math.floor(h);
    return below > k || below + count <= Math.min(k + 1, n - 1) ? undefined : edge;
  };
  const low = pick(b1, in1, below1, hL, flat1, lo1);
  const high = pick(b2, in2, below2, hH, flat2, lo2);
  return low === undefined || high === undefined ? materialised() : [low, high];
}

/**
 * Type-7 quantiles of `x[from..to)` without modifying `x`.
 *
 * @example
 * ```ts
 * quantiles(new Float64Array([1, 2, 3, 4]), [0.5]); // [2.5]
 * ```
 */
export function quantiles(
  x: Float64Array,
  ps: readonly number[],
  from = 0,
  to: number = x.length,
): number[] {
  if (!(to > from)) throw new RangeError("quantiles: empty range");
  for (const p of ps) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`quantiles: p must be in [0, 1], got ${p}`);
  }
  // Bracketing leaves its input alone, so a long range needs no copy unless it declines.
  const range = x.subarray(from, to);
  const fast = range.length >= BRACKET_MIN ? bracketedQuantiles(range, ps) : undefined;
  return fast ?? quantilesInPlace(range.slice(), ps);
}

/** Bins over x for the bounds of {@link linearQuantilePairs}' filter. */
const FILTER_BINS = 1024;

/**
 * {@link linearQuantilePair} at every λ of `lambdas`: the type-7 quantiles `pLow` and `pHigh` of
 * v_i = λ·x_i − y_i, into `lower[k]` and `upper[k]`, each exactly what
 * `linearQuantilePair(x, y, lambdas[k], pLow, pHigh)` returns (every quantile is an exact order
 * statistic, however it is found).
 *
 * One pass sorts the samples into those whose v_i lies, at every λ of the grid, between the two
 * brackets, or below both, or above both, and the rest. The test is a bound: v_i(λ_k) > h_k for
 * all k is y_i < min_k(λ_k·x_i − h_k), a concave function of x_i, bounded on a bin of x by its
 * values at the bin's ends; a margin far larger than the rounding of any of these sums keeps
 * it exact. Only the rest (the samples that come near a bracket at some λ) are visited per λ.
 *
 * @example
 * ```ts
 * const lower = new Float64Array(101);
 * const upper = new Float64Array(101);
 * linearQuantilePairs(dEffect, dCost, wtpRange(0, 100000, 1000), 0.025, 0.975, lower, upper);
 * ```
 */
export function linearQuantilePairs(
  x: Float64Array,
  y: Float64Array,
  lambdas: ArrayLike<number>,
  pLow: number,
  pHigh: number,
  lower: Float64Array,
  upper: Float64Array,
): void {
  const n = x.length;
  const K = lambdas.length;
  if (n === 0 || y.length !== n) {
    throw new RangeError("linearQuantilePairs: empty or unequal arrays");
  }
  if (lower.length < K || upper.length < K) {
    throw new RangeError("linearQuantilePairs: outputs shorter than the λ grid");
  }
  for (const p of [pLow, pHigh]) {
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`linearQuantilePairs: p must be in [0, 1], got ${p}`);
    }
  }
  if (n < BRACKET_MIN || K < 4) {
    for (let k = 0; k < K; k++) {
      const [a, b] = pairOf(x, y, lambdas[k] as number, pLow, pHigh, "linearQuantilePairs");
      lower[k] = a;
      upper[k] = b;
    }
    return;
  }
  // The brackets at each λ, as pairOf draws them.
  const hL = (n - 1) * pLow;
  const hH = (n - 1) * pHigh;
  // pairOf's brackets, so that each bracket holds the same values in the same order as there and
  // selection picks the same one of equal values (0 or −0 included).
  const [aL, bL] = bracketRanks(Math.floor(hL), n, pLow);
  const [aH, bH] = bracketRanks(Math.floor(hH), n, pHigh);
  const cap1 = bracketCapacity(aL, bL, n);
  const cap2 = bracketCapacity(aH, bH, n);
  const lo1 = new Float64Array(K);
  const hi1 = new Float64Array(K);
  const lo2 = new Float64Array(K);
  const hi2 = new Float64Array(K);
  const sub = new Float64Array(SUBSAMPLE);
  let lambdaMax = 0;
  let thresholdMax = 0;
  for (let k = 0; k < K; k++) {
    const a = lambdas[k] as number;
    lambdaMax = Math.max(lambdaMax, Math.abs(a));
    for (let i = 0; i < SUBSAMPLE; i++) {
      const s = Math.floor((i * n) / SUBSAMPLE);
      sub[i] = a * (x[s] as number) - (y[s] as number);
    }
    sub.sort();
    lo1[k] = bracketEdge(sub, aL);
    hi1[k] = bracketEdge(sub, bL);
    lo2[k] = bracketEdge(sub, aH);
    hi2[k] = bracketEdge(sub, bH);
    for (const t of [lo1[k], hi1[k], lo2[k], hi2[k]] as number[]) {
      if (Number.isFinite(t)) thresholdMax = Math.max(thresholdMax, Math.abs(t));
    }
  }
  let xAbs = 0;
  let yMax = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.abs(x[i] as number);
    if (v > xAbs) xAbs = v;
    const w = Math.abs(y[i] as number);
    if (w > yMax) yMax = w;
  }
  // Far above the rounding of λx − y and of the bounds (a few 2⁻⁵³ of these magnitudes).
  const margin = (lambdaMax * xAbs + yMax + thresholdMax) * 2 ** -40 + Number.MIN_VALUE;
  const brackets: Brackets = { lambdas, lo1, hi1, lo2, hi2, margin };
  // Level 1: the samples that come near a bracket at some λ of the grid.
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const all = classify(x, y, n, brackets, 0, K, cx, cy);
  // Level 2, per block of λ: those that come near a bracket at some λ of the block.
  const bx = new Float64Array(all.rest);
  const by = new Float64Array(all.rest);
  if (pairLow.length < cap1) pairLow = new Float64Array(cap1);
  if (pairHigh.length < cap2) pairHigh = new Float64Array(cap2);
  const b1 = pairLow;
  const b2 = pairHigh;
  for (let k0 = 0; k0 < K; k0 += LAMBDA_BLOCK) {
    const k1 = Math.min(K, k0 + LAMBDA_BLOCK);
    const block = classify(cx, cy, all.rest, brackets, k0, k1, bx, by);
    const m = block.rest;
    for (let k = k0; k < k1; k++) {
      const a = lambdas[k] as number;
      const l1 = lo1[k] as number;
      const h1 = hi1[k] as number;
      const l2 = lo2[k] as number;
      const h2 = hi2[k] as number;
      const flat1 = l1 === h1;
      const flat2 = l2 === h2;
      let below1 = all.below + block.below;
      let in1 = 0;
      let below2 = all.below + all.middle + block.below + block.middle;
      let in2 = 0;
      let counted = all.below + all.middle + all.above + block.below + block.middle + block.above;
      let overflow = false;
      for (let t = 0; t < m; t++) {
        const v = a * (bx[t] as number) - (by[t] as number);
        if (v < l1) below1++;
        else if (v <= h1) {
          if (!flat1) {
            if (in1 === cap1) {
              overflow = true;
              break;
            }
            b1[in1] = v;
          }
          in1++;
        }
        if (v < l2) below2++;
        else if (v <= h2) {
          if (!flat2) {
            if (in2 === cap2) {
              overflow = true;
              break;
            }
            b2[in2] = v;
          }
          in2++;
        }
        if (!Number.isNaN(v)) counted++;
      }
      let low: number | undefined;
      let high: number | undefined;
      if (!overflow && counted === n) {
        low = pickBracket(b1, in1, below1, hL, flat1, l1, n);
        high = pickBracket(b2, in2, below2, hH, flat2, l2, n);
      }
      if (low === undefined || high === undefined) {
        [low, high] = pairOf(x, y, a, pLow, pHigh, "linearQuantilePairs");
      }
      lower[k] = low;
      upper[k] = high;
    }
  }
}

/**
 * λ values per second-level filter of {@link linearQuantilePairs}: with the narrower brackets of
 * {@link SUBSAMPLE}'s 4,096 values a filter keeps few enough samples to serve 12.
 */
const LAMBDA_BLOCK = 12;

/** The brackets of {@link linearQuantilePairs} at each λ, and the filter's margin. */
interface Brackets {
  readonly lambdas: ArrayLike<number>;
  readonly lo1: Float64Array;
  readonly hi1: Float64Array;
  readonly lo2: Float64Array;
  readonly hi2: Float64Array;
  readonly margin: number;
}

/**
 * Sorts samples `xs[0..count)`, `ys` into those whose v = λx − y lies, at every λ of
 * `lambdas[k0..k1)`, above the low bracket and below the high one (`middle`), below both
 * (`below`) or above both (`above`), and the rest, copied into `outX`, `outY`. The test is a
 * bound: v(λ_k) > h_k for all k is y < min_k(λ_k·x − h_k), a concave function of x, bounded on a
 * bin of x by its values at the bin's ends (convex maxima likewise), less the margin.
 */
function classify(
  xs: Float64Array,
  ys: Float64Array,
  count: number,
  brackets: Brackets,
  k0: number,
  k1: number,
  outX: Float64Array,
  outY: Float64Array,
): { middle: number; below: number; above: number; rest: number } {
  const { lambdas, lo1, hi1, lo2, hi2, margin } = brackets;
  let xMin = Number.POSITIVE_INFINITY;
  let xMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const v = xs[i] as number;
    if (v < xMin) xMin = v;
    if (v > xMax) xMax = v;
  }
  const finite = Number.isFinite(margin) && xMin <= xMax;
  const bins = finite ? FILTER_BINS : 1;
  const width = finite ? (xMax - xMin) / bins : 0;
  const edges = new Float64Array(bins + 1);
  for (let e = 0; e < bins; e++) edges[e] = xMin + e * width;
  edges[bins] = xMax;
  // At each edge: min_k(λx − hi1), max_k(λx − lo2), min_k(λx − max(hi1, hi2)), max_k(λx − min(lo1, lo2)).
  const middleBelow = new Float64Array(bins + 1);
  const middleAbove = new Float64Array(bins + 1);
  const aboveAll = new Float64Array(bins + 1);
  const belowAll = new Float64Array(bins + 1);
  for (let e = 0; e <= bins; e++) {
    const at = edges[e] as number;
    let f = Number.POSITIVE_INFINITY;
    let g = Number.NEGATIVE_INFINITY;
    let fa = Number.POSITIVE_INFINITY;
    let gb = Number.NEGATIVE_INFINITY;
    for (let k = k0; k < k1; k++) {
      const v = (lambdas[k] as number) * at;
      f = Math.min(f, v - (hi1[k] as number));
      g = Math.max(g, v - (lo2[k] as number));
      fa = Math.min(fa, v - Math.max(hi1[k] as number, hi2[k] as number));
      gb = Math.max(gb, v - Math.min(lo1[k] as number, lo2[k] as number));
    }
    middleBelow[e] = f;
    middleAbove[e] = g;
    aboveAll[e] = fa;
    belowAll[e] = gb;
  }
  // Per bin, interleaved: y below [4b] and above [4b + 1] is between the brackets at every λ,
  // above [4b + 3] is below both, below [4b + 2] above both (margins taken off).
  const bounds = new Float64Array(4 * bins);
  for (let b = 0; b < bins; b++) {
    bounds[4 * b] = Math.min(middleBelow[b] as number, middleBelow[b + 1] as number) - margin;
    bounds[4 * b + 1] = Math.max(middleAbove[b] as number, middleAbove[b + 1] as number) + margin;
    bounds[4 * b + 2] = Math.min(aboveAll[b] as number, aboveAll[b + 1] as number) - margin;
    bounds[4 * b + 3] = Math.max(belowAll[b] as number, belowAll[b + 1] as number) + margin;
  }
  // (x − xMin)·scale is in [0, bins] (or NaN, which | 0 makes 0): truncation is the floor.
  const scale = width > 0 ? 1 / width : 0;
  let middle = 0;
  let below = 0;
  let above = 0;
  let rest = 0;
  const last = bins - 1;
  for (let i = 0; i < count; i++) {
    const xi = xs[i] as number;
    const yi = ys[i] as number;
    let b = ((xi - xMin) * scale) | 0;
    if (b > last) b = last;
    if (xi < (edges[b] as number) && b > 0) b--;
    else if (xi > (edges[b + 1] as number) && b < last) b++;
    // The bounds hold only for x within the bin's ends.
    if (xi >= (edges[b] as number) && xi <= (edges[b + 1] as number)) {
      const o = 4 * b;
      if (yi < (bounds[o] as number) && yi > (bounds[o + 1] as number)) {
        middle++;
        continue;
      }
      if (yi > (bounds[o + 3] as number)) {
        below++;
        continue;
      }
      if (yi < (bounds[o + 2] as number)) {
        above++;
        continue;
      }
    }
    outX[rest] = xi;
    outY[rest] = yi;
    rest++;
  }
  return { middle, below, above, rest };
}

/** The quantile at h from a bracket (a flat one holds one value, counted but not copied). */
function pickBracket(
  buffer: Float64Array,
  count: number,
  below: number,
  h: number,
  flat: boolean,
  edge: number,
  n: number,
): number | undefined {
  if (!flat) return fromBracket(buffer, count, below, h, n);
  const k = Math.floor(h);
  return below > k || below + count <= Math.min(k + 1, n - 1) ? undefined : edge;
}
