/**
 * Handing the rest of a long-format PSA table to another reader at a line start, on the bet that
 * the table is regular (long-psa-regular.ts). The other reader (the analysis worker, in
 * src/node) is started once this reader's layout is final, reads from the line start to the end
 * with `RegularRows` while this one reads up to it, and says how many rows it read, or
 * that it found one irregular. At the line start this reader takes those rows when its own are
 * the regular table's first ones; otherwise it reads on itself, as it would have with no
 * handoff, so the table and every error are the same either way.
 *
 * @module
 */

import type { LongPsaReader } from "./long-psa-bytes.js";
import type { RegularLayout } from "./long-psa-regular.js";
import type { LongPsaHandoff } from "./long-psa-stream.js";

/** The other reader, as the handoff drives it. */
export interface RestReader {
  /** Starts reading the rest into `layout` (once at most). */
  start(layout: RegularLayout): void;
  /**
   * Waits for it to end (at once if it has not started, which it then never does), asking it to
   * stop early when `stop`; the rows it read when it found them all regular, else −1. After
   * this it writes nothing.
   */
  settle(stop: boolean): number;
}

/** A {@link LongPsaHandoff} that knows whether the rest was taken, and can be abandoned. */
export interface RegularHandoff extends LongPsaHandoff {
  /** Whether the reader took the other reader's rows. */
  readonly taken: boolean;
  /** Ends the other reader if started and not yet settled (call it however reading ended). */
  abandon(): void;
}

/**
 * A handoff at byte `at` of the input, the start of data row `row` if the table is regular,
 * for a table of at most `rows` data rows (its lines after the header): `other` is started once
 * the reader's columns have room for that many rows, and settled at `at`.
 *
 * @example
 * ```ts
 * const handoff = regularHandoff(at, row, lines - 1, worker);
 * try {
 *   table = readLongPsaStream(source, { file, length, lines, handoff });
 * } finally {
 *   handoff.abandon();
 * }
 * ```
 */
export function regularHandoff(
  at: number,
  row: number,
  rows: number,
  other: RestReader,
): RegularHandoff {
  let started: RegularLayout | undefined;
  let taken = false;
  return {
    at,
    get taken() {
      return taken;
    },
    progress(reader: LongPsaReader) {
      if (started !== undefined) return;
      const layout = reader.regularLayout();
      if (layout === undefined || layout.cap * layout.names.length < rows) return;
      started = layout;
      other.start(layout);
    },
    arrive(reader: LongPsaReader) {
      const layout = started;
      if (layout === undefined) return false;
      started = undefined;
      const mine = reader.beginsRegular(layout, at, row);
      const count = other.settle(!mine);
      taken = mine && count >= 0 && reader.adoptRegular(layout, at, row, count);
      return taken;
    },
    abandon() {
      if (started === undefined) return;
      started = undefined;
      other.settle(true);
    },
  };
}
