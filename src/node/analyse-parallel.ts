/**
 * {@link analysePsa} with a second thread (Node only). Most of a large analysis is the 95%
 * intervals of each comparison's incremental net benefit over the WTP grid; a worker thread
 * computes those of half the comparisons while this thread does everything else. Each part is
 * computed by the same function from the same numbers, so the result is the same to the bit as
 * {@link analysePsa} on one thread.
 *
 * @module
 */

import { type AnalysisOptions, analysePsa, type PsaAnalysis } from "../analysis/analyse.js";
import { increments, type PairwiseComparison } from "../analysis/pairwise.js";
import type { CeSamples } from "../analysis/samples.js";
import { CeaError } from "../errors.js";
import { onAnalysisThread } from "./analysis-thread.js";
import { FROM_SOURCES } from "./package-root.js";

/** Below this many samples one thread is quicker than starting a worker: 200,000. */
export const PARALLEL_ANALYSIS_FROM = 200_000;

/** A Float64Array of n doubles on shared memory. */
const shared = (n: number) => new Float64Array(new SharedArrayBuffer(8 * n));

/** Which comparisons the worker takes: the first half (rounded down) of those with intervals. */
function offloaded(samples: CeSamples, comparator: string): string[] {
  const others = samples.strategies.filter((s) => s !== comparator);
  return others.slice(0, Math.floor(others.length / 2));
}

/** Starts a worker on the INMB intervals of `strategies`; resolves to their curves. */
async function startWorker(
  samples: CeSamples,
  comparator: string,
  strategies: readonly string[],
  wtp: Float64Array,
): Promise<Map<string, { lower: Float64Array; upper: Float64Array }>> {
  const ref = samples.strategies.indexOf(comparator);
  const n = samples.nSamples;
  const requests = strategies.map((strategy) => {
    const de = shared(n);
    const dc = shared(n);
    increments(samples, samples.strategies.indexOf(strategy), ref, dc, de);
    return { kind: "inmb" as const, de, dc, wtp };
  });
  const replies = await onAnalysisThread(requests);
  return new Map(
    replies.map((reply, i) => {
      if (!("lower" in reply)) throw new CeaError("analysis worker: no INMB intervals");
      return [strategies[i] as string, { lower: reply.lower, upper: reply.upper }];
    }),
  );
}

/**
 * {@link analysePsa}, with the INMB intervals of half the comparisons on a worker thread when
 * there are at least {@link PARALLEL_ANALYSIS_FROM} samples and two comparisons with intervals;
 * otherwise exactly {@link analysePsa}. The result is the same to the bit either way. (Run from
 * the TypeScript sources, as the tests do, there is no compiled worker: one thread.)
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
): Promise<PsaAnalysis> {
  const comparator = options.comparator ?? (samples.strategies[0] as string);
  const away =
    options.inmbIntervals !== undefined && options.inmbIntervals !== true
      ? []
      : offloaded(samples, comparator);
  if (
    FROM_SOURCES ||
    samples.nSamples < PARALLEL_ANALYSIS_FROM ||
    away.length === 0 ||
    !samples.strategies.includes(comparator)
  ) {
    return analysePsa(samples, options);
  }
  const wtp = options.wtp instanceof Float64Array ? options.wtp : Float64Array.from(options.wtp);
  const curves = startWorker(samples, comparator, away, wtp);
  // The worker's promise is awaited only after this thread's work; a failure of the analysis
  // here must not leave its rejection unhandled.
  curves.catch(() => {});
  const here = analysePsa(samples, {
    ...options,
    wtp,
    inmbIntervals: (strategy) => !away.includes(strategy),
  });
  const fromWorker = await curves;
  const pairwise = here.pairwise.map((p): PairwiseComparison => {
    const c = fromWorker.get(p.strategy);
    return c === undefined ? p : { ...p, inmbLower: c.lower, inmbUpper: c.upper };
  });
  return { ...here, pairwise };
}
