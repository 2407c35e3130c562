/**
 * The rounding error of a product, exactly: one of the error-free transformations that let
 * doubles carry twice their precision where a result must round correctly.
 *
 * @module
 */

/** Dekker's splitter, 2²⁷ + 1: splits a double into two halves of 26 bits. */
const SPLITTER = 134217729;

/**
 * a·b − p exactly, for p = fl(a·b), by Dekker's two-product (no fused multiply-add in
 * JavaScript). Needs |a|, |b| below about 1e300, where the split cannot overflow.
 *
 * @example
 * ```ts
 * const p = 0.1 * 3;              // 0.30000000000000004
 * productError(0.1, 3, p);        // -2.7755575615628914e-17: 0.1 · 3 is p plus this, exactly
 * ```
 */
export function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}
