/**
 * The parts of a cohort (Markov) model's base case that every report of it shows: the
 * per-cycle discounted rewards and the cohort trace (as tables), and the trace chart. The cohort
 * report and the scenario reports (`ceakit run` on a model file) both use them.
 *
 * @module
 */

import type { DiscountTiming } from "../cohort/reward-timing.js";
import type { CohortTrace } from "../cohort/trace.js";
import { type Chart, traceChart } from "./charts.js";
import type { ReportSection, ReportTable } from "./document.js";

/**
 * Where a cohort model's rewards are discounted, in words (the end of a sentence).
 *
 * @example
 * ```ts
 * discountTimingText({ costs: "vector", effects: "vector" });
 * // "the reward on m_t by D(t × cycle length)."
 * ```
 */
export function discountTimingText(at: DiscountTiming): string {
  if (at.costs === "vector") return "the reward on m_t by D(t × cycle length).";
  const from = (x: string) => (x === "cycle-start" ? "c − 1" : "c");
  const when =
    at.costs === at.effects
      ? `by D((${from(at.costs)}) × cycle length) (${at.costs})`
      : `costs by D((${from(at.costs)}) × cycle length) (${at.costs}), effects by D((${from(at.effects)}) × cycle length) (${at.effects})`;
  return `per cycle as heemod does: cycle c earns on its counted vectors valued at cycle c, discounted ${when}.`;
}

/** The per-cycle table: discounted cost and effect earned on each m_t, per strategy. */
function perCycleTable(base: CohortTrace): ReportTable {
  const columns = [
    { title: "Cycle", kind: "number" as const },
    ...base.strategies.flatMap((s) => [
      { title: `${s.name} ${base.cost}`, kind: "money" as const },
      { title: `${s.name} ${base.effect}`, kind: "number" as const },
    ]),
  ];
  const rows = Array.from({ length: base.cycles + 1 }, (_, t) => [
    t,
    ...base.strategies.flatMap((s) => [
      s.perCycle[base.cost]?.discounted[t] ?? 0,
      s.perCycle[base.effect]?.discounted[t] ?? 0,
    ]),
  ]);
  return { name: "per_cycle", columns, rows };
}

/** The trace table: share per state after each cycle, per strategy. */
function traceTable(base: CohortTrace): ReportTable {
  const columns = [
    { title: "Strategy", kind: "text" as const },
    { title: "Cycle", kind: "number" as const },
    ...base.states.map((s) => ({ title: s, kind: "probability" as const })),
  ];
  const rows = base.strategies.flatMap((s) => s.trace.map((m, t) => [s.name, t, ...m]));
  return { name: "trace", columns, rows };
}

/**
 * The per-cycle rewards and the trace of a cohort model's base case, as report sections.
 *
 * @example
 * ```ts
 * cohortCycleSections(await runCohortBaseCase(model)).map((s) => s.table?.name); // ["per_cycle", "trace"]
 * ```
 */
export function cohortCycleSections(base: CohortTrace): ReportSection[] {
  return [
    {
      heading: "Per-cycle discounted rewards (base case)",
      text: [
        base.conventions.discountAt.costs === "vector"
          ? `Row t is what is earned on the state vector m_t (with the rewards of transition t), weighted and discounted; initial rewards are in the totals only.`
          : `Row t is what is earned in cycle t (with the rewards of transition t), discounted as one cycle: rewards are earned ${discountTimingText(base.conventions.discountAt)} Initial rewards are in the totals only.`,
      ],
      table: perCycleTable(base),
    },
    {
      heading: "Cohort trace (base case)",
      text: ["Share of the cohort in each state after t cycles (tunnel positions summed)."],
      table: traceTable(base),
    },
  ];
}

/**
 * The trace chart of a cohort model's base case: the share of the cohort in each state by
 * cycle, per strategy.
 *
 * @example
 * ```ts
 * await renderSvg(cohortTraceChart(await runCohortBaseCase(model)));
 * ```
 */
export function cohortTraceChart(base: CohortTrace): Chart {
  return traceChart(
    base.strategies.flatMap((s) =>
      s.trace.flatMap((m, t) =>
        base.states.map((state, k) => ({
          strategy: s.name,
          cycle: t,
          state,
          share: m[k] as number,
        })),
      ),
    ),
  );
}
