/**
 * `ceakit run`, `validate`, `init` and `schema` on the shipped scenarios and the small
 * hand-checked one. Bad scenarios are covered in scenario-errors.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/cli.js";

const SMALL = "tests/fixtures/scenarios/small.yaml";
const SHIPPED = readdirSync("scenarios")
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => `scenarios/${f}`);

describe("ceakit run", () => {
  it("run prints the base case, ICERs, acceptability, curves, cost-consequence, budget impact and assumptions", async () => {
    const r = await runInProcess(["run", SMALL]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    for (const heading of [
      "Small hand-checked scenario",
      "Base case (every input at its point value)",
      "Probabilistic analysis: incremental results",
      "Probability of being cost-effective",
      "Acceptability curves, frontier and EVPI",
      "Cost-consequence table",
      "Budget impact per year",
      "Inputs that are assumptions",
      "All inputs",
    ]) {
      expect(r.stdout).toContain(heading);
    }
    // ΔC = 252,899 and ΔE = 3.9324 (tests/models/swis.test.ts): an ICER of £64,312.
    expect(r.stdout).toContain("an ICER of £64,312 per Section 47 enquiry avoided");
  });

  it("run --format json gives the same numbers as the library, and --samples/--seed override the file", async () => {
    const a = await runInProcess([
      "run",
      SMALL,
      "--format",
      "json",
      "--samples",
      "40",
      "--seed",
      "9",
    ]);
    const b = await runInProcess([
      "run",
      SMALL,
      "--format",
      "json",
      "--samples",
      "40",
      "--seed",
      "9",
    ]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout); // same seed, same bytes
    const doc = JSON.parse(a.stdout);
    expect(doc.settings).toMatchObject({ samples: 40, seed: 9, priceYear: "2023/24", schools: 2 });
    expect(doc.baseCase.icers[1].icer).toBeCloseTo(64_312.14, 1);
    expect(doc.acceptability.map((x: { wtp: number }) => x.wtp)).toEqual([1000, 50_000]);
    expect(doc.assumptions).toContain("c_s47");
  });

  it("run --format md writes Markdown tables; --format csv the tidy layout analyse shares", async () => {
    const md = await runInProcess(["run", SMALL, "--format", "md", "--samples", "30"]);
    expect(md.stdout.startsWith("# Small hand-checked scenario\n")).toBe(true);
    expect(md.stdout).toMatch(/\n\| WTP £ \| P\(Usual practice\) \|/);
    const csv = await runInProcess(["run", SMALL, "--format", "csv", "--samples", "30"]);
    const lines = csv.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("section,item,strategy,comparator,wtp,statistic,value,text");
    expect(lines.some((l) => l.startsWith("acceptability,,usual,,1000,p_optimal,"))).toBe(true);
    expect(lines).toContain("strategies,,usual,,,label,,Usual practice");
  });

  it("run --out is the file for table, md, json and html whatever its name, and a directory of CSVs for csv", async () => {
    for (const [format, name] of [
      ["table", "results"],
      ["md", "report.md"],
      ["json", "out.txt"],
    ] as const) {
      const r = await runInProcess([
        "run",
        SMALL,
        "--samples",
        "30",
        "--format",
        format,
        "--out",
        name,
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe("");
      expect(r.dirs).toEqual([]);
      expect([...r.writes.keys()]).toEqual([name]);
      expect(r.stderr).toBe(`wrote ${name}\n`);
    }
    const csv = await runInProcess([
      "run",
      SMALL,
      "--samples",
      "30",
      "--format",
      "csv",
      "--out",
      "t",
    ]);
    expect([...csv.writes.keys()].sort()).toEqual(
      [
        "t/acceptability.csv",
        "t/assumptions.csv",
        "t/base_case.csv",
        "t/budget_impact.csv",
        "t/commissioner_break_even.csv",
        "t/commissioner_roi.csv",
        "t/commissioner_savings.csv",
        "t/commissioner_years.csv",
        "t/cost_consequence.csv",
        "t/curves.csv",
        "t/icers.csv",
        "t/inputs.csv",
        "t/pairwise.csv",
        "t/strategies.csv",
        "t/summary.csv",
        "t/switch_points.csv",
      ].sort(),
    );
    // The curves carry the whole grid: 101 WTP values × (2 strategies × 3 + CEAF + EVPI) + header.
    expect(csv.writes.get("t/curves.csv")?.trimEnd().split("\n")).toHaveLength(101 * 8 + 1);
    // Bound together, the files are the single CSV.
    const one = await runInProcess(["run", SMALL, "--samples", "30", "--format", "csv"]);
    const header = one.stdout.split("\n")[0] as string;
    const bodies = [...csv.writes.values()].map((t) => t.slice(header.length + 1)).join("");
    expect(bodies.split("\n").sort()).toEqual(
      one.stdout
        .slice(header.length + 1)
        .split("\n")
        .sort(),
    );
  });

  it("run draws a progress bar only when stderr is a terminal", async () => {
    const tty = await runInProcess(["run", SMALL, "--samples", "30000"], {}, true);
    expect(tty.stderr).toMatch(/\rPSA \[#+ *\] +100% 30,000\/30,000 samples/);
    const pipe = await runInProcess(["run", SMALL, "--samples", "30000"]);
    expect(pipe.stderr).toBe("");
  });

  it("run rejects bad flags with exit 2 and one located line", async () => {
    for (const [args, message] of [
      [["--format", "pdf"], /^error: --format: /],
      [["--samples", "0"], /^error: --samples: /],
      [["--samples", "2.5"], /^error: --samples: /],
      [["--workers", "0"], /^error: --workers: /],
    ] as const) {
      const r = await runInProcess(["run", SMALL, ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    }
  });
});

/** The model a shipped scenario names, itself or through the file it extends. */
function modelOf(file: string): string {
  const text = readFileSync(file, "utf8");
  const named = /^model: (\S+)$/m.exec(text)?.[1];
  if (named !== undefined) return named;
  const parent = /^extends: (\S+)$/m.exec(text)?.[1];
  return parent === undefined ? "swis" : modelOf(`scenarios/${parent}`);
}

describe("ceakit validate, init, schema", () => {
  it("validate accepts every shipped scenario", async () => {
    expect(SHIPPED.length).toBeGreaterThanOrEqual(13);
    const r = await runInProcess(["validate", ...SHIPPED]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(SHIPPED.length);
  });

  it("every shipped scenario starts with the yaml-language-server schema line of its model", () => {
    for (const file of SHIPPED) {
      const text = readFileSync(file, "utf8");
      const model = modelOf(file);
      expect(text.split("\n")[0], file).toBe(
        `# yaml-language-server: $schema=./schema/${model}.scenario.json`,
      );
    }
  });

  it("schema --model swis-pathway prints what scenarios/schema/swis-pathway.scenario.json holds", async () => {
    const r = await runInProcess(["schema", "--model", "swis-pathway"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync("scenarios/schema/swis-pathway.scenario.json", "utf8"));
    expect(Object.keys(JSON.parse(r.stdout).properties.parameters.properties)).toContain(
      "irr_care_entry",
    );
  });

  it("schema prints the JSON Schema that scenarios/schema/swis.scenario.json holds", async () => {
    const r = await runInProcess(["schema"]);
    expect(r.code).toBe(0);
    // Regenerate with `npm run schema` after changing the scenario format.
    expect(r.stdout).toBe(readFileSync("scenarios/schema/swis.scenario.json", "utf8"));
    const schema = JSON.parse(r.stdout);
    expect(Object.keys(schema.properties.parameters.properties)).toContain("sw_salary");
    expect(schema.properties.unit_costs.additionalProperties).toBe(false);
    const bad = await runInProcess(["schema", "--model", "nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --model: unknown model "nope"/);
    const near = await runInProcess(["schema", "--model", "swiss"]);
    expect(near.stderr).toMatch(/^error: --model: unknown model "swiss" \(did you mean "swis"\?\)/);
    // A file that cannot be a model is told which files can.
    for (const file of ["README.md", "models/swis"]) {
      const notModel = await runInProcess(["schema", "--model", file]);
      expect(notModel.code).toBe(2);
      expect(notModel.stdout).toBe("");
      expect(notModel.stderr).toBe(
        `error: --model: "${file}" is not a model: name a shipped model (swis, swis-pathway), a model file (.yaml, .yml) or an ES module (.js, .mjs)\n`,
      );
    }
  });

  it("schema --model <model file> describes the scenarios of that model: its inputs, strategies", async () => {
    const r = await runInProcess(["schema", "--model", "models/hiv.model.yaml"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    const inputs = Object.keys(schema.properties.parameters.properties);
    expect(inputs).toContain("rr");
    expect(inputs).not.toContain("sw_salary");
  });

  it("schema --model <ES module> describes that module's model", async () => {
    const r = await runInProcess([
      "schema",
      "--model",
      "tests/fixtures/modelfile/module/two-state.mjs",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const inputs = Object.keys(JSON.parse(r.stdout).properties.parameters.properties);
    expect(inputs.sort()).toEqual(["c_alive", "p_die"]);
  });

  it("schema --model refuses a model file with mistakes, a scenario file or a missing file, exit 2, printing nothing", async () => {
    const r = await runInProcess([
      "schema",
      "--model",
      "tests/fixtures/modelfile/mistakes.model.yaml",
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^error: tests\/fixtures\/modelfile\/mistakes\.model\.yaml:8:13 rewards_on/,
    );
    const scenario = await runInProcess(["schema", "--model", "scenarios/swis-rct.yaml"]);
    expect(scenario.code).toBe(2);
    expect(scenario.stdout).toBe("");
    expect(scenario.stderr).toBe(
      "error: --model: scenarios/swis-rct.yaml is a scenario (its model is swis), not a model; write --model swis\n",
    );
    const missing = await runInProcess(["schema", "--model", "./no-such.model.yaml"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: \.\/no-such\.model\.yaml/);
  });

  it("init writes the commented template, pointing at the installed schema, and never overwrites", async () => {
    const r = await runInProcess(["init", "mine.yaml"]);
    expect(r.code).toBe(0);
    const text = r.writes.get("mine.yaml") as string;
    expect(text).toMatch(
      /^# yaml-language-server: \$schema=\/.*scenarios\/schema\/swis\.scenario\.json\n/,
    );
    expect(text).toContain("LOCAL");
    expect(r.stdout).toContain("ceakit run mine.yaml");
    // The command it suggests pastes into a shell as it is.
    const spaced = await runInProcess(["init", "mé autorité's.yaml"]);
    expect(spaced.stdout).toContain("\n  ceakit run 'mé autorité'\\''s.yaml'\n");
    expect((await runInProcess(["init", "--", "-x.yaml"])).stdout).toContain(
      "ceakit run ./-x.yaml\n",
    );
    // The written template is itself a valid scenario.
    const check = await runInProcess(["validate", "mine.yaml"], { "mine.yaml": text });
    expect(check.code).toBe(0);
    const again = await runInProcess(["init", "mine.yaml"], { "mine.yaml": "x" });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      "error: mine.yaml: already exists; choose another name or delete it first\n",
    );
    expect(again.writes.size).toBe(0);
  });
});
