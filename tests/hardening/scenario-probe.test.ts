/**
 * Cases a probe of scenario files and flags found: a price year that scaled a probability, blank
 * titles and labels that left holes in the report, `extends` of a model file or of nothing, an
 * empty path, a missing model module, a fixed parameter asked for its EVPPI, a correlation
 * matrix that is singular though rounding let it pass. Each is one located message, exit 2.
 */
import { describe, expect, it } from "vitest";
import { expectOneRefusal, runInProcess } from "../helpers/cli.js";

/** A scenario of the SWIS model with these extra lines. */
const swis = (...lines: string[]) =>
  ["model: swis", "title: probe", "psa: { samples: 20, seed: 1 }", ...lines, ""].join("\n");

const refused = async (args: string[], files: Record<string, string> = {}) =>
  expectOneRefusal(await runInProcess(args, files));

describe("inputs", () => {
  it("a price year on an input that is not money is refused (it scaled a probability past 1)", async () => {
    const s = swis("parameters:", "  p_icpc_given_s47: { value: 0.9, price_year: 2014/15 }");
    expect(await refused(["validate", "s.yaml"], { "s.yaml": s })).toBe(
      "error: s.yaml:5:47 parameters.p_icpc_given_s47.price_year: the model gives p_icpc_given_s47 no price year (it is not uprated), so it takes none; remove price_year",
    );
    // Money still takes one.
    const money = swis("unit_costs:", "  c_s47: { value: 1000, price_year: 2014/15 }");
    expect((await runInProcess(["validate", "s.yaml"], { "s.yaml": money })).code).toBe(0);
  });

  it("a blank title or strategy label is refused", async () => {
    const r = await runInProcess(["validate", "s.yaml"], {
      "s.yaml": [
        "model: swis",
        "title: '  '",
        "strategies: { usual: { label: '', intervention: false }, swis: { label: SWIS } }",
        "",
      ].join("\n"),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: s.yaml:2:8 title: expected a text that is not blank, got "  "\n' +
        'error: s.yaml:3:31 strategies.usual.label: expected a text that is not blank, got ""\n',
    );
  });

  it("a singular correlation matrix is not positive definite, though rounding leaves a pivot above 0", async () => {
    const s = swis(
      "correlations:",
      "  - name: g",
      "    parameters: [irr_s47, irr_s17]",
      "    matrix: [[1, -1], [-1, 1]]",
    );
    expect(await refused(["validate", "s.yaml"], { "s.yaml": s })).toMatch(
      /^error: s\.yaml:7:13 correlations\.0\.matrix: correlation "g": the matrix is singular \(a correlation of 1 or −1/,
    );
    // Strong correlations short of ±1 are still taken, on both scales.
    for (const rho of ["0.99", "0.999", "0.999999"]) {
      for (const scale of ["spearman", "normal"]) {
        const strong = swis(
          "correlations:",
          "  - name: g",
          "    parameters: [irr_s47, irr_s17]",
          `    matrix: [[1, ${rho}], [${rho}, 1]]`,
          `    scale: ${scale}`,
        );
        expect((await runInProcess(["validate", "s.yaml"], { "s.yaml": strong })).code).toBe(0);
      }
    }
  });
});

describe("files and paths", () => {
  it("extends of a model file says to name it with model:", async () => {
    const s = "model: swis\ntitle: T\nextends: models/hiv.model.yaml\n";
    expect(await refused(["validate", "s.yaml"], { "s.yaml": s })).toBe(
      "error: s.yaml:3:10 extends: models/hiv.model.yaml is a model file, not a scenario; to run it with this scenario's settings, name it with model: models/hiv.model.yaml",
    );
  });

  it("extends of an empty path or of the scenario's own directory says what it names", async () => {
    expect(
      await refused(["validate", "s.yaml"], { "s.yaml": "model: swis\ntitle: T\nextends: ''\n" }),
    ).toBe("error: s.yaml:3:10 extends: expected the path of a scenario file, got an empty one");
    expect(
      await refused(["validate", "s.yaml"], { "s.yaml": "model: swis\ntitle: T\nextends: .\n" }),
    ).toMatch(/^error: s\.yaml:3:10 extends: cannot read "\." \(looked for \.\): /);
  });

  it("an empty path names its argument or flag", async () => {
    expect(await refused(["validate", ""])).toBe("error: file: expected a path, got an empty one");
    expect(await refused(["analyse", ""])).toBe("error: file: expected a path, got an empty one");
    expect(await refused(["analyse", "p.csv", "--effects", ""])).toBe(
      "error: --effects: expected a path, got an empty one",
    );
  });

  it("a missing model module is 'no such file', without the loader's paths", async () => {
    expect(await refused(["schema", "--model", "./no-such-model.mjs"])).toBe(
      'error: --model: cannot load the model module "./no-such-model.mjs": no such file',
    );
  });
});

describe("commands", () => {
  it("evppi refuses a fixed parameter (it was left out of the table unsaid)", async () => {
    expect(
      await refused([
        "evppi",
        "scenarios/swis-rct.yaml",
        "--samples",
        "300",
        "--parameters",
        "pupils_per_school",
      ]),
    ).toBe(
      "error: --parameters: pupils_per_school is fixed (it does not vary in the PSA), so it has no value of information; name parameters that have a distribution",
    );
  });
});

describe("numbers on the command line", () => {
  it.each(["0x10", "0b11", "Infinity"])(
    "%s is not a decimal number, so not a sample count",
    async (text) => {
      expect(await refused(["run", "scenarios/swis-rct.yaml", "--samples", text])).toBe(
        `error: --samples: expected a number, got "${text}"`,
      );
    },
  );

  it("underscores group digits", async () => {
    const r = await runInProcess([
      "run",
      "scenarios/swis-rct.yaml",
      "--samples",
      "1_000",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).settings.samples).toBe(1000);
  });
});

describe("Dirichlet shares in one-at-a-time analyses", () => {
  it("a share is refused at the flag that names it (it was varied alone, or an internal message)", async () => {
    expect(await refused(["dsa", "scenarios/swis-rct.yaml", "--parameters", "mix_foster"])).toBe(
      "error: --parameters: mix_foster is a share of the group placement_mix, whose shares sum to 1; it cannot be varied on its own",
    );
    expect(
      await refused([
        "threshold",
        "scenarios/swis-rct.yaml",
        "--parameter",
        "mix_foster",
        "--range",
        "0:1",
      ]),
    ).toBe(
      "error: --parameter: mix_foster is a share of the group placement_mix, whose shares sum to 1; it cannot be varied on its own",
    );
  });

  it("a group is named as one, not as an unknown parameter", async () => {
    expect(
      await refused(["dsa", "scenarios/swis-rct.yaml", "--two-way", "irr_s47,placement_mix"]),
    ).toBe(
      "error: --two-way: placement_mix is a group of shares that sum to 1 (a Dirichlet); its shares cannot be varied one at a time",
    );
  });
});

describe("analyse", () => {
  it("iteration labels past 15 significant digits are matched as written (as numbers they would collide)", async () => {
    const long =
      "iteration,strategy,cost,effect\n12345678901234567890,a,1,1\n12345678901234567890,b,2,2\n12345678901234567891,a,1,1\n12345678901234567891,b,3,2\n";
    const draws = "iteration,p\n12345678901234567891,0.2\n12345678901234567890,0.1\n";
    const r = await runInProcess(
      ["analyse", "p.csv", "--parameters", "d.csv", "--format", "json"],
      {
        "p.csv": long,
        "d.csv": draws,
      },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("refuses a PSA of one strategy, long or wide (no comparison is defined)", async () => {
    const long = "iteration,strategy,cost,effect\n1,a,1,1\n2,a,1,1\n3,a,2,1\n";
    expect(await refused(["analyse", "p.csv"], { "p.csv": long })).toBe(
      "error: p.csv: has one strategy (a); an analysis compares at least two (is a strategy column missing, or the file cut short?)",
    );
    const wide = "a\n1\n2\n3\n";
    expect(
      await refused(["analyse", "c.csv", "--effects", "e.csv"], { "c.csv": wide, "e.csv": wide }),
    ).toMatch(/^error: c\.csv: has one strategy \(a\)/);
  });
});

describe("settings in their own words", () => {
  it.each([
    [
      "discount: { costs: 0.035, outcome: 0.01 }",
      'error: s.yaml:4:27 discount.outcome: unknown key "outcome" (did you mean "outcomes"?)',
    ],
    [
      "discount: [0.035]",
      "error: s.yaml:4:11 discount: expected a rate such as 0.035, or { costs, outcomes }, got a list",
    ],
    [
      "psa: { seed: [1] }",
      "error: s.yaml:4:14 psa.seed: expected a whole number from 0 to 9007199254740991 or a word, got a list",
    ],
    [
      "wtp: '0:100000:1000'",
      'error: s.yaml:4:6 wtp: expected { from, to, by } or a list of values, got "0:100000:1000"',
    ],
    ["wtp: { from: 0, to: 10 }", "error: s.yaml:4:6 wtp: expected { from, to, by }: by missing"],
    [
      "wtp: { from: 0, to: 10, step: 1 }",
      "error: s.yaml:4:6 wtp: expected { from, to, by }: by missing (write by instead of step)",
    ],
    [
      "wtp: { start: 0, end: 10, by: 1 }",
      "error: s.yaml:4:6 wtp: expected { from, to, by }: from, to missing (write from instead of start, to instead of end)",
    ],
    [
      "derived: { sw_salary: { expresion: '1' } }",
      'error: s.yaml:4:25 derived.sw_salary.expresion: unknown key "expresion" (did you mean "expression"?)',
    ],
  ])("%s: one message", async (line, expected) => {
    const s = ["model: swis", "title: T", "report_wtp: [20000]", line, ""].join("\n");
    expect(await refused(["validate", "s.yaml"], { "s.yaml": s })).toBe(expected);
  });
});

describe("small things a person reads", () => {
  it("a WTP grid of astronomically many points is not printed digit by digit", async () => {
    const long = "iteration,strategy,cost,effect\n1,a,1,1\n1,b,2,2\n2,a,1,1\n2,b,3,2\n";
    expect(await refused(["analyse", "p.csv", "--wtp", "0:1:1e-300"], { "p.csv": long })).toBe(
      'error: --wtp: "0:1:1e-300" has more than 10^15 points; at most 100,001 (use a larger step)',
    );
  });

  it("--wtp -0 is 0, not '-0'", async () => {
    const r = await runInProcess(["dsa", "scenarios/swis-rct.yaml", "--wtp", "-0"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toContain("at WTP £0.00 ");
  });

  it("a price year written as a number is shown as the financial year it likely means", async () => {
    const s = "model: swis\ntitle: T\nprice_year: 2019\n";
    expect(await refused(["validate", "s.yaml"], { "s.yaml": s })).toBe(
      'error: s.yaml:3:13 price_year: expected a financial year such as "2019/20", got 2019',
    );
    // Not a plausible year: a plain example, never NaN or Infinity.
    for (const [value, shown] of [
      [".inf", "infinity"],
      ["-5", "-5"],
      ["1e20", "100000000000000000000"],
    ]) {
      const odd = `model: swis\ntitle: T\nprice_year: ${value}\n`;
      expect(await refused(["validate", "s.yaml"], { "s.yaml": odd })).toBe(
        `error: s.yaml:3:13 price_year: expected a financial year such as "2023/24", got ${shown}`,
      );
    }
  });

  it("a price index for a model file, which has none, says so (it listed no choices)", async () => {
    const s = "model: ./models/sick-sicker.model.yaml\ntitle: T\nprice_index: nhscii\n";
    expect(await refused(["validate", "s.yaml"], { "s.yaml": s })).toBe(
      'error: s.yaml:3:14 price_index: the model offers no choice of price_index, got "nhscii"',
    );
  });

  it("strategies as a list: a mapping is expected, in words", async () => {
    const s = "model: swis\ntitle: T\nstrategies: [usual, swis]\n";
    expect(await refused(["validate", "s.yaml"], { "s.yaml": s })).toBe(
      "error: s.yaml:3:13 strategies: expected a mapping of names to entries, got a list",
    );
  });
});
