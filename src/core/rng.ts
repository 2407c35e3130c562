/**
 * Seeded random numbers in bulk. A seed (any string or number) goes through seedrandom's Alea
 * to give the four 32-bit words of a xoshiro128** state; xoshiro128** then fills Float64Arrays
 * in tight loops. Streams are derived from (seed, stream index), so a chunk of work always gets
 * the same numbers whichever worker runs it.
 *
 * @module
 */

import seedrandom from "seedrandom";

const TWO_POW_53 = 9007199254740992;
const TWO_POW_26 = 67108864;
const TWO_POW_32 = 4294967296;
/** The largest double below 1: (2^53 − 0.5)/2^53 rounds up to 1, so uniforms are capped here. */
const BELOW_ONE = 1 - 2 ** -53;

/**
 * Ziggurat tables for the standard normal (Marsaglia & Tsang, "The ziggurat method for
 * generating random variables", J. Stat. Softw. 5(8), 2000), in Doornik's formulation ("An
 * improved ziggurat method to generate normal random samples", 2005): 128 layers of equal
 * area V, the base layer ending at R. `ZIG_X[i]` is the right edge of layer i (`ZIG_X[0]` =
 * V/f(R), the base's notional width; `ZIG_X[128]` = 0) and `ZIG_RATIO[i]` = x[i+1]/x[i], below
 * which a point of layer i lies wholly under the density.
 */
const ZIG_LAYERS = 128;
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_X = new Float64Array(ZIG_LAYERS + 1);
const ZIG_RATIO = new Float64Array(ZIG_LAYERS);
{
  let f = Math.exp(-0.5 * ZIG_R * ZIG_R);
  ZIG_X[0] = ZIG_V / f;
  ZIG_X[1] = ZIG_R;
  for (let i = 2; i < ZIG_LAYERS; i++) {
    const x = Math.sqrt(-2 * Math.log(ZIG_V / (ZIG_X[i - 1] as number) + f));
    ZIG_X[i] = x;
    f = Math.exp(-0.5 * x * x);
  }
  for (let i = 0; i < ZIG_LAYERS; i++) {
    ZIG_RATIO[i] = (ZIG_X[i + 1] as number) / (ZIG_X[i] as number);
  }
}

/**
 * xoshiro128** (Blackman & Vigna, 2018): 128-bit state, 32-bit outputs, period 2^128 − 1.
 *
 * @example
 * ```ts
 * const rng = Rng.create(20240917);
 * const u = rng.fillUniform(new Float64Array(1e6));
 * ```
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 0x9e3779b9 | 0;
  }

  /**
   * A generator for `seed` and an optional `stream` index (e.g. a chunk number). Different
   * streams of one seed are independent for practical purposes; the same (seed, stream) always
   * gives the same numbers.
   *
   * @example
   * ```ts
   * const chunk7 = Rng.create("swis-rct", 7);
   * ```
   */
  static create(seed: string | number, stream = 0): Rng {
    if (!Number.isInteger(stream) || stream < 0) {
      throw new RangeError(`Rng.create: stream must be a non-negative integer, got ${stream}`);
    }
    const alea = seedrandom.alea(`${seed}\u0000${stream}`);
    return new Rng(alea.int32(), alea.int32(), alea.int32(), alea.int32());
  }

  /**
   * Next 32-bit output as an unsigned integer.
   *
   * @example
   * ```ts
   * Rng.create(1).nextUint32(); // an integer in [0, 2^32)
   * ```
   */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9);
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result >>> 0;
  }

  /**
   * Next uniform double in the open interval (0, 1) with 53 random bits.
   *
   * @example
   * ```ts
   * Rng.create(1).nextUniform(); // 0 < u < 1
   * ```
   */
  nextUniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return Math.min((hi * TWO_POW_26 + lo + 0.5) / TWO_POW_53, BELOW_ONE);
  }

  /**
   * Fills `out` with uniforms on (0, 1) and returns it. The generator state is kept in locals
   * for the loop, so this runs at a few nanoseconds per value.
   *
   * @example
   * ```ts
   * Rng.create(1).fillUniform(new Float64Array(10));
   * ```
   */
  fillUniform(out: Float64Array): Float64Array {
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    for (let i = 0; i < out.length; i++) {
      let r = Math.imul(rotl(Math.imul(b, 5), 7), 9);
      let t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      const hi = r >>> 5;
      r = Math.imul(rotl(Math.imul(b, 5), 7), 9);
      t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      out[i] = Math.min((hi * TWO_POW_26 + (r >>> 6) + 0.5) / TWO_POW_53, BELOW_ONE);
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    return out;
  }

  /**
   * Fills `out` with standard normal draws by the ziggurat method and returns it. Each trial
   * takes two 32-bit outputs: 53 bits make a uniform u on (−1, 1) and 7 of the 11 bits left
   * over pick the layer, so layer and value are independent (Doornik's fix). About 98.8% of
   * trials are accepted at once as u·x[layer]; the rest go to {@link Rng.zigguratEdge}.
   *
   * @example
   * ```ts
   * Rng.create(1).fillNormal(new Float64Array(1000));
   * ```
   */
  fillNormal(out: Float64Array): Float64Array {
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    for (let k = 0; k < out.length; k++) {
      const w1 = Math.imul(rotl(Math.imul(b, 5), 7), 9);
      let t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      const w2 = Math.imul(rotl(Math.imul(b, 5), 7), 9);
      t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      const u = (2 * ((w1 >>> 5) * TWO_POW_26 + (w2 >>> 6) + 0.5)) / TWO_POW_53 - 1;
      const layer = ((w1 & 31) << 2) | (w2 & 3);
      if (Math.abs(u) < (ZIG_RATIO[layer] as number)) {
        out[k] = u * (ZIG_X[layer] as number);
      } else {
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        out[k] = this.zigguratEdge(u, layer);
        a = this.a;
        b = this.b;
        c = this.c;
        d = this.d;
      }
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    return out;
  }

  /**
   * The ziggurat's slow path, for a trial (u, layer) outside the layer's inner rectangle: the
   * tail beyond R for the base layer (Marsaglia's exponential method), otherwise a uniform
   * height tested against the density in the wedge; on rejection, new trials until one is
   * accepted. Reads and advances the generator's fields.
   */
  private zigguratEdge(u: number, layer: number): number {
    for (;;) {
      if (layer === 0) {
        let x: number;
        let y: number;
        do {
          x = Math.log(this.nextUniform()) / ZIG_R;
          y = Math.log(this.nextUniform());
        } while (-2 * y < x * x);
        return u < 0 ? x - ZIG_R : ZIG_R - x;
      }
      const xi = ZIG_X[layer] as number;
      const xj = ZIG_X[layer + 1] as number;
      const x = u * xi;
      const x2 = x * x;
      const f0 = Math.exp(-0.5 * (xi * xi - x2));
      const f1 = Math.exp(-0.5 * (xj * xj - x2));
      if (f1 + this.nextUniform() * (f0 - f1) < 1) return x;
      const w1 = this.nextUint32();
      const w2 = this.nextUint32();
      u = (2 * ((w1 >>> 5) * TWO_POW_26 + (w2 >>> 6) + 0.5)) / TWO_POW_53 - 1;
      layer = ((w1 & 31) << 2) | (w2 & 3);
      if (Math.abs(u) < (ZIG_RATIO[layer] as number)) return u * (ZIG_X[layer] as number);
    }
  }

  /**
   * Fills `out` with Gamma(shape, scale 1) draws and returns it. Marsaglia & Tsang's squeeze
   * method ("A simple method for generating gamma variables", ACM TOMS 26, 2000) on ziggurat
   * normals; for shape < 1 a draw at shape + 1 is multiplied by U^(1/shape) (their section 7).
   * Scale by multiplying: Gamma(k, θ) = θ · Gamma(k, 1).
   *
   * @example
   * ```ts
   * const g = Rng.create(1).fillGamma(2.5, new Float64Array(1e6)); // mean ≈ 2.5, variance ≈ 2.5
   * ```
   */
  fillGamma(shape: number, out: Float64Array): Float64Array {
    checkShape("Rng.fillGamma", "shape", shape);
    return this.gammaDraws(shape, out, false);
  }

  /**
   * Fills `out` with the natural logarithms of Gamma(shape, 1) draws, consuming the same random
   * numbers as {@link Rng.fillGamma} (so `exp` of the result is what `fillGamma` would give).
   * For small shapes, where draws can fall below the smallest double, the logarithm stays
   * finite; {@link Rng.fillBeta} and Dirichlet sampling use it for shapes below 1.
   *
   * @example
   * ```ts
   * Rng.create(1).fillLogGamma(0.01, new Float64Array(1000)); // values around −100, none −Infinity
   * ```
   */
  fillLogGamma(shape: number, out: Float64Array): Float64Array {
    checkShape("Rng.fillLogGamma", "shape", shape);
    return this.gammaDraws(shape, out, true);
  }

  /**
   * Fills `out` with Beta(alpha, beta) draws X/(X + Y), X ~ Gamma(alpha), Y ~ Gamma(beta) (all X
   * first, then all Y), and returns it. The Y draws go into `scratch` (at least as long as
   * `out`; allocated here if not given). When a shape is below 1 the ratio is formed from
   * logarithms, 1/(1 + exp(ln Y − ln X)), so that draws that underflow do not give 0/0.
   *
   * @example
   * ```ts
   * Rng.create(1).fillBeta(33, 67, new Float64Array(1000)); // mean ≈ 0.33
   * ```
   */
  fillBeta(
    alpha: number,
    beta: number,
    out: Float64Array,
    scratch: Float64Array = new Float64Array(out.length),
  ): Float64Array {
    checkShape("Rng.fillBeta", "alpha", alpha);
    checkShape("Rng.fillBeta", "beta", beta);
    if (scratch.length < out.length) {
      throw new RangeError(
        `Rng.fillBeta: scratch has length ${scratch.length}, below out's ${out.length}`,
      );
    }
    const logs = alpha < 1 || beta < 1;
    this.gammaDraws(alpha, out, logs);
    this.gammaDraws(beta, scratch, logs, out.length);
    if (logs) {
      for (let i = 0; i < out.length; i++) {
        out[i] = 1 / (1 + Math.exp((scratch[i] as number) - (out[i] as number)));
      }
    } else {
      for (let i = 0; i < out.length; i++) {
        const x = out[i] as number;
        out[i] = x / (x + (scratch[i] as number));
      }
    }
    return out;
  }

  /**
   * Marsaglia–Tsang gamma draws into `out[0..n)`, or their logarithms if `log`. Each trial takes a
   * ziggurat normal (fast path inline, as in {@link Rng.fillNormal}) and a uniform. The
   * generator state is kept in locals and each xoshiro128** step is written out in
   * place: method calls per draw would cost 1.5–2
   * times as much.
   */
  private gammaDraws(shape: number, out: Float64Array, log: boolean, n = out.length): Float64Array {
    const boost = shape < 1;
    const d = (boost ? shape + 1 : shape) - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    const logD = Math.log(d);
    const invShape = 1 / shape;
    let sa = this.a;
    let sb = this.b;
    let sc = this.c;
    let sd = this.d;
    let r: number;
    let t: number;
    let hi: number;
    for (let i = 0; i < n; i++) {
      let v: number;
      for (;;) {
        // z ~ N(0, 1): the ziggurat of fillNormal, fast path inline
        const w1 = Math.imul(rotl(Math.imul(sb, 5), 7), 9);
        t = sb << 9;
        sc ^= sa;
        sd ^= sb;
        sb ^= sc;
        sa ^= sd;
        sc ^= t;
        sd = rotl(sd, 11);
        const w2 = Math.imul(rotl(Math.imul(sb, 5), 7), 9);
        t = sb << 9;
        sc ^= sa;
        sd ^= sb;
        sb ^= sc;
        sa ^= sd;
        sc ^= t;
        sd = rotl(sd, 11);
        const zu = (2 * ((w1 >>> 5) * TWO_POW_26 + (w2 >>> 6) + 0.5)) / TWO_POW_53 - 1;
        const layer = ((w1 & 31) << 2) | (w2 & 3);
        let z: number;
        if (Math.abs(zu) < (ZIG_RATIO[layer] as number)) {
          z = zu * (ZIG_X[layer] as number);
        } else {
          this.a = sa;
          this.b = sb;
          this.c = sc;
          this.d = sd;
          z = this.zigguratEdge(zu, layer);
          sa = this.a;
          sb = this.b;
          sc = this.c;
          sd = this.d;
        }
        v = 1 + c * z;
        if (v <= 0) continue;
        v = v * v * v;
        // u = U with 32 bits, enough for an accept/reject test and a third faster than 53
        r = Math.imul(rotl(Math.imul(sb, 5), 7), 9) >>> 0;
        t = sb << 9;
        sc ^= sa;
        sd ^= sb;
        sb ^= sc;
        sa ^= sd;
        sc ^= t;
        sd = rotl(sd, 11);
        const u = (r + 0.5) / TWO_POW_32;
        const z2 = z * z;
        if (u < 1 - 0.0331 * z2 * z2) break;
        if (Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) break;
      }
      if (boost) {
        // the U of U^(1/shape)
        hi = Math.imul(rotl(Math.imul(sb, 5), 7), 9) >>> 5;
        t = sb << 9;
        sc ^= sa;
        sd ^= sb;
        sb ^= sc;
        sa ^= sd;
        sc ^= t;
        sd = rotl(sd, 11);
        r = Math.imul(rotl(Math.imul(sb, 5), 7), 9) >>> 6;
        t = sb << 9;
        sc ^= sa;
        sd ^= sb;
        sb ^= sc;
        sa ^= sd;
        sc ^= t;
        sd = rotl(sd, 11);
        const logU = Math.log((hi * TWO_POW_26 + r + 0.5) / TWO_POW_53) * invShape;
        out[i] = log ? logD + Math.log(v) + logU : d * v * Math.exp(logU);
      } else {
        out[i] = log ? logD + Math.log(v) : d * v;
      }
    }
    this.a = sa;
    this.b = sb;
    this.c = sc;
    this.d = sd;
    return out;
  }
}

/** Throws unless a gamma or beta shape is positive and finite. */
function checkShape(fn: string, name: string, value: number): void {
  if (!(value > 0 && value < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`${fn}: ${name} must be positive and finite, got ${value}`);
  }
}

/** 32-bit left rotation. */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
