/**
 * What this machine allows a request to use: memory for arrays and threads for a PSA. The
 * numbers a request needs come from `psa/memory-estimate.ts`; this module knows the machine.
 *
 * @module
 */

import { availableParallelism, totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";

/** Share of the machine's memory one request may plan to use. */
export const MEMORY_FRACTION = 0.5;

/**
 * Bytes one request may use: half of the smaller of the machine's memory and the process's
 * memory constraint (a container's or cgroup's limit, when one is set).
 *
 * @example
 * ```ts
 * memoryBudget(); // e.g. 12.6e9 on a 25 GB machine
 * ```
 */
export function memoryBudget(): number {
  const constrained = process.constrainedMemory?.() ?? 0;
  const total = totalmem();
  const available = constrained > 0 && constrained < total ? constrained : total;
  return Math.floor(available * MEMORY_FRACTION);
}

/**
 * Bytes one request may use when what it holds lives on the JavaScript heap (the text of a CSV
 * and what parsing it makes): the smaller of {@link memoryBudget} and half of the heap's limit
 * (`--max-old-space-size`), since the heap, not the machine, is what runs out first there.
 *
 * @example
 * ```ts
 * heapBudget(); // e.g. 2.1e9 with Node's default heap limit of about 4 GiB
 * ```
 */
export function heapBudget(): number {
  return Math.min(
    memoryBudget(),
    Math.floor(getHeapStatistics().heap_size_limit * MEMORY_FRACTION),
  );
}

/**
 * The most PSA threads a run may use: the machine's available parallelism, and at least 2 so
 * that the parallel path can always be chosen (results never depend on it).
 *
 * @example
 * ```ts
 * maxWorkers(); // 8 on an 8-core machine
 * ```
 */
export function maxWorkers(): number {
  return Math.max(2, availableParallelism());
}
