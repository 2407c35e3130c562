/**
 * Willingness-to-pay grids: `start:stop:step` ranges and explicit lists, always strictly
 * increasing and finite.
 *
 * @module
 */

import { InputError } from "../errors.js";
import { limitText, MAX_WTP, MAX_WTP_POINTS } from "./limits.js";

/** A count of grid points for a message: grouped digits, or "more than 10^15" past that. */
function pointCount(n: number): string {
  return n > 1e15 ? "more than 10^15" : grouped(n);
}

/** A strictly increasing array of finite WTP values, per unit of effect. */
export type WtpGrid = Float64Array;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A count with thousands separators. */
const grouped = (n: number) => n.toLocaleString("en-GB");

/** Parses one number of a grid specification, or throws an InputError quoting it. */
function parseNumber(text: string, what: string, spec: string): number {
  const t = text.trim().replace(/_/g, "");
  const v = DECIMAL.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(v)) {
    throw new InputError({
      message: `${what} "${text.trim()}" in "${spec}" is not a finite number`,
    });
  }
  if (Math.abs(v) > MAX_WTP) {
    throw new InputError({
      message: `${what} "${text.trim()}" in "${spec}" is beyond the limit of ±${limitText(MAX_WTP)} per unit of effect`,
    });
  }
  return v;
}

/**
 * A grid from `start` to `stop` (inclusive when reached) by `step`. Values are computed as
 * `start + i * step` (never accumulated), so `range(0, 100000, 1000)[34]` is exactly 34000.
 *
 * @example
 * ```ts
 * wtpRange(0, 100000, 1000).length; // 101
 * ```
 */
export function wtpRange(start: number, stop: number, step: number): WtpGrid {
  if (!Number.isFinite(start) || !Number.isFinite(stop) || !Number.isFinite(step)) {
    throw new RangeError("wtpRange: start, stop and step must be finite");
  }
  if (!(step > 0)) throw new RangeError(`wtpRange: step must be positive, got ${step}`);
  if (stop < start) throw new RangeError(`wtpRange: stop ${stop} is below start ${start}`);
  const count = Math.floor((stop - start) / step + 1e-9) + 1;
  if (count > 1e7) throw new RangeError(`wtpRange: ${count} points is too many (at most 1e7)`);
  const grid = new Float64Array(count);
  for (let i = 0; i < count; i++) grid[i] = start + i * step;
  // The slack that lets a rounded (stop - start) / step reach the last point may overshoot it by
  // an ulp; the last point is then stop itself.
  if ((grid[count - 1] as number) > stop) grid[count - 1] = stop;
  return grid;
}

/**
 * Checks that explicit WTP values are finite and strictly increasing and returns them as a grid.
 *
 * @example
 * ```ts
 * wtpList([1000, 10000, 20000]); // Float64Array [1000, 10000, 20000]
 * ```
 */
export function wtpList(values: readonly number[]): WtpGrid {
  if (values.length === 0) throw new RangeError("wtpList: at least one value is needed");
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) throw new RangeError(`wtpList: value ${i + 1} is not finite`);
    if (i > 0 && !(v > (values[i - 1] as number))) {
      throw new RangeError(
        `wtpList: values must be strictly increasing (${values[i - 1]} then ${v})`,
      );
    }
  }
  return Float64Array.from(values);
}

/**
 * Parses a WTP grid written by a person: `start:stop:step` (e.g. `0:100000:1000`), a
 * comma-separated list (`1000,10000,20000`), or a single value. Underscores may group digits.
 * Values are within ±10⁹ and a grid has at most 100,001 points (see {@link MAX_WTP_POINTS}).
 * Throws {@link InputError} describing the mistake; the caller adds the file or flag.
 *
 * @example
 * ```ts
 * parseWtpGrid("0:100000:1000").length; // 101
 * parseWtpGrid("1000, 10000, 20000");   // Float64Array [1000, 10000, 20000]
 * ```
 */
export function parseWtpGrid(spec: string): WtpGrid {
  const text = spec.trim();
  if (text === "") throw new InputError({ message: "the WTP grid is empty" });
  if (text.includes(":")) {
    const parts = text.split(":");
    if (parts.length !== 3) {
      throw new InputError({
        message: `"${text}" should be start:stop:step (three numbers separated by colons)`,
      });
    }
    const [start, stop, step] = [
      parseNumber(parts[0] as string, "start", text),
      parseNumber(parts[1] as string, "stop", text),
      parseNumber(parts[2] as string, "step", text),
    ];
    if (!(step > 0)) throw new InputError({ message: `step must be positive in "${text}"` });
    if (stop < start) {
      throw new InputError({ message: `stop must not be below start in "${text}"` });
    }
    if (stop > start && Math.floor((stop - start) / step + 1e-9) === 0) {
      throw new InputError({
        message: `step ${parts[2]?.trim()} is larger than the range from ${parts[0]?.trim()} to ${parts[1]?.trim()} in "${text}": the grid would hold ${parts[0]?.trim()} alone (for one value, write it alone)`,
      });
    }
    if ((stop - start) / step + 1 > MAX_WTP_POINTS) {
      throw new InputError({
        message: `"${text}" has ${pointCount(Math.floor((stop - start) / step + 1e-9) + 1)} points; at most ${grouped(MAX_WTP_POINTS)} (use a larger step)`,
      });
    }
    return wtpRange(start, stop, step);
  }
  const parts = text.split(",");
  if (parts.length > MAX_WTP_POINTS) {
    throw new InputError({
      message: `the list has ${grouped(parts.length)} values; at most ${grouped(MAX_WTP_POINTS)}`,
    });
  }
  const values = parts.map((p, i) => parseNumber(p, `value ${i + 1}`, text));
  for (let i = 1; i < values.length; i++) {
    if (!((values[i] as number) > (values[i - 1] as number))) {
      throw new InputError({ message: `values must be strictly increasing in "${text}"` });
    }
  }
  return wtpList(values);
}
