/**
 * Time-dependent derived values as shared columns. A derived value that uses t or
 * time_in_state is written out in the code of every entry that uses it, so a model whose rows
 * read, say, a Weibull hazard of the time in state computes it again in every entry, every cycle
 * and every time in state. Each such entry also gets a fast path ({@link EntryProgram.fast})
 * that reads the value as a column instead; the column is computed once per block of samples and
 * cycle (when the value uses t) or time in state (when it uses time_in_state), and shared by every
 * entry of the block that reads it. The fast path does the same operations on the same numbers,
 * so its results are the same bits.
 *
 * Whatever the fast path meets that is not a plain finite value (a value out of range, a lookup
 * outside its table, an exception of any kind) sends the entry back to its written-out code,
 * which then reports the problem exactly as it always has, or finds none where a condition in
 * the entry kept the written-out code from computing the value at all.
 *
 * @module
 */

import type { CycleContext } from "../cohort/definition.js";
import {
  type EntryCode,
  type ExpressionCompiler,
  HOISTED,
  type Loop,
  ModelExpressionIssue,
} from "./model-expressions.js";
import type { EntryProgram, HoistedProgram } from "./program.js";

/** Whether an input is a hoisted derived value's column. */
export const isHoisted = (input: string): boolean => input.startsWith(HOISTED);

/**
 * The hoisted derived values the entries' fast paths read, directly or through one another, in
 * evaluation order; none if one of them cannot be compiled (the entries then keep their written-out
 * code, as {@link hoistedFill} does for an entry whose column is missing).
 *
 * @example
 * ```ts
 * hoistedPrograms(compiler, entries).map((h) => h.name); // ["r_S1S2", "p_S1S2"]
 * ```
 */
export function hoistedPrograms(
  compiler: ExpressionCompiler,
  entries: readonly EntryProgram[],
): HoistedProgram[] {
  const codes = new Map<string, EntryCode>();
  const queue: string[] = [];
  const need = (code: EntryCode) => {
    for (const x of code.inputs) {
      const name = x.slice(HOISTED.length);
      if (isHoisted(x) && !codes.has(name) && !queue.includes(name)) queue.push(name);
    }
  };
  for (const e of entries) if (e.fast !== undefined) need(e.fast);
  try {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const code = compiler.derived(name, { time: true, tunnel: true }, true);
      codes.set(name, code);
      need(code);
    }
  } catch (e) {
    if (e instanceof ModelExpressionIssue) return [];
    throw e;
  }
  return compiler.order.flatMap((name) => {
    const code = codes.get(name);
    const use = compiler.timeUse.get(name);
    if (code === undefined || use === undefined) return [];
    return [{ ...code, name, usesTime: use.t, usesTimeInState: use.tau }];
  });
}

/** The hoisted columns of a model, computed on demand and kept for the block that asked. */
export interface HoistedColumns {
  /**
   * The fast fill of an entry: `true` when it wrote valid values into `out` (finite, and in
   * [0, 1] for a probability), `false` when the entry must run its written-out code instead.
   */
  fill(
    code: EntryCode,
    loop: Loop,
    probability: boolean,
    column: (name: string) => string,
    strategy: string,
    out: Float64Array,
    ctx: CycleContext,
  ): boolean;
}

/**
 * The hoisted columns of `programs`. Columns are kept per block (a block's context, which the
 * cohort engine makes anew for each block), per strategy whose inputs `column` renames, and per t
 * or time in state as the value uses them.
 *
 * @example
 * ```ts
 * const hoisted = hoistedColumns(program.hoisted ?? [], (code) => loopOf(code, lookups), shares);
 * if (!hoisted.fill(e.fast, fastLoop, e.probability, column, e.strategy, out, ctx)) slowPath();
 * ```
 */
export function hoistedColumns(
  programs: readonly HoistedProgram[],
  loopOf: (code: EntryCode) => Loop,
  /** Whether strategy s reads the shared columns (no input of its own). */
  shared: (strategy: string) => boolean,
): HoistedColumns {
  const byInput = new Map(programs.map((h) => [HOISTED + h.name, { ...h, loop: loopOf(h) }]));
  const blocks = new WeakMap<object, Map<string, Float64Array>>();

  /** The column of hoisted input `input` in this block, cycle and time in state. */
  const columnOf = (
    input: string,
    ctx: CycleContext,
    strategy: string,
    column: (name: string) => string,
  ): Float64Array => {
    const h = byInput.get(input);
    if (h === undefined) throw new RangeError(`no hoisted column ${input.slice(HOISTED.length)}`);
    let cache = blocks.get(ctx);
    if (cache === undefined) {
      cache = new Map();
      blocks.set(ctx, cache);
    }
    const key = `${shared(strategy) ? "" : strategy}\u0000${h.name}\u0000${h.usesTime ? ctx.t : ""}\u0000${h.usesTimeInState ? ctx.tau : ""}`;
    let values = cache.get(key);
    if (values === undefined) {
      const columns = h.inputs.map((x) =>
        isHoisted(x) ? columnOf(x, ctx, strategy, column) : (ctx.p[column(x)] as Float64Array),
      );
      values = new Float64Array(ctx.n);
      h.loop(columns, values, ctx.n, ctx.t, ctx.tau);
      cache.set(key, values);
    }
    return values;
  };

  return {
    fill(code, loop, probability, column, strategy, out, ctx) {
      try {
        const columns = code.inputs.map((x) =>
          isHoisted(x) ? columnOf(x, ctx, strategy, column) : (ctx.p[x] as Float64Array),
        );
        loop(columns, out, ctx.n, ctx.t, ctx.tau);
      } catch {
        return false;
      }
      for (let i = 0; i < ctx.n; i++) {
        const x = out[i] as number;
        if (probability ? !(x >= 0 && x <= 1) : !Number.isFinite(x)) return false;
      }
      return true;
    },
  };
}
