/**
 * `ceakit dsa`, `threshold`, `evppi` and `compare` on the shipped RCT scenario.
 */
import { describe, expect, it } from "vitest";
import { evaluatePoints } from "../../src/psa/deterministic.js";
import { prepareModel } from "../../src/psa/run-psa.js";
import { runInProcess } from "../helpers/cli.js";
import { load, run } from "../helpers/scenarios.js";

const RCT = "scenarios/swis-rct.yaml";

describe("sensitivity commands", () => {
  it("dsa --format json: bars sorted by swing, each swing |INMB high − INMB low|", async () => {
    const r = await runInProcess(["dsa", RCT, "--format", "json", "--wtp", "20000"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const rows = doc.rows as {
      parameter: string;
      inmb_low: number;
      inmb_high: number;
      swing: number;
    }[];
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows)
      expect(row.swing).toBeCloseTo(Math.abs(row.inmb_high - row.inmb_low), 6);
    for (let k = 1; k < rows.length; k++) {
      expect((rows[k] as { swing: number }).swing).toBeLessThanOrEqual(
        (rows[k - 1] as { swing: number }).swing,
      );
    }
    // Days in care and the S47 rate ratio drive the RCT result (domain.md §3.1).
    expect(
      rows
        .slice(0, 2)
        .map((x) => x.parameter)
        .sort(),
    ).toEqual(["irr_days_care", "irr_s47"]);
  });

  it("dsa shows ICERs with their quadrant in the table and refuses unknown parameters", async () => {
    const r = await runInProcess(["dsa", RCT, "--parameters", "irr_s47"]);
    expect(r.stdout).toContain("ICER dominated");
    // irr_s47 at its 2.5% quantile 0.95478 (costs and savings of issue 15's corrected inputs).
    expect(r.stdout).toMatch(/irr_s47 .* 70,60\d +dominated/);
    const bad = await runInProcess(["dsa", RCT, "--parameters", "irr_s4"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'error: --parameters: unknown parameter "irr_s4" (did you mean "irr_s47"?)\n',
    );
  });

  it("threshold finds where the optimal strategy changes, checked against the model on both sides", async () => {
    const r = await runInProcess([
      "threshold",
      RCT,
      "--parameter",
      "irr_s47",
      "--range",
      "0.5:1.2",
      "--wtp",
      "20000",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const [t] = JSON.parse(r.stdout).rows as { value: number; from: string; to: string }[];
    expect(t).toMatchObject({ from: "swis", to: "usual" });
    const loaded = await load(RCT);
    const prepared = await prepareModel(loaded.factory.create(loaded.config));
    const v = t?.value as number;
    const p = evaluatePoints(prepared, [{ irr_s47: v * (1 - 1e-6) }, { irr_s47: v * (1 + 1e-6) }]);
    const inmb = (row: number) =>
      20_000 * ((p.effect[row * 2 + 1] as number) - (p.effect[row * 2] as number)) -
      ((p.cost[row * 2 + 1] as number) - (p.cost[row * 2] as number));
    expect(inmb(0)).toBeGreaterThan(0);
    expect(inmb(1)).toBeLessThan(0);
    const none = await runInProcess([
      "threshold",
      RCT,
      "--parameter",
      "c_referral",
      "--range",
      "0:1000",
    ]);
    expect(none.stdout).toContain("No change within [0, 1,000]: usual is optimal throughout.");
    const bad = await runInProcess(["threshold", RCT, "--parameter", "irr_s47", "--range", "2:1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --range: expected high above low/);
  });

  it("evppi shows the PSA's and the estimates' progress only when stderr is a terminal", async () => {
    const args = [
      "evppi",
      RCT,
      "--samples",
      "2000",
      "--parameters",
      "irr_s47,irr_days_care",
      "--group",
    ];
    const tty = await runInProcess(args, {}, true);
    expect(tty.code, tty.stderr).toBe(0);
    expect(tty.stderr).toMatch(/\rPSA \[#+ *\] +100% 2,000\/2,000 samples/);
    // 50 permutations for the floor, 2 parameters, the group's regression and its 50 permutations.
    expect(tty.stderr).toMatch(/\rEVPPI \[ +\] +0% 1\/103 estimates/);
    expect(tty.stderr).toMatch(/\rEVPPI \[#+\] +100% 103\/103 estimates/);
    const pipe = await runInProcess(args);
    expect(pipe.stderr).toBe("");
    expect(pipe.stdout).toBe(tty.stdout);
  });

  it("dsa: a fixed parameter given a range is a bar; a point value outside its range is noted", async () => {
    // c_trtA is fixed at 12,000 in the model file; c_S1's point value (4,000) is below its range.
    const scenario =
      "model: ./models/sick-sicker.model.yaml\ntitle: S\ndsa:\n  ranges:\n    c_trtA: [6000, 18000]\n    c_S1: [5000, 6000]\n";
    const r = await runInProcess(["dsa", "s.yaml", "--wtp", "100000", "--format", "json"], {
      "s.yaml": scenario,
    });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const bars = doc.rows.map((row: { parameter: string }) => row.parameter);
    expect(bars).toContain("c_trtA");
    expect(doc.notes).toContain(
      "The point values of u_H (1, range 0.96469 to 0.99693), c_S1 (4,000, range 5,000 to 6,000) lie outside their ranges, so their bars do not reach the base case.",
    );
  });

  it("dsa --two-way over a range narrower than the labels' rounding keeps a column per value", async () => {
    const scenario =
      "model: ./models/sick-sicker.model.yaml\ntitle: S\ndsa:\n  ranges:\n    u_S1: [0.691285, 0.6913]\n    hr_S1S2_trtB: [0.6, 0.61]\n";
    const r = await runInProcess(
      ["dsa", "s.yaml", "--two-way", "u_S1,hr_S1S2_trtB", "--format", "json"],
      { "s.yaml": scenario },
    );
    expect(r.code, r.stderr).toBe(0);
    const row = JSON.parse(r.stdout).rows[0] as Record<string, unknown>;
    // The corner and 11 columns, each keyed by its value in full (rounded, they read alike).
    expect(Object.keys(row)).toHaveLength(12);
    expect(Object.keys(row)).toContain("0.6912865");
  });

  it("a threshold range where the model fails names the point and only what differs from the base case", async () => {
    // irr_s47 = 1e10 multiplies the S47 enquiries, and their cost, past the ±1e15 limit.
    const r = await runInProcess(["threshold", RCT, "--parameter", "irr_s47", "--range=0:1e12"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^error: --range: within 0:1e12, the model fails: scenarios\/swis-rct\.yaml:38:3 strategies\.swis: model swis: point 3 \(irr_s47 = 10000000000\), strategy "swis": cost is [\d.]+, beyond the limit of ±1e15 \(parameters: irr_s47 = 10000000000, every other at its base-case value\)\n$/,
    );
  });

  it("evppi --group takes at most 10 parameters that vary, as analyse --group does", async () => {
    // Without --parameters the group is every parameter of the model that varies (31 in SWIS):
    // a regression of 528 terms, which overfits (its EVPPI came out above EVPI at 991 samples).
    const all = await runInProcess(["evppi", RCT, "--samples", "991", "--group"]);
    expect(all.code).toBe(2);
    expect(all.stdout).toBe("");
    expect(all.stderr).toBe(
      'error: --group: a group of 31 parameters; a group has at most 10 (its quadratic regression has 66 terms; see README, "Limits"): name the group\'s parameters with --parameters\n',
    );
  });

  it("evppi at too few samples to resolve single parameters says so, and does not put the EVPI down to groups", async () => {
    // 50 samples: 7 bins of about 7 samples each; no single parameter clears the noise floor.
    const small = await runInProcess(["evppi", RCT, "--samples", "50"]);
    expect(small.code, small.stderr).toBe(0);
    const verdicts = small.stdout.split("\n").filter((l) => l.startsWith("At WTP"));
    expect(verdicts).toHaveLength(3);
    for (const line of verdicts) {
      expect(line).toMatch(
        /so none is ranked; 50 samples are too few to tell whether the EVPI of £[\d,]+ lies in single parameters or in several together: run at least 1,000\.$/,
      );
      expect(line).not.toContain("lies in learning several parameters together");
    }
  });

  it("evppi ranks parameters above the noise floor and never exceeds EVPI beyond sampling error", async () => {
    const r = await runInProcess([
      "evppi",
      RCT,
      "--samples",
      "8000",
      "--parameters",
      "irr_s47,irr_days_care,age_factor",
      "--group",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const rows = doc.rows as Record<string, number | string | boolean | null>[];
    const evpi = doc.evpi as number[];
    expect(doc.wtp).toEqual([1000, 10_000, 20_000]);
    expect(rows.map((x) => x.parameter).sort()).toEqual(["age_factor", "irr_days_care", "irr_s47"]);
    for (const row of [...rows, doc.group]) {
      ["evppi_1000", "evppi_10000", "evppi_20000"].forEach((k, i) => {
        expect(row[k] as number).toBeGreaterThanOrEqual(0);
        expect(row[k] as number).toBeLessThanOrEqual((evpi[i] as number) * 1.1 + 20);
      });
    }
    expect(String(doc.group.parameter)).toBe("irr_s47 + irr_days_care + age_factor");
    // Ranked rows come first, each above the floor at £20,000; the others are not ranked.
    const floor = doc.noiseFloor.floor as number[];
    for (const row of rows) {
      expect(row.above_floor_20000).toBe((row.evppi_20000 as number) > (floor[2] as number));
      expect(row.rank === null).toBe(row.above_floor_20000 === false);
    }
    const table = await runInProcess([
      "evppi",
      RCT,
      "--samples",
      "8000",
      "--parameters",
      "age_factor",
    ]);
    // age_factor scales both arms' activity alike: it never carries value of information here.
    expect(table.stdout).toMatch(/^age_factor +≈ 0 +≈ 0 +≈ 0$/m);
    expect(table.stdout).toContain(
      "At WTP £20,000, no single parameter carries value of information",
    );
  });

  it("compare gives each scenario's key results as runScenario does", async () => {
    const r = await runInProcess([
      "compare",
      RCT,
      "scenarios/swis-rct-optimistic.yaml",
      "--samples",
      "2000",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows as Record<string, number | string>[];
    expect(rows.map((x) => x.scenario)).toEqual([RCT, "scenarios/swis-rct-optimistic.yaml"]);
    const direct = await run(RCT, { samples: 2000 });
    expect(rows[0]?.p_ce_20000).toBe(direct.acceptability[2]?.probability[1]);
    expect(rows[0]?.evpi_10000).toBe(direct.acceptability[1]?.evpi);
    expect(rows[0]?.status).toBe("D");
    expect(rows[1]?.status).toBe("ND");
  });

  it("compare refuses scenarios whose effects are in different units, before running any", async () => {
    const r = await runInProcess(["compare", "models/hiv.model.yaml", RCT, "--samples", "200"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `error: files: ${RCT} measures effects as Section 47 enquiries avoided (enquiries) and models/hiv.model.yaml as Life-years (years): compare scenarios with one effect unit\n`,
    );
    // One model, two effect measures: S47 enquiries against S17 assessments.
    const s17 = await runInProcess(["compare", RCT, "s17.yaml", "--samples", "200"], {
      "s17.yaml": `extends: ${RCT}\neffect: s17_avoided\n`,
    });
    expect(s17.code).toBe(2);
    expect(s17.stderr).toMatch(
      /^error: files: s17\.yaml measures effects as Section 17 assessments avoided \(assessments\)/,
    );
  });
});

describe("parameters a DSA cannot vary", () => {
  it("dsa --parameters refuses a fixed parameter without a range, and goes with one in dsa.ranges", async () => {
    const fixed = await runInProcess(["dsa", RCT, "--parameters", "rate_s47"]);
    expect(fixed.code).toBe(2);
    expect(fixed.stdout).toBe("");
    expect(fixed.stderr).toBe(
      "error: --parameters: rate_s47 has no range to vary over: it is fixed at 19.16; give it one in the scenario (dsa: { ranges: { rate_s47: [low, high] } }) or a distribution\n",
    );
    const ranged = await runInProcess(["dsa", "r.yaml", "--parameters", "rate_s47"], {
      "r.yaml": `extends: ${RCT}\ndsa: { ranges: { rate_s47: [15, 25] } }\n`,
    });
    expect(ranged.code, ranged.stderr).toBe(0);
    expect(ranged.stdout).toMatch(/^rate_s47 +15 +25 /m);
  });

  it("dsa --two-way with --parameters is refused: the pair is what varies", async () => {
    const r = await runInProcess([
      "dsa",
      RCT,
      "--two-way",
      "irr_s47,irr_days_care",
      "--parameters",
      "irr_s47",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: --parameters: a two-way DSA varies the two parameters of --two-way; leave out --parameters\n",
    );
  });
});

describe("two-way DSA and scenario DSA ranges", () => {
  it("dsa --two-way gives the optimal strategy per cell, as evaluatePoints does", async () => {
    const r = await runInProcess([
      "dsa",
      RCT,
      "--two-way",
      "irr_s47,irr_days_care",
      "--wtp",
      "20000",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows as Record<string, string | number>[];
    expect(rows).toHaveLength(11);
    const loaded = await load(RCT);
    const prepared = await prepareModel(loaded.factory.create(loaded.config));
    const key = "irr_days_care \\ irr_s47";
    const xs = Object.keys(rows[0] as object).filter((k) => k !== key);
    for (const row of rows) {
      for (const x of xs) {
        // Column titles are rounded for display, so check the cells whose value is unambiguous.
        const p = evaluatePoints(prepared, [
          { irr_s47: Number(x), irr_days_care: row[key] as number },
        ]);
        const inmb =
          20_000 * ((p.effect[1] as number) - (p.effect[0] as number)) -
          ((p.cost[1] as number) - (p.cost[0] as number));
        if (Math.abs(inmb) > 2000)
          expect(row[x], `${x}, ${row[key]}`).toBe(inmb > 0 ? "swis" : "usual");
      }
    }
  });

  it("dsa uses the scenario's dsa.ranges", async () => {
    const text = `model: swis\ntitle: Ranges\ndsa:\n  ranges:\n    irr_s47: [0.9, 1.2]\n`;
    const r = await runInProcess(["dsa", "r.yaml", "--parameters", "irr_s47", "--format", "json"], {
      "r.yaml": text,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows[0]).toMatchObject({
      parameter: "irr_s47",
      low: 0.9,
      high: 1.2,
    });
    const bad = await runInProcess(["validate", "b.yaml"], {
      "b.yaml": `model: swis\ntitle: Ranges\ndsa:\n  ranges:\n    irr_s4: [0.9, 1.2]\n`,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'error: b.yaml:5:13 dsa.ranges.irr_s4: unknown parameter "irr_s4" (did you mean "irr_s47"?)\n',
    );
  });
});
