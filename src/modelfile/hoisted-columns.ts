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
   * `columns` is the entry's own array of input columns (as long as `code.inputs`), reused
   * from call to call so that a cycle allocates nothing.
   */
  fill(
    code: EntryCode,
    loop: Loop,
    probability: boolean,
    column: (name: string) => string,
    strategy: string,
    columns: Float64Array[],
    out: Float64Array,
    ctx: CycleContext,
  ): boolean;
}

/**
 * What a column holds: its values, the block (generation) and, for a value of t, the t they
 * were computed for.
 */
interface Slot {
  values: Float64Array;
  generation: number;
  t: number;
}

const NO_COLUMN: Float64Array = new Float64Array(0);

/**
 * The hoisted columns of `programs`. A column is computed once per block (a block's context,
 * which the cohort engine makes anew for each block), per strategy whose inputs `column`
 * renames, per time in state if the value uses it, and again whenever t moves on if it uses t:
 * one array per strategy and time in state, whatever the number of cycles, kept and reused by
 * the next block, so that after the first block nothing is allocated. A value of t is not
 * shared across cycles (the engine runs the cycles in order, and a past cycle's column is not
 * read again), only across the entries and rewards of a cycle.
 *
 * @example
 * ```ts
 * const hoisted = hoistedColumns(program.hoisted ?? [], (code) => loopOf(code, lookups), strategies, shares);
 * if (!hoisted.fill(e.fast, fastLoop, e.probability, column, e.strategy, scratch, out, ctx)) slowPath();
 * ```
 */
export function hoistedColumns(
  programs: readonly HoistedProgram[],
  loopOf: (code: EntryCode) => Loop,
  strategies: readonly string[],
  /** Whether strategy s reads the shared columns (no input of its own). */
  shared: (strategy: string) => boolean,
): HoistedColumns {
  const byInput = new Map(
    programs.map((h) => [
      HOISTED + h.name,
      {
        ...h,
        loop: loopOf(h),
        columns: h.inputs.map((): Float64Array => NO_COLUMN),
        // Per strategy slot, per time in state (1 for a value that does not use it).
        slots: [] as (Map<number, Slot> | undefined)[],
      },
    ]),
  );
  // 0 for the shared columns, 1 + its index for a strategy with inputs of its own.
  const strategySlot = new Map(strategies.map((s, j) => [s, shared(s) ? 0 : j + 1]));
  const generations = new WeakMap<object, number>();
  let generation = 0;

  /** The column of hoisted input `input` in this block, cycle and time in state. */
  const columnOf = (
    input: string,
    ctx: CycleContext,
    strategy: string,
    column: (name: string) => string,
    block: number,
  ): Float64Array => {
    const h = byInput.get(input);
    if (h === undefined) throw new RangeError(`no hoisted column ${input.slice(HOISTED.length)}`);
    const s = strategySlot.get(strategy) ?? 0;
    let byTau = h.slots[s];
    if (byTau === undefined) {
      byTau = new Map();
      h.slots[s] = byTau;
    }
    const tau = h.usesTimeInState ? ctx.tau : 1;
    let slot = byTau.get(tau);
    if (slot !== undefined && slot.generation === block && (!h.usesTime || slot.t === ctx.t)) {
      return slot.values;
    }
    if (slot === undefined || slot.values.length < ctx.n) {
      slot = { values: new Float64Array(ctx.n), generation: 0, t: 0 };
      byTau.set(tau, slot);
    }
    const columns = h.columns;
    try {
      for (let k = 0; k < columns.length; k++) {
        const x = h.inputs[k] as string;
        columns[k] = isHoisted(x)
          ? columnOf(x, ctx, strategy, column, block)
          : (ctx.p[column(x)] as Float64Array);
      }
      h.loop(columns, slot.values, ctx.n, ctx.t, ctx.tau);
    } finally {
      columns.fill(NO_COLUMN);
    }
    slot.generation = block;
    slot.t = ctx.t;
    return slot.values;
  };

  return {
    fill(code, loop, probability, column, strategy, columns, out, ctx) {
      let block = generations.get(ctx);
      if (block === undefined) {
        block = ++generation;
        generations.set(ctx, block);
      }
      try {
        for (let k = 0; k < columns.length; k++) {
          const x = code.inputs[k] as string;
          columns[k] = isHoisted(x)
            ? columnOf(x, ctx, strategy, column, block)
            : (ctx.p[x] as Float64Array);
        }
        loop(columns, out, ctx.n, ctx.t, ctx.tau);
      } catch {
        return false;
      } finally {
        columns.fill(NO_COLUMN);
      }
      for (let i = 0; i < ctx.n; i++) {
        const x = out[i] as number;
        if (probability ? !(x >= 0 && x <= 1) : !Number.isFinite(x)) return false;
      }
      return true;
    },
  };
}
