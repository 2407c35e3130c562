/**
 * Arrays on shared memory, which worker threads read and write in place: making them, and
 * telling whether arrays are on it (so that a worker may be given them rather than copies).
 *
 * @module
 */

/**
 * A Float64Array of `length` doubles on shared memory, for samples another thread will read.
 *
 * @example
 * ```ts
 * readLongPsaStream(source, { ...options, allocate: sharedFloat64 });
 * ```
 */
export const sharedFloat64 = (length: number): Float64Array =>
  new Float64Array(new SharedArrayBuffer(8 * length));

/**
 * Whether every array given is a view of shared memory (undefined ones are skipped), so that a
 * worker can read or write them in place.
 *
 * @example
 * ```ts
 * onSharedMemory(sharedFloat64(4), undefined); // true
 * onSharedMemory(new Float64Array(4));          // false
 * ```
 */
export function onSharedMemory(...arrays: readonly (Float64Array | undefined)[]): boolean {
  return arrays.every((x) => x === undefined || x.buffer instanceof SharedArrayBuffer);
}
