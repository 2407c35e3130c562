/**
 * Handing the rest of a long-format PSA table to another reader at a line start, on the bet that
 * the table is regular (long-psa-regular.ts). The other reader (the analysis worker, in
 * src/node) is started once this reader's layout is final, at a line start that begins an
 * iteration; it reads from there to the end with `RegularRows` while this one reads up to it,
 * and says how many rows it read, or that it found one irregular. At the line start this reader
 * takes those rows when its own are the regular table's first ones; otherwise it reads on
 * itself, as it would have with no handoff, so the table and every error are the same either
 * way. The other reader writes only cells of the iterations from its start on, which this reader
 * makes only after stopping it (`LongPsaRows.reserve`): whatever either part holds, no cell
 * is written by both while both run, and what this reader writes after it stops is kept.
 *
 * @module
 */

import type { LongPsaReader } from "./long-psa-bytes.js";
import type { RegularLayout } from "./long-psa-regular.js";
import type { LongPsaHandoff } from "./long-psa-stream.js";

/** Where the other reader starts: a line start that begins an iteration in a regular table. */
export interface RestPlace {
  /** The line start, as an offset in the input's bytes. */
  readonly at: number;
  /** The data row it holds in a regular table: a whole number of iterations. */
  readonly row: number;
}

/** The other reader, as the handoff drives it. */
export interface RestReader {
  /**
   * Where the other reader would start for `layout` (at a line start that begins an iteration
   * of `layout.names.length` strategies, if the table is regular), or undefined if it cannot.
   */
  place(layout: RegularLayout): RestPlace | undefined;
  /** Starts reading from `place` to the end into `layout` (once at most). */
  start(layout: RegularLayout, place: RestPlace): void;
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
 * A handoff for a table of at most `rows` data rows (its lines after the header): once the
 * reader's columns have room for that many rows, `other` is placed and started, and the
 * iterations from its place on are reserved for it (the reader settles it before making one,
 * so the two never write the same cell); at the place it is settled, and its rows are taken
 * when both parts are regular.
 *
 * @example
 * ```ts
 * const handoff = regularHandoff(lines - 1, worker);
 * try {
 *   table = readLongPsaStream(source, { file, length, lines, handoff });
 * } finally {
 *   handoff.abandon();
 * }
 * ```
 */
export function regularHandoff(rows: number, other: RestReader): RegularHandoff {
  let state: "waiting" | "started" | "settled" = "waiting";
  let layout: RegularLayout | undefined;
  let place: RestPlace | undefined;
  let taken = false;
  const settle = (stop: boolean): number => {
    state = "settled";
    return other.settle(stop);
  };
  return {
    get at() {
      return place?.at ?? Number.POSITIVE_INFINITY;
    },
    get taken() {
      return taken;
    },
    progress(reader: LongPsaReader, position: number) {
      if (state !== "waiting") return;
      const final = reader.regularLayout();
      if (final === undefined || final.cap * final.names.length < rows) return;
      // Placed once: where it cannot start, or where this reader is already, it never does.
      state = "settled";
      const chosen = other.place(final);
      if (chosen === undefined || chosen.at < position) return;
      const from = chosen.row / final.names.length;
      if (!reader.reserve(from, () => void settle(true))) return;
      state = "started";
      layout = final;
      place = chosen;
      other.start(final, chosen);
    },
    arrive(reader: LongPsaReader) {
      if (state !== "started" || layout === undefined || place === undefined) return false;
      const mine = reader.beginsRegular(layout, place.at, place.row);
      const count = settle(!mine);
      reader.unreserve();
      taken = mine && count >= 0 && reader.adoptRegular(layout, place.at, place.row, count);
      return taken;
    },
    abandon() {
      if (state === "started") settle(true);
    },
  };
}
