/**
 * Interning short byte strings (CSV labels such as iteration numbers and strategy names) as
 * consecutive ids in order of first appearance, without a JavaScript string or object per label:
 * the bytes go into one pool, and an open-addressing hash table over the pool finds them again.
 *
 * Labels that are ascending whole numbers (1, 2, 3, …, as iteration columns usually are) cannot
 * have been seen before, so while every label so far is one, no hash table is built at all; the
 * first label that breaks the run builds it from the pool. While the labels are consecutive whole
 * numbers (k, k + 1, k + 2, …) not even the pool is kept: label id is the number k + id, and a
 * label's id is found by reading it as a number.
 *
 * @module
 */

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Ids for byte strings, in order of first appearance.
 *
 * @example
 * ```ts
 * const index = new ByteLabelIndex();
 * const bytes = new TextEncoder().encode("7,8,7");
 * index.intern(bytes, 0, 1); // 0
 * index.intern(bytes, 2, 3); // 1
 * index.intern(bytes, 4, 5); // 0
 * index.text(1);             // "8"
 * ```
 */
export class ByteLabelIndex {
  private pool: Uint8Array = EMPTY;
  private poolLength = 0;
  private starts: Int32Array = EMPTY_IDS;
  private lengths: Int32Array = EMPTY_IDS;
  private count = 0;
  /** Slot → id + 1 (0 empty), once built. */
  private table: Int32Array | undefined;
  /** While every label is a canonical whole number above the last: the last one. */
  private last = -1;
  /**
   * While the labels are the consecutive whole numbers first, first + 1, …: the first (the pool
   * is then empty); −1 once they are not.
   */
  private first = -1;

  /** Labels interned so far. */
  get size(): number {
    return this.count;
  }

  /**
   * While the labels are the consecutive whole numbers k, k + 1, … (in that order): k; else −1.
   *
   * @example
   * ```ts
   * const index = new ByteLabelIndex();
   * index.internText("5");
   * index.internText("6");
   * index.runStart; // 5
   * ```
   */
  get runStart(): number {
    return this.first;
  }

  /**
   * Adds the next `count` consecutive whole numbers, as {@link add} would one by one; only
   * while {@link runStart} is not −1 (a RangeError otherwise).
   *
   * @example
   * ```ts
   * index.extendRun(3); // after "5" and "6": adds "7", "8" and "9"
   * index.text(4);      // "9"
   * ```
   */
  extendRun(count: number): void {
    if (this.first < 0) throw new RangeError("extendRun: the labels are not a run of numbers");
    this.count += count;
    this.last += count;
  }

  /** The label of `id` as text. */
  text(id: number): string {
    if (this.first >= 0) return String(this.first + id);
    const start = this.starts[id] as number;
    return decoder.decode(this.pool.subarray(start, start + (this.lengths[id] as number)));
  }

  /** Whether label `id` is the bytes `bytes[a..b)`. */
  equals(id: number, bytes: Uint8Array, a: number, b: number): boolean {
    if (this.first >= 0) return wholeNumber(bytes, a, b) === this.first + id;
    const length = this.lengths[id] as number;
    if (length !== b - a) return false;
    const pool = this.pool;
    let p = this.starts[id] as number;
    for (let i = a; i < b; i++, p++) if (pool[p] !== bytes[i]) return false;
    return true;
  }

  /** The id of `bytes[a..b)`, or −1 when it has not been interned. */
  find(bytes: Uint8Array, a: number, b: number): number {
    if (this.table === undefined) {
      const v = wholeNumber(bytes, a, b);
      if (v >= 0 && v > this.last) return -1;
      if (this.first >= 0 && v >= this.first) return v - this.first;
      this.build();
    }
    const table = this.table as Int32Array;
    const mask = table.length - 1;
    for (let slot = hash(bytes, a, b) & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot] as number;
      if (entry === 0) return -1;
      if (this.equals(entry - 1, bytes, a, b)) return entry - 1;
    }
  }

  /**
   * The id of the label that is the canonical whole number `v` (as {@link find} would give for
   * its digits), −1 when that label is new, or −2 when this cannot tell without the digits.
   */
  findWhole(v: number): number {
    if (this.table !== undefined) return -2;
    if (v > this.last) return -1;
    return this.first >= 0 && v >= this.first ? v - this.first : -2;
  }

  /**
   * Adds `bytes[a..b)`, which {@link find} has just not found, and returns its id. `whole` is
   * the label's value as a canonical whole number (−1 if it is not one), when the caller has
   * read it already.
   */
  add(bytes: Uint8Array, a: number, b: number, whole = wholeNumber(bytes, a, b)): number {
    const id = this.count;
    if (this.table === undefined) {
      const v = whole;
      if (id === 0 ? v >= 0 : this.first >= 0 && v === this.last + 1) {
        if (id === 0) this.first = v;
        this.last = v;
        this.count++;
        return id;
      }
      this.keepLabels();
    }
    this.store(bytes, a, b);
    if (this.table === undefined) {
      this.last = whole;
    } else {
      if (this.count * 2 > this.table.length) this.build();
      else this.insert(id);
    }
    return id;
  }

  /** The id of `bytes[a..b)`, adding it when new. */
  intern(bytes: Uint8Array, a: number, b: number): number {
    const id = this.find(bytes, a, b);
    return id >= 0 ? id : this.add(bytes, a, b);
  }

  /** The id of a label given as text, adding it when new. */
  internText(text: string): number {
    const bytes = encoder.encode(text);
    return this.intern(bytes, 0, bytes.length);
  }

  /** Appends a label's bytes to the pool as the next id. */
  private store(bytes: Uint8Array, a: number, b: number): void {
    const id = this.count;
    if (id >= this.starts.length) {
      this.starts = grown(this.starts, Math.max(id * 2, 256));
      this.lengths = grown(this.lengths, Math.max(id * 2, 256));
    }
    const length = b - a;
    if (this.poolLength + length > this.pool.length) {
      const pool = new Uint8Array(
        Math.max(this.pool.length * 2, this.poolLength + length, 1 << 12),
      );
      pool.set(this.pool.subarray(0, this.poolLength));
      this.pool = pool;
    }
    const pool = this.pool;
    for (let i = a, p = this.poolLength; i < b; i++, p++) pool[p] = bytes[i] as number;
    this.starts[id] = this.poolLength;
    this.lengths[id] = length;
    this.poolLength += length;
    this.count++;
  }

  /** Ends the run of consecutive numbers: puts the labels so far in the pool. */
  private keepLabels(): void {
    if (this.first < 0) return;
    const first = this.first;
    const n = this.count;
    this.first = -1;
    this.count = 0;
    for (let id = 0; id < n; id++) {
      const bytes = encoder.encode(String(first + id));
      this.store(bytes, 0, bytes.length);
    }
  }

  /** (Re)builds the hash table for the labels in the pool. */
  private build(): void {
    this.keepLabels();
    let size = 1024;
    while (size < this.count * 4) size *= 2;
    this.table = new Int32Array(size);
    for (let id = 0; id < this.count; id++) this.insert(id);
  }

  private insert(id: number): void {
    const table = this.table as Int32Array;
    const mask = table.length - 1;
    const start = this.starts[id] as number;
    let slot = hash(this.pool, start, start + (this.lengths[id] as number)) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = id + 1;
  }
}

const EMPTY = new Uint8Array(0);
const EMPTY_IDS = new Int32Array(0);

/** FNV-1a over bytes[a..b). */
function hash(bytes: Uint8Array, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

/** The value of a canonical whole number (digits, no leading zero, at most 15), else −1. */
function wholeNumber(bytes: Uint8Array, a: number, b: number): number {
  const length = b - a;
  if (length === 0 || length > 15 || (bytes[a] === 48 && length > 1)) return -1;
  let v = 0;
  for (let i = a; i < b; i++) {
    const d = (bytes[i] as number) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** A copy of `a` with room for `size` entries. */
function grown(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
