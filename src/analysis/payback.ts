/**
 * Payback of a programme: the first year in which cumulative savings reach cumulative programme
 * cost, per sample, and the probability of paying back within N years. Amounts are per year,
 * year-major over samples (`x[y * n + i]`: year y + 1, sample i), normally undiscounted, as a
 * budget holder counts them.
 *
 * @module
 */

/**
 * Payback year of each sample: the first year Y (1-based) with Σ_{y ≤ Y} savings_y ≥
 * Σ_{y ≤ Y} cost_y, or 0 when that never happens within the `cost.length / n` years. Savings
 * may be negative in a year (a programme that adds work), so cumulative savings can fall back
 * below the cost after a payback year; the payback year is still the first one.
 *
 * @example
 * ```ts
 * // Two samples over three years (year-major): costs 100, 0, 0 each; savings 40 a year in
 * // sample 1 (cumulative 40, 80, 120: pays back in year 3) and 10 a year in sample 2 (never).
 * paybackYears(new Float64Array([100, 100, 0, 0, 0, 0]),
 *   new Float64Array([40, 10, 40, 10, 40, 10]), 2); // Int32Array [3, 0]
 * ```
 */
export function paybackYears(
  cost: Float64Array,
  savings: Float64Array,
  n: number,
  out: Int32Array = new Int32Array(n),
): Int32Array {
  if (!(Number.isInteger(n) && n > 0) || cost.length % n !== 0) {
    throw new RangeError("paybackYears: cost.length must be a multiple of n > 0");
  }
  if (savings.length !== cost.length || out.length !== n) {
    throw new RangeError("paybackYears: savings must match cost, and out have n entries");
  }
  const years = cost.length / n;
  // Cumulative savings minus cumulative cost, per sample.
  const net = new Float64Array(n);
  out.fill(0);
  for (let y = 0; y < years; y++) {
    accumulatePayback(
      net,
      out,
      cost.subarray(y * n, (y + 1) * n),
      savings.subarray(y * n, (y + 1) * n),
      y + 1,
    );
  }
  return out;
}

/**
 * One year of {@link paybackYears}, for callers that produce the years one at a time: adds the
 * year's savings minus cost to `net` (cumulative, per sample; start at 0) and sets `payback[i]`
 * to `year` where it is still 0 and `net[i]` has reached 0.
 *
 * @example
 * ```ts
 * const net = new Float64Array(1);
 * const payback = new Int32Array(1);
 * accumulatePayback(net, payback, Float64Array.of(100), Float64Array.of(40), 1); // net −60
 * accumulatePayback(net, payback, Float64Array.of(0), Float64Array.of(70), 2);   // net 10
 * payback[0]; // 2
 * ```
 */
export function accumulatePayback(
  net: Float64Array,
  payback: Int32Array,
  cost: Float64Array,
  savings: Float64Array,
  year: number,
): void {
  const n = net.length;
  if (payback.length !== n || cost.length !== n || savings.length !== n) {
    throw new RangeError("accumulatePayback: net, payback, cost and savings must have one length");
  }
  for (let i = 0; i < n; i++) {
    const v = (net[i] as number) + (savings[i] as number) - (cost[i] as number);
    net[i] = v;
    if (payback[i] === 0 && v >= 0) payback[i] = year;
  }
}

/**
 * P(payback within N years) for N = 1 … `years`: the share of samples whose payback year
 * (from {@link paybackYears}; 0 for none) is between 1 and N.
 *
 * @example
 * ```ts
 * paybackProbabilities(Int32Array.from([3, 0, 1, 2]), 3); // Float64Array [0.25, 0.5, 0.75]
 * ```
 */
export function paybackProbabilities(payback: Int32Array, years: number): Float64Array {
  const n = payback.length;
  if (n === 0 || !(Number.isInteger(years) && years > 0)) {
    throw new RangeError("paybackProbabilities: no samples, or years not a positive integer");
  }
  const counts = new Float64Array(years);
  for (let i = 0; i < n; i++) {
    const y = payback[i] as number;
    if (y >= 1 && y <= years) counts[y - 1] = (counts[y - 1] as number) + 1;
  }
  let cumulative = 0;
  for (let y = 0; y < years; y++) {
    cumulative += counts[y] as number;
    counts[y] = cumulative / n;
  }
  return counts;
}
