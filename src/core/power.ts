/**
 * x^y with the same bits on every JavaScript engine. `Math.pow` and `**` are not specified to the
 * last bit, and engines differ: Node 24 gives another last bit than Node 20 and 22 for about one
 * argument in ten, so a discount factor (1 + r)^−t computed with `**` made a cohort model's
 * results depend on the Node version. Whole exponents are taken by repeated squaring (IEEE
 * multiplications, the same everywhere, and exact where the result is, as for 3^2), others as
 * exp(y · ln x), whose `Math.exp` and `Math.log` Node 20, 22 and 24 agree on.
 *
 * @module
 */

/** Largest whole exponent taken by repeated squaring (at most 11 squarings). */
const MAX_SQUARING = 1024;

/**
 * x raised to the power y, engine-independent (see the module note). For the exponents of
 * discounting and of most formulas (up to a few hundred) it is within a few units in the last
 * place of the correctly rounded value; the error of repeated squaring grows with a whole
 * exponent (1.1^1000 is some 80 units off), and exp(y · ln x) loses about |y · ln x| units. A
 * whole power whose squaring overflows or underflows is taken as exp(y · ln x), so 10^−320 is
 * the subnormal 1e−320, not 0.
 *
 * @example
 * ```ts
 * power(1.035, -2); // 1 / 1.071225
 * power(3, 2); // 9
 * power(1.035, -0.25); // 0.99143…
 * ```
 */
export function power(x: number, y: number): number {
  if (Number.isInteger(y) && Math.abs(y) <= MAX_SQUARING) {
    let e = Math.abs(y);
    let base = x;
    let result = 1;
    while (e > 0) {
      if (e % 2 === 1) result *= base;
      base *= base;
      e = Math.floor(e / 2);
    }
    const whole = y < 0 ? 1 / result : result;
    // Squaring past the range of doubles (10^−320 through 10^320 = Infinity) loses what
    // exp(y · ln x) keeps; within the range the squares stand, as they always have.
    if (x > 0 && Number.isFinite(x) && (whole === 0 || !Number.isFinite(whole))) {
      return Math.exp(y * Math.log(x));
    }
    return whole;
  }
  if (x > 0 && Number.isFinite(x) && Number.isFinite(y)) return Math.exp(y * Math.log(x));
  // Zero, negative, infinite or NaN operands: the special cases every engine gives alike.
  return x ** y;
}
