/**
 * Cases an adversarial review of the CLI found: a fine WTP grid as CSV, stepped discount bands
 * out of order in a model file, a programme that costs the local authority nothing, non-finite
 * values in messages, model outputs beyond the limits, and reports too long to write. Each is
 * one located message with exit code 2, or a clean run.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/cli.js";

/** A refused command: exit 2, one "error:" line per problem, no stack, nothing on stdout. */
function expectRefused(run: Awaited<ReturnType<typeof runInProcess>>, pattern: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at |NaN|Infinity/);
  expect(run.stdout).toBe("");
  expect(run.writes.size).toBe(0);
}

/** A scenario of the SWIS model with these extra lines. */
const swis = (...lines: string[]) =>
  ["model: swis", "title: probe", "psa: { samples: 20, seed: 1 }", ...lines, ""].join("\n");

describe("reports", () => {
  it("a WTP grid of 20,001 values runs to a CSV report (push(...rows) overflowed the stack)", async () => {
    const file = "scenarios/probe-fine-grid.yaml";
    const r = await runInProcess(["run", file, "--format", "csv"], {
      [file]: swis("wtp: { from: 0, to: 100000, by: 5 }"),
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // every grid value has its acceptability rows
    expect(r.stdout).toContain(",ceac,");
    expect(r.stdout).toMatch(/\n[^\n]*,99995,/);
  });

  it("a grid whose report would be too long is refused when the scenario is read", async () => {
    const file = "probe-many.yaml";
    const strategies = Array.from(
      { length: 99 },
      (_, i) => `  s${i}: { label: S${i}, inputs: { sw_fte_per_school: 0.5 } }`,
    );
    const text = swis(
      "wtp: { from: 0, to: 100000, by: 1 }",
      "strategies:",
      "  usual: { label: Usual, intervention: false }",
      ...strategies,
    );
    for (const command of ["validate", "run"]) {
      const r = await runInProcess([command, file], { [file]: text });
      expectRefused(
        r,
        /^error: probe-many\.yaml:4:\d+ wtp: 100,001 WTP values with 100 strategies make a report of about [\d.]+ GB; at most [\d,]+ values fit \(use a larger step\)\n$/,
      );
    }
  });

  it("a programme that costs the local authority nothing has no ROI, said in words", async () => {
    const file = "probe-grant.yaml";
    const r = await runInProcess(["run", file], {
      [file]: swis("perspective: local_authority", "settings:", "  costing: grant"),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "ROI on cashable savings none (the programme costs nothing or less on average)",
    );
    expect(r.stdout).toContain("— no ROI: the programme costs nothing or less");
    expect(r.stdout).not.toMatch(/undefined|NaN|Infinity/);
  });
});

describe("model files: stepped discount bands", () => {
  const model = readFileSync("models/sick-sicker.model.yaml", "utf8");
  const withDiscount = (d: string) => {
    const text = model.replace(/^discount: .*$/m, `discount: ${d}`);
    expect(text).not.toBe(model);
    return text;
  };

  it.each([
    [
      "bands out of order",
      "[{ until: 30, rate: 0.035 }, { until: 10, rate: 0.03 }, { until: end, rate: 0.02 }]",
      /discount\.1\.until: band 2 must end after 30 years \(where the band before it ends\), got 10\n$/,
    ],
    [
      "no band to the end",
      "[{ until: 5, rate: 0.035 }]",
      /discount\.0\.until: the last band must run to the end \(until: end\): after 5 years no rate would apply\n$/,
    ],
    [
      "two bands to the end, per outcome",
      "{ costs: [{ until: end, rate: 0.035 }, { until: end, rate: 0.03 }], effects: 0.03 }",
      /discount\.costs\.0\.until: only the last band may run to the end; band 1 of 2 does\n$/,
    ],
  ])("%s: located at the band, exit 2", async (_, discount, pattern) => {
    const file = "probe-bands.model.yaml";
    for (const args of [
      ["validate", file],
      ["schema", "--model", file],
    ]) {
      const r = await runInProcess(args, { [file]: withDiscount(discount) });
      expectRefused(r, /^error: probe-bands\.model\.yaml:\d+:\d+ /);
      expect(r.stderr).toMatch(pattern);
    }
  });
});

describe("values in messages", () => {
  it.each([
    ["psa: { samples: .inf, seed: 1 }", /psa\.samples: expected a number, got infinity/],
    ['derived: { irr_s47: "1/0" }', /derived\.irr_s47: "1\/0" is infinity at the base case/],
    [
      "parameters: { irr_s47: { type: gamma, mean: 1, sd: 1e-300 } }",
      /parameters\.irr_s47: gamma: mean and sd give shape = infinity, outside what can be computed/,
    ],
  ])("%s", async (line, pattern) => {
    const file = "probe-values.yaml";
    const text = line.startsWith("psa:")
      ? ["model: swis", "title: probe", line, ""].join("\n")
      : swis(line);
    const r = await runInProcess(["validate", file], { [file]: text });
    expectRefused(r, pattern);
  });

  it("a model file's formula that is NaN says so in words", async () => {
    const file = "probe-nan.model.yaml";
    const model = readFileSync("models/sick-sicker.model.yaml", "utf8");
    const text = model.replace("state_costs: { H: c_H,", 'state_costs: { H: "log(-1)",');
    expect(text).not.toBe(model);
    const r = await runInProcess(["validate", file], { [file]: text });
    expectRefused(r, /"log\(-1\)" is not a number\n$/);
  });

  it("a model output beyond ±1e15 in some sample is the person's to mend: exit 2", async () => {
    const file = "probe-wide.yaml";
    const r = await runInProcess(["run", file, "--samples", "200"], {
      [file]: swis("parameters:", "  irr_s47: { type: lognormal, meanlog: 0, sdlog: 100 }"),
    });
    expectRefused(
      r,
      /^error: probe-wide\.yaml:1:1: model swis: sample \d+, strategy "swis": cost is [-\d.e+]+, beyond the limit of ±1e15 \(parameters: irr_s47 = /,
    );
  });
});

describe("model-file messages", () => {
  it('a blank expression is empty, not a use of "undefined"', async () => {
    const file = "probe-blank.model.yaml";
    const model = readFileSync("models/sick-sicker.model.yaml", "utf8");
    const text = model.replace("state_costs: { H: c_H,", 'state_costs: { H: "   ",');
    expect(text).not.toBe(model);
    const r = await runInProcess(["validate", file], { [file]: text });
    expectRefused(
      r,
      /state_costs\.H: the expression " {3}" is empty: write a number or a formula\n$/,
    );
  });

  it("a row that does not sum to 1 lists the person's inputs, not the file's internal columns", async () => {
    const file = "probe-row.model.yaml";
    const model = readFileSync("models/sick-sicker.model.yaml", "utf8");
    const text = model.replace("S2: { S2: 1 - p_S2D, D: p_S2D }", "S2: { S2: 0.95, D: p_S2D }");
    expect(text).not.toBe(model);
    const r = await runInProcess(["validate", file], { [file]: text });
    expectRefused(r, /the probabilities of row S2 sum to 0\.9698\d+, not 1/);
    expect(r.stderr).toContain("p_S2D = 0.0198");
    expect(r.stderr).not.toMatch(/#\d+ =/);
  });

  it("a file of several YAML documents is one plain message", async () => {
    const file = "probe-multi.yaml";
    const r = await runInProcess(["validate", file], {
      [file]: "model: swis\ntitle: a\n---\nmodel: swis\n",
    });
    expectRefused(
      r,
      /^error: probe-multi\.yaml:3:1: YAML syntax error: the file holds more than one YAML document \(a line of --- starts another\); keep one\n$/,
    );
    expect(r.stderr).not.toContain("parseAllDocuments");
  });

  it("brackets nested thousands deep are one plain message, not the parser's stack overflow", async () => {
    const file = "probe-deep.yaml";
    const r = await runInProcess(["validate", file], {
      [file]: `model: swis\ntitle: a\ndescription: ${"[".repeat(5000)}${"]".repeat(5000)}\n`,
    });
    expectRefused(
      r,
      /^error: probe-deep\.yaml:3:\d+: YAML syntax error: the brackets or indentation nest too deeply to read; a scenario or model needs a few levels\n$/,
    );
  });
});

describe("sensitivity flags", () => {
  const file = "scenarios/swis-rct.yaml";

  it("dsa refuses the comparator as --strategy, and an unknown one, naming the flag", async () => {
    expectRefused(
      await runInProcess(["dsa", file, "--strategy", "usual"]),
      /^error: --strategy: "usual" is the comparator, which the other strategies are compared with; name one of swis\n$/,
    );
    expectRefused(
      await runInProcess(["dsa", file, "--strategy", "swiss"]),
      /^error: --strategy: unknown strategy "swiss" \(did you mean "swis"\?\); the model has usual, swis\n$/,
    );
  });

  it("a parameter named twice in --parameters or --two-way is refused", async () => {
    expectRefused(
      await runInProcess(["dsa", file, "--parameters", "irr_s47,irr_s47"]),
      /^error: --parameters: "irr_s47" is named twice\n$/,
    );
    expectRefused(
      await runInProcess(["dsa", file, "--two-way", "irr_s47,irr_s47"]),
      /^error: --two-way: "irr_s47" is named twice\n$/,
    );
  });
});

describe("model files keep the strategy limits of scenarios", () => {
  const model = readFileSync("models/hiv.model.yaml", "utf8");

  it("more than 100 strategies are refused at the 101st (mono, comb, extra0 … extra98)", async () => {
    const block = model.slice(model.indexOf("\n  comb:") + 1);
    const extra = Array.from({ length: 100 }, (_, i) =>
      block.replace(/^ {2}comb:/, `  extra${i}:`),
    );
    const text = `${model.trimEnd()}\n${extra.join("")}`;
    const file = "probe-strategies.model.yaml";
    const r = await runInProcess(["validate", file], { [file]: text });
    expectRefused(r, /strategies\.extra98: more than 100 strategies; at most 100 can be compared/);
  });

  it("a strategy name of more than 200 characters is refused", async () => {
    const long = `s${"x".repeat(200)}`;
    const text = model.replace(/^ {2}comb:/m, `  ${long}:`);
    expect(text).not.toBe(model);
    const file = "probe-name.model.yaml";
    const r = await runInProcess(["validate", file], { [file]: text });
    expectRefused(r, /a strategy name has at most 200 characters/);
  });
});

describe("a model file's broken table", () => {
  it("is the one problem reported, not also every lookup on it", async () => {
    const model = "tests/fixtures/modelfile/revision.model.yaml";
    const table = "tests/fixtures/modelfile/life-table.csv";
    const broken = "age,male,female\n60,0.0091,0.0058\n50,0.0142,0.0093\n";
    const r = await runInProcess(["validate", model], { [table]: broken });
    expectRefused(
      r,
      /^error: [^\n]*life-table\.csv:3:1[^\n]*keys must increase from row to row, got 50 after 60\n$/,
    );
    expect(r.stderr).not.toContain("not a table");
  });
});

describe("CSV cells in messages", () => {
  it("a 100,000-digit cell is quoted by its first 40 characters, not echoed whole", async () => {
    const digits = "1".repeat(100_000);
    const r = await runInProcess(["analyse", "psa.csv"], {
      "psa.csv": `iteration,strategy,cost,effect\n1,a,${digits},1\n1,b,1,1\n`,
    });
    expectRefused(r, /^error: psa\.csv:2:5 cost: "1{40}…" is too large to be a finite number\n$/);
  });
});

describe("WTP steps larger than their range", () => {
  it("are refused, in --wtp and in a scenario, instead of becoming a grid of one value", async () => {
    const csv = "iteration,strategy,cost,effect\n1,a,1,1\n1,b,2,2\n2,a,1,1\n2,b,2,3\n";
    expectRefused(
      await runInProcess(["analyse", "psa.csv", "--wtp", "0:10:100"], { "psa.csv": csv }),
      /^error: --wtp: step 100 is larger than the range from 0 to 10 in "0:10:100": the grid would hold 0 alone/,
    );
    const file = "probe-step.yaml";
    expectRefused(
      await runInProcess(["validate", file], { [file]: swis("wtp: { from: 0, to: 10, by: 100 }") }),
      /^error: probe-step\.yaml:4:\d+ wtp\.by: the step 100 is larger than the range from 0 to 10/,
    );
  });
});

describe("messages that pointed elsewhere", () => {
  const model = readFileSync("models/sick-sicker.model.yaml", "utf8");
  const edited = (from: string, to: string) => {
    const text = model.replace(from, to);
    expect(text).not.toBe(model);
    return text;
  };

  it("a model file of another format version says so", async () => {
    const file = "probe-format.model.yaml";
    const r = await runInProcess(["validate", file], {
      [file]: edited("format: ceakit-model/1", "format: ceakit-model/2"),
    });
    expectRefused(
      r,
      /^error: probe-format\.model\.yaml:7:9 format: "ceakit-model\/2" is not a model file format this ceakit reads; it reads ceakit-model\/1\n$/,
    );
  });

  it("a misspelt discount schedule lists what a discount may be, with a did-you-mean", async () => {
    const file = "probe-discount.model.yaml";
    const forms =
      "expected a rate from 0 to 0\\.2, green-book or green-book-health, bands \\[\\{ until, rate \\}, …\\]";
    for (const [discount, expected] of [
      [
        "green-bok",
        `discount: ${forms} or \\{ costs, effects \\}, got "green-bok" \\(did you mean "green-book"\\?\\)`,
      ],
      [
        "{ costs: green-bok, effects: 0.03 }",
        `discount\\.costs: ${forms}, got "green-bok" \\(did you mean "green-book"\\?\\)`,
      ],
      ["{ costs: .inf, effects: 0.03 }", `discount\\.costs: ${forms}, got infinity`],
    ] as const) {
      const r = await runInProcess(["validate", file], {
        [file]: edited("discount: { costs: 0.03, effects: 0.03 }", `discount: ${discount}`),
      });
      expectRefused(r, new RegExp(`^error: probe-discount\\.model\\.yaml:18:\\d+ ${expected}\\n$`));
    }
  });

  it("init with an empty file name names its argument, not --out", async () => {
    expectRefused(
      await runInProcess(["init", ""]),
      /^error: file: expected a path, got an empty one\n$/,
    );
  });
});

describe("one value past several bounds", () => {
  it("is told the tightest bound alone", async () => {
    const file = "probe-bounds.yaml";
    const r = await runInProcess(["validate", file], {
      [file]: "model: swis\ntitle: x\nhorizon_years: 1e20\npsa: { samples: 1e300 }\n",
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      "error: probe-bounds.yaml:3:16 horizon_years: expected a number at most 50, got 100000000000000000000",
      "error: probe-bounds.yaml:4:17 psa.samples: expected a number at most 100000000, got 1e+300",
    ]);
  });
});

describe("a cost and an effect matrix", () => {
  const costs = "sim,a,b\n1,1,2\n2,1,3\n3,2,2\n";

  it("whose rows name iterations in another order are refused, not paired by position", async () => {
    const r = await runInProcess(["analyse", "c.csv", "--effects", "e.csv"], {
      "c.csv": costs,
      "e.csv": "sim,a,b\n3,1,2\n2,1,3\n1,2,2\n",
    });
    expectRefused(
      r,
      /^error: e\.csv:2:1 sim: row 1 is iteration "3", but row 1 of the cost file is "1": both files must list the iterations in the same order\n$/,
    );
  });

  it("are paired when their labels agree, as numbers (01 is 1) or without labels", async () => {
    for (const effects of ["sim,a,b\n01,1,2\n2,1,3\n3,2,2\n", "a,b\n1,2\n1,3\n2,2\n"]) {
      const r = await runInProcess(["analyse", "c.csv", "--effects", "e.csv", "--format", "json"], {
        "c.csv": costs,
        "e.csv": effects,
      });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
  });
});

describe("what the review of these fixes found", () => {
  it("a step that fills its range up to rounding is a grid of two values, not refused", async () => {
    const csv = "iteration,strategy,cost,effect\n1,a,1,1\n1,b,2,2\n2,a,1,1\n2,b,2,3\n";
    const r = await runInProcess(
      ["analyse", "psa.csv", "--wtp", "1.1:1.4:0.3", "--format", "json"],
      {
        "psa.csv": csv,
      },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const file = "probe-two.yaml";
    const v = await runInProcess(["validate", file], {
      [file]: swis("wtp: { from: 1.1, to: 1.4, by: 0.3 }"),
    });
    expect(v.stderr).toBe("");
    expect(v.code).toBe(0);
  });

  it("a bound is rounded away from the values it allows, never to the value refused", async () => {
    const file = "probe-grant-years.yaml";
    const r = await runInProcess(["validate", file], {
      [file]: swis("settings:", "  costing: grant", "  grant_years: 0.0833333333333"),
    });
    expectRefused(
      r,
      /settings\.grant_years: expected a number of at least 0\.0833333333334, got 0\.0833333333333\n$/,
    );
  });

  it("the commissioner sentence of a shipped scenario reads as before", async () => {
    const r = await runInProcess(["run", "scenarios/swis-rct.yaml", "--samples", "200"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /undiscounted: ROI on cashable savings -?\d+% \(95% interval -?\d+% to -?\d+%\), with released staff time -?\d+% \(-?\d+% to -?\d+%\)\. On cashable savings/,
    );
  });

  it("a model file of more than 100 mistakes lists the first 100 and a count", async () => {
    const model = readFileSync("models/hiv.model.yaml", "utf8");
    const bad = Array.from({ length: 150 }, (_, i) => `  bad${i}: "nope${i} + 1"`).join("\n");
    const text = model.replace(/^parameters:\n/m, `parameters:\n${bad}\n`);
    expect(text).not.toBe(model);
    const file = "probe-many-mistakes.model.yaml";
    const r = await runInProcess(["validate", file], { [file]: text });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(101);
    expect(lines[100]).toMatch(/and 50 more problems; fix these first$/);
  });
});
