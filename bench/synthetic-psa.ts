/**
 * A 3-strategy PSA for the benchmarks, shaped like the reference one (usual care and two
 * programmes with uncertain extra effect and cost), generated from a fixed seed.
 */
import { type CeSamples, createCeSamples, Rng } from "ceakit";

/** n samples of the synthetic 3-strategy PSA, drawn from `seed`. */
export function syntheticPsa(n: number, seed: string): CeSamples {
  const rng = Rng.create(seed, 0);
  const z = (mean: number, sd: number) => {
    const x = rng.fillNormal(new Float64Array(n));
    for (let i = 0; i < n; i++) x[i] = mean + sd * (x[i] as number);
    return x;
  };
  const eUsual = z(8, 0.5);
  const dA = z(0.15, 0.1);
  const dB = z(0.25, 0.15);
  const cUsual = z(20000, 2000);
  const gA = z(5000, 1000);
  const gB = z(12000, 2000);
  const cost = new Float64Array(3 * n);
  const effect = new Float64Array(3 * n);
  for (let s = 0; s < n; s++) {
    effect[s] = eUsual[s] as number;
    effect[n + s] = (eUsual[s] as number) + (dA[s] as number);
    effect[2 * n + s] = (eUsual[s] as number) + (dB[s] as number);
    cost[s] = cUsual[s] as number;
    cost[n + s] = (cUsual[s] as number) + (gA[s] as number) + 8000 * ((dA[s] as number) - 0.15);
    cost[2 * n + s] =
      (cUsual[s] as number) + (gB[s] as number) + 12000 * ((dB[s] as number) - 0.25);
  }
  return createCeSamples({ strategies: ["usual", "swis_a", "swis_b"], cost, effect });
}
