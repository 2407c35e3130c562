/**
 * The DARTH tutorial on time-dependent cohort models (Alarid-Escudero et al., Medical Decision
 * Making 2023), as the shipped model files models/sick-sicker-age.model.yaml (age-dependent
 * mortality from the 2015 US life table, transition rewards) and
 * models/sick-sicker-residence.model.yaml (the same with a Weibull risk of becoming sicker by
 * time spent sick, through 75 tunnel positions).
 *
 * Two checks of each:
 * - the tutorial's published CEA table (tests/fixtures/reference/markov/sick-sicker-age.json),
 *   to every printed digit (the tutorial publishes no table for the tunnel model);
 * - the tutorial's own algorithm, written out below from its R code
 *   (analysis/cSTM_time_dep_*.R): the transition-dynamics array A_t[i][j] = m_{t−1}[i]·P_t[i][j],
 *   the rewards y_t = Σ_ij A_t[i][j]·R[i][j] with R[i][j] the destination's state reward plus the
 *   transition reward i → j (y_0 = m_0 · state rewards), and the total Σ_t y_t · wcc_t · 1.03^−t
 *   with darthtools' gen_wcc(75, "Simpson1/3") weights. It expands S1 into its 75 tunnel states
 *   itself, so the engine's tunnels are checked against an explicit state space. Agreement to
 *   1e-12 relative.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { runPsa } from "../../src/index.js";
import { withModelFiles } from "../../src/modelfile/host.js";
import { loadScenario, memoryScenarioHost } from "../../src/scenario/load-scenario.js";
import { runInProcess } from "../helpers/cli.js";
import { expectClose, loadFixture } from "../helpers/reference.js";

const AGE_FILE = "models/sick-sicker-age.model.yaml";
const RESIDENCE_FILE = "models/sick-sicker-residence.model.yaml";
const STRATEGIES = ["SoC", "A", "B", "AB"] as const;
type Strategy = (typeof STRATEGIES)[number];
const round = (x: number, decimals: number) => Number(x.toFixed(decimals)) + 0;

interface RunJson {
  strategies: { name: string }[];
  baseCase: {
    cost: number[];
    effect: number[];
    icers: {
      strategy: string;
      status: string;
      incCost: number | null;
      incEffect: number | null;
      icer: number | null;
    }[];
    trace: { states: string[]; strategies: Record<string, number[][]> };
  };
}

async function runJson(file: string): Promise<RunJson> {
  const r = await runInProcess(["run", file, "--format", "json", "--samples", "200"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as RunJson;
}

// ---- The tutorial's inputs (analysis/cSTM_time_dep_*.R) and its algorithm ----

const CYCLES = 75;
const AGE_INIT = 25;
const IN = {
  r_HS1: 0.15,
  r_S1H: 0.5,
  r_S1S2: 0.105,
  hr_S1: 3,
  hr_S2: 10,
  hr_S1S2_trtB: 0.6,
  scale: 0.08,
  shape: 1.1,
  c_H: 2000,
  c_S1: 4000,
  c_S2: 15000,
  c_trtA: 12000,
  c_trtB: 13000,
  u_H: 1,
  u_S1: 0.75,
  u_S2: 0.5,
  u_trtA: 0.95,
  du_HS1: 0.01,
  ic_HS1: 1000,
  ic_D: 2000,
};
const rateToProb = (r: number) => 1 - Math.exp(-r);

/** All-cause mortality rates of ages 25 … 99 ("Total" column of the shipped life table). */
function mortalityByAge(): number[] {
  const [header, ...rows] = readFileSync("models/life-table-usa-2015.csv", "utf8")
    .trim()
    .split(/\r?\n/); // the published file ends its lines with CRLF
  const cols = (header as string).split(",");
  const age = cols.indexOf("Age");
  const total = cols.indexOf("Total");
  const byAge = new Map(
    rows.map((r) => r.split(",")).map((c) => [Number(c[age]), Number(c[total])]),
  );
  return Array.from({ length: CYCLES }, (_, k) => byAge.get(AGE_INIT + k) as number);
}

/** darthtools gen_wcc(n, "Simpson1/3"): k = 1 … n + 1, even k 2/3, odd k 4/3, both ends 1/3. */
function simpsonWeights(n: number): number[] {
  const w = Array.from({ length: n + 1 }, (_, i) => ((i + 1) % 2 === 0 ? 2 / 3 : 4 / 3));
  w[0] = 1 / 3;
  w[n] = 1 / 3;
  return w;
}

interface Dense {
  readonly names: readonly string[];
  /** P of cycle index k = 0 … n − 1 (transition k + 1), rows summing to 1. */
  readonly matrix: (k: number) => number[][];
  readonly stateCost: readonly number[];
  readonly stateUtility: readonly number[];
  readonly transitionCost: (i: number, j: number) => number;
  readonly transitionUtility: (i: number, j: number) => number;
}

/** Totals and trace by the tutorial's transition-dynamics array. */
function denseTotals(d: Dense) {
  const n = d.names.length;
  const wcc = simpsonWeights(CYCLES);
  let m: number[] = d.names.map((s) => (s === "H" ? 1 : 0));
  const trace = [m];
  let cost = wcc[0] as number;
  let qaly = cost;
  cost *= m.reduce((a, x, j) => a + x * (d.stateCost[j] as number), 0);
  qaly *= m.reduce((a, x, j) => a + x * (d.stateUtility[j] as number), 0);
  for (let t = 1; t <= CYCLES; t++) {
    const P = d.matrix(t - 1);
    const next = new Array<number>(n).fill(0);
    let yc = 0;
    let yu = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const a = (m[i] as number) * (P[i]?.[j] as number);
        if (a === 0) continue;
        next[j] = (next[j] as number) + a;
        yc += a * ((d.stateCost[j] as number) + d.transitionCost(i, j));
        yu += a * ((d.stateUtility[j] as number) + d.transitionUtility(i, j));
      }
    }
    const factor = (wcc[t] as number) / 1.03 ** t;
    cost += yc * factor;
    qaly += yu * factor;
    m = next;
    trace.push(m);
  }
  return { cost, qaly, trace };
}

/**
 * The tutorial's model for one strategy: `tunnels` 0 for the simulation-time model (constant
 * S1 → S2 rate), or the number of S1 tunnel states for the state-residence model.
 */
function dense(strategy: Strategy, tunnels: number): Dense {
  const onA = strategy === "A" || strategy === "AB";
  const onB = strategy === "B" || strategy === "AB";
  const sick = tunnels === 0 ? ["S1"] : Array.from({ length: tunnels }, (_, k) => `S1_${k + 1}Yr`);
  const names = ["H", ...sick, "S2", "D"];
  const H = 0;
  const S2 = names.length - 2;
  const D = names.length - 1;
  const mort = mortalityByAge();
  const hrB = onB ? IN.hr_S1S2_trtB : 1;
  const progression = (tau: number) => {
    const r =
      tunnels === 0 ? IN.r_S1S2 : (tau * IN.scale) ** IN.shape - ((tau - 1) * IN.scale) ** IN.shape;
    return rateToProb(r * hrB);
  };
  const pHS1 = rateToProb(IN.r_HS1);
  const pS1H = rateToProb(IN.r_S1H);
  const extra = (onA ? IN.c_trtA : 0) + (onB ? IN.c_trtB : 0);
  const stateCost = names.map((_, j) =>
    j === H ? IN.c_H : j === D ? 0 : j === S2 ? IN.c_S2 + extra : IN.c_S1 + extra,
  );
  const stateUtility = names.map((_, j) =>
    j === H ? IN.u_H : j === D ? 0 : j === S2 ? IN.u_S2 : onA ? IN.u_trtA : IN.u_S1,
  );
  return {
    names,
    stateCost,
    stateUtility,
    matrix(k) {
      const pHD = rateToProb(mort[k] as number);
      const pS1D = rateToProb((mort[k] as number) * IN.hr_S1);
      const pS2D = rateToProb((mort[k] as number) * IN.hr_S2);
      const P = names.map(() => new Array<number>(names.length).fill(0));
      (P[H] as number[])[H] = (1 - pHD) * (1 - pHS1);
      (P[H] as number[])[1] = (1 - pHD) * pHS1;
      (P[H] as number[])[D] = pHD;
      sick.forEach((_, idx) => {
        const row = P[1 + idx] as number[];
        const p = progression(idx + 1);
        row[H] = (1 - pS1D) * pS1H;
        row[S2] = (1 - pS1D) * p;
        row[D] = pS1D;
        const stay = Math.min(1 + idx + 1, sick.length); // the last tunnel state keeps its stayers
        row[stay] = (1 - pS1D) * (1 - (pS1H + p));
      });
      (P[S2] as number[])[S2] = 1 - pS2D;
      (P[S2] as number[])[D] = pS2D;
      (P[D] as number[])[D] = 1;
      return P;
    },
    transitionCost: (i, j) =>
      (i === H && j === 1 ? IN.ic_HS1 : 0) + (j === D && i !== D ? IN.ic_D : 0),
    transitionUtility: (i, j) => (i === H && j === 1 ? -IN.du_HS1 : 0),
  };
}

describe("models/sick-sicker-age.model.yaml (DARTH time-dependent tutorial, age-dependent mortality)", () => {
  const ref = loadFixture("reference/markov/sick-sicker-age.json");

  test("the published CEA table: costs, QALYs, increments, ICERs and statuses to every printed digit", async () => {
    const out = await runJson(AGE_FILE);
    expect(out.strategies.map((s) => s.name)).toEqual(ref.expected.strategies);
    ref.expected.strategies.forEach((s: Strategy, j: number) => {
      expect(round(out.baseCase.cost[j] as number, 0), `cost ${s}`).toBe(
        ref.expected.printed_cost[j],
      );
      expect(round(out.baseCase.effect[j] as number, 3), `QALYs ${s}`).toBe(
        ref.expected.printed_qalys[j],
      );
    });
    for (const row of out.baseCase.icers) {
      expect(row.status, row.strategy).toBe(ref.expected.status[row.strategy]);
    }
    for (const s of ["B", "AB"]) {
      const row = out.baseCase.icers.find((r) => r.strategy === s);
      expect(round(row?.incCost as number, 0), `incremental cost ${s}`).toBe(
        ref.expected.printed_inc_cost[s],
      );
      expect(round(row?.incEffect as number, 3), `incremental QALYs ${s}`).toBe(
        ref.expected.printed_inc_qalys[s],
      );
      expect(round(row?.icer as number, 0), `ICER ${s}`).toBe(ref.expected.printed_icer[s]);
    }
  });

  test("the tutorial's transition-dynamics array gives the same totals and trace, to 1e-12", async () => {
    const out = await runJson(AGE_FILE);
    STRATEGIES.forEach((s, j) => {
      const d = denseTotals(dense(s, 0));
      expectClose(out.baseCase.cost[j], d.cost, { abs: 0, rel: 1e-12 }, `cost ${s}`);
      expectClose(out.baseCase.effect[j], d.qaly, { abs: 0, rel: 1e-12 }, `QALYs ${s}`);
      const trace = out.baseCase.trace.strategies[s] as number[][];
      expect(trace).toHaveLength(CYCLES + 1);
      d.trace.forEach((row, t) => {
        row.forEach((x, k) => {
          expectClose(trace[t]?.[k], x, { abs: 1e-15, rel: 1e-12 }, `${s} m_${t}`);
        });
      });
    });
  });
});

describe("models/sick-sicker-residence.model.yaml (75 tunnel positions for S1)", () => {
  test("the tutorial's algorithm on its own 78-state expansion gives the same totals, to 1e-12", async () => {
    const out = await runJson(RESIDENCE_FILE);
    expect(out.baseCase.trace.states).toEqual(["H", "S1", "S2", "D"]);
    STRATEGIES.forEach((s, j) => {
      const d = denseTotals(dense(s, CYCLES));
      expectClose(out.baseCase.cost[j], d.cost, { abs: 0, rel: 1e-12 }, `cost ${s}`);
      expectClose(out.baseCase.effect[j], d.qaly, { abs: 0, rel: 1e-12 }, `QALYs ${s}`);
      // The trace sums the tunnel positions, as the tutorial's aggregated trace does.
      const trace = out.baseCase.trace.strategies[s] as number[][];
      d.trace.forEach((row, t) => {
        const sick = row.slice(1, 1 + CYCLES).reduce((a, x) => a + x, 0);
        const summed = [
          row[0] as number,
          sick,
          row[CYCLES + 1] as number,
          row[CYCLES + 2] as number,
        ];
        summed.forEach((x, k) => {
          expectClose(trace[t]?.[k], x, { abs: 1e-15, rel: 1e-12 }, `${s} m_${t}`);
        });
      });
    });
    // The time-in-state risk matters: the totals differ from the constant-rate model's.
    const age = await runJson(AGE_FILE);
    expect(
      Math.abs((out.baseCase.cost[0] as number) - (age.baseCase.cost[0] as number)),
    ).toBeGreaterThan(1000);
  });

  test("the scenario of the file's header comment draws the Weibull parameters with log-scale correlation 0.5", async () => {
    const files = {
      "models/sick-sicker-residence.model.yaml": readFileSync(RESIDENCE_FILE, "utf8"),
      "models/life-table-usa-2015.csv": readFileSync("models/life-table-usa-2015.csv", "utf8"),
      "s/joint.yaml": [
        "title: DARTH state-residence model, Weibull parameters drawn jointly",
        "model: ../models/sick-sicker-residence.model.yaml",
        "correlations: [{ name: weibull, parameters: [r_S1S2_scale, r_S1S2_shape], scale: normal,",
        "                 matrix: [[1, 0.5], [0.5, 1]] }]",
        "",
      ].join("\n"),
    };
    const loaded = await loadScenario(
      "s/joint.yaml",
      withModelFiles(memoryScenarioHost(files, {})),
    );
    const n = 4000;
    const psa = await runPsa(loaded.factory.create(loaded.config), {
      samples: n,
      seed: 7,
      keepParameters: ["r_S1S2_scale", "r_S1S2_shape"],
    });
    const x = Array.from(psa.parameters.r_S1S2_scale as Float64Array, Math.log);
    const y = Array.from(psa.parameters.r_S1S2_shape as Float64Array, Math.log);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const mx = mean(x);
    const my = mean(y);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < n; i++) {
      sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
      sxx += ((x[i] as number) - mx) ** 2;
      syy += ((y[i] as number) - my) ** 2;
    }
    // Sample correlation of a bivariate normal: SE ≈ (1 − ρ²)/√n = 0.0119; allow 4 SE.
    expect(Math.abs(sxy / Math.sqrt(sxx * syy) - 0.5)).toBeLessThan(4 * (0.75 / Math.sqrt(n)));
    // The marginals keep the tutorial's means (MethylCapSig's Mu): SE of the mean 0.02/√n, 4 SE.
    expect(
      Math.abs(mean(Array.from(psa.parameters.r_S1S2_scale as Float64Array)) - 0.08),
    ).toBeLessThan((4 * 0.02) / Math.sqrt(n));
  });
});
