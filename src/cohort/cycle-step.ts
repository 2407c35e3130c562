/**
 * One cycle of one strategy as a loop over the samples of a block, generated from the
 * strategy's plan: every state's share read once, every flow moved, every transition and state
 * reward added, with the states, flows and rewards unrolled into local variables. The loop does
 * the same floating-point operations, in the same order for each sample, as a pass per flow
 * and per reward would (next_d = 0 + Σ share × probability in row order; each outcome's total
 * += reward after reward in plan order), so its results are bit-identical to theirs; it only
 * reads and writes each array once per cycle instead of once per flow or reward. A large plan
 * (a long tunnel) is split into several such loops run in turn ({@link SEGMENT_TERMS}), which
 * read and write the sums they share once per loop instead.
 *
 * Entries and rewards are evaluated before the loop (fill functions called, entries that are
 * one number checked). The rest of a row evaluated every cycle, and the check of its entries
 * and rest, are done inside the loop with the same operations as the kernel's pass
 * (rest = ((c − a) − b) …); the loop only flags a wrong row, and the caller then finds and
 * reports it. The loop only does arithmetic, and allocates nothing.
 *
 * @module
 */

import type { StrategyPlan, ValuePlan } from "./plan.js";

/**
 * What a generated loop reads besides the trace: each input that is one number for the block
 * in a Float64Array (so that setting it allocates nothing), each other in an array of arrays.
 */
export interface StepInputs {
  /**
   * Per row and flow, the probability's array where {@link CycleStep.scalarFlow} is false (not
   * read for the rest of a row evaluated every cycle that has array entries: the loop computes
   * it); other elements are not read.
   */
  readonly probs: readonly (readonly (number | Float64Array)[])[];
  /** Per row and flow, the probability where {@link CycleStep.scalarFlow} is true. */
  readonly scalars: readonly Float64Array[];
  /** Per row evaluated every cycle with array entries, 1 − Σ of its entries that are numbers. */
  readonly constants: Float64Array;
  /** Per transition reward (in {@link CycleStep} order): its array, if it has one per sample. */
  readonly transitionArrays: readonly Float64Array[];
  /** Per transition reward: c × value, if the value is one number for the block. */
  readonly transitionScalars: Float64Array;
  /** Per state reward: its array, if it has one per sample. */
  readonly stateArrays: readonly Float64Array[];
  /** Per state reward: c × value, if the value is one number for the block. */
  readonly stateScalars: Float64Array;
  /** Per outcome, the coefficient w_t × d_t of the cycle (for array rewards: c × (m × v)). */
  readonly c: Float64Array;
}

/**
 * The generated loop of one cycle over samples i < n: reads the state shares `cur[e]`, writes
 * `next[e]` (every state some reward depends on), and, in the rewarding form, adds the rewards
 * to `out[o]`.
 * Returns 1 if an entry or the rest of a row evaluated every cycle is wrong in some sample,
 * else 0.
 */
export type StepLoop = (
  cur: readonly Float64Array[],
  next: readonly Float64Array[],
  out: readonly Float64Array[],
  inputs: StepInputs,
  n: number,
) => number;

/**
 * Which state vectors a rewarding loop adds the state rewards of: its source m_{t−1} (rewards
 * earned per cycle on the start or the mean of the cycle's vectors) and its target m_t.
 */
export interface RewardedVectors {
  readonly source: boolean;
  readonly target: boolean;
}

/** The loop of a run whose rewards are earned on each counted vector: the target alone. */
const TARGET_ONLY: RewardedVectors = { source: false, target: true };

/** The generated loops of one strategy and how their inputs are laid out. */
export interface CycleStep {
  /** Moves the cohort only (a cycle whose weight is 0). */
  readonly move: StepLoop;
  /** Moves the cohort and adds the cycle's transition and state rewards. */
  readonly moveAndReward: StepLoop;
  /** Per row and flow, whether the probability is one number for the block. */
  readonly scalarFlow: readonly (readonly boolean[])[];
  /** Transition rewards in input order: outcome, row, flow and value. */
  readonly transitionRewards: readonly {
    readonly outcome: number;
    readonly row: number;
    readonly flow: number;
    readonly value: ValuePlan;
  }[];
  /** State rewards in input order: outcome, expanded state, time in state and value. */
  readonly stateRewards: readonly {
    readonly outcome: number;
    readonly state: number;
    readonly tau: number;
    readonly value: ValuePlan;
  }[];
}

/**
 * Whether a value is one number for the whole block (a constant or a per-cycle value), rather
 * than one per sample (a parameter column or a fill function).
 *
 * @example
 * ```ts
 * isScalarValue({ kind: "const", value: 0.1 }); // true
 * isScalarValue({ kind: "param", name: "p_die" }); // false
 * ```
 */
export function isScalarValue(v: ValuePlan): boolean {
  return v.kind === "const" || v.kind === "cycle";
}

/**
 * Generates the loops of strategy `sp` of a plan with `states` expanded states and `outcomes`
 * outcomes, each split between rows into functions of about `segmentTerms` terms
 * ({@link SEGMENT_TERMS}).
 *
 * @example
 * ```ts
 * const step = cycleStep(plan.strategies[0], plan.expanded.length, plan.outcomes.length, 1e-9);
 * const bad = step.moveAndReward(cur, next, totals, inputs, n); // 1 if a row is wrong
 * ```
 */
export function cycleStep(
  sp: StrategyPlan,
  states: number,
  outcomes: number,
  tolerance: number,
  vectors: RewardedVectors = TARGET_ONLY,
  segmentTerms: number = SEGMENT_TERMS,
): CycleStep {
  const scalarFlow = sp.rows.map((row) => {
    const arrays = row.flows.some((f) => f.value !== null && !isScalarValue(f.value));
    return row.flows.map((f) => (f.value === null ? !arrays : isScalarValue(f.value)));
  });
  const transitionRewards: CycleStep["transitionRewards"][number][] = [];
  const stateRewards: CycleStep["stateRewards"][number][] = [];
  for (let o = 0; o < outcomes; o++) {
    for (const tr of sp.transitionRewards[o] ?? []) transitionRewards.push({ outcome: o, ...tr });
    for (const r of sp.rewards[o] ?? []) stateRewards.push({ outcome: o, ...r });
  }
  const step: Omit<CycleStep, "move" | "moveAndReward"> = {
    scalarFlow,
    transitionRewards,
    stateRewards,
  };
  return {
    ...step,
    move: generate(sp, states, tolerance, step, false, vectors, segmentTerms),
    moveAndReward: generate(sp, states, tolerance, step, true, vectors, segmentTerms),
  };
}

/**
 * The states whose share matters to the totals: those that earn a state reward, the sources of
 * rows with transition rewards, and every state from which the cohort can reach one of them.
 * The loop leaves the others (an absorbing, unrewarded death state, say) out: their shares are
 * read by no reward, so the totals are the same bit for bit. Only the recorded path, which
 * keeps the trace, computes them.
 */
function liveStates(sp: StrategyPlan, states: number): boolean[] {
  const live = Array.from({ length: states }, () => false);
  for (const list of sp.rewards) for (const r of list) live[r.state] = true;
  for (const list of sp.transitionRewards) {
    for (const tr of list) live[(sp.rows[tr.row] as StrategyPlan["rows"][number]).from] = true;
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const row of sp.rows) {
      if (live[row.from] || !row.flows.some((f) => live[f.target])) continue;
      live[row.from] = true;
      changed = true;
    }
  }
  return live;
}

/**
 * About how many terms (rows' flows and transition rewards, state rewards) one generated
 * function holds. A strategy with more is split, between rows (a row is never split, so a row
 * wider than this has a function of its own), into several loops over the samples run one after
 * the other, which hand the shares being summed and the outcomes' totals on through the `next`
 * and `out` arrays: each addition is the same, in the same order, so the results are the same
 * bits. V8 takes time that grows faster than a function's size to optimise it, and one loop over
 * a long tunnel's expanded states took it seconds (README, "Speed" of the cohort engine); the
 * shipped Markov models and the benchmark's hip replacement stay one loop.
 */
export const SEGMENT_TERMS = 16;

/** The source of one generated function: lines before the loop, in it and at its end. */
interface Segment {
  readonly head: string[];
  readonly body: string[];
  readonly tail: string[];
  /** States whose share (m), sum (n) and outcomes whose total (a) the segment has a local of. */
  readonly m: Set<number>;
  readonly n: Set<number>;
  readonly a: Set<number>;
  /** State rewards whose value the segment has a local of (s_k). */
  readonly s: Set<number>;
  /** Terms so far: flows and transition rewards of its rows, state rewards. */
  terms: number;
}

/** A new segment, with the locals every segment binds. */
function newSegment(): Segment {
  return {
    head: [
      '"use strict";',
      "let bad = 0;",
      "const probs = inputs.probs, scalars = inputs.scalars, constants = inputs.constants;",
      "const c = inputs.c;",
    ],
    body: [],
    tail: [],
    m: new Set(),
    n: new Set(),
    a: new Set(),
    s: new Set(),
    terms: 0,
  };
}

/** Compiles a segment into a loop over the samples. */
function compileSegment(seg: Segment, tolerance: number): StepLoop {
  const source = [
    ...seg.head,
    "for (let i = 0; i < n; i++) {",
    ...seg.body,
    ...seg.tail,
    "}",
    "return bad;",
  ].join("\n");
  const make = new Function(
    "tolerance",
    `return function step(cur, next, out, inputs, n) {\n${source}\n};`,
  );
  return make(tolerance) as StepLoop;
}

/** Runs the loops of a strategy split into segments one after the other. */
function chain(loops: readonly StepLoop[]): StepLoop {
  if (loops.length === 1) return loops[0] as StepLoop;
  return (cur, next, out, inputs, n) => {
    let bad = 0;
    for (let s = 0; s < loops.length; s++) bad |= (loops[s] as StepLoop)(cur, next, out, inputs, n);
    return bad;
  };
}

/** The loop (or chained loops, past about {@link SEGMENT_TERMS} terms) of a strategy, compiled. */
function generate(
  sp: StrategyPlan,
  states: number,
  tolerance: number,
  step: Omit<CycleStep, "move" | "moveAndReward">,
  rewarding: boolean,
  vectors: RewardedVectors,
  segmentTerms: number,
): StepLoop {
  const live = liveStates(sp, states);
  const segments: Segment[] = [newSegment()];
  let seg = segments[0] as Segment;
  /** Starts a new segment if the current one has terms and `terms` more would overfill it. */
  const reserve = (terms: number) => {
    if (seg.terms > 0 && seg.terms + terms > segmentTerms) {
      seg = newSegment();
      segments.push(seg);
    }
    seg.terms += terms;
  };
  // States whose sum some segment so far keeps (and stores in `next` at its end): a later
  // segment starts from the stored sum, not 0.
  const stored = new Set<number>();
  /** The local m_e: state e's share at the start of the cycle. */
  const m = (e: number) => {
    if (!seg.m.has(e)) {
      seg.m.add(e);
      seg.head.push(`const x${e} = cur[${e}];`);
      seg.body.push(`const m${e} = x${e}[i];`);
    }
    return `m${e}`;
  };
  /** The local n_e: state e's share at the end of the cycle, summed so far. */
  const nSum = (e: number) => {
    if (!seg.n.has(e)) {
      seg.n.add(e);
      seg.head.push(`const y${e} = next[${e}];`);
      seg.body.push(`let n${e} = ${stored.has(e) ? `y${e}[i]` : "0"};`);
      seg.tail.push(`y${e}[i] = n${e};`);
      stored.add(e);
    }
    return `n${e}`;
  };
  /** The local a_o: outcome o's total so far. */
  const total = (o: number) => {
    if (!seg.a.has(o)) {
      seg.a.add(o);
      seg.head.push(`const o${o} = out[${o}], c${o} = c[${o}];`);
      seg.body.push(`let a${o} = o${o}[i];`);
      seg.tail.push(`o${o}[i] = a${o};`);
    }
    return `a${o}`;
  };
  /** a_o += reward, as a pass per reward would add it: m × (c × v) or c × (m × v). */
  const add = (o: number, share: string, v: ValuePlan, slot: string) => {
    const a = total(o);
    return isScalarValue(v)
      ? `${a} = ${a} + ${share} * ${slot};`
      : `${a} = ${a} + c${o} * (${share} * ${slot}[i]);`;
  };
  sp.rows.forEach((row, r) => {
    const from = live[row.from] === true;
    const inline = row.dynamic && row.arrays > 0;
    // A row out of a state whose share no reward ever reaches is skipped, but for its checks.
    if (!from && !inline) return;
    const rowRewards = rewarding
      ? step.transitionRewards.flatMap((tr, k) => (tr.row === r ? [{ tr, k }] : []))
      : [];
    reserve(row.flows.length + rowRewards.length);
    const rewardedFlows = new Set(rowRewards.map(({ tr }) => tr.flow));
    // The probability of each flow as an expression of the loop.
    const q: string[] = [];
    const entries: string[] = [];
    row.flows.forEach((flow, f) => {
      const name = `q${r}_${f}`;
      if (flow.value === null && inline) {
        q.push(`r${r}`);
        return;
      }
      if ((step.scalarFlow[r] as boolean[])[f]) {
        seg.head.push(`const ${name} = scalars[${r}][${f}];`);
        q.push(name);
        return;
      }
      q.push(`p${r}_${f}`);
      const used = from && (live[flow.target] === true || rewardedFlows.has(f));
      if (flow.value !== null && inline) entries.push(`p${r}_${f}`);
      else if (!used) return;
      seg.head.push(`const ${name} = probs[${r}][${f}];`);
      seg.body.push(`const p${r}_${f} = ${name}[i];`);
    });
    if (inline) {
      // The rest and the checks of a row evaluated every cycle, as the kernel's pass would.
      seg.head.push(`const k${r} = constants[${r}];`);
      for (const p of entries) seg.body.push(`if (!(${p} >= 0 && ${p} <= 1)) bad = 1;`);
      seg.body.push(`let r${r} = k${r} - ${entries[0]};`);
      for (const p of entries.slice(1)) seg.body.push(`r${r} = r${r} - ${p};`);
      seg.body.push(
        row.rest >= 0
          ? `if (!(r${r} >= -tolerance)) bad = 1;`
          : `if (!(Math.abs(r${r}) <= tolerance)) bad = 1;`,
      );
    }
    if (!from) return;
    const share = m(row.from);
    row.flows.forEach((flow, f) => {
      if (!live[flow.target]) return;
      const sum = nSum(flow.target);
      seg.body.push(`${sum} = ${sum} + ${share} * ${q[f]};`);
    });
    for (const { tr, k } of rowRewards) {
      const field = isScalarValue(tr.value) ? "transitionScalars" : "transitionArrays";
      seg.head.push(`const t${k} = inputs.${field}[${k}];`);
      seg.body.push(
        `{ const w = ${share} * ${q[tr.flow]}; ${add(tr.outcome, "w", tr.value, `t${k}`)} }`,
      );
    }
  });
  // Every live state's share is stored, 0 where no flow leads to it.
  for (let e = 0; e < states; e++) if (live[e] && !stored.has(e)) nSum(e);
  if (rewarding) {
    // The source's state rewards, then the target's, as the kernel's pass adds them.
    for (const [on, source] of [
      [vectors.source, true],
      [vectors.target, false],
    ] as const) {
      if (!on) continue;
      step.stateRewards.forEach((sr, k) => {
        reserve(1);
        if (!seg.s.has(k)) {
          seg.s.add(k);
          const field = isScalarValue(sr.value) ? "stateScalars" : "stateArrays";
          seg.head.push(`const s${k} = inputs.${field}[${k}];`);
        }
        const share = source ? m(sr.state) : nSum(sr.state);
        seg.body.push(add(sr.outcome, share, sr.value, `s${k}`));
      });
    }
  }
  return chain(segments.map((s) => compileSegment(s, tolerance)));
}
