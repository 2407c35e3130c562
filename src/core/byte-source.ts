/**
 * A source of bytes read piece by piece into the reader's own buffer (a file descriptor's reads,
 * in src/node; an array in memory, here): what lets a reader of large files stay free of Node's
 * APIs and hold one reused buffer rather than the whole input.
 *
 * @module
 */

/**
 * Fills `into[offset..offset + length)` with the input's next bytes; returns how many it put
 * there (fewer is fine), 0 only at the end of the input.
 */
export type ByteSource = (into: Uint8Array, offset: number, length: number) => number;

/**
 * The bytes of an array, in order, as a {@link ByteSource}: at most `piece` bytes a call (to
 * try readers on pieces of every size).
 *
 * @example
 * ```ts
 * const source = bytesSource(new TextEncoder().encode("abc"), 2);
 * const into = new Uint8Array(4);
 * source(into, 0, 4); // 2 ("ab")
 * source(into, 2, 2); // 1 ("c")
 * source(into, 3, 1); // 0: the end
 * ```
 */
export function bytesSource(bytes: Uint8Array, piece = Number.POSITIVE_INFINITY): ByteSource {
  let at = 0;
  return (into, offset, length) => {
    const n = Math.min(length, piece, bytes.length - at);
    into.set(bytes.subarray(at, at + n), offset);
    at += n;
    return n;
  };
}
