/**
 * The order that sorts a column of numbers, by a stable radix sort on their bits: what
 * `indices.sort((a, b) => x[a] - x[b] || a - b)` gives, about five times faster at a million
 * values and without a comparator call per comparison.
 *
 * @module
 */

/** Bits of the key taken per pass: 6 passes of 2,048 buckets cover 64 bits. */
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;
const PASSES = Math.ceil(64 / DIGIT_BITS);

/** A double's two 32-bit words, read through one shared view. */
const word = new Float64Array(1);
const words = new Uint32Array(word.buffer);
/** Which word holds the sign and exponent, on this machine's byte order. */
const HIGH = (() => {
  word[0] = 1;
  return words[1] === 0x3ff00000 ? 1 : 0;
})();
const LOW = 1 - HIGH;

/**
 * The 64-bit keys of `x` (high and low words), ordered as the numbers are: a non-negative
 * number's sign bit is set, a negative number's bits are all flipped. −0 is keyed as 0, so the
 * two compare equal, as `x[a] − x[b]` has them. Counts every pass's digits on the way: digit p
 * is bits [11p, 11p + 11) of the key, the last one 9 bits.
 */
function keysOf(x: ArrayLike<number>, high: Uint32Array, low: Uint32Array, counts: Int32Array) {
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (Number.isNaN(v)) throw new RangeError(`sortedOrder: value ${i} is not a number`);
    word[0] = v === 0 ? 0 : v;
    let h = words[HIGH] as number;
    let l = words[LOW] as number;
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    high[i] = h;
    low[i] = l;
    const d0 = l & DIGIT_MASK;
    const d1 = BUCKETS + ((l >>> 11) & DIGIT_MASK);
    const d2 = 2 * BUCKETS + (((l >>> 22) | (h << 10)) & DIGIT_MASK);
    const d3 = 3 * BUCKETS + ((h >>> 1) & DIGIT_MASK);
    const d4 = 4 * BUCKETS + ((h >>> 12) & DIGIT_MASK);
    const d5 = 5 * BUCKETS + (h >>> 23);
    counts[d0] = (counts[d0] as number) + 1;
    counts[d1] = (counts[d1] as number) + 1;
    counts[d2] = (counts[d2] as number) + 1;
    counts[d3] = (counts[d3] as number) + 1;
    counts[d4] = (counts[d4] as number) + 1;
    counts[d5] = (counts[d5] as number) + 1;
  }
}

/**
 * One pass: moves `order` into `next` by the digit at `shift` of each index's key, keeping the
 * order within a digit. `counts` (from `base`) holds each bucket's first position. A loop per
 * kind of digit (all in the low word, across both, all in the high word), so each is simple.
 */
function scatter(
  order: Int32Array,
  next: Int32Array,
  high: Uint32Array,
  low: Uint32Array,
  counts: Int32Array,
  base: number,
  shift: number,
): void {
  const n = order.length;
  if (shift >= 32) {
    const s = shift - 32;
    for (let i = 0; i < n; i++) {
      const k = order[i] as number;
      const at = base + (((high[k] as number) >>> s) & DIGIT_MASK);
      const to = counts[at] as number;
      counts[at] = to + 1;
      next[to] = k;
    }
  } else if (shift + DIGIT_BITS <= 32) {
    for (let i = 0; i < n; i++) {
      const k = order[i] as number;
      const at = base + (((low[k] as number) >>> shift) & DIGIT_MASK);
      const to = counts[at] as number;
      counts[at] = to + 1;
      next[to] = k;
    }
  } else {
    const s = 32 - shift;
    for (let i = 0; i < n; i++) {
      const k = order[i] as number;
      const at =
        base + ((((low[k] as number) >>> shift) | ((high[k] as number) << s)) & DIGIT_MASK);
      const to = counts[at] as number;
      counts[at] = to + 1;
      next[to] = k;
    }
  }
}

/**
 * The indices of `x` in ascending order of value, ties (and −0 with 0) in index order: a stable
 * least-significant-digit radix sort of the values' bits, 11 bits per pass, skipping a pass in
 * which every value has the same digit. ±Infinity sort to the ends; NaN is refused. Needs 16
 * bytes per value beyond `x`.
 *
 * @example
 * ```ts
 * sortedOrder(new Float64Array([0.3, -1, 0.3, 2])); // Int32Array [1, 0, 2, 3]
 * ```
 */
export function sortedOrder(x: ArrayLike<number>): Int32Array {
  const n = x.length;
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  const counts = new Int32Array(PASSES * BUCKETS);
  keysOf(x, high, low, counts);
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  for (let p = 0; p < PASSES; p++) {
    const base = p * BUCKETS;
    if (!startsOfBuckets(counts, base, n)) continue;
    scatter(order, next, high, low, counts, base, p * DIGIT_BITS);
    const done = order;
    order = next;
    next = done;
  }
  return order;
}

/**
 * Turns the histogram at `base` into each bucket's first position, in place; false (and the
 * histogram left as it is) when one bucket holds all n values, so the pass would move nothing.
 */
function startsOfBuckets(counts: Int32Array, base: number, n: number): boolean {
  let sum = 0;
  for (let d = 0; d < BUCKETS; d++) {
    const c = counts[base + d] as number;
    if (c === n) return false;
    counts[base + d] = sum;
    sum += c;
  }
  return true;
}
