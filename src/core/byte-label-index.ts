/**
 * Interning short byte strings (CSV labels such as iteration numbers and strategy names) as
 * consecutive ids in order of first appearance, without a JavaScript string or object per label:
 * the bytes go into one pool, and an open-addressing hash table over the pool finds them again.
 *
 * Labels that are ascending whole numbers (1, 2, 3, …, as iteration columns usually are) cannot
 * have been seen before, so while every label so far is one, no hash table is built at all; the
 * first label that breaks the run builds it from the pool.
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
  private pool: Uint8Array = new Uint8Array(1 << 12);
  private poolLength = 0;
  private starts: Int32Array = new Int32Array(256);
  private lengths: Int32Array = new Int32Array(256);
  private count = 0;
  /** Slot → id + 1 (0 empty), once built. */
  private table: Int32Array | undefined;
  /** While every label is a canonical whole number above the last: the last one. */
  private last = -1;

  /** Labels interned so far. */
  get size(): number {
    return this.count;
  }

  /** The label of `id` as text. */
  text(id: number): string {
    const start = this.starts[id] as number;
    return decoder.decode(this.pool.subarray(start, start + (this.lengths[id] as number)));
  }

  /** Whether label `id` is the bytes `bytes[a..b)`. */
  equals(id: number, bytes: Uint8Array, a: number, b: number): boolean {
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

  /** Adds `bytes[a..b)`, which {@link find} has just not found, and returns its id. */
  add(bytes: Uint8Array, a: number, b: number): number {
    const id = this.count;
    if (id === this.starts.length) {
      this.starts = grown(this.starts, id * 2);
      this.lengths = grown(this.lengths, id * 2);
    }
    const length = b - a;
    if (this.poolLength + length > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, this.poolLength + length));
      pool.set(this.pool.subarray(0, this.poolLength));
      this.pool = pool;
    }
    const pool = this.pool;
    for (let i = a, p = this.poolLength; i < b; i++, p++) pool[p] = bytes[i] as number;
    this.starts[id] = this.poolLength;
    this.lengths[id] = length;
    this.poolLength += length;
    this.count++;
    if (this.table === undefined) {
      this.last = wholeNumber(bytes, a, b);
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

  /** (Re)builds the hash table for the labels in the pool. */
  private build(): void {
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
