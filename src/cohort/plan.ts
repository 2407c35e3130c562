/**
 * Compiling a cohort definition into the plan the kernel runs: tunnel states expanded into one
 * state per time in state, every row, reward and initial share resolved to state indices, and
 * the cycle weights and discount factors precomputed. Names are checked here (with a "did you
 * mean"), so that the kernel trusts the plan.
 *
 * @module
 */

import { suggest } from "../model/expressions.js";
import {
  C,
  type CohortFill,
  type CohortValue,
  type CycleContext,
  type OutcomeKind,
  type PerCycle,
  type ProbabilityEntry,
} from "./definition.js";
import { cycleDiscountFactors } from "./discount-schedule.js";
import { ROW_TOLERANCE } from "./kernel.js";
import {
  type DiscountTiming,
  discountTiming,
  PER_CYCLE_TRANSITIONS,
  rewardTiming,
  timedFactors,
} from "./reward-timing.js";

/** A resolved value: a constant, a parameter column, a per-cycle scalar or a fill function. */
export type ValuePlan =
  | { readonly kind: "const"; readonly value: number }
  | { readonly kind: "param"; readonly name: string }
  | { readonly kind: "cycle"; readonly fn: (ctx: CycleContext) => number }
  | { readonly kind: "fill"; readonly fill: CohortFill };

/** One flow of a row: its target (expanded index) and probability (`null`: the rest of the row). */
export interface FlowPlan {
  readonly target: number;
  readonly targetName: string;
  readonly value: ValuePlan | null;
}

/** One row of the expanded matrix. */
export interface RowPlan {
  /** Expanded index of the state the row leaves. */
  readonly from: number;
  /** Name of the (unexpanded) state. */
  readonly state: string;
  /** Time in state of this row (1 outside tunnels). */
  readonly tau: number;
  /** Whether the state is a tunnel (for messages). */
  readonly tunnel: boolean;
  readonly flows: readonly FlowPlan[];
  /** Index in `flows` of the rest-of-row flow, or −1. */
  readonly rest: number;
  /** Whether any entry depends on the cycle (evaluated every cycle); otherwise once per chunk. */
  readonly dynamic: boolean;
  /** Number of entries with one value per sample (parameter columns and fill functions). */
  readonly arrays: number;
}

/** A reward on one (expanded) state. */
export interface RewardPlan {
  readonly state: number;
  readonly tau: number;
  readonly value: ValuePlan;
}

/** A reward on one flow of one row. */
export interface TransitionRewardPlan {
  readonly row: number;
  readonly flow: number;
  readonly value: ValuePlan;
}

/** One strategy, resolved. Reward lists are per outcome, in the plan's outcome order. */
export interface StrategyPlan {
  readonly name: string;
  readonly rows: readonly RowPlan[];
  readonly rewards: readonly (readonly RewardPlan[])[];
  readonly transitionRewards: readonly (readonly TransitionRewardPlan[])[];
  readonly initialRewards: readonly (readonly RewardPlan[])[];
}

/** An expanded state: its index, name (`S` or `S[τ]` in a tunnel), state and time in state. */
export interface ExpandedState {
  readonly name: string;
  readonly state: string;
  readonly tau: number;
}

/** A cohort model ready to run. */
export interface CohortPlan {
  readonly name: string;
  /** States as defined. */
  readonly states: readonly string[];
  /** States after tunnel expansion; `first[s]` is the first expanded index of state s. */
  readonly expanded: readonly ExpandedState[];
  readonly first: readonly number[];
  readonly cycles: number;
  readonly cycleLength: number;
  /** The conventions as defined, with where costs and effects are discounted. */
  readonly conventions: LooseDefinition["conventions"] & { readonly discountAt: DiscountTiming };
  /** Initial shares: (expanded index, value or null for the rest). */
  readonly initial: readonly {
    readonly target: number;
    readonly state: string;
    readonly value: ValuePlan | null;
  }[];
  /** Outcome names, in definition order. */
  readonly outcomes: readonly string[];
  readonly kinds: readonly OutcomeKind[];
  /** Index in `outcomes` of the cost and of the effect. */
  readonly cost: number;
  readonly effect: number;
  /** w_t, t = 0 … n: per vector, the weight of m_t; per cycle, the share of cycle t. */
  readonly weights: Float64Array;
  /** Per outcome, d_t for t = 0 … n: of m_t per vector, of cycle t per cycle. */
  readonly discount: readonly Float64Array[];
  /** Whether step t earns the state rewards of its source m_{t−1} (per-cycle rewards). */
  readonly sourceRewards: boolean;
  /** Whether step t earns the state rewards of its target m_t. */
  readonly targetRewards: boolean;
  /** Per outcome, w_t × d_t. */
  readonly coefficients: readonly Float64Array[];
  readonly strategies: readonly StrategyPlan[];
  /** Column names a parameter entry may use. */
  readonly columns: readonly string[];
  /** How far a row may stray from summing to 1 (see `CohortDefinition.rowTolerance`). */
  readonly rowTolerance: number;
}

/** The loosely typed definition the compiler reads (the typed one is in definition.ts). */
export interface LooseDefinition {
  readonly name: string;
  readonly states: readonly string[];
  readonly tunnels?: Readonly<Record<string, number | undefined>>;
  readonly initial: Readonly<Record<string, number | string | typeof C | undefined>>;
  readonly cycles: number;
  readonly cycleLength: number;
  readonly rowTolerance?: number;
  readonly conventions: {
    readonly counting: string;
    readonly correction: string;
    readonly discount: { readonly costs: unknown; readonly effects: unknown };
    readonly discountAt?: unknown;
  };
  readonly outcomes: Readonly<Record<string, OutcomeKind>>;
  readonly cost: string;
  readonly effect: string;
  readonly strategies: Readonly<
    Record<
      string,
      {
        readonly transitions: Readonly<
          Record<string, Readonly<Record<string, ProbabilityEntry | undefined>>>
        >;
        readonly rewards?: Readonly<
          Record<string, Readonly<Record<string, CohortValue | undefined>> | undefined>
        >;
        readonly transitionRewards?: Readonly<
          Record<
            string,
            | Readonly<
                Record<string, Readonly<Record<string, CohortValue | undefined>> | undefined>
              >
            | undefined
          >
        >;
        readonly initialRewards?: Readonly<
          Record<string, Readonly<Record<string, CohortValue | undefined>> | undefined>
        >;
      }
    >
  >;
}

/** Throws a TypeError naming an unknown name, with a suggestion. */
function unknown(
  model: string,
  kind: string,
  name: string,
  known: readonly string[],
  where: string,
): never {
  const near = suggest(name, known);
  throw new TypeError(
    `defineCohortModel ${model}: ${where}: unknown ${kind} "${name}"${near === undefined ? "" : ` (did you mean "${near}"?)`}`,
  );
}

/** Throws a TypeError on a duplicate, empty or (for object keys) whole-number name. */
function checkNames(model: string, kind: string, names: readonly string[], keyed: boolean): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== "string" || name.trim() === "") {
      throw new TypeError(`defineCohortModel ${model}: ${kind} names must be non-empty strings`);
    }
    if (keyed && /^(0|[1-9]\d*)$/.test(name)) {
      throw new TypeError(
        `defineCohortModel ${model}: ${kind} "${name}" is a whole number, which would change the order of an object's keys`,
      );
    }
    if (seen.has(name))
      throw new TypeError(`defineCohortModel ${model}: ${kind} "${name}" is defined twice`);
    seen.add(name);
  }
}

/**
 * Compiles a definition (already type-checked by {@link defineCohortModel}) into a plan.
 *
 * @example
 * ```ts
 * const plan = compileCohort(definition, ["p", "c_A"]);
 * plan.expanded.map((s) => s.name); // ["H", "S[1]", "S[2]", "D"]
 * ```
 */
export function compileCohort(def: LooseDefinition, columns: readonly string[]): CohortPlan {
  const model = def.name;
  const known = new Set(columns);
  const value = (v: unknown, where: string): ValuePlan => {
    if (typeof v === "number") {
      if (!Number.isFinite(v))
        throw new TypeError(`defineCohortModel ${model}: ${where}: ${v} is not a finite number`);
      return { kind: "const", value: v };
    }
    if (typeof v === "string") {
      if (!known.has(v)) unknown(model, "parameter", v, columns, where);
      return { kind: "param", name: v };
    }
    if (typeof v === "function") return { kind: "fill", fill: v as CohortFill };
    if (typeof v === "object" && v !== null && typeof (v as PerCycle).perCycle === "function") {
      return { kind: "cycle", fn: (v as PerCycle).perCycle };
    }
    throw new TypeError(
      `defineCohortModel ${model}: ${where}: expected a number, a parameter name, a perCycle value or a fill function, got ${String(v)}`,
    );
  };

  checkNames(model, "state", def.states, false);
  if (def.states.length === 0)
    throw new TypeError(`defineCohortModel ${model}: at least one state is needed`);
  const strategyNames = Object.keys(def.strategies);
  checkNames(model, "strategy", strategyNames, true);
  if (strategyNames.length === 0)
    throw new TypeError(`defineCohortModel ${model}: at least one strategy is needed`);
  const outcomes = Object.keys(def.outcomes);
  checkNames(model, "outcome", outcomes, true);
  const kinds = outcomes.map((o) => {
    const kind = def.outcomes[o];
    if (kind !== "costs" && kind !== "effects") {
      throw new TypeError(
        `defineCohortModel ${model}: outcome "${o}" must be discounted as "costs" or "effects", got ${String(kind)}`,
      );
    }
    return kind;
  });
  const cost = outcomes.indexOf(def.cost);
  if (cost < 0) unknown(model, "outcome", def.cost, outcomes, "cost");
  const effect = outcomes.indexOf(def.effect);
  if (effect < 0) unknown(model, "outcome", def.effect, outcomes, "effect");
  if (cost === effect) {
    throw new TypeError(
      `defineCohortModel ${model}: the cost and the effect must be different outcomes`,
    );
  }
  if (typeof def.conventions !== "object" || def.conventions === null) {
    throw new TypeError(
      `defineCohortModel ${model}: conventions are required: { counting, correction, discount: { costs, effects } }`,
    );
  }
  if (!(Number.isInteger(def.cycles) && def.cycles >= 1)) {
    throw new TypeError(
      `defineCohortModel ${model}: cycles must be a whole number of at least 1, got ${def.cycles}`,
    );
  }
  if (!(Number.isFinite(def.cycleLength) && def.cycleLength > 0)) {
    throw new TypeError(
      `defineCohortModel ${model}: cycleLength must be a positive number of years, got ${def.cycleLength}`,
    );
  }

  // Tunnel expansion.
  const stateIndex = new Map(def.states.map((s, k) => [s, k]));
  const lengths = def.states.map(() => 1);
  for (const [s, k] of Object.entries(def.tunnels ?? {})) {
    const at = stateIndex.get(s);
    if (at === undefined) unknown(model, "state", s, def.states, "tunnels");
    if (!(Number.isInteger(k) && (k as number) >= 1)) {
      throw new TypeError(
        `defineCohortModel ${model}: tunnel "${s}" needs a whole-number length of at least 1, got ${k}`,
      );
    }
    lengths[at] = k as number;
  }
  const tunnel = new Set(Object.keys(def.tunnels ?? {}));
  const first: number[] = [];
  const expanded: ExpandedState[] = [];
  def.states.forEach((s, k) => {
    first.push(expanded.length);
    const len = lengths[k] as number;
    for (let tau = 1; tau <= len; tau++) {
      expanded.push({ name: tunnel.has(s) ? `${s}[${tau}]` : s, state: s, tau });
    }
  });
  const stateOf = (s: string, where: string): number => {
    const at = stateIndex.get(s);
    if (at === undefined) unknown(model, "state", s, def.states, where);
    return at;
  };
  /** Expanded target of a move from state `from` (time in state tau) to state `to`. */
  const targetOf = (from: number, tau: number, to: number): number =>
    from === to
      ? (first[from] as number) + Math.min(tau, (lengths[from] as number) - 1)
      : (first[to] as number);

  // Initial distribution.
  const initial: { target: number; state: string; value: ValuePlan | null }[] = [];
  let initialRest = 0;
  for (const [s, v] of Object.entries(def.initial)) {
    if (v === undefined) continue;
    const k = stateOf(s, "initial");
    if (v === C) {
      initialRest++;
      initial.push({ target: first[k] as number, state: s, value: null });
    } else if (typeof v !== "number" && typeof v !== "string") {
      throw new TypeError(
        `defineCohortModel ${model}: initial.${s}: expected a number or a parameter name`,
      );
    } else {
      initial.push({ target: first[k] as number, state: s, value: value(v, `initial.${s}`) });
    }
  }
  if (initialRest > 1)
    throw new TypeError(`defineCohortModel ${model}: initial: at most one share may be C`);

  const at = discountTiming(def.conventions.discountAt);
  const timing = rewardTiming(
    def.cycles,
    def.conventions.counting as never,
    def.conventions.correction as never,
    at,
  );
  const weights = timing.weights;
  const factors = (kind: "costs" | "effects") => {
    try {
      return cycleDiscountFactors(
        def.conventions.discount[kind] as never,
        def.cycles,
        def.cycleLength,
      );
    } catch (e) {
      const why = e instanceof RangeError ? e.message.replace(/^discountBands: /, "") : String(e);
      throw new TypeError(`defineCohortModel ${model}: conventions.discount.${kind}: ${why}`);
    }
  };
  const rates = {
    costs: timedFactors(factors("costs"), at.costs),
    effects: timedFactors(factors("effects"), at.effects),
  };
  const discount = kinds.map((k) => rates[k]);
  const coefficients = discount.map((d) => d.map((x, t) => x * (weights[t] as number)));

  const strategies = strategyNames.map((name): StrategyPlan => {
    const spec = def.strategies[name] as LooseDefinition["strategies"][string];
    const where = `strategies.${name}`;
    const rows: RowPlan[] = [];
    const rowAt = new Map<string, number>(); // `${expanded from}` -> row index
    for (const s of Object.keys(spec.transitions)) stateOf(s, `${where}.transitions`);
    const missing = def.states.filter((s) => spec.transitions[s] === undefined);
    if (missing.length > 0) {
      throw new TypeError(
        `defineCohortModel ${model}: ${where}.transitions: no row for ${missing.map((s) => `"${s}"`).join(", ")} (an absorbing state is { ${missing[0]}: 1 })`,
      );
    }
    def.states.forEach((s, k) => {
      const row = spec.transitions[s] as Readonly<Record<string, ProbabilityEntry | undefined>>;
      const entries = Object.entries(row).filter(([, v]) => v !== undefined);
      const rests = entries.filter(([, v]) => v === C).length;
      if (rests > 1)
        throw new TypeError(
          `defineCohortModel ${model}: ${where}.transitions.${s}: at most one entry may be C`,
        );
      for (let tau = 1; tau <= (lengths[k] as number); tau++) {
        const flows: FlowPlan[] = entries.map(([to, v]) => {
          const target = targetOf(k, tau, stateOf(to, `${where}.transitions.${s}`));
          const entryWhere = `${where}.transitions.${s}.${to}`;
          const plan = v === C ? null : value(v, entryWhere);
          if (plan?.kind === "const" && !(plan.value >= 0 && plan.value <= 1)) {
            throw new TypeError(
              `defineCohortModel ${model}: ${entryWhere}: a probability must be between 0 and 1, got ${plan.value}`,
            );
          }
          return { target, targetName: to, value: plan };
        });
        rowAt.set(`${(first[k] as number) + tau - 1}`, rows.length);
        rows.push({
          from: (first[k] as number) + tau - 1,
          state: s,
          tau,
          tunnel: tunnel.has(s),
          flows,
          rest: flows.findIndex((f) => f.value === null),
          dynamic: flows.some((f) => f.value?.kind === "fill" || f.value?.kind === "cycle"),
          arrays: flows.filter((f) => f.value?.kind === "fill" || f.value?.kind === "param").length,
        });
      }
    });
    const stateRewards = (
      table: LooseDefinition["strategies"][string]["rewards"],
      what: string,
    ): RewardPlan[][] => {
      for (const o of Object.keys(table ?? {})) {
        if (!outcomes.includes(o)) unknown(model, "outcome", o, outcomes, `${where}.${what}`);
      }
      return outcomes.map((o) => {
        const list: RewardPlan[] = [];
        for (const [s, v] of Object.entries(table?.[o] ?? {})) {
          if (v === undefined) continue;
          const k = stateOf(s, `${where}.${what}.${o}`);
          const plan = value(v, `${where}.${what}.${o}.${s}`);
          if (plan.kind === "const" && plan.value === 0) continue;
          for (let tau = 1; tau <= (lengths[k] as number); tau++) {
            list.push({ state: (first[k] as number) + tau - 1, tau, value: plan });
          }
        }
        return list;
      });
    };
    for (const o of Object.keys(spec.transitionRewards ?? {})) {
      if (!outcomes.includes(o))
        unknown(model, "outcome", o, outcomes, `${where}.transitionRewards`);
    }
    const transitionRewards = outcomes.map((o) => {
      const list: TransitionRewardPlan[] = [];
      for (const [s, targets] of Object.entries(spec.transitionRewards?.[o] ?? {})) {
        if (targets === undefined) continue;
        const k = stateOf(s, `${where}.transitionRewards.${o}`);
        for (const [to, v] of Object.entries(targets)) {
          if (v === undefined) continue;
          stateOf(to, `${where}.transitionRewards.${o}.${s}`);
          const plan = value(v, `${where}.transitionRewards.${o}.${s}.${to}`);
          for (let tau = 1; tau <= (lengths[k] as number); tau++) {
            const r = rowAt.get(`${(first[k] as number) + tau - 1}`) as number;
            const flow = (rows[r] as RowPlan).flows.findIndex((f) => f.targetName === to);
            if (flow < 0) {
              throw new TypeError(
                `defineCohortModel ${model}: ${where}.transitionRewards.${o}.${s}.${to}: there is no transition from "${s}" to "${to}"`,
              );
            }
            list.push({ row: r, flow, value: plan });
          }
        }
      }
      return list;
    });
    return {
      name,
      rows,
      rewards: stateRewards(spec.rewards, "rewards"),
      transitionRewards,
      initialRewards: stateRewards(spec.initialRewards, "initialRewards"),
    };
  });

  if (timing.source) {
    const withFlows = strategies.find((sp) => sp.transitionRewards.some((l) => l.length > 0));
    if (withFlows !== undefined) {
      throw new TypeError(
        `defineCohortModel ${model}: strategies.${withFlows.name}.transitionRewards: ${PER_CYCLE_TRANSITIONS}`,
      );
    }
  }

  return {
    name: model,
    states: def.states,
    expanded,
    first,
    cycles: def.cycles,
    cycleLength: def.cycleLength,
    conventions: { ...def.conventions, discountAt: at },
    sourceRewards: timing.source,
    targetRewards: timing.target,
    initial,
    outcomes,
    kinds,
    cost,
    effect,
    weights,
    discount,
    coefficients,
    strategies,
    columns,
    rowTolerance: def.rowTolerance ?? ROW_TOLERANCE,
  };
}
