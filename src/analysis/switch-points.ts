/**
 * Exact willingness-to-pay switch points: the values of λ at which the strategy with the highest
 * expected net benefit changes, found on the upper envelope of the lines λ·E[effect] − E[cost].
 * Unlike BCEA's `kstar` these are not read off a grid.
 *
 * @module
 */

/** The expected-best strategy changes from `from` to `to` at λ = `wtp`. */
export interface SwitchPoint {
  readonly wtp: number;
  readonly from: string;
  readonly to: string;
}

/** Options of {@link switchPoints}: the λ range searched (default [0, ∞)). */
export interface SwitchPointOptions {
  readonly from?: number;
  readonly to?: number;
}

/**
 * Switch points of the expected-best strategy for λ in `[from, to]` (default `[0, ∞)`).
 * At a switch point itself the two strategies tie; the strategy reported as `to` is optimal just
 * above it. Where several lines cross at one point, the steepest one takes over; identical lines
 * keep the lower index. Each switch point is `(C̄_to − C̄_from) / (Ē_to − Ē_from)`.
 *
 * @example
 * ```ts
 * switchPoints(["usual", "swis"], [20000, 25000], [8, 8.15]);
 * // [{ wtp: 33333.33…, from: "usual", to: "swis" }]
 * ```
 */
export function switchPoints(
  strategies: readonly string[],
  meanCost: ArrayLike<number>,
  meanEffect: ArrayLike<number>,
  options: SwitchPointOptions = {},
): SwitchPoint[] {
  const lower = options.from ?? 0;
  const upper = options.to ?? Number.POSITIVE_INFINITY;
  const k = strategies.length;
  if (k === 0) throw new RangeError("switchPoints: no strategies");
  if (!(lower <= upper)) throw new RangeError("switchPoints: from must not exceed to");
  const c = (j: number) => meanCost[j] as number;
  const e = (j: number) => meanEffect[j] as number;
  // Owner at λ = lower: highest NB there; ties go to the lowest index.
  let owner = 0;
  for (let j = 1; j < k; j++) {
    if (lower * e(j) - c(j) > lower * e(owner) - c(owner)) owner = j;
  }
  let at = lower;
  const out: SwitchPoint[] = [];
  for (;;) {
    let next = -1;
    let nextAt = Number.POSITIVE_INFINITY;
    for (let i = 0; i < k; i++) {
      if (!(e(i) > e(owner))) continue;
      const x = (c(i) - c(owner)) / (e(i) - e(owner));
      const crossing = x < at ? at : x;
      // Equal crossings: the steepest line takes over; among parallel ones (crossings that only
      // round to the same value) the cheaper, i.e. higher, line; identical lines keep the lower index.
      if (
        crossing < nextAt ||
        (crossing === nextAt && (e(i) > e(next) || (e(i) === e(next) && c(i) < c(next))))
      ) {
        next = i;
        nextAt = crossing;
      }
    }
    if (next < 0 || nextAt > upper) return out;
    out.push({ wtp: nextAt, from: strategies[owner] as string, to: strategies[next] as string });
    owner = next;
    at = nextAt;
  }
}
