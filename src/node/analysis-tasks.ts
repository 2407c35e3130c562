/**
 * The analysis tasks a worker thread runs for the main thread (an analysis worker, or an idle PSA
 * worker) on arrays the main thread shares (SharedArrayBuffer views, so nothing is copied). Each
 * task calls the function the main thread would call, so the numbers are the same to the bit:
 *
 * - `inmb`: the 95% intervals of one comparison's incremental net benefit over a WTP grid
 *   ({@link linearQuantilePairs}) from its increments, for `analyse`;
 * - `comparison`: one whole pairwise comparison ({@link compareOne}) on samples in shared memory;
 * - `curves`: the strategies' means and the decision curves ({@link decisionCurves});
 * - `estimates`: the cost-consequence estimates of a scenario run ({@link estimateAll});
 * - `scenario`: the part of a scenario run's analysis that needs only the samples
 *   ({@link scenarioAnalysisParts}).
 *
 * @module
 */

import { type DecisionCurves, decisionCurves } from "../analysis/decision.js";
import { type EstimatePair, type EstimateTask, estimateAll } from "../analysis/estimate.js";
import { compareOne, type PairwiseComparison } from "../analysis/pairwise.js";
import { type CeSamples, createCeSamples } from "../analysis/samples.js";
import { strategyMeans } from "../analysis/summary.js";
import { linearQuantilePairs } from "../core/quantile.js";
import {
  type ScenarioAnalysisParts,
  scenarioAnalysisParts,
} from "../scenario/scenario-analysis.js";
import { type ErrorData, errorData } from "./worker-errors.js";

/** Samples in shared memory, as a task names them. */
export interface SharedSamples {
  readonly strategies: readonly string[];
  readonly cost: Float64Array;
  readonly effect: Float64Array;
}

/** One task, numbered by the caller. */
export type AnalysisTask =
  | {
      readonly id: number;
      readonly kind: "inmb";
      readonly de: Float64Array;
      readonly dc: Float64Array;
      readonly wtp: Float64Array;
    }
  | {
      readonly id: number;
      readonly kind: "comparison";
      readonly samples: SharedSamples;
      /** Strategy j against strategy `ref`. */
      readonly j: number;
      readonly ref: number;
      readonly wtp: Float64Array;
    }
  | {
      readonly id: number;
      readonly kind: "curves";
      readonly samples: SharedSamples;
      readonly wtp: Float64Array;
    }
  | { readonly id: number; readonly kind: "estimates"; readonly tasks: readonly EstimateTask[] }
  | {
      readonly id: number;
      readonly kind: "scenario";
      readonly estimates: readonly EstimateTask[];
      readonly samples: SharedSamples;
      readonly wtp: Float64Array;
      readonly reportWtp: Float64Array;
    };

/** What the worker posts for a task: its result, or the error that stopped it. */
export type AnalysisReply =
  | { readonly id: number; readonly lower: Float64Array; readonly upper: Float64Array }
  | { readonly id: number; readonly pairs: readonly EstimatePair[] }
  | { readonly id: number; readonly parts: ScenarioAnalysisParts }
  | { readonly id: number; readonly comparison: PairwiseComparison }
  | {
      readonly id: number;
      readonly means: { readonly cost: Float64Array; readonly effect: Float64Array };
      readonly curves: DecisionCurves;
    }
  | { readonly id: number; readonly error: ErrorData };

/** A task as the caller writes it: its id is added when it is sent. */
export type AnalysisRequest = AnalysisTask extends infer T
  ? T extends AnalysisTask
    ? Omit<T, "id">
    : never
  : never;

/** A batch running on a worker thread. */
export interface AnalysisJob {
  /** The replies in request order, or the first error (the worker's, with its class). */
  readonly replies: Promise<AnalysisReply[]>;
  /**
   * Stops the worker when its answers are no longer wanted (the replies then reject); nothing
   * once the batch has ended, when the worker may be at work for someone else.
   */
  stop(): void;
}

/** The comparisons' increment arrays, reused from one task to the next. */
let scratch = { dc: new Float64Array(0), de: new Float64Array(0) };

/**
 * Lets the comparisons' increment arrays go, for a worker that lives on between batches (a
 * pooled PSA worker); the next comparison allocates them again.
 *
 * @example
 * ```ts
 * port.postMessage(answer(task));
 * forgetScratch();
 * ```
 */
export function forgetScratch(): void {
  scratch = { dc: new Float64Array(0), de: new Float64Array(0) };
}

/** {@link scratch} with room for n samples. */
function scratchOf(n: number) {
  if (scratch.dc.length !== n) scratch = { dc: new Float64Array(n), de: new Float64Array(n) };
  return scratch;
}

/** The samples of a task, as the analysis functions take them. */
const samplesOf = (s: SharedSamples): CeSamples =>
  createCeSamples({ strategies: [...s.strategies], cost: s.cost, effect: s.effect });

/**
 * Runs one task and gives its reply, or the reply that carries the error that stopped it.
 *
 * @example
 * ```ts
 * port.on("message", (task: AnalysisTask) => port.postMessage(answer(task)));
 * ```
 */
export function answer(task: AnalysisTask): AnalysisReply {
  try {
    return run(task);
  } catch (e) {
    return { id: task.id, error: errorData(e) };
  }
}

/** Runs one task. */
function run(task: AnalysisTask): AnalysisReply {
  if (task.kind === "estimates") return { id: task.id, pairs: estimateAll(task.tasks) };
  if (task.kind === "scenario") {
    return {
      id: task.id,
      parts: scenarioAnalysisParts({ ...task, samples: samplesOf(task.samples) }),
    };
  }
  if (task.kind === "curves") {
    const samples = samplesOf(task.samples);
    const means = strategyMeans(samples);
    return { id: task.id, means, curves: decisionCurves(samples, task.wtp, means) };
  }
  if (task.kind === "comparison") {
    const samples = samplesOf(task.samples);
    return {
      id: task.id,
      comparison: compareOne(
        samples,
        task.j,
        task.ref,
        task.wtp,
        true,
        scratchOf(samples.nSamples),
      ),
    };
  }
  const { de, dc } = task;
  const lower = new Float64Array(task.wtp.length);
  const upper = new Float64Array(task.wtp.length);
  linearQuantilePairs(de, dc, task.wtp, 0.025, 0.975, lower, upper);
  return { id: task.id, lower, upper };
}
