/**
 * Net monetary benefit: NMB = λ × effect − cost, per sample and strategy, and its expectation.
 *
 * @module
 */

import type { CeSamples } from "./samples.js";

/**
 * Per-sample net benefit at one WTP, strategy-major like the samples (`nb[j * n + s]`).
 * Pass `out` to reuse a buffer.
 *
 * @example
 * ```ts
 * const nb = netBenefit(samples, 20000); // nb[j * samples.nSamples + s]
 * ```
 */
export function netBenefit(
  samples: CeSamples,
  wtp: number,
  out: Float64Array = new Float64Array(samples.cost.length),
): Float64Array {
  const { cost, effect } = samples;
  if (out.length !== cost.length) throw new RangeError("netBenefit: out has the wrong length");
  for (let i = 0; i < cost.length; i++) out[i] = wtp * (effect[i] as number) - (cost[i] as number);
  return out;
}

/**
 * Expected net benefit of every strategy at every WTP, from the mean cost and effect
 * (NMB is linear, so E[λE − C] = λ·E[E] − E[C]). Layout is WTP-major: `enb[k * S + j]`.
 *
 * @example
 * ```ts
 * expectedNetBenefit([0, 105], [1, 1.52], [0, 250]); // Float64Array [0, -105, 250, 275]
 * ```
 */
export function expectedNetBenefit(
  meanCost: ArrayLike<number>,
  meanEffect: ArrayLike<number>,
  wtp: ArrayLike<number>,
): Float64Array {
  const k = meanCost.length;
  const out = new Float64Array(wtp.length * k);
  for (let w = 0; w < wtp.length; w++) {
    const lambda = wtp[w] as number;
    for (let j = 0; j < k; j++) {
      out[w * k + j] = lambda * (meanEffect[j] as number) - (meanCost[j] as number);
    }
  }
  return out;
}
