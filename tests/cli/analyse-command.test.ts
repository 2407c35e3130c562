import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/program.js";
import { decodeInputText } from "../../src/core/text-input.js";
import { readError } from "../../src/node/input-file.js";
import { runOnDisk } from "../helpers/cli.js";
import { fixturePath } from "../helpers/reference.js";

/** What one in-process run of the CLI did. */
interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Files written through `writeText`, by path. */
  readonly writes: ReadonlyMap<string, string>;
}

/** An error with a Node-style `code`, as `readFileSync` throws. */
function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * Runs `ceakit <args>` in-process on an in-memory file system holding `files`. Unknown paths
 * fail with ENOENT, as on disk.
 */
async function run(args: readonly string[], files: Record<string, string> = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const writes = new Map<string, string>();
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readInput: (path) => {
      const text = files[path];
      if (text === undefined) {
        throw readError(
          path,
          nodeError("ENOENT", `ENOENT: no such file or directory, open '${path}'`),
        );
      }
      return decodeInputText(new TextEncoder().encode(text), path);
    },
    checkOutput: () => {},
    writeFile: (output, text) => {
      writes.set(output.path, text);
    },
    writeSet: () => {
      throw new Error("analyse writes one file");
    },
    stderrIsTty: false,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr, writes };
}

/** A bad-input fixture (tests/fixtures/bad-input) as an in-memory file under its own name. */
function badInput(...names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => [name, readFileSync(fixturePath(`bad-input/${name}`), "utf8")]),
  );
}

/** Asserts a run was rejected as bad input: exit 2, one error line, no output, no file. */
function expectRejected(result: CliRun, message: string): void {
  expect(result.stderr).toBe(`error: ${message}\n`);
  expect(result.stderr.split("\n")).toHaveLength(2); // one line and its line end
  expect(result.stderr).not.toContain("    at ");
  expect(result.stdout).toBe("");
  expect(result.writes.size).toBe(0);
  expect(result.code).toBe(2);
}

/**
 * Runs `args` twice, to standard output and with `--out report.json`, and asserts both are
 * rejected with `message` and write nothing.
 */
async function expectBadInput(
  args: readonly string[],
  files: Record<string, string>,
  message: string,
): Promise<void> {
  expectRejected(await run(args, files), message);
  expectRejected(await run([...args, "--out", "report.json"], files), message);
}

// Four strategies, two iterations, chosen so every result can be checked by hand:
// means usual (100, 1), swis_a (300, 1.25), swis_b (400, 2), swis_c (500, 1.5).
// swis_a is extendedly dominated, swis_c dominated by swis_b, and the expected-best strategy
// switches from usual to swis_b at WTP (400 - 100) / (2 - 1) = 300.
const PSA =
  "iteration,strategy,cost,effect\n" +
  "1,usual,80,0.75\n1,swis_a,250,1\n1,swis_b,350,1.75\n1,swis_c,450,1.25\n" +
  "2,usual,120,1.25\n2,swis_a,350,1.5\n2,swis_b,450,2.25\n2,swis_c,550,1.75\n";
const STRATEGIES = ["usual", "swis_a", "swis_b", "swis_c"];
const FILES = { "psa.csv": PSA };
// At WTP 310, iteration 1 favours swis_b (192.5 vs usual 152.5), iteration 2 usual
// (267.5 vs swis_b 247.5); on average swis_b wins (220 vs 210), so EVPI = 230 - 220 = 10.
const WTP = "0,310,1000";

// The same PSA as wide cost and effect matrices, the cost one with an R row-label column.
const WIDE_COST = ",usual,swis_a,swis_b,swis_c\n1,80,250,350,450\n2,120,350,450,550\n";
const WIDE_EFFECT = "usual,swis_a,swis_b,swis_c\n0.75,1,1.75,1.25\n1.25,1.5,2.25,1.75\n";

/** Parses a JSON report. */
// biome-ignore lint/suspicious/noExplicitAny: the report is checked field by field
function parseReport(text: string): any {
  return JSON.parse(text);
}

describe("analyse", () => {
  it("analyse --format json reports every section with hand-checked values", async () => {
    const result = await run(["analyse", "psa.csv", "--format", "json", "--wtp", WTP], FILES);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.writes.size).toBe(0);
    const doc = parseReport(result.stdout);
    expect(Object.keys(doc)).toEqual([
      "strategies",
      "nSamples",
      "wtp",
      "summary",
      "icers",
      "enb",
      "ceac",
      "ceaf",
      "evpi",
      "expectedLoss",
      "switchPoints",
      "pairwise",
      "populationEvpi",
      "evppi",
    ]);
    expect(doc.strategies).toEqual(STRATEGIES);
    expect(doc.nSamples).toBe(2);
    expect(doc.wtp).toEqual([0, 310, 1000]);
    expect(doc.summary.map((s: { strategy: string }) => s.strategy)).toEqual(STRATEGIES);
    expect(doc.summary[2].cost.mean).toBe(400);
    expect(doc.summary[2].effect.mean).toBe(2);
    // Incremental table: frontier first (by cost), then ED and D rows.
    expect(doc.icers).toEqual([
      {
        strategy: "usual",
        cost: 100,
        effect: 1,
        incCost: null,
        incEffect: null,
        icer: null,
        status: "ND",
      },
      {
        strategy: "swis_b",
        cost: 400,
        effect: 2,
        incCost: 300,
        incEffect: 1,
        icer: 300,
        status: "ND",
      },
      {
        strategy: "swis_a",
        cost: 300,
        effect: 1.25,
        incCost: null,
        incEffect: null,
        icer: null,
        status: "ED",
      },
      {
        strategy: "swis_c",
        cost: 500,
        effect: 1.5,
        incCost: null,
        incEffect: null,
        icer: null,
        status: "D",
      },
    ]);
    for (const row of doc.icers) {
      expect(Object.keys(row)).toEqual([
        "strategy",
        "cost",
        "effect",
        "incCost",
        "incEffect",
        "icer",
        "status",
      ]);
      expect(["ND", "ED", "D"]).toContain(row.status);
    }
    // One CEAC array per WTP, one probability per strategy.
    expect(doc.ceac).toEqual([
      [1, 0, 0, 0],
      [0.5, 0, 0.5, 0],
      [0, 0, 1, 0],
    ]);
    expect(doc.ceaf).toEqual([
      { strategy: "usual", probability: 1 },
      { strategy: "swis_b", probability: 0.5 },
      { strategy: "swis_b", probability: 1 },
    ]);
    expect(doc.evpi).toHaveLength(3);
    expect(doc.evpi[0]).toBe(0);
    expect(doc.evpi[1]).toBeCloseTo(10, 9);
    expect(doc.evpi[2]).toBe(0);
    expect(doc.enb[1]).toEqual([210, 87.5, 220, -35]);
    expect(doc.switchPoints).toEqual([{ wtp: 300, from: "usual", to: "swis_b" }]);
    expect(doc.pairwise.comparator).toBe("usual");
    expect(
      doc.pairwise.comparisons.map((c: { strategy: string; icer: number }) => [c.strategy, c.icer]),
    ).toEqual([
      ["swis_a", 800],
      ["swis_b", 300],
      ["swis_c", 800],
    ]);
    expect(doc.populationEvpi).toBeNull();
    expect(doc.evppi).toBeNull();
  });

  it("analyse uses the default WTP grid 0:100000:1000", async () => {
    const result = await run(["analyse", "psa.csv", "--format", "json"], FILES);
    expect(result.code).toBe(0);
    const doc = parseReport(result.stdout);
    expect(doc.wtp).toHaveLength(101);
    expect(doc.wtp[0]).toBe(0);
    expect(doc.wtp[34]).toBe(34000);
    expect(doc.wtp[100]).toBe(100000);
    expect(doc.ceac).toHaveLength(101);
  });

  it("analyse --wtp reads a range and a list", async () => {
    const range = await run(
      ["analyse", "psa.csv", "--format", "json", "--wtp", "0:1000:250"],
      FILES,
    );
    expect(range.code).toBe(0);
    expect(parseReport(range.stdout).wtp).toEqual([0, 250, 500, 750, 1000]);
    const list = await run(
      ["analyse", "psa.csv", "--format", "json", "--wtp", " 100, 1_000 ,20000"],
      FILES,
    );
    expect(list.code).toBe(0);
    expect(parseReport(list.stdout).wtp).toEqual([100, 1000, 20000]);
  });

  it("analyse --comparator changes the pairwise comparator", async () => {
    const result = await run(
      ["analyse", "psa.csv", "--format", "json", "--wtp", WTP, "--comparator", "swis_b"],
      FILES,
    );
    expect(result.code).toBe(0);
    const doc = parseReport(result.stdout);
    expect(doc.pairwise.comparator).toBe("swis_b");
    expect(doc.pairwise.comparisons.map((c: { strategy: string }) => c.strategy)).toEqual([
      "usual",
      "swis_a",
      "swis_c",
    ]);
  });

  it("analyse --format csv writes a tidy CSV", async () => {
    const result = await run(["analyse", "psa.csv", "--format", "csv", "--wtp", WTP], FILES);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("section,item,strategy,comparator,wtp,statistic,value,text");
    expect(lines).toContain("icers,,swis_b,,,icer,300,");
    expect(lines).toContain("icers,,usual,,,icer,,");
    // A text value (a status) is in `text`, so `value` stays numeric.
    expect(lines).toContain("icers,,swis_a,,,status,,ED");
    expect(lines).toContain("switch_points,,swis_b,usual,300,switch,300,");
    expect(lines).toContain("curves,,usual,,310,ceac,0.5,");
    expect(lines.at(-1)).toBe("");
  });

  it("analyse --format table (the default) names every strategy", async () => {
    const result = await run(["analyse", "psa.csv", "--wtp", WTP], FILES);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(
      "Cost-effectiveness analysis of psa.csv: 4 strategies, 2 samples",
    );
    for (const name of STRATEGIES) expect(result.stdout).toContain(name);
    expect(result.stdout).toContain("at WTP 300: usual -> swis_b");
    expect(result.stdout).toContain("extendedly dominated");
  });

  it("analyse --out writes the report to the file, nothing to standard output, and says what it wrote", async () => {
    const result = await run(
      ["analyse", "psa.csv", "--format", "json", "--wtp", WTP, "--out", "out/report.json"],
      FILES,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("wrote out/report.json\n");
    expect([...result.writes.keys()]).toEqual(["out/report.json"]);
    const doc = parseReport(result.writes.get("out/report.json") as string);
    expect(doc.strategies).toEqual(STRATEGIES);
    expect(doc.switchPoints).toEqual([{ wtp: 300, from: "usual", to: "swis_b" }]);
  });

  it("analyse --effects reads a wide cost and effect pair like the long file", async () => {
    const files = { "cost.csv": WIDE_COST, "effect.csv": WIDE_EFFECT, ...FILES };
    const wide = await run(
      ["analyse", "cost.csv", "--effects", "effect.csv", "--format", "json", "--wtp", WTP],
      files,
    );
    expect(wide.stderr).toBe("");
    expect(wide.code).toBe(0);
    const long = await run(["analyse", "psa.csv", "--format", "json", "--wtp", WTP], files);
    expect(parseReport(wide.stdout)).toEqual(parseReport(long.stdout));
    const table = await run(["analyse", "cost.csv", "--effects", "effect.csv"], files);
    expect(table.stdout.split("\n")[0]).toBe(
      "Cost-effectiveness analysis of cost.csv + effect.csv: 4 strategies, 2 samples",
    );
  });

  it("analyse --population --years --discount adds population EVPI", async () => {
    const result = await run(
      [
        "analyse",
        "psa.csv",
        "--format",
        "json",
        "--wtp",
        WTP,
        "--population",
        "1000",
        "--years",
        "10",
        "--discount",
        "0.035",
      ],
      FILES,
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const pop = parseReport(result.stdout).populationEvpi;
    expect(Object.keys(pop)).toEqual(["annualPopulation", "years", "discountRate", "values"]);
    expect(pop.annualPopulation).toBe(1000);
    expect(pop.years).toBe(10);
    expect(pop.discountRate).toBe(0.035);
    let people = 0;
    for (let t = 0; t < 10; t++) people += 1000 / 1.035 ** t;
    expect(pop.values).toHaveLength(3);
    expect(pop.values[0]).toBe(0);
    expect(pop.values[1]).toBeCloseTo(10 * people, 6);
    expect(pop.values[2]).toBe(0);
  });

  it("analyse --population uses 1 year and 3.5% by default", async () => {
    const result = await run(
      ["analyse", "psa.csv", "--format", "json", "--wtp", WTP, "--population", "250"],
      FILES,
    );
    expect(result.code).toBe(0);
    const pop = parseReport(result.stdout).populationEvpi;
    expect(pop.years).toBe(1);
    expect(pop.discountRate).toBe(0.035);
    expect(pop.values[1]).toBeCloseTo(2500, 9);
  });

  it("analyse rejects a missing column", async () => {
    await expectBadInput(
      ["analyse", "missing-column.csv"],
      badInput("missing-column.csv"),
      'missing-column.csv:1 effect: missing column "effect"; the header needs iteration, strategy, cost and effect (found: iteration, strategy, cost)',
    );
  });

  it("analyse rejects a non-numeric cell", async () => {
    await expectBadInput(
      ["analyse", "non-numeric-cell.csv"],
      badInput("non-numeric-cell.csv"),
      'non-numeric-cell.csv:3:8 cost: expected a number, got "three hundred"',
    );
  });

  it("analyse rejects a NaN cell", async () => {
    await expectBadInput(
      ["analyse", "nan-cell.csv"],
      badInput("nan-cell.csv"),
      'nan-cell.csv:3:12 effect: expected a number, got "NaN" (missing or non-finite values are not allowed)',
    );
  });

  it("analyse rejects a ragged row with too many fields", async () => {
    await expectBadInput(
      ["analyse", "ragged-row-long.csv"],
      badInput("ragged-row-long.csv"),
      "ragged-row-long.csv:3:16: expected 4 fields as in the header, found 5",
    );
  });

  it("analyse rejects a ragged row with too few fields", async () => {
    await expectBadInput(
      ["analyse", "ragged-row-short.csv"],
      badInput("ragged-row-short.csv"),
      "ragged-row-short.csv:3: expected 4 fields as in the header, found 3",
    );
  });

  it("analyse rejects an iteration missing a strategy", async () => {
    await expectBadInput(
      ["analyse", "missing-strategy.csv"],
      badInput("missing-strategy.csv"),
      'missing-strategy.csv:4:1 iteration: iteration 2 has no row for strategy "swis" (every iteration needs all 2 strategies)',
    );
  });

  it("analyse rejects a duplicate iteration/strategy row", async () => {
    await expectBadInput(
      ["analyse", "duplicate-row.csv"],
      badInput("duplicate-row.csv"),
      'duplicate-row.csv:4:3 strategy: iteration 1 already has a row for strategy "usual"',
    );
  });

  it("analyse rejects an empty file", async () => {
    await expectBadInput(
      ["analyse", "empty.csv"],
      badInput("empty.csv"),
      "empty.csv: the file is empty; expected a header row and data rows",
    );
  });

  it("analyse keeps the error on one line when the bad cell spans lines", async () => {
    await expectBadInput(
      ["analyse", "multiline-cell.csv"],
      badInput("multiline-cell.csv"),
      'multiline-cell.csv:3:8 cost: expected a number, got "300\\n310"',
    );
  });

  it("analyse --effects rejects a pair whose strategy columns differ", async () => {
    await expectBadInput(
      ["analyse", "wide-cost.csv", "--effects", "wide-effect-other-strategies.csv"],
      badInput("wide-cost.csv", "wide-effect-other-strategies.csv"),
      "wide-effect-other-strategies.csv:1: the strategy columns (usual, swis_b) differ from the cost file's (usual, swis)",
    );
  });

  it("analyse rejects a missing input file", async () => {
    await expectBadInput(
      ["analyse", "no-such.csv"],
      FILES,
      "no-such.csv: cannot read the file: no such file",
    );
  });

  it("analyse --effects rejects a missing effect file", async () => {
    await expectBadInput(
      ["analyse", "psa.csv", "--effects", "no-such.csv"],
      FILES,
      "no-such.csv: cannot read the file: no such file",
    );
  });

  it("analyse rejects an unreadable file with the reason", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ceakit-analyse-"));
    try {
      const data = join(dir, "data");
      mkdirSync(data);
      const r = await runOnDisk(["analyse", data, "--out", join(dir, "out.txt")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`error: ${data}: cannot read the file: is a directory, not a file\n`);
      expect(readdirSync(dir)).toEqual(["data"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("analyse --comparator rejects an unknown strategy", async () => {
    await expectBadInput(
      ["analyse", "psa.csv", "--comparator", "swis_d"],
      FILES,
      '--comparator: unknown strategy "swis_d"; psa.csv has: usual, swis_a, swis_b, swis_c',
    );
  });

  it.each([
    ["0:100", '"0:100" should be start:stop:step (three numbers separated by colons)'],
    ["0:100:10:5", '"0:100:10:5" should be start:stop:step (three numbers separated by colons)'],
    ["a:b:c", 'start "a" in "a:b:c" is not a finite number'],
    ["0:b:10", 'stop "b" in "0:b:10" is not a finite number'],
    ["100:0:10", 'stop must not be below start in "100:0:10"'],
    ["0:100:0", 'step must be positive in "0:100:0"'],
    ["0:100:-5", 'step must be positive in "0:100:-5"'],
    ["0:1e9:1", '"0:1e9:1" has 1,000,000,001 points; at most 100,001 (use a larger step)'],
    ["5,3", 'values must be strictly increasing in "5,3"'],
    ["5,5", 'values must be strictly increasing in "5,5"'],
    ["1,,2", 'value 2 "" in "1,,2" is not a finite number'],
    ["1,x", 'value 2 "x" in "1,x" is not a finite number'],
    ["  ", "the WTP grid is empty"],
  ])("analyse --wtp rejects the malformed grid %j", async (grid, message) => {
    await expectBadInput(["analyse", "psa.csv", "--wtp", grid], FILES, `--wtp: ${message}`);
  });

  it("analyse --format rejects an unknown format", async () => {
    await expectBadInput(
      ["analyse", "psa.csv", "--format", "xml"],
      FILES,
      '--format: expected one of table, json, csv, md, html, got "xml"',
    );
  });

  it.each([
    [["--population", "-1"], "--population: expected a number from 0 to 1e10, got -1"],
    [["--population", "many"], '--population: expected a number, got "many"'],
    [
      ["--population", "1000", "--years", "0"],
      "--years: expected a whole number from 1 to 100, got 0",
    ],
    [
      ["--population", "1000", "--years", "2.5"],
      "--years: expected a whole number from 1 to 100, got 2.5",
    ],
    [["--population", "1000", "--years", "ten"], '--years: expected a number, got "ten"'],
    [
      ["--population", "1000", "--discount", "1"],
      "--discount: expected a rate from 0 to 0.2, such as 0.035, got 1",
    ],
    [["--population", "1000", "--discount", "3.5%"], '--discount: expected a number, got "3.5%"'],
    // Checked even without --population, so a typo is never silently ignored.
    [["--years", "0"], "--years: expected a whole number from 1 to 100, got 0"],
    [["--discount", "-1"], "--discount: expected a rate from 0 to 0.2, such as 0.035, got -1"],
    // A valid value without --population would have no effect, so it is refused.
    [["--years", "5"], "--years: only applies together with --population"],
    [["--discount", "0.01"], "--discount: only applies together with --population"],
  ])("analyse rejects the bad population flags %j", async (flags, message) => {
    await expectBadInput(["analyse", "psa.csv", ...flags], FILES, message);
  });

  it("analyse reports flag errors before reading the file", async () => {
    await expectBadInput(
      ["analyse", "no-such.csv", "--wtp", "5,3"],
      FILES,
      '--wtp: values must be strictly increasing in "5,3"',
    );
  });

  it.each([
    [["analyse", "psa.csv", "--bogus"], "error: unknown option '--bogus'"],
    [["analyse"], "error: missing required argument 'psa.csv'"],
    [["analyse", "psa.csv", "--wtp"], "error: option '--wtp <grid>' argument missing"],
    [
      ["analyse", "a.csv", "b.csv"],
      "error: too many arguments for 'analyse'. Expected 1 argument but got 2.",
    ],
    [["analyze-this"], "error: unknown command 'analyze-this'"],
  ])("runCli %j is a usage error (exit 2)", async (args, line) => {
    const result = await run(args, FILES);
    // One line: the error and the hint to the help.
    expect(result.stderr).toBe(`${line} (run with --help for usage)\n`);
    expect(result.stderr).not.toContain("    at ");
    expect(result.stdout).toBe("");
    expect(result.writes.size).toBe(0);
    expect(result.code).toBe(2);
  });

  it("runCli with no arguments prints help and exits 2", async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    // A usage error: the help goes to standard error, with its examples.
    expect(result.stderr).toContain("Usage: ceakit");
    expect(result.stderr).toContain("Examples:");
    expect(result.stdout).toBe("");
  });

  it("runCli --help and --version exit 0", async () => {
    const help = await run(["analyse", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: ceakit analyse");
    const version = await run(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

/** One edit of the CSV text. Positions are taken modulo the current length. */
type Mutation =
  | { readonly kind: "delete"; readonly at: number }
  | { readonly kind: "insert"; readonly at: number; readonly char: string }
  | { readonly kind: "duplicateLine"; readonly at: number }
  | { readonly kind: "dropLine"; readonly at: number };

/** Applies one mutation to `text`. */
function mutate(text: string, m: Mutation): string {
  if (m.kind === "delete") {
    if (text.length === 0) return text;
    const at = m.at % text.length;
    return text.slice(0, at) + text.slice(at + 1);
  }
  if (m.kind === "insert") {
    const at = m.at % (text.length + 1);
    return text.slice(0, at) + m.char + text.slice(at);
  }
  const lines = text.split("\n");
  const at = m.at % lines.length;
  if (m.kind === "duplicateLine") lines.splice(at, 0, lines[at] as string);
  else lines.splice(at, 1);
  return lines.join("\n");
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    char: fc.oneof(
      fc.constantFrom('"', ",", "\n", "\r", " ", "\uFEFF", "-", ".", "e", "x", "0", "9"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    ),
  }),
  fc.record({ kind: fc.constant("duplicateLine" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("dropLine" as const), at: fc.nat() }),
);

const SMALL_PSA =
  "iteration,strategy,cost,effect\n" +
  "1,usual,100,1\n1,swis,300,1.5\n2,usual,110,1.2\n2,swis,320,1.4\n3,usual,90,0.9\n3,swis,280,1.1\n";

describe("analyse on mutated input", () => {
  it("analyse never crashes on a mutated CSV: exit 0 with a report, or 2 with one error line", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const text = mutations.reduce(mutate, SMALL_PSA);
        const result = await run(
          ["analyse", "psa.csv", "--format", "json", "--wtp", "0:1000:100"],
          { "psa.csv": text },
        );
        expect([0, 2]).toContain(result.code);
        expect(result.stderr).not.toContain("    at ");
        if (result.code === 0) {
          expect(result.stderr).toBe("");
          expect(parseReport(result.stdout).wtp).toHaveLength(11);
        } else {
          expect(result.stderr).toMatch(/^error: psa\.csv[^\n]*\n$/);
          expect(result.stdout).toBe("");
        }
      }),
      { numRuns: 200 },
    );
  });
});
