/**
 * NaN and Infinity never reach a person (issue class 6): inputs beyond the numeric limits are
 * refused with a located message, a model's non-finite or out-of-range output is a ModelError
 * naming the row, strategy and parameter values, and every human-readable output shows an
 * undefined quantity as "—" with its reason, never NaN, Infinity, ∞ or null.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_MAGNITUDE } from "../../src/analysis/limits.js";
import { ModelError } from "../../src/errors.js";
import { defineModel } from "../../src/model/define-model.js";
import { runBaseCase } from "../../src/psa/base-case.js";
import { runPsa } from "../../src/psa/run-psa.js";
import {
  csvField,
  formatIcer,
  formatMoney,
  formatNumber,
  formatProbability,
  formatWtp,
} from "../../src/report/format.js";
import { runInProcess } from "../helpers/cli.js";

/** Words that must never stand for a number in human-readable output. */
const BAD = /NaN|Infinity|∞|\bnull\b/;

/** A long CSV from rows of [iteration, strategy, cost, effect]. */
const csv = (rows: readonly (readonly (string | number)[])[]) =>
  `iteration,strategy,cost,effect\n${rows.map((r) => r.join(",")).join("\n")}\n`;

/** An ordinary two-strategy PSA of `n` iterations. */
function ordinary(n: number): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (let i = 1; i <= n; i++) {
    rows.push([i, "usual", 1000 + 17 * i, 1 + (i % 5) / 10]);
    rows.push([i, "new", 1500 + 11 * i, 1.2 + (i % 3) / 10]);
  }
  return rows;
}

/** A refused run: exit 2, one located "error:" line, nothing written or printed. */
function expectRefused(run: Awaited<ReturnType<typeof runInProcess>>, pattern: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^error: [^\n]*\n$/);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(run.stdout).toBe("");
  expect(run.writes.size).toBe(0);
}

describe("the issue's reproductions", () => {
  it("CSV costs of 1.7e308 are refused at their cell (they ended in an internal error)", async () => {
    const rows = ordinary(3);
    (rows[2] as (string | number)[])[2] = "1.7e308";
    const r = await runInProcess(["analyse", "psa.csv"], { "psa.csv": csv(rows) });
    expectRefused(
      r,
      /^error: psa\.csv:4:\d+ cost: "1\.7e308" is beyond the limit of ±1e15 for costs and effects/,
    );
  });

  it("finite costs whose mean would overflow are refused at their cell", async () => {
    const rows = ordinary(3).map((row) => [row[0], row[1], "9e307", row[3]] as (string | number)[]);
    const r = await runInProcess(["analyse", "psa.csv"], { "psa.csv": csv(rows) });
    expectRefused(r, /^error: psa\.csv:2:\d+ cost: "9e307" is beyond the limit of ±1e15/);
  });

  it("analyse --population 1e308 is refused", async () => {
    const r = await runInProcess(["analyse", "psa.csv", "--population", "1e308"], {
      "psa.csv": csv(ordinary(5)),
    });
    expectRefused(r, /^error: --population: expected a number from 0 to 1e10, got 1e308\n$/);
  });

  it("analyse --discount=-0.99 --years 1000 is refused", async () => {
    const r = await runInProcess(
      ["analyse", "psa.csv", "--population", "1000", "--discount=-0.99", "--years", "1000"],
      { "psa.csv": csv(ordinary(5)) },
    );
    expectRefused(r, /^error: --years: expected a whole number from 1 to 100, got 1000\n$/);
    const r2 = await runInProcess(
      ["analyse", "psa.csv", "--population", "1000", "--discount=-0.99"],
      { "psa.csv": csv(ordinary(5)) },
    );
    expectRefused(
      r2,
      /^error: --discount: expected a rate from 0 to 0\.2, such as 0\.035, got -0\.99\n$/,
    );
  });

  it("dsa --wtp 1e308 is refused", async () => {
    const r = await runInProcess(["dsa", "scenarios/swis-rct.yaml", "--wtp", "1e308"]);
    expectRefused(r, /^error: --wtp: expected a number from 0 to 1e9, got 1e308\n$/);
  });

  it("a one-sample CSV is refused: no spread or probability is defined", async () => {
    const r = await runInProcess(["analyse", "psa.csv"], { "psa.csv": csv(ordinary(1)) });
    expectRefused(r, /^error: psa\.csv: has 1 sample; a PSA needs at least 2/);
  });

  it("a one-sample PSA is refused by run and in a scenario, as by analyse", async () => {
    expectRefused(
      await runInProcess(["run", "scenarios/swis-rct.yaml", "--samples", "1"]),
      /^error: --samples: expected a whole number from 2 to 1e8, got 1\n$/,
    );
    const one = "title: one\nextends: swis-rct.yaml\npsa:\n  samples: 1\n";
    const r = await runInProcess(["run", "scenarios/one.yaml"], { "scenarios/one.yaml": one });
    expectRefused(r, /^error: scenarios\/one\.yaml:4:\d+ psa\.samples: /);
  });

  it("the shipped main job shows input bounds readably, and no NaN or Infinity anywhere", async () => {
    const r = await runInProcess(["run", "scenarios/swis-rct.yaml"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/NaN|Infinity|∞/);
    // "null" appears only inside a source's own words ("Trial secondary outcome null").
    expect(r.stdout.replace(/outcome null/g, "")).not.toMatch(/\bnull\b/);
    expect(r.stdout).toMatch(/gamma\(mean 350, sd 150, bounds ≥ 0\)/);
    expect(r.stdout).not.toMatch(/bounds 0 0/);
    // Every "—" in a table has its reason under it.
    expect(r.stdout).toMatch(/^— no increment or ICER: the strategy is dominated$/m);
  });

  it("an infinite base case names the parameter values", async () => {
    const broken = defineModel({
      name: "broken",
      parameters: { x: { type: "fixed", value: 0 }, y: { type: "fixed", value: 2 } },
      strategies: ["a", "b"],
      evaluate(p, out) {
        out.cost.a[0] = 1;
        out.cost.b[0] = (p.y[0] as number) / (p.x[0] as number);
        out.effect.a[0] = 0;
        out.effect.b[0] = 0;
      },
    });
    const error = await runBaseCase(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toBe(
      'model broken: base case, strategy "b": cost is infinity (parameters: x = 0, y = 2)',
    );
  });

  it("a PSA sample beyond ±1e15 is a ModelError naming the sample, strategy and values", async () => {
    const huge = defineModel({
      name: "huge",
      parameters: { x: { type: "uniform", min: 0, max: 1 } },
      strategies: ["a", "b"],
      evaluate(p, out, { n }) {
        for (let i = 0; i < n; i++) {
          const x = p.x[i] as number;
          out.cost.a[i] = 1;
          out.cost.b[i] = x > 0.9 ? 1e300 : 2;
          out.effect.a[i] = 0;
          out.effect.b[i] = x;
        }
      },
    });
    const error = await runPsa(huge, { samples: 200, seed: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(
      /^model huge: sample \d+, strategy "b": cost is 1e\+300, beyond the limit of ±1e15 \(parameters: x = 0\.9\d*\)$/,
    );
  });

  it("an ICER with no difference in effect is — with its reason, and null only in JSON", async () => {
    const rows: (string | number)[][] = [];
    for (let i = 1; i <= 4; i++) rows.push([i, "a", 100 + i, 1], [i, "b", 200 + i, 1]);
    const files = { "psa.csv": csv(rows) };
    const text = await runInProcess(["analyse", "psa.csv"], files);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(BAD);
    expect(text.stdout).toContain("ICER — (ICER undefined: no difference in effect)");
    const table = await runInProcess(["analyse", "psa.csv", "--format", "csv"], files);
    expect(table.stdout).not.toMatch(BAD);
    expect(table.stdout).toMatch(/^pairwise,,b,a,,icer,,$/m);
    const json = JSON.parse(
      (await runInProcess(["analyse", "psa.csv", "--format", "json"], files)).stdout,
    );
    expect(json.pairwise.comparisons[0].icer).toBeNull();
  });
});

/** Numbers a careless user or an attacker might type: extremes, edges and ordinary values. */
const extreme = fc.oneof(
  fc.constantFrom(
    "1.7e308",
    "-1.7e308",
    "1e309",
    "9e307",
    "1e15",
    "-1e15",
    "1.0000001e15",
    "1e16",
    "5e-324",
    "0",
    "-0",
    "NaN",
    "Infinity",
    "-Infinity",
    "inf",
    "1e-300",
  ),
  fc.double({ noNaN: false }).map((x) => String(x)),
  fc.integer({ min: -1e6, max: 1e6 }).map((x) => String(x)),
);

describe("generated extreme numbers", () => {
  it("in CSV cells: refused at the cell, or analysed with no NaN, Infinity or null shown", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(7), fc.constantFrom(2, 3), extreme), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.constantFrom("table", "csv"),
        async (edits, format) => {
          const rows = ordinary(4);
          for (const [r, c, v] of edits) (rows[r] as (string | number)[])[c] = v;
          const run = await runInProcess(["analyse", "psa.csv", "--format", format], {
            "psa.csv": csv(rows),
          });
          if (run.code === 0) {
            expect(run.stdout).not.toMatch(BAD);
          } else {
            expectRefused(run, /^error: psa\.csv:\d+:\d+ (cost|effect): /);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("in flags: refused naming the flag, or the report has no NaN, Infinity or null", async () => {
    const files = { "psa.csv": csv(ordinary(6)) };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("--population", "--years", "--discount", "--wtp"),
        extreme,
        fc.constantFrom("table", "csv"),
        async (flag, value, format) => {
          const args = ["analyse", "psa.csv", "--format", format, `${flag}=${value}`];
          if (flag !== "--population") args.push("--population", "1000");
          const run = await runInProcess(args, files);
          if (run.code === 0) expect(run.stdout).not.toMatch(BAD);
          else expectRefused(run, new RegExp(`^error: ${flag}: `));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("in dsa and threshold flags: refused naming the flag, or nothing non-finite shown", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("dsa", "threshold"), extreme, async (command, value) => {
        const args =
          command === "dsa"
            ? ["dsa", "scenarios/swis-rct.yaml", `--wtp=${value}`]
            : [
                "threshold",
                "scenarios/swis-rct.yaml",
                "--parameter",
                "sw_salary",
                `--range=${value}:1e6`,
              ];
        const run = await runInProcess(args);
        if (run.code === 0) expect(run.stdout).not.toMatch(/NaN|Infinity|∞/);
        else expectRefused(run, command === "dsa" ? /^error: --wtp: / : /^error: --range: /);
      }),
      { numRuns: 12 },
    );
  });

  it("through every formatter: never NaN, Infinity or ∞", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.double({ noNaN: false }), (x, y) => {
        for (const text of [
          formatMoney(x),
          formatNumber(x),
          formatWtp(x),
          formatProbability(x),
          formatIcer(x, y),
          csvField(x),
        ]) {
          expect(text).not.toMatch(/NaN|Infinity|∞/);
        }
        if (!Number.isFinite(x)) expect(formatMoney(x)).toBe("—");
        if (Math.abs(x) <= MAX_MAGNITUDE) expect(formatNumber(x)).not.toBe("—");
      }),
      { numRuns: 300 },
    );
  });
});
