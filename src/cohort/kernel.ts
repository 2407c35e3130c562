/**
 * The cohort kernel: evaluates every strategy of a cohort plan for all samples of a chunk at
 * once. The trace is held as one Float64Array per expanded state (n samples each); each cycle
 * evaluates the transition rows over the whole chunk (fill functions are called once per row
 * entry and cycle, never per sample), checks them, moves the cohort and adds the rewards with
 * the precomputed weight × discount coefficient of that cycle. Loops run over samples, with no
 * allocation inside.
 *
 * @module
 */

import { ModelError } from "../errors.js";
import type { ParameterColumns } from "../model/define-model.js";
import type { CycleContext } from "./definition.js";
import type { CohortPlan, RewardPlan, RowPlan, TransitionRewardPlan, ValuePlan } from "./plan.js";

/** How far a row may stray from summing to one (or its rest below zero) before it is an error. */
export const ROW_TOLERANCE = 1e-12;

/** Where the kernel writes each strategy's totals: one array per outcome (plan order). */
export type CohortTotals = readonly (readonly Float64Array[])[];

/**
 * Optional detail of a run, per strategy (plan order), for every sample of the chunk:
 * `trace[(t × E + e) × n + i]` the share of sample i in expanded state e after t cycles;
 * `rewards[(o × (cycles + 1) + t) × n + i]` the reward of outcome o earned on m_t (state
 * rewards plus the rewards of transition t) before weighting and discounting, 0 where
 * w_t = 0; `initial[o × n + i]` the initial rewards.
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
}

/**
 * Allocates the buffers for chunks of up to `capacity` samples.
 *
 * @example
 * ```ts
 * const ws = cohortWorkspace(plan, 10000);
 * ```
 */
export function cohortWorkspace(plan: CohortPlan, capacity: number): CohortWorkspace {
  const E = plan.expanded.length;
  const widest = Math.max(
    1,
    ...plan.strategies.flatMap((s) => s.rows.map((r) => r.flows.length + 1)),
  );
  const make = () => new Float64Array(capacity);
  return {
    capacity,
    cur: new Float64Array(E * capacity),
    next: new Float64Array(E * capacity),
    row: Array.from({ length: widest }, make),
    staticRest: plan.strategies.map((s) =>
      s.rows.map((r) => (r.dynamic ? new Float64Array(0) : make())),
    ),
    reward: plan.outcomes.map(make),
    value: make(),
    flow: make(),
  };
}

/** Mutable form of the context handed to fill functions (one object per chunk). */
interface Context {
  p: ParameterColumns<string>;
  n: number;
  t: number;
  time: number;
  tau: number;
  strategy: string;
}

/** The parameter values of sample i, for messages. */
function parameterText(params: ParameterColumns<string>, i: number): string {
  return Object.entries(params)
    .map(([name, x]) => `${name} = ${x[i]}`)
    .join(", ");
}

const PRECISION = (x: number) =>
  Number.isFinite(x) ? String(Number(x.toPrecision(12))) : String(x);

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
    `model ${plan.name}: strategy "${ctx.strategy}", ${stateText}, cycle ${ctx.t}, sample ${start + i + 1}`;
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
    if (row.rest >= 0 ? sum > 1 + ROW_TOLERANCE : !(Math.abs(sum - 1) <= ROW_TOLERANCE)) {
      throw new ModelError(
        row.rest >= 0
          ? `${head(i)}: the probabilities of row ${row.state} sum to ${PRECISION(sum)}, above 1, so the rest of the row would be negative (${parts.join(", ")})${tail(i)}`
          : `${head(i)}: the probabilities of row ${row.state} sum to ${PRECISION(sum)}, not 1; give one entry as C, the rest of the row (${parts.join(", ")})${tail(i)}`,
      );
    }
  }
  throw new ModelError(`${head(0)}: invalid transition row`);
}

/**
 * Evaluates one row over the chunk into `probs` (a number or an array per flow), checks it and
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
): void {
  const n = ctx.n;
  const flows = row.flows;
  let constant = 1;
  let arrays = false;
  for (let f = 0; f < flows.length; f++) {
    const v = (flows[f] as RowPlan["flows"][number]).value;
    if (v === null) continue;
    if (v.kind === "const") {
      probs[f] = v.value;
      constant -= v.value;
    } else if (v.kind === "param") {
      probs[f] = ctx.p[v.name] as Float64Array;
      arrays = true;
    } else {
      const out = scratch[f] as Float64Array;
      ctx.tau = row.tau;
      v.fill(out, ctx as CycleContext);
      probs[f] = out;
      arrays = true;
    }
  }
  if (!arrays) {
    const bad = row.rest >= 0 ? constant < -ROW_TOLERANCE : !(Math.abs(constant) <= ROW_TOLERANCE);
    if (bad) rowError(plan, row, probs, ctx, start);
    if (row.rest >= 0) probs[row.rest] = constant;
    return;
  }
  rest.fill(constant, 0, n);
  let bad = false;
  for (let f = 0; f < flows.length; f++) {
    const p = probs[f] as number | Float64Array;
    if (f === row.rest || typeof p === "number") continue;
    for (let i = 0; i < n; i++) {
      const x = p[i] as number;
      if (!(x >= 0 && x <= 1)) bad = true;
      rest[i] = (rest[i] as number) - x;
    }
  }
  if (row.rest >= 0) {
    for (let i = 0; i < n; i++) if (!((rest[i] as number) >= -ROW_TOLERANCE)) bad = true;
    probs[row.rest] = rest;
  } else {
    for (let i = 0; i < n; i++) if (!(Math.abs(rest[i] as number) <= ROW_TOLERANCE)) bad = true;
  }
  if (bad) rowError(plan, row, probs, ctx, start);
}

/** `out[i] += m[i] × value` over the chunk, for a reward value of any kind. */
function addReward(
  out: Float64Array,
  m: Float64Array,
  value: ValuePlan,
  tau: number,
  scratch: Float64Array,
  ctx: Context,
): void {
  const n = ctx.n;
  if (value.kind === "const") {
    const c = value.value;
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + (m[i] as number) * c;
    return;
  }
  let v: Float64Array;
  if (value.kind === "param") v = ctx.p[value.name] as Float64Array;
  else {
    ctx.tau = tau;
    value.fill(scratch, ctx as CycleContext);
    v = scratch;
  }
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) + (m[i] as number) * (v[i] as number);
}

/** Adds the state rewards of `list` earned on the state vector `state` into `out`. */
function addStateRewards(
  out: Float64Array,
  list: readonly RewardPlan[],
  state: Float64Array,
  scratch: Float64Array,
  ctx: Context,
): void {
  const n = ctx.n;
  for (const r of list) {
    addReward(out, state.subarray(r.state * n, r.state * n + n), r.value, r.tau, scratch, ctx);
  }
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
    `model ${plan.name}: strategy "${ctx.strategy}", sample ${start + i + 1}: the initial shares sum to ${PRECISION(total)}, not 1, or one is outside [0, 1] (parameters: ${parameterText(ctx.p, i)})`,
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
    if (restTarget >= 0 ? !(r >= -ROW_TOLERANCE) : !(Math.abs(r) <= ROW_TOLERANCE)) {
      initialError(plan, ctx, start, i, 1 - r);
    }
  }
  if (restTarget >= 0) {
    const m = cur.subarray(restTarget * n, restTarget * n + n);
    for (let i = 0; i < n; i++) m[i] = (m[i] as number) + (rest[i] as number);
  }
}

/**
 * Evaluates all strategies of `plan` for samples [start, start + n) of a chunk: writes each
 * outcome's total (weighted, discounted, initial rewards included) into `totals[j][o]` and,
 * if `record` is given, the trace and per-cycle rewards.
 *
 * @example
 * ```ts
 * const ws = cohortWorkspace(plan, n);
 * runCohortKernel(plan, ws, columns, totals, { n, start: 0 });
 * ```
 */
export function runCohortKernel(
  plan: CohortPlan,
  ws: CohortWorkspace,
  params: ParameterColumns<string>,
  totals: CohortTotals,
  chunk: { readonly n: number; readonly start: number },
  record?: CohortRecord,
): void {
  const { n, start } = chunk;
  if (n > ws.capacity)
    throw new RangeError(`runCohortKernel: chunk of ${n} exceeds the workspace's ${ws.capacity}`);
  const E = plan.expanded.length;
  const O = plan.outcomes.length;
  const cycles = plan.cycles;
  const ctx: Context = { p: params, n, t: 0, time: 0, tau: 1, strategy: "" };
  const probs: (number | Float64Array)[] = [];
  plan.strategies.forEach((sp, j) => {
    ctx.strategy = sp.name;
    ctx.t = 0;
    ctx.time = 0;
    let cur = ws.cur;
    let next = ws.next;
    const out = totals[j] as readonly Float64Array[];
    initialState(plan, cur, ws.row[0] as Float64Array, ctx, start);
    if (record !== undefined) (record.trace[j] as Float64Array).set(cur.subarray(0, E * n), 0);
    // Initial rewards (weight 1, undiscounted) and the rewards of m_0.
    for (let o = 0; o < O; o++) {
      const total = (out[o] as Float64Array).subarray(0, n);
      total.fill(0);
      const list = sp.initialRewards[o] as readonly RewardPlan[];
      if (list.length > 0) {
        const r = (ws.reward[o] as Float64Array).subarray(0, n);
        r.fill(0);
        addStateRewards(r, list, cur, ws.value, ctx);
        for (let i = 0; i < n; i++) total[i] = (total[i] as number) + (r[i] as number);
        if (record !== undefined) (record.initial[j] as Float64Array).set(r, o * n);
      }
    }
    const stateRewards = (t: number) => {
      for (let o = 0; o < O; o++) {
        const coef = (plan.coefficients[o] as Float64Array)[t] as number;
        if (plan.weights[t] === 0) continue;
        const r = ws.reward[o] as Float64Array;
        addStateRewards(r, sp.rewards[o] as readonly RewardPlan[], cur, ws.value, ctx);
        const total = out[o] as Float64Array;
        for (let i = 0; i < n; i++) total[i] = (total[i] as number) + coef * (r[i] as number);
        if (record !== undefined)
          (record.rewards[j] as Float64Array).set(r.subarray(0, n), (o * (cycles + 1) + t) * n);
      }
    };
    if (plan.weights[0] !== 0) {
      for (let o = 0; o < O; o++) (ws.reward[o] as Float64Array).fill(0, 0, n);
      stateRewards(0);
    }
    // Rows without fill functions: evaluated once for the chunk (reported as cycle 1).
    const rowProbs: (number | Float64Array)[][] = sp.rows.map(() => []);
    ctx.t = 1;
    ctx.time = plan.cycleLength;
    sp.rows.forEach((row, r) => {
      if (!row.dynamic) {
        evaluateRow(
          plan,
          row,
          rowProbs[r] as (number | Float64Array)[],
          (ws.staticRest[j] as Float64Array[])[r] as Float64Array,
          ws.row,
          ctx,
          start,
        );
      }
    });
    const hasTransitionRewards = sp.transitionRewards.some((l) => l.length > 0);
    for (let t = 1; t <= cycles; t++) {
      ctx.t = t;
      ctx.time = t * plan.cycleLength;
      const counted = plan.weights[t] !== 0;
      if (counted) for (let o = 0; o < O; o++) (ws.reward[o] as Float64Array).fill(0, 0, n);
      next.fill(0, 0, E * n);
      for (let r = 0; r < sp.rows.length; r++) {
        const row = sp.rows[r] as RowPlan;
        let p = rowProbs[r] as (number | Float64Array)[];
        if (row.dynamic) {
          p = probs;
          evaluateRow(plan, row, p, ws.row[row.flows.length] as Float64Array, ws.row, ctx, start);
        }
        const src = cur.subarray(row.from * n, row.from * n + n);
        for (let f = 0; f < row.flows.length; f++) {
          const target = (row.flows[f] as RowPlan["flows"][number]).target;
          const dst = next.subarray(target * n, target * n + n);
          const q = p[f] as number | Float64Array;
          if (typeof q === "number") {
            if (q !== 0)
              for (let i = 0; i < n; i++) dst[i] = (dst[i] as number) + (src[i] as number) * q;
          } else {
            for (let i = 0; i < n; i++)
              dst[i] = (dst[i] as number) + (src[i] as number) * (q[i] as number);
          }
        }
        if (counted && hasTransitionRewards) {
          for (let o = 0; o < O; o++) {
            for (const tr of sp.transitionRewards[o] as readonly TransitionRewardPlan[]) {
              if (tr.row !== r) continue;
              // The flow's size, src × p, then × the reward.
              const q = p[tr.flow] as number | Float64Array;
              const flow = ws.flow;
              if (typeof q === "number")
                for (let i = 0; i < n; i++) flow[i] = (src[i] as number) * q;
              else for (let i = 0; i < n; i++) flow[i] = (src[i] as number) * (q[i] as number);
              addReward(ws.reward[o] as Float64Array, flow, tr.value, row.tau, ws.value, ctx);
            }
          }
        }
      }
      const swap = cur;
      cur = next;
      next = swap;
      if (record !== undefined)
        (record.trace[j] as Float64Array).set(cur.subarray(0, E * n), t * E * n);
      if (counted) stateRewards(t);
    }
  });
}
