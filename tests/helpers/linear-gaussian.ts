/**
 * The linear-Gaussian PSA of tests/analysis/evppi.test.ts, where EVPPI has a closed form, as
 * arrays and as the CSV files an R user would bring to `ceakit analyse`.
 *
 * Strategy B against A: ΔE = 0.1 + 0.05·X1 + 0.05·Z and ΔC = 1000 + 300·X2 + 200·W, with X1, X2,
 * Z, W independent standard normals. EVPPI = g(μ, s) with μ = 0.1λ − 1000 and
 * g(μ, s) = s·φ(μ/s) + μ·Φ(μ/s) − max(0, μ); s(X1) = 0.05λ, s(X1, X2) = √((0.05λ)² + 300²),
 * EVPI: s = √(2(0.05λ)² + 300² + 200²).
 */
import { createCeSamples } from "../../src/analysis/samples.js";
import { Rng } from "../../src/core/rng.js";
import { normalCdf } from "../../src/core/special.js";

const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
/** g(μ, s): the value of learning a normal increment's mean to SD s. */
export const g = (mu: number, s: number) =>
  s * phi(mu / s) + mu * normalCdf(mu / s) - Math.max(0, mu);
/** Mean incremental net benefit at λ. */
export const mu = (l: number) => 0.1 * l - 1000;

/** The closed forms. */
export const analytic = {
  x1: (l: number) => g(mu(l), 0.05 * l),
  x1x2: (l: number) => g(mu(l), Math.hypot(0.05 * l, 300)),
  evpi: (l: number) => g(mu(l), Math.sqrt(2 * (0.05 * l) ** 2 + 300 ** 2 + 200 ** 2)),
};

/** One PSA of the model (the same draws as evppi.test.ts for the same seed and size). */
export function drawLinearGaussian(seed: number, n: number) {
  const rng = Rng.create("evppi", seed);
  const [x1, x2, z, w] = [0, 1, 2, 3].map(() => rng.fillNormal(new Float64Array(n))) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const cost = new Float64Array(2 * n);
  const effect = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    cost[n + i] = 1000 + 300 * (x2[i] as number) + 200 * (w[i] as number);
    effect[n + i] = 0.1 + 0.05 * (x1[i] as number) + 0.05 * (z[i] as number);
  }
  return { samples: createCeSamples({ strategies: ["A", "B"], cost, effect }), x1, x2, z, w };
}

/**
 * The PSA as a long CSV (`sim,Strategy,Cost,Effect`, R's names) and its parameter draws as a
 * CSV with an iteration column, its rows in reverse order (so they must be matched by
 * iteration). Numbers are written with String(), which reads back to the same double.
 */
export function linearGaussianCsv(seed: number, n: number) {
  const d = drawLinearGaussian(seed, n);
  const { cost, effect } = d.samples;
  const psa = ["sim,Strategy,Cost,Effect"];
  for (let i = 0; i < n; i++) {
    psa.push(`${i + 1},A,${cost[i]},${effect[i]}`);
    psa.push(`${i + 1},B,${cost[n + i]},${effect[n + i]}`);
  }
  const params = ["iteration,x1,x2,z"];
  for (let i = n - 1; i >= 0; i--) params.push(`${i + 1},${d.x1[i]},${d.x2[i]},${d.z[i]}`);
  return { ...d, psa: `${psa.join("\n")}\n`, params: `${params.join("\n")}\n` };
}
