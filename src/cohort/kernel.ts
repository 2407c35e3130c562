/**
 * The cohort kernel: evaluates every strategy of a cohort plan for all samples of a chunk at
 * once, in blocks of {@link KERNEL_BLOCK} samples. The trace is held as one Float64Array per
 * expanded state (n samples each). Each cycle first evaluates the entries and rewards over the
 * block (fill functions are called once per entry and cycle, never per sample; numbers are
 * checked), then a loop generated from the strategy's plan ({@link cycleStep}) checks the rows
 * that change every cycle, moves the cohort and adds the rewards with the precomputed
 * weight × discount coefficient of the cycle. A run that records the trace, or a plan too large
 * for a generated loop, makes one pass per flow and reward instead, with the same arithmetic:
 * the results are the same bit for bit. The generated path allocates nothing per cycle.
 *
 * @module
 */

import { valueText } from "../core/value-text.js";
import { CeaError, ModelError } from "../errors.js";
import type { ChunkInfo, ParameterColumns } from "../model/define-model.js";
import {
  type CycleStep,
  cycleStep,
  isScalarValue,
  SEGMENT_TERMS,
  type StepInputs,
} from "./cycle-step.js";
import type { CycleContext } from "./definition.js";
import type { CohortPlan, RewardPlan, RowPlan, TransitionRewardPlan, ValuePlan } from "./plan.js";

/**
 * How far a row may stray from summing to one (or its rest below zero) before it is an error,
 * unless the definition states another `rowTolerance`.
 *
 * @example
 * ```ts
 * // 0.1 + 0.2 + 0.7 = 1.0000000000000002 is a row that sums to one.
 * Math.abs(0.1 + 0.2 + 0.7 - 1) <= ROW_TOLERANCE; // true
 * ```
 */
export const ROW_TOLERANCE = 1e-12;

/** Where the kernel writes each strategy's totals: one array per outcome (plan order). */
export type CohortTotals = readonly (readonly Float64Array[])[];

/**
 * Optional detail of a run, per strategy (plan order), for every sample of the chunk:
 * `trace[(t × E + e) × n + i]` the share of sample i in expanded state e after t cycles;
 * `rewards[(o × (cycles + 1) + t) × n + i]` the reward of outcome o earned on m_t (state
 * rewards plus the rewards of transition t) before weighting and discounting, 0 where
 * w_t = 0 (with rewards per cycle, earned in cycle t: the state rewards of m_{t−1}, m_t or both,
 * valued at t, and the rewards of transition t); `initial[o × n + i]` the initial rewards. The buffers must start at zero. The
 * totals are accumulated directly (coefficient × reward, state by state), so the recorded
 * per-cycle rewards add up to them only up to rounding.
 */
export interface CohortRecord {
  readonly trace: readonly Float64Array[];
  readonly rewards: readonly Float64Array[];
  readonly initial: readonly Float64Array[];
}

/** Buffers of one chunk size, reused from chunk to chunk. */
export interface CohortWorkspace {
  readonly capacity: number;
  readonly cur: Float64Array;
  readonly next: Float64Array;
  /** Scratch for the entries and the rest of one dynamic row. */
  readonly row: readonly Float64Array[];
  /** Per strategy and row, the rest (or sum check) of a row evaluated once per chunk. */
  readonly staticRest: readonly (readonly Float64Array[])[];
  /** Per outcome, the reward earned in the current cycle. */
  readonly reward: readonly Float64Array[];
  /** Scratch for a fill reward. */
  readonly value: Float64Array;
  /** The size of one flow (share moving), for transition rewards. */
  readonly flow: Float64Array;
  /** Per flow of the widest row, a scalar probability spread over the block. */
  readonly spread: readonly Float64Array[];
  /** Per-state views of `cur` and `next` for a block size, made once per size. */
  readonly views: Map<number, { cur: Float64Array[]; next: Float64Array[] }>;
  /** Per strategy, the generated cycle loops and the buffers of their inputs. */
  readonly steps: readonly StepBuffers[];
}

/**
 * The generated loops of one strategy ({@link cycleStep}) and the inputs they read, kept from
 * block to block: every row's probabilities (so that all rows of a cycle are live at once), a
 * scratch array per fill entry and per fill reward, and a rest array per row.
 */
interface StepBuffers extends StepInputs {
  readonly step: CycleStep;
  readonly probs: (number | Float64Array)[][];
  readonly transitionArrays: Float64Array[];
  readonly stateArrays: Float64Array[];
  /** Per row, per flow: the fill's scratch (an empty array for other flows). */
  readonly scratch: readonly (readonly Float64Array[])[];
  /** Per row, the buffer of 1 − Σ entries. */
  readonly rest: readonly Float64Array[];
  readonly transitionScratch: readonly Float64Array[];
  readonly stateScratch: readonly Float64Array[];
}

/**
 * The most terms (expanded states, flows and rewards of a strategy) a plan runs as generated
 * loops; a plan with a strategy above this runs as passes (with the same results). Each
 * segment of a generated loop ({@link SEGMENT_TERMS}) is compiled and optimised on its own, so
 * a large plan pays that cost many times over: with a 400-position tunnel (some 1,700 terms a
 * strategy) the generated loops took 15 s for a 200-sample run that passes did in 11 s.
 *
 * @example
 * ```ts
 * GENERATED_LOOP_TERMS; // 1500: a 75-position tunnel (some 400 terms) runs as generated loops
 * ```
 */
export const GENERATED_LOOP_TERMS = 1500;

/** Whether every strategy of a plan is small enough for a generated loop. */
function generated(plan: CohortPlan): boolean {
  return plan.strategies.every((sp) => {
    const flows = sp.rows.reduce((k, r) => k + r.flows.length, 0);
    const rewards = [...sp.rewards, ...sp.transitionRewards].reduce((k, l) => k + l.length, 0);
    return plan.expanded.length + flows + rewards <= GENERATED_LOOP_TERMS;
  });
}

/**
 * Allocates the buffers for chunks of up to `capacity` samples, and generates the cycle loops
 * of each strategy, split into functions of at most `segmentTerms` terms ({@link SEGMENT_TERMS}).
 *
 * @example
 * ```ts
 * const ws = cohortWorkspace(plan, 10000);
 * ```
 */
export function cohortWorkspace(
  plan: CohortPlan,
  capacity: number,
  segmentTerms: number = SEGMENT_TERMS,
): CohortWorkspace {
  const E = plan.expanded.length;
  // A loop, not a spread: a model with long tunnels has more rows than a call takes arguments.
  let widest = 1;
  for (const s of plan.strategies) {
    for (const r of s.rows) widest = Math.max(widest, r.flows.length + 1);
  }
  const make = () => new Float64Array(capacity);
  const staticRest = plan.strategies.map((s) =>
    s.rows.map((r) => (r.dynamic ? new Float64Array(0) : make())),
  );
  return {
    capacity,
    cur: new Float64Array(E * capacity),
    next: new Float64Array(E * capacity),
    row: Array.from({ length: widest }, make),
    staticRest,
    reward: plan.outcomes.map(make),
    value: make(),
    flow: make(),
    spread: Array.from({ length: widest }, make),
    views: new Map(),
    steps: (generated(plan) ? plan.strategies : []).map((sp, j): StepBuffers => {
      const vectors = { source: plan.sourceRewards, target: plan.targetRewards };
      const step = cycleStep(sp, E, plan.outcomes.length, plan.rowTolerance, vectors, segmentTerms);
      const none = new Float64Array(0);
      const fill = (v: ValuePlan | null) => (v?.kind === "fill" ? make() : none);
      return {
        step,
        probs: sp.rows.map(() => []),
        scratch: sp.rows.map((r) => r.flows.map((f) => fill(f.value))),
        rest: sp.rows.map((r, k) =>
          r.dynamic ? make() : ((staticRest[j] as Float64Array[])[k] as Float64Array),
        ),
        scalars: sp.rows.map((r) => new Float64Array(r.flows.length)),
        transitionArrays: step.transitionRewards.map(() => none),
        transitionScalars: new Float64Array(step.transitionRewards.length),
        transitionScratch: step.transitionRewards.map((r) => fill(r.value)),
        stateArrays: step.stateRewards.map(() => none),
        stateScalars: new Float64Array(step.stateRewards.length),
        stateScratch: step.stateRewards.map((r) => fill(r.value)),
        constants: new Float64Array(sp.rows.length),
        c: new Float64Array(plan.outcomes.length),
      };
    }),
  };
}

/** Per-state views of the two trace buffers for blocks of n samples. */
function viewsOf(ws: CohortWorkspace, E: number, n: number) {
  let v = ws.views.get(n);
  if (v === undefined) {
    const of = (x: Float64Array) =>
      Array.from({ length: E }, (_, e) => x.subarray(e * n, e * n + n));
    v = { cur: of(ws.cur), next: of(ws.next) };
    ws.views.set(n, v);
  }
  return v;
}

/**
 * Moves the share in `src` along a row's flows: dst_f[i] += src[i] × q_f[i], in one pass over
 * the samples for rows of up to four flows (the usual sizes), reading src once.
 */
function moveRow(
  dsts: readonly Float64Array[],
  src: Float64Array,
  qs: readonly Float64Array[],
  n: number,
): void {
  const k = dsts.length;
  if (k === 1) {
    addProduct(dsts[0] as Float64Array, src, qs[0] as Float64Array, n);
  } else if (k === 2) {
    const d0 = dsts[0] as Float64Array;
    const d1 = dsts[1] as Float64Array;
    const q0 = qs[0] as Float64Array;
    const q1 = qs[1] as Float64Array;
    for (let i = 0; i < n; i++) {
      const x = src[i] as number;
      d0[i] = (d0[i] as number) + x * (q0[i] as number);
      d1[i] = (d1[i] as number) + x * (q1[i] as number);
    }
  } else if (k === 3) {
    const d0 = dsts[0] as Float64Array;
    const d1 = dsts[1] as Float64Array;
    const d2 = dsts[2] as Float64Array;
    const q0 = qs[0] as Float64Array;
    const q1 = qs[1] as Float64Array;
    const q2 = qs[2] as Float64Array;
    for (let i = 0; i < n; i++) {
      const x = src[i] as number;
      d0[i] = (d0[i] as number) + x * (q0[i] as number);
      d1[i] = (d1[i] as number) + x * (q1[i] as number);
      d2[i] = (d2[i] as number) + x * (q2[i] as number);
    }
  } else if (k === 4) {
    const d0 = dsts[0] as Float64Array;
    const d1 = dsts[1] as Float64Array;
    const d2 = dsts[2] as Float64Array;
    const d3 = dsts[3] as Float64Array;
    const q0 = qs[0] as Float64Array;
    const q1 = qs[1] as Float64Array;
    const q2 = qs[2] as Float64Array;
    const q3 = qs[3] as Float64Array;
    for (let i = 0; i < n; i++) {
      const x = src[i] as number;
      d0[i] = (d0[i] as number) + x * (q0[i] as number);
      d1[i] = (d1[i] as number) + x * (q1[i] as number);
      d2[i] = (d2[i] as number) + x * (q2[i] as number);
      d3[i] = (d3[i] as number) + x * (q3[i] as number);
    }
  } else {
    for (let f = 0; f < k; f++) addProduct(dsts[f] as Float64Array, src, qs[f] as Float64Array, n);
  }
}

/** dst[i] += src[i] × c for i < n. */
function addScaled(dst: Float64Array, src: Float64Array, c: number, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = (dst[i] as number) + (src[i] as number) * c;
}

/** dst[i] += src[i] × q[i] for i < n. */
function addProduct(dst: Float64Array, src: Float64Array, q: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = (dst[i] as number) + (src[i] as number) * (q[i] as number);
}

/** dst[i] = src[i] × c for i < n. */
function setScaled(dst: Float64Array, src: Float64Array, c: number, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = (src[i] as number) * c;
}

/** dst[i] = src[i] × q[i] for i < n. */
function setProduct(dst: Float64Array, src: Float64Array, q: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = (src[i] as number) * (q[i] as number);
}

/** out[i] += c × (m[i] × v[i]) for i < n. */
function addWeightedProduct(
  out: Float64Array,
  m: Float64Array,
  v: Float64Array,
  c: number,
  n: number,
): void {
  for (let i = 0; i < n; i++)
    out[i] = (out[i] as number) + c * ((m[i] as number) * (v[i] as number));
}

/**
 * One pass of a row's rest: rest[i] = (first ? c : rest[i]) − a[i], checking that a[i] is a
 * probability and, on the row's last array (`mode` 1: the rest must not be negative; 2: without
 * a rest the row must sum to one), the result. Returns whether anything was wrong.
 */
function subtract(
  rest: Float64Array,
  a: Float64Array,
  n: number,
  c: number,
  first: boolean,
  mode: 0 | 1 | 2,
  tolerance: number,
): boolean {
  let bad = false;
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const r = (first ? c : (rest[i] as number)) - x;
    rest[i] = r;
    if (!(x >= 0 && x <= 1)) bad = true;
    if (mode === 1) {
      if (!(r >= -tolerance)) bad = true;
    } else if (mode === 2) {
      if (!(Math.abs(r) <= tolerance)) bad = true;
    }
  }
  return bad;
}

/** Mutable form of the context handed to fill functions (one object per chunk). */
interface Context {
  p: ParameterColumns<string>;
  n: number;
  start: number;
  where: ((row: number) => string) | undefined;
  t: number;
  time: number;
  tau: number;
  strategy: string;
}

/** The parameter values of sample i, for messages. */
function parameterText(params: ParameterColumns<string>, i: number): string {
  return (
    Object.entries(params)
      // A column whose name begins with # holds a model file's computed entry, not an input.
      .filter(([name]) => !name.startsWith("#"))
      .map(([name, x]) => `${name} = ${valueText(x[i] as number)}`)
      .join(", ")
  );
}

const PRECISION = (x: number) => valueText(x, 12);

/** Throws the located error for a bad row (the cold path: finds the first bad sample). */
function rowError(
  plan: CohortPlan,
  row: RowPlan,
  probs: readonly (number | Float64Array)[],
  ctx: Context,
  start: number,
): never {
  const n = ctx.n;
  const at = (p: number | Float64Array, i: number) =>
    typeof p === "number" ? p : (p[i] as number);
  const stateText = `state "${row.state}"${row.tunnel ? ` (time in state ${row.tau})` : ""}`;
  const head = (i: number) =>
    `model ${plan.name}: strategy "${ctx.strategy}", ${stateText}, cycle ${ctx.t}, ${sampleText(ctx, start + i)}`;
  const tail = (i: number) => ` (parameters: ${parameterText(ctx.p, i)})`;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    const parts: string[] = [];
    for (let f = 0; f < row.flows.length; f++) {
      if (f === row.rest) continue;
      const flow = row.flows[f] as RowPlan["flows"][number];
      const x = at(probs[f] as number | Float64Array, i);
      parts.push(`${row.state} → ${flow.targetName} ${PRECISION(x)}`);
      if (!(x >= 0 && x <= 1)) {
        throw new ModelError(
          `${head(i)}: the probability ${row.state} → ${flow.targetName} is ${PRECISION(x)}, not between 0 and 1${tail(i)}`,
        );
      }
      sum += x;
    }
    const tolerance = plan.rowTolerance;
    if (row.rest >= 0 ? sum > 1 + tolerance : !(Math.abs(sum - 1) <= tolerance)) {
      throw new ModelError(
        row.rest >= 0
          ? `${head(i)}: the probabilities of row ${row.state} sum to ${PRECISION(sum)}, above 1, so the rest of the row would be negative (${parts.join(", ")})${tail(i)}`
          : `${head(i)}: the probabilities of row ${row.state} sum to ${PRECISION(sum)}, not 1; give one entry as C, the rest of the row (${parts.join(", ")})${tail(i)}`,
      );
    }
  }
  // The generated loop found a bad row that the checker cannot: the engine's own fault.
  throw new CeaError(`${head(0)}: invalid transition row (an internal inconsistency)`);
}

/**
 * Evaluates one row over the block into `probs` (a number or an array per flow), checks it and
 * computes its rest. `rest` is the row's buffer for 1 − Σ entries; `scratch` holds fill values.
 */
function evaluateRow(
  plan: CohortPlan,
  row: RowPlan,
  probs: (number | Float64Array)[],
  rest: Float64Array,
  scratch: readonly Float64Array[],
  ctx: Context,
  start: number,
  scalars?: Float64Array,
): void {
  const constant = rowEntries(plan, row, probs, scratch, ctx, start, scalars);
  if (row.arrays > 0) rowRest(plan, row, probs, rest, constant, ctx, start, scalars);
}

/**
 * Before a message: the numbers of a row kept in `scalars` (see {@link rowEntries}) copied
 * into `probs`, where the messages read them.
 */
function withScalars(
  row: RowPlan,
  probs: (number | Float64Array)[],
  scalars: Float64Array | undefined,
): (number | Float64Array)[] {
  if (scalars === undefined) return probs;
  row.flows.forEach((flow, f) => {
    if (flow.value === null ? row.arrays === 0 : isScalarValue(flow.value)) {
      probs[f] = scalars[f] as number;
    }
  });
  return probs;
}

/**
 * The first half of {@link evaluateRow}: evaluates the row's entries into `probs` (fill
 * functions called) and checks those that are one number for the block. Returns 1 − Σ of
 * those; a row without array entries is checked whole and its rest set. With `scalars`, the
 * numbers go there instead (`scalars[f]`), so that nothing is allocated.
 */
function rowEntries(
  plan: CohortPlan,
  row: RowPlan,
  probs: (number | Float64Array)[],
  scratch: readonly Float64Array[],
  ctx: Context,
  start: number,
  scalars?: Float64Array,
): number {
  const flows = row.flows;
  let constant = 1;
  let bad = false;
  ctx.tau = row.tau;
  for (let f = 0; f < flows.length; f++) {
    const v = (flows[f] as RowPlan["flows"][number]).value;
    if (v === null) continue;
    if (v.kind === "const" || v.kind === "cycle") {
      const x = v.kind === "const" ? v.value : v.fn(ctx as CycleContext);
      if (!(x >= 0 && x <= 1)) bad = true;
      if (scalars === undefined) probs[f] = x;
      else scalars[f] = x;
      constant -= x;
    } else if (v.kind === "param") {
      probs[f] = ctx.p[v.name] as Float64Array;
    } else {
      const out = scratch[f] as Float64Array;
      v.fill(out, ctx as CycleContext);
      probs[f] = out;
    }
  }
  if (bad) rowError(plan, row, withScalars(row, probs, scalars), ctx, start);
  if (row.arrays === 0) {
    const wrong =
      row.rest >= 0 ? constant < -plan.rowTolerance : !(Math.abs(constant) <= plan.rowTolerance);
    if (wrong) rowError(plan, row, withScalars(row, probs, scalars), ctx, start);
    if (row.rest >= 0) {
      if (scalars === undefined) probs[row.rest] = constant;
      else scalars[row.rest] = constant;
    }
  }
  return constant;
}

/**
 * The second half of {@link evaluateRow} for a row with array entries: rest = `constant` − Σ
 * array entries, in flow order, checking every entry and the rest (a located error if wrong).
 */
function rowRest(
  plan: CohortPlan,
  row: RowPlan,
  probs: (number | Float64Array)[],
  rest: Float64Array,
  constant: number,
  ctx: Context,
  start: number,
  scalars?: Float64Array,
): void {
  const n = ctx.n;
  const flows = row.flows;
  const arrays = row.arrays;
  let bad = false;
  let seen = 0;
  for (let f = 0; f < flows.length; f++) {
    const v = (flows[f] as RowPlan["flows"][number]).value;
    if (v === null || isScalarValue(v)) continue;
    const p = probs[f] as Float64Array;
    seen++;
    const mode = seen < arrays ? 0 : row.rest >= 0 ? 1 : 2;
    if (subtract(rest, p, n, constant, seen === 1, mode, plan.rowTolerance)) bad = true;
  }
  if (bad) rowError(plan, row, withScalars(row, probs, scalars), ctx, start);
  if (row.rest >= 0) probs[row.rest] = rest;
}

/**
 * Adds c × (reward on m) to out: m[i] × value[i] for a state reward, or the flow's size for a
 * transition reward. `scratch` receives fill values.
 */
function addReward(
  out: Float64Array,
  m: Float64Array,
  value: ValuePlan,
  c: number,
  tau: number,
  scratch: Float64Array,
  ctx: Context,
): void {
  const n = ctx.n;
  if (value.kind === "const" || value.kind === "cycle") {
    ctx.tau = tau;
    const v = value.kind === "const" ? value.value : value.fn(ctx as CycleContext);
    addScaled(out, m, c * v, n);
    return;
  }
  let v: Float64Array;
  if (value.kind === "param") v = ctx.p[value.name] as Float64Array;
  else {
    ctx.tau = tau;
    value.fill(scratch, ctx as CycleContext);
    v = scratch;
  }
  addWeightedProduct(out, m, v, c, n);
}

/** Adds c × the state rewards of `list` earned on a state vector (one view per state) into `out`. */
function addStateRewards(
  out: Float64Array,
  list: readonly RewardPlan[],
  state: readonly Float64Array[],
  c: number,
  scratch: Float64Array,
  ctx: Context,
): void {
  for (const r of list) {
    addReward(out, state[r.state] as Float64Array, r.value, c, r.tau, scratch, ctx);
  }
}

/** "sample 12" for messages, or the chunk's own phrase where its rows are not samples. */
function sampleText(ctx: Context, row: number): string {
  return ctx.where === undefined ? `sample ${row + 1}` : ctx.where(row);
}

/** Throws the located error for a bad initial distribution. */
function initialError(
  plan: CohortPlan,
  ctx: Context,
  start: number,
  i: number,
  total: number,
): never {
  throw new ModelError(
    `model ${plan.name}: strategy "${ctx.strategy}", ${sampleText(ctx, start + i)}: the initial shares sum to ${PRECISION(total)}, not 1, or one is outside [0, 1] (parameters: ${parameterText(ctx.p, i)})`,
  );
}

/** Fills `cur` with m_0 and checks it. */
function initialState(
  plan: CohortPlan,
  cur: Float64Array,
  rest: Float64Array,
  ctx: Context,
  start: number,
): void {
  const n = ctx.n;
  cur.fill(0, 0, plan.expanded.length * n);
  rest.fill(1, 0, n);
  let restTarget = -1;
  for (const s of plan.initial) {
    if (s.value === null) {
      restTarget = s.target;
      continue;
    }
    const m = cur.subarray(s.target * n, s.target * n + n);
    const v = s.value;
    for (let i = 0; i < n; i++) {
      const x =
        v.kind === "const"
          ? v.value
          : ((ctx.p[(v as { name: string }).name] as Float64Array)[i] as number);
      if (!(x >= 0 && x <= 1)) initialError(plan, ctx, start, i, x);
      m[i] = (m[i] as number) + x;
      rest[i] = (rest[i] as number) - x;
    }
  }
  for (let i = 0; i < n; i++) {
    const r = rest[i] as number;
    if (restTarget >= 0 ? !(r >= -plan.rowTolerance) : !(Math.abs(r) <= plan.rowTolerance)) {
      initialError(plan, ctx, start, i, 1 - r);
    }
  }
  if (restTarget >= 0) {
    const m = cur.subarray(restTarget * n, restTarget * n + n);
    for (let i = 0; i < n; i++) m[i] = (m[i] as number) + (rest[i] as number);
  }
}

/**
 * Samples evaluated together inside a chunk: the trace and the row buffers of a block (E × 512
 * doubles each) stay in the processor's cache, where a pass over a whole 10,000-sample chunk
 * would stream from memory. Fill functions are called once per entry, cycle and block.
 *
 * @example
 * ```ts
 * Math.ceil(10_000 / KERNEL_BLOCK); // a 10,000-sample chunk runs as 20 blocks
 * ```
 */
export const KERNEL_BLOCK = 512;

/**
 * Evaluates all strategies of `plan` for samples [start, start + n) of a chunk: writes each
 * outcome's total (weighted, discounted, initial rewards included) into `totals[j][o]` and,
 * if `record` is given, the trace and per-cycle rewards. The chunk is evaluated in blocks of
 * {@link KERNEL_BLOCK} samples (one block when recording); every sample's arithmetic is the
 * same whatever the blocks, so results do not depend on them.
 *
 * @example
 * ```ts
 * const ws = cohortWorkspace(plan, Math.min(n, KERNEL_BLOCK));
 * runCohortKernel(plan, ws, columns, totals, { n, start: 0 });
 * ```
 */
export function runCohortKernel(
  plan: CohortPlan,
  ws: CohortWorkspace,
  params: ParameterColumns<string>,
  totals: CohortTotals,
  chunk: ChunkInfo,
  record?: CohortRecord,
): void {
  const { n, start, where } = chunk;
  const block = record === undefined ? Math.min(n, KERNEL_BLOCK) : n;
  if (block > ws.capacity) {
    throw new RangeError(
      `runCohortKernel: blocks of ${block} exceed the workspace's ${ws.capacity}`,
    );
  }
  if (record !== undefined) {
    runPassBlock(plan, ws, params, totals, n, start, where, record);
    return;
  }
  // A plan too large for generated loops runs as a pass per flow and reward (the same results).
  const run = ws.steps.length === plan.strategies.length ? runBlock : runPassBlock;
  try {
    if (block === n) {
      run(plan, ws, params, totals, n, start, where);
      return;
    }
    const names = Object.keys(params);
    for (let b0 = 0; b0 < n; b0 += block) {
      const nb = Math.min(block, n - b0);
      const views: Record<string, Float64Array> = {};
      for (const name of names) {
        views[name] = (params[name] as Float64Array).subarray(b0, b0 + nb);
      }
      const blockTotals = totals.map((per) => per.map((x) => x.subarray(b0, b0 + nb)));
      run(plan, ws, views, blockTotals, nb, start + b0, where);
    }
  } finally {
    releaseColumns(ws);
  }
}

const NO_ARRAY = new Float64Array(0);

/**
 * Lets go of the chunk's columns the workspace's loop inputs point to, so that a workspace
 * kept between runs never keeps a finished run's arrays alive.
 */
function releaseColumns(ws: CohortWorkspace): void {
  for (const sb of ws.steps as readonly StepBuffers[]) {
    for (const p of sb.probs) p.fill(NO_ARRAY);
    sb.transitionArrays.fill(NO_ARRAY);
    sb.stateArrays.fill(NO_ARRAY);
  }
}

/**
 * Evaluates one block of n samples, the first being sample `start` of the run: per cycle, the
 * entries and rewards are evaluated (fill functions called, rows checked) in the order of
 * {@link runPassBlock}, then the generated loop ({@link cycleStep}, or its segments in turn)
 * moves the cohort and adds the rewards with the same arithmetic, sample by sample.
 */
function runBlock(
  plan: CohortPlan,
  ws: CohortWorkspace,
  params: ParameterColumns<string>,
  totals: CohortTotals,
  n: number,
  start: number,
  where: ChunkInfo["where"],
): void {
  const E = plan.expanded.length;
  const O = plan.outcomes.length;
  const cycles = plan.cycles;
  const ctx: Context = { p: params, n, start, where, t: 0, time: 0, tau: 1, strategy: "" };
  const views = viewsOf(ws, E, n);
  for (let j = 0; j < plan.strategies.length; j++) {
    const sp = plan.strategies[j] as CohortPlan["strategies"][number];
    const sb = ws.steps[j] as StepBuffers;
    const { step, probs, rest } = sb;
    const rows = sp.rows;
    const out = totals[j] as readonly Float64Array[];
    ctx.strategy = sp.name;
    ctx.t = 0;
    ctx.time = 0;
    initialState(plan, ws.cur, ws.row[0] as Float64Array, ctx, start);
    // Initial rewards: on m_0, weight 1, undiscounted.
    for (let o = 0; o < O; o++) {
      const total = (out[o] as Float64Array).subarray(0, n);
      total.fill(0);
      const list = sp.initialRewards[o] as readonly RewardPlan[];
      if (list.length > 0) addStateRewards(total, list, views.cur, 1, ws.value, ctx);
    }
    if (plan.weights[0] !== 0) stateRewards(plan, sp, j, 0, views.cur, out, ws, ctx, undefined);
    // Rows that do not depend on the cycle: evaluated once for the block (reported as cycle 1).
    ctx.t = 1;
    ctx.time = plan.cycleLength;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as RowPlan;
      if (row.dynamic) continue;
      const p = probs[r] as (number | Float64Array)[];
      const scalars = sb.scalars[r] as Float64Array;
      evaluateRow(plan, row, p, rest[r] as Float64Array, ws.row, ctx, start, scalars);
    }
    let cur = views.cur;
    let next = views.next;
    for (let t = 1; t <= cycles; t++) {
      ctx.t = t;
      ctx.time = t * plan.cycleLength;
      const counted = plan.weights[t] !== 0;
      cycleInputs(plan, sp, sb, counted, ctx, start);
      const bad = (counted ? step.moveAndReward : step.move)(cur, next, out, sb, n);
      if (bad !== 0) {
        checkRows(plan, sp, sb, rows.length, ctx, start);
        throw new CeaError(
          `model ${plan.name}: strategy "${sp.name}", cycle ${t}: invalid transition row (an internal inconsistency)`,
        );
      }
      const swap = cur;
      cur = next;
      next = swap;
    }
  }
}

/**
 * Evaluates the inputs of cycle ctx.t for the generated loop, in the order a pass per row would
 * (each row's entries, then, if the cycle is counted, its transition rewards; then the state
 * rewards): fill functions called, entries that are one number checked, each reward's value.
 * The array entries of rows evaluated every cycle are checked in the loop; if a fill function
 * throws here, the rows a pass per row would have checked before it are checked first, so the
 * error reported is the one such a pass would report.
 */
function cycleInputs(
  plan: CohortPlan,
  sp: CohortPlan["strategies"][number],
  sb: StepBuffers,
  counted: boolean,
  ctx: Context,
  start: number,
): void {
  const rows = sp.rows;
  const transitions = sb.step.transitionRewards;
  const states = sb.step.stateRewards;
  const t = ctx.t;
  // Rows checked (by a pass per row) before the evaluation under way.
  let checked = 0;
  try {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as RowPlan;
      checked = r;
      if (row.dynamic) {
        const p = sb.probs[r] as (number | Float64Array)[];
        const scratch = sb.scratch[r] as Float64Array[];
        const scalars = sb.scalars[r] as Float64Array;
        sb.constants[r] = rowEntries(plan, row, p, scratch, ctx, start, scalars);
      }
      checked = r + 1;
      if (!counted) continue;
      for (let k = 0; k < transitions.length; k++) {
        const tr = transitions[k] as CycleStep["transitionRewards"][number];
        if (tr.row !== r) continue;
        const c = (plan.coefficients[tr.outcome] as Float64Array)[t] as number;
        const scratch = sb.transitionScratch[k] as Float64Array;
        rewardValue(
          tr.value,
          c,
          row.tau,
          scratch,
          ctx,
          sb.transitionArrays,
          sb.transitionScalars,
          k,
        );
      }
    }
    if (!counted) return;
    for (let o = 0; o < plan.outcomes.length; o++) {
      sb.c[o] = (plan.coefficients[o] as Float64Array)[t] as number;
    }
    for (let k = 0; k < states.length; k++) {
      const sr = states[k] as CycleStep["stateRewards"][number];
      const c = sb.c[sr.outcome] as number;
      const scratch = sb.stateScratch[k] as Float64Array;
      rewardValue(sr.value, c, sr.tau, scratch, ctx, sb.stateArrays, sb.stateScalars, k);
    }
  } catch (e) {
    checkRows(plan, sp, sb, checked, ctx, start);
    throw e;
  }
}

/**
 * Checks the array entries and rest of the first `count` rows evaluated every cycle, as
 * {@link rowRest} does, throwing the located error of the first wrong one. Called when the
 * generated loop flagged a wrong row (then one is found), or when a fill function threw.
 */
function checkRows(
  plan: CohortPlan,
  sp: CohortPlan["strategies"][number],
  sb: StepBuffers,
  count: number,
  ctx: Context,
  start: number,
): void {
  for (let r = 0; r < count; r++) {
    const row = sp.rows[r] as RowPlan;
    if (!row.dynamic || row.arrays === 0) continue;
    const p = sb.probs[r] as (number | Float64Array)[];
    const constant = sb.constants[r] as number;
    const scalars = sb.scalars[r] as Float64Array;
    rowRest(plan, row, p, sb.rest[r] as Float64Array, constant, ctx, start, scalars);
  }
}

/**
 * Sets reward k's input to a generated loop: `scalars[k]` = c × value for a value that is one
 * number for the block, else `arrays[k]` = the value's array (a parameter column, or `scratch`
 * filled).
 */
function rewardValue(
  value: ValuePlan,
  c: number,
  tau: number,
  scratch: Float64Array,
  ctx: Context,
  arrays: Float64Array[],
  scalars: Float64Array,
  k: number,
): void {
  if (value.kind === "const") {
    scalars[k] = c * value.value;
  } else if (value.kind === "param") {
    arrays[k] = ctx.p[value.name] as Float64Array;
  } else if (value.kind === "cycle") {
    ctx.tau = tau;
    scalars[k] = c * value.fn(ctx as CycleContext);
  } else {
    ctx.tau = tau;
    value.fill(scratch, ctx as CycleContext);
    arrays[k] = scratch;
  }
}

/**
 * Evaluates one block of n samples as one pass per flow and per reward, the same arithmetic as
 * {@link runBlock}: for a run with a record of the trace and the per-cycle rewards, and for a
 * plan too large for generated loops.
 */
function runPassBlock(
  plan: CohortPlan,
  ws: CohortWorkspace,
  params: ParameterColumns<string>,
  totals: CohortTotals,
  n: number,
  start: number,
  where: ChunkInfo["where"],
  record?: CohortRecord,
): void {
  const E = plan.expanded.length;
  const O = plan.outcomes.length;
  const cycles = plan.cycles;
  const ctx: Context = { p: params, n, start, where, t: 0, time: 0, tau: 1, strategy: "" };
  const probs: (number | Float64Array)[] = [];
  const dsts: Float64Array[] = [];
  const qs: Float64Array[] = [];
  for (let j = 0; j < plan.strategies.length; j++) {
    const sp = plan.strategies[j] as CohortPlan["strategies"][number];
    ctx.strategy = sp.name;
    ctx.t = 0;
    ctx.time = 0;
    const views = viewsOf(ws, E, n);
    let cur = ws.cur;
    let next = ws.next;
    let curViews = views.cur;
    let nextViews = views.next;
    const out = totals[j] as readonly Float64Array[];
    initialState(plan, cur, ws.row[0] as Float64Array, ctx, start);
    if (record !== undefined) (record.trace[j] as Float64Array).set(cur.subarray(0, E * n), 0);
    // Initial rewards: on m_0, weight 1, undiscounted.
    for (let o = 0; o < O; o++) {
      const total = (out[o] as Float64Array).subarray(0, n);
      total.fill(0);
      const list = sp.initialRewards[o] as readonly RewardPlan[];
      if (list.length === 0) continue;
      addStateRewards(total, list, views.cur, 1, ws.value, ctx);
      if (record !== undefined) {
        const r = (record.initial[j] as Float64Array).subarray(o * n, o * n + n);
        addStateRewards(r, list, views.cur, 1, ws.value, ctx);
      }
    }
    if (plan.weights[0] !== 0) stateRewards(plan, sp, j, 0, views.cur, out, ws, ctx, record);
    // Rows that do not depend on the cycle: evaluated once for the block (reported as cycle 1).
    const rowProbs: (number | Float64Array)[][] = sp.rows.map(() => []);
    ctx.t = 1;
    ctx.time = plan.cycleLength;
    sp.rows.forEach((row, r) => {
      if (row.dynamic) return;
      const rest = (ws.staticRest[j] as Float64Array[])[r] as Float64Array;
      evaluateRow(plan, row, rowProbs[r] as (number | Float64Array)[], rest, ws.row, ctx, start);
    });
    const hasTransitionRewards = sp.transitionRewards.some((l) => l.length > 0);
    for (let t = 1; t <= cycles; t++) {
      ctx.t = t;
      ctx.time = t * plan.cycleLength;
      const counted = plan.weights[t] !== 0;
      next.fill(0, 0, E * n);
      for (let r = 0; r < sp.rows.length; r++) {
        const row = sp.rows[r] as RowPlan;
        let p = rowProbs[r] as (number | Float64Array)[];
        if (row.dynamic) {
          p = probs;
          evaluateRow(plan, row, p, ws.row[row.flows.length] as Float64Array, ws.row, ctx, start);
        }
        const src = curViews[row.from] as Float64Array;
        const k = row.flows.length;
        dsts.length = k;
        qs.length = k;
        for (let f = 0; f < k; f++) {
          dsts[f] = nextViews[(row.flows[f] as RowPlan["flows"][number]).target] as Float64Array;
          const q = p[f] as number | Float64Array;
          if (typeof q === "number") {
            const spread = ws.spread[f] as Float64Array;
            spread.fill(q, 0, n);
            qs[f] = spread;
          } else qs[f] = q;
        }
        moveRow(dsts, src, qs, n);
        if (counted && hasTransitionRewards) {
          transitionRewards(plan, sp, j, r, t, src, p, out, ws, ctx, record);
        }
      }
      // Per-cycle rewards on the cycle's start: the source's state rewards, valued at t.
      if (counted && plan.sourceRewards) {
        stateRewards(plan, sp, j, t, curViews, out, ws, ctx, record);
      }
      const swap = cur;
      cur = next;
      next = swap;
      const swapViews = curViews;
      curViews = nextViews;
      nextViews = swapViews;
      if (record !== undefined)
        (record.trace[j] as Float64Array).set(cur.subarray(0, E * n), t * E * n);
      if (counted && plan.targetRewards)
        stateRewards(plan, sp, j, t, curViews, out, ws, ctx, record);
    }
  }
}

/** Adds the state rewards of m_t (state vector `m`), weighted and discounted, to the totals. */
function stateRewards(
  plan: CohortPlan,
  sp: CohortPlan["strategies"][number],
  j: number,
  t: number,
  m: readonly Float64Array[],
  out: readonly Float64Array[],
  ws: CohortWorkspace,
  ctx: Context,
  record: CohortRecord | undefined,
): void {
  const n = ctx.n;
  ctx.t = t;
  ctx.time = t * plan.cycleLength;
  for (let o = 0; o < plan.outcomes.length; o++) {
    const list = sp.rewards[o] as readonly RewardPlan[];
    if (list.length === 0) continue;
    const c = (plan.coefficients[o] as Float64Array)[t] as number;
    addStateRewards(out[o] as Float64Array, list, m, c, ws.value, ctx);
    if (record !== undefined) {
      const at = (o * (plan.cycles + 1) + t) * n;
      addStateRewards(
        (record.rewards[j] as Float64Array).subarray(at, at + n),
        list,
        m,
        1,
        ws.value,
        ctx,
      );
    }
  }
}

/** Adds the rewards of the flows of row r in transition t, weighted and discounted like m_t. */
function transitionRewards(
  plan: CohortPlan,
  sp: CohortPlan["strategies"][number],
  j: number,
  r: number,
  t: number,
  src: Float64Array,
  p: readonly (number | Float64Array)[],
  out: readonly Float64Array[],
  ws: CohortWorkspace,
  ctx: Context,
  record: CohortRecord | undefined,
): void {
  const n = ctx.n;
  for (let o = 0; o < plan.outcomes.length; o++) {
    for (const tr of sp.transitionRewards[o] as readonly TransitionRewardPlan[]) {
      if (tr.row !== r) continue;
      // The flow's size, src × p, then × the reward.
      const q = p[tr.flow] as number | Float64Array;
      const flow = ws.flow;
      if (typeof q === "number") setScaled(flow, src, q, n);
      else setProduct(flow, src, q, n);
      const tau = (sp.rows[r] as RowPlan).tau;
      const c = (plan.coefficients[o] as Float64Array)[t] as number;
      addReward(out[o] as Float64Array, flow, tr.value, c, tau, ws.value, ctx);
      if (record !== undefined) {
        const at = (o * (plan.cycles + 1) + t) * n;
        addReward(
          (record.rewards[j] as Float64Array).subarray(at, at + n),
          flow,
          tr.value,
          1,
          tau,
          ws.value,
          ctx,
        );
      }
    }
  }
}
