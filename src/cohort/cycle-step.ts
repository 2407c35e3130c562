/**
 * One cycle of one strategy as a single loop over the samples of a block, generated from the
 * strategy's plan: every state's share read once, every flow moved, every transition and state
 * reward added, with the states, flows and rewards unrolled into local variables. The loop does
 * the same floating-point operations, in the same order for each sample, as a pass per flow
 * and per reward would (next_d = 0 + Σ share × probability in row order; each outcome's total
 * += reward after reward in plan order), so its results are bit-identical to theirs; it only
 * reads and writes each array once per cycle instead of once per flow or reward.
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
 * `next[e]` (every expanded state), and, in the rewarding form, adds the rewards to `out[o]`.
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
 * outcomes.
 *
 * @example
 * ```ts
 * const step = cycleStep(plan.strategies[0], plan.expanded.length, plan.outcomes.length);
 * step.moveAndReward(cur, next, probs, out, transition, state, c, n);
 * ```
 */
export function cycleStep(
  sp: StrategyPlan,
  states: number,
  outcomes: number,
  tolerance: number,
  vectors: RewardedVectors = TARGET_ONLY,
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
    move: generate(sp, states, tolerance, step, false, vectors),
    moveAndReward: generate(sp, states, tolerance, step, true, vectors),
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

/** The source of a loop, compiled. */
function generate(
  sp: StrategyPlan,
  states: number,
  tolerance: number,
  step: Omit<CycleStep, "move" | "moveAndReward">,
  rewarding: boolean,
  vectors: RewardedVectors,
): StepLoop {
  const head: string[] = [
    '"use strict";',
    "let bad = 0;",
    "const probs = inputs.probs, scalars = inputs.scalars, constants = inputs.constants;",
    "const c = inputs.c;",
  ];
  const body: string[] = [];
  const tail: string[] = [];
  const live = liveStates(sp, states);
  for (let e = 0; e < states; e++) {
    if (!live[e]) continue;
    head.push(`const x${e} = cur[${e}], y${e} = next[${e}];`);
    body.push(`const m${e} = x${e}[i];`, `let n${e} = 0;`);
    tail.push(`y${e}[i] = n${e};`);
  }
  const rewarded = new Set<number>();
  if (rewarding) {
    for (const r of step.transitionRewards) rewarded.add(r.outcome);
    for (const r of step.stateRewards) rewarded.add(r.outcome);
  }
  for (const o of rewarded) {
    head.push(`const o${o} = out[${o}], c${o} = c[${o}];`);
    body.push(`let a${o} = o${o}[i];`);
  }
  /** a_o += reward, as a pass per reward would add it: m × (c × v) or c × (m × v). */
  const add = (o: number, m: string, v: ValuePlan, slot: string) =>
    isScalarValue(v)
      ? `a${o} = a${o} + ${m} * ${slot};`
      : `a${o} = a${o} + c${o} * (${m} * ${slot}[i]);`;
  sp.rows.forEach((row, r) => {
    const from = live[row.from] === true;
    const inline = row.dynamic && row.arrays > 0;
    // A row out of a state whose share no reward ever reaches is skipped, but for its checks.
    if (!from && !inline) return;
    const rewardedFlows = new Set(
      rewarding ? step.transitionRewards.filter((tr) => tr.row === r).map((tr) => tr.flow) : [],
    );
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
        head.push(`const ${name} = scalars[${r}][${f}];`);
        q.push(name);
        return;
      }
      q.push(`p${r}_${f}`);
      const used = from && (live[flow.target] === true || rewardedFlows.has(f));
      if (flow.value !== null && inline) entries.push(`p${r}_${f}`);
      else if (!used) return;
      head.push(`const ${name} = probs[${r}][${f}];`);
      body.push(`const p${r}_${f} = ${name}[i];`);
    });
    if (inline) {
      // The rest and the checks of a row evaluated every cycle, as the kernel's pass would.
      head.push(`const k${r} = constants[${r}];`);
      for (const p of entries) body.push(`if (!(${p} >= 0 && ${p} <= 1)) bad = 1;`);
      body.push(`let r${r} = k${r} - ${entries[0]};`);
      for (const p of entries.slice(1)) body.push(`r${r} = r${r} - ${p};`);
      body.push(
        row.rest >= 0
          ? `if (!(r${r} >= -tolerance)) bad = 1;`
          : `if (!(Math.abs(r${r}) <= tolerance)) bad = 1;`,
      );
    }
    if (!from) return;
    row.flows.forEach((flow, f) => {
      if (!live[flow.target]) return;
      body.push(`n${flow.target} = n${flow.target} + m${row.from} * ${q[f]};`);
    });
    if (!rewarding) return;
    step.transitionRewards.forEach((tr, k) => {
      if (tr.row !== r) return;
      body.push(
        `{ const w = m${row.from} * ${q[tr.flow]}; ${add(tr.outcome, "w", tr.value, `t${k}`)} }`,
      );
    });
  });
  if (rewarding) {
    step.transitionRewards.forEach((tr, k) => {
      const from = isScalarValue(tr.value) ? "transitionScalars" : "transitionArrays";
      head.push(`const t${k} = inputs.${from}[${k}];`);
    });
    step.stateRewards.forEach((sr, k) => {
      const from = isScalarValue(sr.value) ? "stateScalars" : "stateArrays";
      head.push(`const s${k} = inputs.${from}[${k}];`);
    });
    // The source's state rewards, then the target's, as the kernel's pass adds them.
    for (const [on, share] of [
      [vectors.source, "m"],
      [vectors.target, "n"],
    ] as const) {
      if (!on) continue;
      step.stateRewards.forEach((sr, k) => {
        tail.push(add(sr.outcome, `${share}${sr.state}`, sr.value, `s${k}`));
      });
    }
    for (const o of rewarded) tail.push(`o${o}[i] = a${o};`);
  }
  const source = [
    ...head,
    "for (let i = 0; i < n; i++) {",
    ...body,
    ...tail,
    "}",
    "return bad;",
  ].join("\n");
  const make = new Function(
    "tolerance",
    `return function step(cur, next, out, inputs, n) {\n${source}\n};`,
  );
  return make(tolerance) as StepLoop;
}
