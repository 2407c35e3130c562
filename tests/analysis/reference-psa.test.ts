/**
 * PSA outputs against the reference data: the 5-sample tiny PSA (TV9, dampack + BCEA + voi), the
 * BCEA incremental-benefit toy (TV11c) and the seeded 1e4-sample PSA with its R outputs
 * (tests/fixtures/reference/psa-1e4/expected.json; provenance in its `provenance` key).
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { analysePsa, type PsaAnalysis } from "../../src/analysis/analyse.js";
import { decisionCurves } from "../../src/analysis/decision.js";
import { calculateIcers } from "../../src/analysis/icers.js";
import { comparePairwise } from "../../src/analysis/pairwise.js";
import { readLongPsaCsv } from "../../src/analysis/psa-csv.js";
import { type CeSamples, fromSampleRows } from "../../src/analysis/samples.js";
import { strategyMeans, summarise } from "../../src/analysis/summary.js";
import { wtpRange } from "../../src/analysis/wtp.js";
import { expectAllClose, expectClose, fixturePath, loadFixture } from "../helpers/reference.js";

/** Column j of a WTP-major flat array. */
function columnOf(flat: Float64Array, j: number, nStrategies: number): number[] {
  return Array.from(
    { length: flat.length / nStrategies },
    (_, k) => flat[k * nStrategies + j] as number,
  );
}

describe("TV9: tiny PSA, 5 samples x 3 strategies", () => {
  const v = loadFixture("reference/vectors/tv09-tiny-psa.json");
  const samples = fromSampleRows(v.input.strategies, v.input.cost, v.input.effect);
  const wtp: number[] = v.input.wtp;
  const tol = v.tolerance;
  const S = 3;
  const curves = decisionCurves(samples, wtp);

  test("strategyMeans matches the means", () => {
    const means = strategyMeans(samples);
    expectAllClose(means.cost, v.expected.means.cost, tol, "cost");
    expectAllClose(means.effect, v.expected.means.effect, tol, "effect");
  });

  test("calculateIcers on the means matches dampack", () => {
    const rows = calculateIcers({ strategies: samples.strategies, ...strategyMeans(samples) });
    expect(Object.fromEntries(rows.map((r) => [r.strategy, r.status]))).toEqual(
      v.expected.icers.status,
    );
    for (const r of rows) expectClose(r.icer, v.expected.icers.icer[r.strategy], tol, r.strategy);
  });

  test("decisionCurves CEAC, CEAF, EVPI and expected loss match dampack, BCEA and voi", () => {
    samples.strategies.forEach((name, j) => {
      expectAllClose(columnOf(curves.ceac, j, S), v.expected.ceac[name], tol, `ceac ${name}`);
      expectAllClose(
        columnOf(curves.expectedLoss, j, S),
        v.expected.expected_loss[name],
        tol,
        `loss ${name}`,
      );
    });
    expect(Array.from(curves.ceafStrategy, (j) => samples.strategies[j])).toEqual(
      v.expected.ceaf_strategy,
    );
    expectAllClose(curves.ceaf, v.expected.ceaf, tol, "ceaf");
    expectAllClose(curves.evpi, v.expected.evpi, tol, "evpi");
  });

  test("decisionCurves ENB at WTP 250 matches (and the CEAF is B although B and C tie on CEAC)", () => {
    const k = wtp.indexOf(250);
    samples.strategies.forEach((name, j) => {
      expectClose(curves.enb[k * S + j], v.expected.enb_at_wtp_250[name], tol, name);
    });
    expect(curves.ceac[k * S + 1]).toBe(curves.ceac[k * S + 2]);
    expect(samples.strategies[curves.ceafStrategy[k] as number]).toBe("B");
  });

  test("comparePairwise vs A matches BCEA's pairwise ICERs and (negated) probabilities", () => {
    const pairs = comparePairwise(samples, "A", wtp);
    for (const p of pairs) {
      expectClose(p.icer, v.expected.bcea_pairwise_icer_vs_A[p.strategy], tol, p.strategy);
      // BCEA: p_ref_better = P(NB_A - NB_j > 0). No sample ties here, so
      // P(NB_j - NB_A > 0) = 1 - p_ref_better.
      const flipped = v.expected.bcea_ref_A.p_ref_better[p.strategy].map((x: number) => 1 - x);
      expectAllClose(p.probCostEffective, flipped, tol, p.strategy);
    }
  });

  test("analysePsa switch points sit where BCEA's kstar sees the change on the 4-point grid", () => {
    const a = analysePsa(samples, { wtp });
    // Exact switch points: A->B at 105/0.52 = 201.92…, B->C at 99/0.34 = 291.18….
    expect(a.switchPoints.map((p) => [p.from, p.to])).toEqual([
      ["A", "B"],
      ["B", "C"],
    ]);
    const kstar: number[] = v.expected.bcea_ref_A.kstar;
    a.switchPoints.forEach((p, i) => {
      const k = wtp.indexOf(kstar[i] as number);
      expect(p.wtp).toBeGreaterThan(wtp[k - 1] as number);
      expect(p.wtp).toBeLessThanOrEqual(wtp[k] as number);
    });
  });
});

describe("TV11c: BCEA incremental benefit, sign convention", () => {
  test("comparePairwise INMB is the negation of BCEA's ib per sample", () => {
    const v = loadFixture("reference/vectors/tv11c-bcea-ib-toy.json");
    const input = v.input.two_interventions;
    const samples = fromSampleRows(["ref", "comp"], input.cost, input.effect);
    const k: number[] = input.k;
    // BCEA: ib[sim, k] = k (e_ref - e_comp) - (c_ref - c_comp); ceakit: strategy minus comparator.
    // With 2 samples, the mean INMB is the mean of the negated rows.
    const [pair] = comparePairwise(samples, "ref", k);
    const ib: number[][] = v.expected.two_interventions.ib_rows_sims_cols_k;
    const expectedMean = k.map((_, c) => -((ib[0]?.[c] as number) + (ib[1]?.[c] as number)) / 2);
    expectAllClose(pair?.inmb ?? [], expectedMean, v.tolerance, "inmb");
    // Quantiles of two values (type 7): lower = min + 0.025 (max - min), on the negated ib.
    k.forEach((_, c) => {
      const lo = Math.min(-(ib[0]?.[c] as number), -(ib[1]?.[c] as number));
      const hi = Math.max(-(ib[0]?.[c] as number), -(ib[1]?.[c] as number));
      expectClose(pair?.inmbLower?.[c], lo + 0.025 * (hi - lo), v.tolerance, `lower ${c}`);
      expectClose(pair?.inmbUpper?.[c], lo + 0.975 * (hi - lo), v.tolerance, `upper ${c}`);
    });
  });
});

describe("psa-1e4: seeded 1e4-sample PSA against R (dampack, BCEA, voi, plain R)", () => {
  const expected = loadFixture("reference/psa-1e4/expected.json");
  const tol = expected.tolerances;
  const names: string[] = expected.strategies;
  const S = names.length;
  let samples: CeSamples;
  let a: PsaAnalysis;

  beforeAll(() => {
    const text = readFileSync(fixturePath("reference/psa-1e4/psa_1e4.csv"), "utf8");
    samples = readLongPsaCsv(text, { file: "psa_1e4.csv" });
    a = analysePsa(samples, { wtp: wtpRange(0, 100000, 1000), comparator: "usual" });
  });

  test("readLongPsaCsv reads 10000 samples of usual, swis_a, swis_b", () => {
    expect(samples.strategies).toEqual(names);
    expect(samples.nSamples).toBe(expected.n_samples);
    expect(Array.from(a.curves.wtp)).toEqual(expected.wtp);
  });

  test("summarise matches plain R colMeans (rel 1e-12) and dampack's SD", () => {
    const summary = summarise(samples);
    names.forEach((_, j) => {
      expectClose(summary[j]?.cost.mean, expected.means.cost[j], tol.means, `cost mean ${j}`);
      expectClose(summary[j]?.effect.mean, expected.means.effect[j], tol.means, `effect mean ${j}`);
      expectClose(summary[j]?.cost.sd, expected.means.sd_cost[j], tol.means, `cost sd ${j}`);
      expectClose(summary[j]?.effect.sd, expected.means.sd_effect[j], tol.means, `effect sd ${j}`);
    });
  });

  test("analysePsa ICER table matches dampack calculate_icers (rel 1e-12 end to end)", () => {
    const e = expected.icers;
    expect(a.icers.map((r) => r.strategy)).toEqual(e.strategy);
    expect(a.icers.map((r) => r.status)).toEqual(e.status);
    a.icers.forEach((r, i) => {
      expectClose(r.cost, e.cost[i], tol.icers, `cost ${i}`);
      expectClose(r.effect, e.effect[i], tol.icers, `effect ${i}`);
      expectClose(r.incCost, e.inc_cost[i], tol.icers, `inc_cost ${i}`);
      expectClose(r.incEffect, e.inc_effect[i], tol.icers, `inc_effect ${i}`);
      expectClose(r.icer, e.icer[i], tol.icers, `icer ${i}`);
    });
  });

  test("decisionCurves ENB matches plain R (rel 1e-12)", () => {
    names.forEach((name, j) => {
      expectAllClose(columnOf(a.curves.enb, j, S), expected.enb[name], tol.enb, `enb ${name}`);
    });
  });

  test("decisionCurves CEAC matches plain R / BCEA multi.ce exactly (abs 1e-12)", () => {
    names.forEach((name, j) => {
      expectAllClose(columnOf(a.curves.ceac, j, S), expected.ceac[name], tol.ceac, `ceac ${name}`);
    });
  });

  test("decisionCurves CEAF strategy and probability match BCEA", () => {
    expect(Array.from(a.curves.ceafStrategy, (j) => names[j])).toEqual(expected.ceaf_strategy);
    expectAllClose(a.curves.ceaf, expected.ceaf, tol.ceaf, "ceaf");
  });

  test("decisionCurves EVPI matches plain R / voi (abs 1e-9) and BCEA within its stated gap", () => {
    expectAllClose(a.curves.evpi, expected.evpi, tol.evpi, "evpi");
    const bcea = tol["alternates.evpi_bcea_vs_evpi"];
    expectAllClose(
      a.curves.evpi,
      expected.alternates.evpi_bcea,
      { abs: tol.evpi.abs + bcea.abs, rel: 0 },
      "evpi vs BCEA",
    );
  });

  test("decisionCurves differs from dampack's random tie-breaking only by its near-tie rows", () => {
    // dampack's ceac()/calc_evpi() treat NB within 1e-5 relative as tied and break ties at
    // random; the strict CEAC can differ by at most near_tie_rows[k] / N (README section 5).
    const n = expected.n_samples;
    names.forEach((name, j) => {
      columnOf(a.curves.ceac, j, S).forEach((p, k) => {
        const bound = expected.near_tie_rows[k] / n + 1e-12;
        expect(Math.abs(p - expected.alternates.ceac_dampack[name][k])).toBeLessThanOrEqual(bound);
      });
    });
    const dampackEvpi = tol["alternates.evpi_dampack_vs_evpi"];
    expectAllClose(a.curves.evpi, expected.alternates.evpi_dampack, dampackEvpi, "evpi vs dampack");
  });

  test("comparePairwise vs usual matches BCEA with the sign flipped, and plain R in ceakit's sign", () => {
    const p = expected.pairwise_vs_usual;
    for (const cmp of a.pairwise) {
      const name = cmp.strategy;
      // BCEA: eib = E[NB_usual - NB_j]; ceakit: INMB = E[NB_j - NB_usual] = -eib.
      expectAllClose(
        cmp.inmb,
        p.eib[name].map((x: number) => -x),
        tol.pairwise_eib,
        `eib ${name}`,
      );
      expectAllClose(cmp.inmb, p.inb_vs_usual[name], tol.pairwise_eib, `inb ${name}`);
      expectAllClose(
        cmp.probCostEffective,
        p.p_better_than_usual[name],
        tol.pairwise_p,
        `P ${name}`,
      );
      // BCEA's mean deltas are reference minus comparator.
      expectClose(cmp.incCost, -p.mean_delta_cost[name], tol.pairwise_eib, `dC ${name}`);
      expectClose(cmp.incEffect, -p.mean_delta_effect[name], tol.pairwise_eib, `dE ${name}`);
      expectClose(cmp.icer, p.icer[name], tol.pairwise_icer, `icer ${name}`);
      // No sample has NB_j == NB_usual, so BCEA's P(ref better) is the complement.
      expectAllClose(
        cmp.probCostEffective,
        p.p_ref_better[name].map((x: number) => 1 - x),
        tol.pairwise_p,
        `1 - p_ref_better ${name}`,
      );
    }
  });

  test("analysePsa switch points fall between the grid points where R sees the change", () => {
    expect(a.switchPoints.map((s) => [s.from, s.to])).toEqual(
      expected.switch_points.map((s: { from: string; to: string }) => [s.from, s.to]),
    );
    a.switchPoints.forEach((s, i) => {
      const gridPoint: number = expected.switch_points[i].wtp;
      expect(s.wtp).toBeGreaterThan(gridPoint - 1000);
      expect(s.wtp).toBeLessThanOrEqual(gridPoint);
      // Exactly the frontier ICERs: the expected-best strategy changes where ENBs are equal.
      expectClose(s.wtp, expected.icers.icer[i + 1], tol.icers, `switch ${i}`);
    });
    expect(expected.pairwise_vs_usual.kstar).toEqual(
      expected.switch_points.map((s: { wtp: number }) => s.wtp),
    );
  });
});
