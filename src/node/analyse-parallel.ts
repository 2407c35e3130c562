/**
 * {@link analysePsa} with a second thread (Node only). Most of a large analysis is the 95%
 * intervals of each comparison's incremental net benefit over the WTP grid; a worker thread
 * computes those of half the comparisons while this thread does the rest. When the samples are
 * in shared memory (as `analyse` reads a large file), the worker reads them in place and makes
 * the whole of its comparisons, and the decision curves too. Each part is computed
 * by the same function from the same numbers, so the result is the same to the bit as
 * {@link analysePsa} on one thread.
 *
 * @module
 */

import type { Worker } from "node:worker_threads";
import {
  type AnalysisOptions,
  analysePsa,
  analysisFromParts,
  type PsaAnalysis,
} from "../analysis/analyse.js";
import { checkGrid } from "../analysis/decision.js";
import { compareOne, increments, type PairwiseComparison } from "../analysis/pairwise.js";
import type { CeSamples } from "../analysis/samples.js";
import { summarise } from "../analysis/summary.js";
import { CeaError } from "../errors.js";
import type { AnalysisReply } from "./analysis-tasks.js";
import { type AnalysisRequest, startAnalysisThread } from "./analysis-thread.js";
import { FROM_SOURCES } from "./package-root.js";
import { onSharedMemory, sharedFloat64 } from "./shared-memory.js";

/**
 * An analysis worker thread started ahead (by the CLI's `spawnAnalysisWorker`), which
 * {@link analysePsaParallel} gives its work to or ends. Declared without Node's types, so that
 * the library's types need none.
 */
export interface EarlyAnalysisWorker {
  terminate(): Promise<number>;
}

/** Below this many samples one thread is quicker than starting a worker: 200,000. */
export const PARALLEL_ANALYSIS_FROM = 200_000;

/** Which comparisons the worker takes: the first half (rounded down) of those with intervals. */
function offloaded(samples: CeSamples, comparator: string): string[] {
  const others = samples.strategies.filter((s) => s !== comparator);
  return others.slice(0, Math.floor(others.length / 2));
}

/** The worker's requests: the curves (shared samples only), then one per offloaded comparison. */
function requestsFor(
  samples: CeSamples,
  comparator: string,
  away: readonly string[],
  wtp: Float64Array,
  shared: boolean,
): AnalysisRequest[] {
  const ref = samples.strategies.indexOf(comparator);
  const { strategies, cost, effect, nSamples: n } = samples;
  const inPlace = { strategies, cost, effect };
  const comparisons = away.map((strategy): AnalysisRequest => {
    const j = strategies.indexOf(strategy);
    if (shared) return { kind: "comparison", samples: inPlace, j, ref, wtp };
    const de = sharedFloat64(n);
    const dc = sharedFloat64(n);
    increments(samples, j, ref, dc, de);
    return { kind: "inmb", de, dc, wtp };
  });
  return shared ? [{ kind: "curves", samples: inPlace, wtp }, ...comparisons] : comparisons;
}

/** The INMB curves of a reply (or an error naming what is missing). */
function intervalsOf(reply: AnalysisReply | undefined) {
  if (reply === undefined || !("lower" in reply)) {
    throw new CeaError("analysis worker: no INMB intervals");
  }
  return { inmbLower: reply.lower, inmbUpper: reply.upper };
}

/**
 * {@link analysePsa}, with part of the work on a worker thread when there are at least
 * {@link PARALLEL_ANALYSIS_FROM} samples and either two comparisons with intervals or samples in
 * shared memory; otherwise exactly {@link analysePsa}. The result is the same to the bit either
 * way. `early` is a worker started ahead (`spawnAnalysisWorker`), used or ended here. (Run
 * from the TypeScript sources, as the tests do, there is no compiled worker: one thread.)
 *
 * @example
 * ```ts
 * const result = await analysePsaParallel(samples, { wtp: wtpRange(0, 100000, 1000) });
 * result.pairwise[0].inmbLower; // 2.5% quantile of the INMB at each WTP
 * ```
 */
export async function analysePsaParallel(
  samples: CeSamples,
  options: AnalysisOptions,
  early?: EarlyAnalysisWorker,
): Promise<PsaAnalysis> {
  const comparator = options.comparator ?? (samples.strategies[0] as string);
  const asked = options.inmbIntervals ?? true;
  const intervals = asked === true;
  const shared = onSharedMemory(samples.cost, samples.effect);
  const away = intervals ? offloaded(samples, comparator) : [];
  /** Whether this thread computes a comparison's intervals (those the caller asks for). */
  const here = (s: string) => !away.includes(s) && (typeof asked === "function" ? asked(s) : asked);
  if (
    FROM_SOURCES ||
    samples.nSamples < PARALLEL_ANALYSIS_FROM ||
    (away.length === 0 && !shared) ||
    !samples.strategies.includes(comparator)
  ) {
    void early?.terminate();
    return analysePsa(samples, options);
  }
  const wtp = options.wtp instanceof Float64Array ? options.wtp : Float64Array.from(options.wtp);
  // A bad grid is refused here, as analysePsa refuses it, before the worker gets work.
  try {
    checkGrid(wtp);
  } catch (e) {
    void early?.terminate();
    throw e;
  }
  const job = startAnalysisThread(
    requestsFor(samples, comparator, away, wtp, shared),
    early as Worker | undefined,
  );
  // Awaited after this thread's work; a failure here must not leave its rejection unhandled,
  // nor the worker running.
  job.replies.catch(() => {});
  try {
    return await assemble();
  } catch (e) {
    job.stop();
    throw e;
  }

  /** This thread's part, then the worker's, put together. */
  async function assemble(): Promise<PsaAnalysis> {
    if (!shared) {
      const result = analysePsa(samples, { ...options, wtp, inmbIntervals: here });
      const replies = await job.replies;
      const pairwise = result.pairwise.map((p): PairwiseComparison => {
        const i = away.indexOf(p.strategy);
        return i < 0 ? p : { ...p, ...intervalsOf(replies[i]) };
      });
      return { ...result, pairwise };
    }
    const summary = summarise(samples);
    const ref = samples.strategies.indexOf(comparator);
    const n = samples.nSamples;
    const fits = options.scratch?.dc.length === n && options.scratch.de.length === n;
    const scratch = fits
      ? (options.scratch as NonNullable<AnalysisOptions["scratch"]>)
      : { dc: new Float64Array(n), de: new Float64Array(n) };
    const local = new Map(
      samples.strategies
        .map((s, j) => [s, j] as const)
        .filter(([s]) => s !== comparator && !away.includes(s))
        .map(([s, j]) => [s, compareOne(samples, j, ref, wtp, here(s), scratch)] as const),
    );
    const [curvesReply, ...rest] = await job.replies;
    if (curvesReply === undefined || !("curves" in curvesReply)) {
      throw new CeaError("analysis worker: no decision curves");
    }
    const pairwise = samples.strategies
      .filter((s) => s !== comparator)
      .map((s): PairwiseComparison => {
        const i = away.indexOf(s);
        if (i < 0) return local.get(s) as PairwiseComparison;
        const reply = rest[i];
        if (reply === undefined || !("comparison" in reply)) {
          throw new CeaError("analysis worker: no comparison");
        }
        return reply.comparison;
      });
    return analysisFromParts(
      samples,
      { ...options, wtp },
      { means: curvesReply.means, curves: curvesReply.curves, summary, pairwise },
    );
  }
}
