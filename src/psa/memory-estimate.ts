/**
 * How much memory a request needs, estimated before anything is allocated, so that a PSA too
 * large for the machine (or the browser tab) is refused with a message saying what fits instead
 * of failing minutes later. Pure arithmetic: the CLI compares it with the machine's memory
 * (`memoryBudget` in `ceakit/node`), the web page with {@link BROWSER_MEMORY_BUDGET}.
 *
 * The figures follow what the code allocates: {@link runArrays} keeps 8 bytes per sample for
 * each strategy's cost and effect, each outcome of each strategy and each kept parameter column;
 * each thread has chunk-sized scratch for the columns not kept; the analyses that follow need a
 * few sample-length arrays at a time (pairwise differences, quantile scratch, EVPPI's ordering,
 * and for a group EVPPI the regression's design matrix).
 *
 * @module
 */

/** The shape of a PSA run: what each sample costs in memory. */
export interface PsaShape {
  /** Strategies of the model. */
  readonly strategies: number;
  /** Secondary outcomes of the model (each kept per strategy). */
  readonly outcomes: number;
  /** Parameter and derived columns the model evaluates. */
  readonly columns: number;
  /** Of those, the columns whose draws are returned (the others live in chunk scratch). */
  readonly keptColumns: number;
  /** Samples per chunk (default 25,000, the largest the CLI uses). */
  readonly chunkSize?: number;
  /** Threads computing chunks, this one included (default 1). */
  readonly workers?: number;
  /** Values in the WTP grid analysed (default 101). */
  readonly wtpPoints?: number;
  /** Parameters in a group EVPPI by quadratic regression (default 0: none). */
  readonly regressionParameters?: number;
  /** Sample-length arrays further answers hold at once (e.g. ROI and payback; default 0). */
  readonly answerArrays?: number;
}

/** Bytes of one double. */
const F64 = 8;

/** A JavaScript process's own needs before any array: code, the model, the parsers. */
export const BASE_BYTES = 128 * 2 ** 20;

/** What each worker thread needs beyond its chunk arrays (its own engine instance). */
export const WORKER_BYTES = 48 * 2 ** 20;

/**
 * Sample-length arrays the analyses after a PSA hold at once: the pairwise cost and effect
 * differences (2), a difference for intervals (1), quantile scratch (1), and EVPPI's sort order
 * and its sorting copy (2).
 */
const ANALYSIS_ARRAYS = 6;

/** The memory a web page's PSA may use: 1 GiB, well within what browsers give one tab. */
export const BROWSER_MEMORY_BUDGET = 2 ** 30;

/**
 * Bytes of the arrays a PSA of `samples` returns: cost, effect, outcomes and kept parameters.
 *
 * @example
 * ```ts
 * psaResultBytes(1000, { strategies: 2, outcomes: 5, columns: 30, keptColumns: 3 }); // 136000
 * ```
 */
export function psaResultBytes(samples: number, shape: PsaShape): number {
  const { strategies, outcomes, keptColumns } = shape;
  return F64 * samples * (strategies * (2 + outcomes) + keptColumns);
}

/** Columns of a quadratic regression on `m` parameters: intercept, m linear, m(m+1)/2 products. */
function regressionColumns(m: number): number {
  return m === 0 ? 0 : 1 + m + (m * (m + 1)) / 2 + m;
}

/**
 * Estimated peak bytes of a PSA of `samples` and its analysis: the returned arrays, each
 * thread's chunk scratch, the analyses' sample-length scratch, the WTP-grid tables and a fixed
 * allowance for the process and each worker.
 *
 * @example
 * ```ts
 * const need = psaBytes(1e6, { strategies: 2, outcomes: 5, columns: 30, keptColumns: 3 });
 * need < 4e9; // true
 * ```
 */
export function psaBytes(samples: number, shape: PsaShape): number {
  const workers = Math.max(1, shape.workers ?? 1);
  const chunk = Math.min(samples, shape.chunkSize ?? 25_000);
  const scratchColumns = shape.columns - shape.keptColumns;
  const perThread = F64 * chunk * Math.max(0, scratchColumns);
  const analysis =
    F64 *
    samples *
    (ANALYSIS_ARRAYS +
      regressionColumns(shape.regressionParameters ?? 0) +
      (shape.answerArrays ?? 0));
  const grid = F64 * (shape.wtpPoints ?? 101) * (shape.strategies * 6 + 8);
  return (
    BASE_BYTES +
    (workers - 1) * WORKER_BYTES +
    psaResultBytes(samples, shape) +
    workers * perThread +
    analysis +
    grid
  );
}

/**
 * The most samples whose {@link psaBytes} fit in `budget` bytes (0 if none do).
 *
 * @example
 * ```ts
 * maxSamplesWithin(2 ** 30, { strategies: 2, outcomes: 5, columns: 30, keptColumns: 3 });
 * ```
 */
export function maxSamplesWithin(budget: number, shape: PsaShape): number {
  // psaBytes is increasing in samples: bisect on it.
  let lo = 0;
  let hi = 1;
  while (hi < 1e15 && psaBytes(hi, shape) <= budget) hi *= 2;
  if (hi >= 1e15) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (psaBytes(mid, shape) <= budget) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The shape of an `analyse` request: PSA results read from CSV text. */
export interface AnalyseShape {
  /** Data rows of the CSV (an upper bound is fine: lines of the text). */
  readonly rows: number;
  /** Characters of the CSV text (already in memory). */
  readonly textLength: number;
  /** Values in the WTP grid. */
  readonly wtpPoints: number;
}

/**
 * Bytes per CSV row while a long file is read: the cost and effect lists (16, twice over while
 * they grow), the row's line, column, iteration and strategy (4 × 8), and its share of the
 * samples, the filled mask and the analysis scratch (about 8 × 8).
 */
const BYTES_PER_ROW = 16 * 2 + 4 * 8 + 8 * 8;

/**
 * Estimated peak bytes of `analyse` on a CSV: the text (two bytes a character), what reading it
 * allocates per row, the analysis per sample and the per-WTP tables.
 *
 * @example
 * ```ts
 * analyseBytes({ rows: 2e6, textLength: 6e7, wtpPoints: 101 }) < 1e9; // true
 * ```
 */
export function analyseBytes(shape: AnalyseShape): number {
  return BASE_BYTES + 2 * shape.textLength + BYTES_PER_ROW * shape.rows + 64 * shape.wtpPoints;
}

/**
 * "19 GB", "850 MB": a byte count for messages (decimal units, two significant digits).
 *
 * @example
 * ```ts
 * formatBytes(19.2e9); // "19 GB"
 * ```
 */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "kB", "MB", "GB", "TB", "PB"];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 10 || u === 0 ? Math.round(v) : Number(v.toPrecision(2))} ${units[u]}`;
}

/**
 * Characters a report string may have: 2²⁸ (about 268 million), half of what a JavaScript
 * string can hold, leaving room for the copies joining lines makes.
 */
export const MAX_REPORT_CHARS = 2 ** 28;

/**
 * Estimated characters of the CSV or JSON report of an analysis over `wtpPoints` values: per
 * WTP value, each strategy's net benefit, acceptability and expected loss, each comparison's
 * INMB, interval and probability, and the frontier and EVPI, as CSV rows naming the strategies.
 *
 * @example
 * ```ts
 * analysisReportChars(3, 101, 10) < 1e6; // true
 * ```
 */
export function analysisReportChars(
  strategies: number,
  wtpPoints: number,
  longestName: number,
): number {
  const valuesPerWtp = 3 * strategies + 4 * Math.max(0, strategies - 1) + 3;
  return wtpPoints * valuesPerWtp * (70 + 2 * longestName);
}

/**
 * The most WTP values whose {@link analysisReportChars} stay within {@link MAX_REPORT_CHARS}.
 *
 * @example
 * ```ts
 * maxWtpPointsFor(100, 20); // about 34,000
 * ```
 */
export function maxWtpPointsFor(strategies: number, longestName: number): number {
  return Math.floor(MAX_REPORT_CHARS / analysisReportChars(strategies, 1, longestName));
}

/**
 * Why a report over `wtpPoints` WTP values for these strategies would be too long a text, or
 * undefined when it fits ({@link maxWtpPointsFor}): checked before any work, by `analyse` and
 * when a scenario is loaded.
 *
 * @example
 * ```ts
 * reportSizeProblem(["usual", "swis"], 101);   // undefined
 * reportSizeProblem(names100, 100_001);        // "100,001 WTP values with 100 strategies make …"
 * ```
 */
export function reportSizeProblem(
  strategies: readonly string[],
  wtpPoints: number,
): string | undefined {
  const longest = strategies.reduce((m, s) => Math.max(m, s.length), 0);
  const most = maxWtpPointsFor(strategies.length, longest);
  if (wtpPoints <= most) return undefined;
  const chars = analysisReportChars(strategies.length, wtpPoints, longest);
  return `${wtpPoints.toLocaleString("en-GB")} WTP values with ${strategies.length} strategies make a report of about ${formatBytes(chars)}; at most ${most.toLocaleString("en-GB")} values fit (use a larger step)`;
}
