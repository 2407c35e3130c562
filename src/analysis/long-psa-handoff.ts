/**
 * Handing the rest of a long-format PSA table to another reader, on the bet that the table is
 * regular (long-psa-regular.ts). Once this reader's layout is final, the rest of the input is cut
 * into parts at line starts that begin iterations; the other reader (the analysis worker, in
 * src/node) takes parts from the back and reads them with `RegularRows`, while this reader takes
 * them from the front, so each reads as much as its speed allows. Where they meet, this reader
 * takes the other's rows when its own are the regular table's first ones and the other found all
 * of its own regular; otherwise it reads on itself, as it would have with no handoff, so the
 * table and every error are the same either way. The other reader writes only cells of the
 * iterations of its parts, which this reader makes only after stopping it
 * (`LongPsaRows.reserve`): whatever either part holds, no cell is written by both while both
 * run, and what this reader writes after it stops is kept.
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

/**
 * What the other reader says when this one reaches the last place it was given: this reader
 * claims the part up to the next place; or the other reader has the rest from here; or
 * nothing is left to share (this reader reads on to the end).
 */
export type RestClaim = RestPlace | "rest" | "none";

/**
 * The other reader, as the handoff drives it. The input after this reader's position is cut
 * into parts at line starts that begin iterations; this reader claims them from the front, one
 * at a time, while the other claims them from the back, until they meet.
 */
export interface RestReader {
  /**
   * Starts the other reader on a table laid out as `layout`, on parts after byte `after`, once
   * `ready` has accepted where the first part starts (this reader reserves the iterations from
   * there before the other reader may write any); returns that place (where this reader stops
   * to claim it), or undefined when there are no parts or `ready` refused (the other reader then
   * never starts).
   */
  start(
    layout: RegularLayout,
    after: number,
    ready: (first: RestPlace) => boolean,
  ): RestPlace | undefined;
  /** Claims the part that starts at the last place given, for this reader (see {@link RestClaim}). */
  claim(): RestClaim;
  /**
   * Waits for the other reader to end (at once if it has not started, which it then never
   * does), asking it to stop early when `stop`; the rows it read from its first part to the end
   * when it found them all regular, else −1. After this it writes nothing.
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
 * reader's columns have room for that many rows, `other` is started. At each place it gives,
 * this reader claims the next part, with the iterations from the end of its parts on reserved
 * for the other reader (this reader settles it before making one, so the two never write the
 * same cell); where the other reader has the rest, it is settled, and its rows are taken when
 * both are regular.
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
  const release = () => void settle(true);
  /** This reader goes on alone: the other reader is settled and nothing is reserved. */
  const alone = (reader: LongPsaReader, stop: boolean) => {
    settle(stop);
    reader.unreserve();
    return false;
  };
  return {
    get at() {
      return state === "started" && place !== undefined ? place.at : Number.POSITIVE_INFINITY;
    },
    get taken() {
      return taken;
    },
    progress(reader: LongPsaReader, position: number) {
      if (state !== "waiting") return;
      const final = reader.regularLayout();
      if (final === undefined || final.cap * final.names.length < rows) return;
      // Started once, if at all, and only after the other reader's iterations are reserved.
      state = "settled";
      const S = final.names.length;
      const first = other.start(final, position, (at) => reader.reserve(at.row / S, release));
      if (first === undefined) return;
      state = "started";
      layout = final;
      place = first;
    },
    arrive(reader: LongPsaReader) {
      if (state !== "started" || layout === undefined || place === undefined) return false;
      // Only a regular start is worth going on with.
      if (!reader.beginsRegular(layout, place.at, place.row)) return alone(reader, true);
      const claim = other.claim();
      if (claim === "none") return alone(reader, false);
      if (claim !== "rest") {
        place = claim;
        reader.reserve(claim.row / layout.names.length, release);
        return false;
      }
      const count = settle(false);
      reader.unreserve();
      taken = count >= 0 && reader.adoptRegular(layout, place.at, place.row, count);
      return taken;
    },
    abandon() {
      if (state === "started") settle(true);
    },
  };
}
