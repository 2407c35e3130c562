/**
 * `ceakit analyse --parameters`: EVPPI of a PSA brought from elsewhere, checked against the
 * closed form of the linear-Gaussian model (tests/helpers/linear-gaussian.ts) within the
 * tolerance tests/analysis/evppi.test.ts derives (4 standard deviations of the estimator, from
 * 10 independent replicates, plus the sort-and-bin estimator's known upward bias); and every
 * mistake in a parameter file refused with one located line.
 */
import { describe, expect, it } from "vitest";
import { evppiRegression, evppiSortBin } from "../../src/analysis/evppi.js";
import { evppiNoiseFloor } from "../../src/analysis/evppi-floor.js";
import { Rng } from "../../src/core/rng.js";
import { expectOneRefusal, runInProcess } from "../helpers/cli.js";
import {
  analytic,
  drawLinearGaussian,
  g,
  linearGaussianCsv,
  mu,
} from "../helpers/linear-gaussian.js";

const WTP = [0, 5000, 10_000, 20_000];
const N = 20_000;
const BINS = Math.round(Math.sqrt(N));
const REPS = 10;

/** SD of one estimate per WTP, over REPS independent PSAs. */
function spread(estimate: (seed: number) => Float64Array): number[] {
  const runs = Array.from({ length: REPS }, (_, r) => estimate(r));
  return WTP.map((_, k) => {
    const v = runs.map((x) => x[k] as number);
    const m = v.reduce((a, b) => a + b, 0) / REPS;
    return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (REPS - 1));
  });
}

/** The sort-and-bin estimator's expected upward bias at λ (derived in evppi.test.ts). */
function binBias(l: number): number {
  const rest = Math.sqrt((0.05 * l) ** 2 + 300 ** 2 + 200 ** 2);
  const s = 0.05 * l;
  return g(mu(l), Math.sqrt(s * s + (rest * rest) / (N / BINS))) - g(mu(l), s);
}

interface EvppiJson {
  wtp: number[];
  evpi: number[];
  matchedBy: string;
  bins: number;
  rankWtp: number;
  noiseFloor: {
    bins: number;
    permutations: number;
    nullMean: number[];
    nullSd: number[];
    floor: number[];
  };
  parameters: { parameter: string; rank: number | null; evppi: number[]; aboveFloor: boolean[] }[];
  group: { parameters: string[]; evppi: number[]; aboveFloor: boolean[]; floor: number[] } | null;
}

describe("analyse --parameters on the linear-Gaussian PSA", () => {
  const csv = linearGaussianCsv(0, N);
  const files = { "psa.csv": csv.psa, "draws.csv": csv.params };
  let doc: EvppiJson;

  it("reports EVPPI per parameter and for the group, matched by iteration", async () => {
    const run = await runInProcess(
      [
        "analyse",
        "psa.csv",
        "--parameters",
        "draws.csv",
        "--group",
        "x1,x2",
        "--wtp",
        WTP.join(","),
        "--format",
        "json",
      ],
      files,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    doc = JSON.parse(run.stdout).evppi;
    expect(doc.wtp).toEqual(WTP);
    expect(doc.matchedBy).toBe("iteration");
    expect(doc.bins).toBe(BINS);
    expect(doc.group?.parameters).toEqual(["x1", "x2"]);
    // x2 moves only the cost (SD 300 against μ = −1000 … +1000): ranked by the value at the WTP
    // with the highest EVPI (10,000, where μ = 0).
    expect(doc.parameters.map((p) => p.parameter).sort()).toEqual(["x1", "x2", "z"]);
  });

  it("gives the library's estimates on the same draws, bit for bit", () => {
    const d = drawLinearGaussian(0, N);
    const byName = new Map(doc.parameters.map((p) => [p.parameter, p.evppi]));
    expect(byName.get("x1")).toEqual(Array.from(evppiSortBin(d.samples, d.x1, WTP, BINS)));
    expect(byName.get("z")).toEqual(Array.from(evppiSortBin(d.samples, d.z, WTP, BINS)));
    expect(doc.group?.evppi).toEqual(Array.from(evppiRegression(d.samples, [d.x1, d.x2], WTP)));
  });

  it("matches the closed form: x1 and z by sort-and-bin, {x1, x2} by regression, and EVPI", () => {
    const sdBin = spread((seed) => {
      const d = drawLinearGaussian(seed, N);
      return evppiSortBin(d.samples, d.x1, WTP, BINS);
    });
    const sdGroup = spread((seed) => {
      const d = drawLinearGaussian(seed, N);
      return evppiRegression(d.samples, [d.x1, d.x2], WTP);
    });
    const byName = new Map(doc.parameters.map((p) => [p.parameter, p.evppi]));
    WTP.forEach((l, k) => {
      for (const name of ["x1", "z"]) {
        const v = (byName.get(name) as number[])[k] as number;
        expect(Math.abs(v - analytic.x1(l) - binBias(l)), `${name} λ=${l}`).toBeLessThan(
          4 * (sdBin[k] as number) + 1e-9,
        );
      }
      const group = doc.group?.evppi[k] as number;
      expect(Math.abs(group - analytic.x1x2(l)), `group λ=${l}`).toBeLessThan(
        4 * (sdGroup[k] as number) + 0.5,
      );
      // EVPI's Monte Carlo SE is about sd(INB)/√N ≤ 1.8 here; 8 is over 4 of them.
      expect(Math.abs((doc.evpi[k] as number) - analytic.evpi(l)), `EVPI λ=${l}`).toBeLessThan(8);
    });
    // The check has teeth: at λ = 10,000 the closed form is far from 0.
    expect(analytic.x1(10_000)).toBeCloseTo(199.47, 1);
  });

  it("sets each estimate against the noise floor: x1 above it where it matters, an independent u below", async () => {
    // The draws with a fourth column u, independent of everything in the PSA: its true EVPPI is 0.
    const u = Rng.create("independent", 0).fillNormal(new Float64Array(N));
    const lines = csv.params.trimEnd().split("\n");
    const withU = [
      `${lines[0]},u`,
      ...lines.slice(1).map((l) => `${l},${u[Number(l.slice(0, l.indexOf(","))) - 1]}`),
    ];
    const run = await runInProcess(
      ["analyse", "psa.csv", "--parameters", "u.csv", "--wtp", WTP.join(","), "--format", "json"],
      { ...files, "u.csv": `${withU.join("\n")}\n` },
    );
    expect(run.code, run.stderr).toBe(0);
    const e = JSON.parse(run.stdout).evppi as EvppiJson;
    // The floor is evppiNoiseFloor's for the estimator's bins, bit for bit.
    const d = drawLinearGaussian(0, N);
    const floor = evppiNoiseFloor(d.samples, WTP, { bins: BINS });
    expect(e.noiseFloor.bins).toBe(BINS);
    expect(e.noiseFloor.permutations).toBe(50);
    expect(e.noiseFloor.floor).toEqual(Array.from(floor.floor));
    expect(e.noiseFloor.nullMean).toEqual(Array.from(floor.nullMean));
    expect(e.noiseFloor.nullSd).toEqual(Array.from(floor.nullSd));
    const byName = new Map(e.parameters.map((p) => [p.parameter, p]));
    const x1 = byName.get("x1");
    const indep = byName.get("u");
    // x1 matters at λ = 10,000 (closed form 199) and 20,000 (closed form 1,000 − …): above.
    for (const l of [10_000, 20_000]) {
      const k = WTP.indexOf(l);
      expect(x1?.aboveFloor[k], `x1 λ=${l}`).toBe(true);
      expect(x1?.evppi[k] as number).toBeGreaterThan(e.noiseFloor.floor[k] as number);
    }
    // At λ = 0 no parameter can change the decision (μ = −1000, x1 moves only the effect).
    expect(x1?.aboveFloor[0]).toBe(false);
    // u carries no information: at or below the floor at every λ, so never ranked.
    expect(indep?.aboveFloor).toEqual(WTP.map(() => false));
    expect(indep?.rank).toBeNull();
    // Ranked at 10,000 (highest EVPI, μ = 0): only those above the floor, in order, then the rest.
    expect(e.rankWtp).toBe(10_000);
    const ranked = e.parameters.filter((p) => p.rank !== null);
    expect(ranked.map((p) => p.rank)).toEqual(ranked.map((_, i) => i + 1));
    expect(ranked.map((p) => p.parameter)).toContain("x1");
    expect(ranked.map((p) => p.parameter)).not.toContain("u");
    expect(e.parameters.at(-1)?.parameter).toBe("u");
    // The table and Markdown show u as "≈ 0" and say it is not ranked.
    const md = await runInProcess(
      ["analyse", "psa.csv", "--parameters", "u.csv", "--wtp", WTP.join(","), "--format", "md"],
      { ...files, "u.csv": `${withU.join("\n")}\n` },
    );
    expect(md.stdout).toMatch(/^\| u \| ≈ 0 \| ≈ 0 \| ≈ 0 \| ≈ 0 \|$/m);
    expect(md.stdout).toMatch(/At or below it, not ranked \("≈ 0"\): u\./);
    expect(md.stdout).toMatch(/^\| noise floor \(no information\) \|/m);
  });

  it("gives the same EVPPI when the draws come in the PSA's order without an iteration column", async () => {
    const d = drawLinearGaussian(0, N);
    const rows = ["x1,x2,z", ...Array.from(d.x1, (v, i) => `${v},${d.x2[i]},${d.z[i]}`)];
    const run = await runInProcess(
      [
        "analyse",
        "psa.csv",
        "--parameters",
        "plain.csv",
        "--wtp",
        WTP.join(","),
        "--format",
        "json",
      ],
      { ...files, "plain.csv": `${rows.join("\n")}\n` },
    );
    const plain = JSON.parse(run.stdout).evppi as EvppiJson;
    expect(plain.matchedBy).toBe("row order");
    expect(plain.parameters).toEqual(doc.parameters);
  });
});

describe("analyse --parameters on the shared 1e4 PSA", () => {
  const DIR = "tests/fixtures/reference/psa-1e4";

  it("e_usual, which moves every strategy equally (true EVPPI 0), is below the floor at every WTP", async () => {
    const run = await runInProcess([
      "analyse",
      `${DIR}/psa_1e4.csv`,
      "--parameters",
      `${DIR}/psa_1e4_params.csv`,
      "--format",
      "json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const e = JSON.parse(run.stdout).evppi as EvppiJson;
    const eUsual = e.parameters.find((p) => p.parameter === "e_usual");
    expect(eUsual?.aboveFloor).toEqual(e.wtp.map(() => false));
    expect(eUsual?.rank).toBeNull();
    e.wtp.forEach((w, k) => {
      expect(eUsual?.evppi[k] as number, `λ=${w}`).toBeLessThanOrEqual(
        e.noiseFloor.floor[k] as number,
      );
    });
    // Its raw estimate is far from 0 where the decision is closest (the estimator's bias), and
    // the floor is above it: without the floor it would be ranked.
    const k70 = e.wtp.indexOf(70_000);
    expect(eUsual?.evppi[k70] as number).toBeGreaterThan(100);
    // Ranked: exactly those above the floor at the ranking WTP, highest first.
    const at = e.wtp.indexOf(e.rankWtp);
    const ranked = e.parameters.filter((p) => p.rank !== null);
    expect(ranked.every((p) => p.aboveFloor[at] === true)).toBe(true);
    expect(e.parameters.filter((p) => p.rank === null).every((p) => !p.aboveFloor[at])).toBe(true);
    const values = ranked.map((p) => p.evppi[at] as number);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });
});

describe("analyse --parameters formats", () => {
  // Eight iterations, labelled 10, 20, …, 80; the draws in reverse order. The new strategy's
  // effect grows with p; q is noise.
  const its = Array.from({ length: 8 }, (_, i) => i + 1);
  const PSA = `iteration,strategy,cost,effect\n${its
    .map((i) => `${10 * i},usual,${100 + (i % 3)},1\n${10 * i},new,300,${0.7 + 0.1 * i}`)
    .join("\n")}\n`;
  const DRAWS = `,p,q\n${its
    .reverse()
    .map((i) => `${10 * i},${0.1 * i},${(i * 7) % 5}`)
    .join("\n")}\n`;
  const files = { "psa.csv": PSA, "draws.csv": DRAWS };
  const args = ["analyse", "psa.csv", "--parameters", "draws.csv", "--wtp", "0:1000:500"];

  it("table, md and csv show the EVPPI table; without --parameters there is none", async () => {
    const table = await runInProcess(args, files);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain("Expected value of partial perfect information (EVPPI)");
    expect(table.stdout).toMatch(/^EVPI \(all parameters\)/m);
    const md = await runInProcess([...args, "--format", "md", "--group", "p,q"], files);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^# Cost-effectiveness analysis of psa\.csv$/m);
    expect(md.stdout).toContain("## Expected value of partial perfect information (EVPPI)");
    expect(md.stdout).toMatch(/^\| group: p \+ q \|/m);
    expect(md.stdout).toContain("matched to the samples by iteration");
    const csv = await runInProcess([...args, "--format", "csv", "--group", "p,q"], files);
    const lines = csv.stdout.split("\n");
    // Per parameter and WTP, its evppi and above_floor (1 or 0); a rank for each one ranked.
    const ranks = lines.filter((l) => /^evppi,[pq],,,,rank,/.test(l)).length;
    expect(lines.filter((l) => l.startsWith("evppi,"))).toHaveLength(2 * 3 * 2 + ranks);
    // The shared tidy layout: section,item,strategy,comparator,wtp,statistic,value,text.
    expect(lines.filter((l) => l.startsWith("evppi_group,p+q,,,"))).toHaveLength(3 * 3);
    expect(lines).toContain("evppi,p,,,0,evppi,0,");
    expect(lines).toContain("evppi,p,,,0,above_floor,0,");
    // The floor itself, with the statistic names of `ceakit evppi`.
    for (const statistic of ["null_mean", "null_sd", "floor"]) {
      expect(
        lines.filter((l) => l.startsWith(`noise_floor,,,,`) && l.includes(`,${statistic},`)),
      ).toHaveLength(3);
    }
    expect(lines.filter((l) => /^evppi_group,p\+q,,,\d+,floor,/.test(l))).toHaveLength(3);
    const none = await runInProcess(["analyse", "psa.csv", "--format", "md"], files);
    expect(none.stdout).not.toContain("EVPPI");
  });

  it("a parameter that never varies is listed as not estimated, never ranked", async () => {
    const run = await runInProcess([...args.slice(0, 3), "fixed.csv", "--format", "json"], {
      ...files,
      "fixed.csv": `sim,p,k\n${Array.from({ length: 8 }, (_, i) => `${10 * i + 10},${i},5`).join("\n")}\n`,
    });
    expect(run.code, run.stderr).toBe(0);
    const e = JSON.parse(run.stdout).evppi;
    expect(e.fixed).toEqual(["k"]);
    expect(e.parameters.map((p: { parameter: string }) => p.parameter)).toEqual(["p"]);
  });

  it("--out report.md writes the Markdown file", async () => {
    const run = await runInProcess([...args, "--format", "md", "--out", "report.md"], files);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe("");
    expect([...run.writes.keys()]).toEqual(["report.md"]);
    expect(run.writes.get("report.md")).toContain("| EVPI (all parameters) |");
  });
});

describe("analyse --parameters refuses mistakes with one located line", () => {
  const PSA =
    "iteration,strategy,cost,effect\n" +
    "1,usual,100,1\n1,new,300,1.5\n2,usual,110,1.2\n2,new,320,1.4\n3,usual,90,0.9\n3,new,280,1.6\n";
  const refuse = async (draws: string, extra: string[] = []) =>
    expectOneRefusal(
      await runInProcess(
        ["analyse", "psa.csv", "--parameters", "draws.csv", ...extra, "--out", "r.json"],
        { "psa.csv": PSA, "draws.csv": draws },
      ),
    );

  it("a wrong row count without an iteration column", async () => {
    expect(await refuse("p,q\n1,2\n3,4\n")).toBe(
      "error: draws.csv: has 2 rows of parameter draws but psa.csv has 3 iterations; give one row per iteration, in the same order (or an iteration column in both files)",
    );
    expect(await refuse("p\n1\n2\n3\n4\n")).toBe(
      "error: draws.csv:5: has 4 rows of parameter draws but psa.csv has 3 iterations; give one row per iteration, in the same order (or an iteration column in both files)",
    );
  });

  it("a missing, an unknown and a repeated iteration", async () => {
    expect(await refuse("sim,p\n1,0.1\n3,0.3\n")).toBe(
      "error: draws.csv sim: no row for iteration 2 of psa.csv; every iteration needs one row of parameter draws",
    );
    expect(await refuse("sim,p\n1,0.1\n2,0.2\n3,0.3\n4,0.4\n")).toBe(
      "error: draws.csv:5:1 sim: iteration 4 is not in psa.csv",
    );
    expect(await refuse("sim,p\n1,0.1\n2,0.2\n2.0,0.3\n")).toBe(
      "error: draws.csv:4:1 sim: iteration 2.0 appears twice (first on line 3)",
    );
  });

  it("a cell that is not a number, and a ragged row", async () => {
    expect(await refuse(",p,q\n1,0.1,1\n2,NA,2\n3,0.3,3\n")).toBe(
      'error: draws.csv:3:3 p: expected a number, got "NA" (missing or non-finite values are not allowed)',
    );
    expect(await refuse("p,q\n1,2\n3\n4,5\n")).toBe(
      "error: draws.csv:3: expected 2 fields as in the header, found 1",
    );
  });

  it("a semicolon-separated file (R's write.csv2), with the fix", async () => {
    const line = await refuse('"";"p";"q"\n"1";0,1;1\n"2";0,2;2\n"3";0,3;3\n');
    expect(line).toMatch(/^error: draws\.csv:1: the file is separated by semicolons/);
    expect(line).toContain("write.csv() instead of write.csv2()");
  });

  it("--group names an unknown column, too many or none, or comes without --parameters", async () => {
    expect(await refuse("sim,price,qol\n1,1,2\n2,3,4\n3,5,6\n", ["--group", "prise,qol"])).toBe(
      'error: --group: no column "prise" in draws.csv (did you mean "price"?); it has: price, qol',
    );
    const names = Array.from({ length: 11 }, (_, i) => `p${i}`);
    expect(await refuse("p0\n1\n2\n3\n", ["--group", names.join(",")])).toBe(
      'error: --group: 11 parameters; a group has at most 10 (its quadratic regression has 66 terms; see README, "Limits")',
    );
    expect(await refuse("sim,a,b\n1,1,2\n2,3,4\n3,5,6\n", ["--group", "a,b"])).toBe(
      "error: --group: the regression on 2 parameters has 6 terms and needs more samples than that; the PSA has 3",
    );
    const without = await runInProcess(["analyse", "psa.csv", "--group", "a,b"], {
      "psa.csv": PSA,
    });
    expect(expectOneRefusal(without)).toBe(
      "error: --group: needs --parameters FILE, the parameter draws behind each iteration",
    );
  });

  it("--evppi-wtp beyond 101 values", async () => {
    expect(await refuse("p\n1\n2\n3\n", ["--evppi-wtp", "0:200:1"])).toBe(
      "error: --evppi-wtp: 201 values; EVPPI is estimated at most at 101 (each is a column of its table; --wtp takes up to 100,001)",
    );
  });
});
