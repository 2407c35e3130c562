/**
 * The columns a long-format PSA table is read into: strategy-major costs and effects with room
 * for `cap` iterations of `room` strategies, a bit per cell saying whether a row filled it, and
 * the line (and column of its label) where each iteration first appears. They are sized once, from an estimate of the
 * iterations the file holds, and moved only when the estimate proves short: on this kind of
 * machine, memory touched for the first time is a large part of reading a big file.
 *
 * @module
 */

/**
 * Strategy-major columns with room for `cap` iterations of `room` strategies.
 *
 * @example
 * ```ts
 * const columns = new LongColumns(64, 4);
 * columns.fill(1, 0); // true: strategy 1 of iteration 0 had no row yet
 * columns.fill(1, 0); // false: a second row for it
 * ```
 */
export class LongColumns {
  cost: Float64Array;
  effect: Float64Array;
  /** Bit `it` of strategy j's words: whether a row filled cell (j, it). */
  filled: Uint32Array;
  /** 32-bit words of {@link filled} per strategy. */
  words: number;
  /** First lines of iterations, once they stop following {@link line0} + it·{@link step}. */
  private lines: Int32Array | undefined;
  private line0 = 0;
  private step = 0;
  /** Columns of iterations' labels on their first lines, once they stop all being {@link column0}. */
  private columns: Int32Array | undefined;
  private column0 = 1;

  /**
   * `allocate` gives the cost and effect arrays (e.g. on a SharedArrayBuffer, for a caller that
   * hands the samples to another thread); new Float64Arrays by default.
   */
  constructor(
    public cap: number,
    public room: number,
    private readonly allocate: (length: number) => Float64Array = (length) =>
      new Float64Array(length),
  ) {
    this.cost = allocate(cap * room);
    this.effect = allocate(cap * room);
    this.words = Math.ceil(cap / 32);
    this.filled = new Uint32Array(this.words * room);
  }

  /** Marks cell (st, it) filled; false when it already was (a duplicate row). */
  fill(st: number, it: number): boolean {
    const w = st * this.words + (it >>> 5);
    const bit = 1 << (it & 31);
    const word = this.filled[w] as number;
    if ((word & bit) !== 0) return false;
    this.filled[w] = word | bit;
    return true;
  }

  /** Marks the cells (st, from) to (st, to − 1) filled, as {@link fill} would one by one. */
  fillRun(st: number, from: number, to: number): void {
    const filled = this.filled;
    const base = st * this.words;
    const set = (it: number) => {
      const w = base + (it >>> 5);
      filled[w] = (filled[w] as number) | (1 << (it & 31));
    };
    let it = from;
    for (; it < to && (it & 31) !== 0; it++) set(it);
    for (; it + 32 <= to; it += 32) filled[base + (it >>> 5)] = 0xffffffff;
    for (; it < to; it++) set(it);
  }

  /** Whether cell (st, it) was filled. */
  isFilled(st: number, it: number): boolean {
    return ((this.filled[st * this.words + (it >>> 5)] as number) & (1 << (it & 31))) !== 0;
  }

  /**
   * Records that iteration `it` (the next new one) first appears on `line`, its label at
   * `column` (1 when the label is a row's first field).
   */
  firstLine(it: number, line: number, column = 1): void {
    if (this.columns !== undefined) {
      this.columns[it] = column;
    } else if (it === 0) {
      this.column0 = column;
    } else if (column !== this.column0) {
      const columns = new Int32Array(this.cap).fill(this.column0, 0, it);
      columns[it] = column;
      this.columns = columns;
    }
    if (this.lines !== undefined) {
      this.lines[it] = line;
    } else if (it === 0) {
      this.line0 = line;
    } else if (it === 1) {
      this.step = line - this.line0;
    } else if (line !== this.line0 + it * this.step) {
      // Iterations no longer come one every `step` lines: keep each one's line.
      const lines = new Int32Array(this.cap);
      for (let k = 0; k < it; k++) lines[k] = this.line0 + k * this.step;
      lines[it] = line;
      this.lines = lines;
    }
  }

  /** The line where iteration `it` first appears. */
  lineOf(it: number): number {
    return this.lines !== undefined
      ? (this.lines[it] as number)
      : it === 0
        ? this.line0
        : this.line0 + it * this.step;
  }

  /** The column of iteration `it`'s label on the line where it first appears. */
  columnOf(it: number): number {
    return this.columns !== undefined ? (this.columns[it] as number) : this.column0;
  }

  /** Moves the first `strategies` columns into room for `cap` iterations of `room` strategies. */
  relayout(cap: number, room: number, strategies: number): void {
    const move = <T extends Float64Array | Uint32Array>(
      from: T,
      to: T,
      oldStride: number,
      stride: number,
    ): T => {
      for (let j = 0; j < strategies; j++) {
        to.set(from.subarray(j * oldStride, (j + 1) * oldStride), j * stride);
      }
      return to;
    };
    const words = Math.ceil(cap / 32);
    this.cost = move(this.cost, this.allocate(cap * room), this.cap, cap);
    this.effect = move(this.effect, this.allocate(cap * room), this.cap, cap);
    this.filled = move(this.filled, new Uint32Array(words * room), this.words, words);
    const resize = (from: Int32Array | undefined) => {
      if (from === undefined || cap === this.cap) return from;
      const to = new Int32Array(cap);
      to.set(from.subarray(0, Math.min(cap, this.cap)));
      return to;
    };
    this.lines = resize(this.lines);
    this.columns = resize(this.columns);
    this.words = words;
    this.cap = cap;
    this.room = room;
  }
}
