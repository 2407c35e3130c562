/**
 * The CLI's messages for bad scenario files: one invalid fixture per problem in
 * tests/fixtures/scenarios/invalid/, each run with `ceakit run` in-process and checked for exit
 * code 2, nothing on stdout, nothing written, and one located `error:` line naming the file,
 * line, column and field; `ceakit validate` over all of them at once; and a fuzz property that
 * mutates the shipped scenarios and asserts the CLI either runs or fails with clean messages.
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/cli.js";

const DIR = "tests/fixtures/scenarios/invalid";
/** Valid files the fixtures extend; not fixtures themselves. */
const HELPERS = new Set(["base-ok.yaml"]);

/** What one in-process run did; writes and directories as the paths given. */
interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly writes: readonly string[];
  readonly dirs: readonly string[];
}

/** Runs `ceakit <args>` in-process (tests/helpers/cli.ts); `served` files shadow the disk. */
async function ceakit(
  args: readonly string[],
  served: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  const r = await runInProcess(args, { ...served });
  return { ...r, writes: [...r.writes.keys()] };
}

/** The lines of standard error, without the final line end. */
function lines(text: string): string[] {
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

/** Asserts a run was refused as bad input: exit 2, only `error:` lines, no output, no files. */
function expectCleanRejection(run: CliRun): void {
  expect(run.stderr, "stderr").not.toContain("internal error");
  expect(run.stderr, "stderr").not.toMatch(/^ {4}at /m);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout, "stdout").toBe("");
  expect(run.writes, "writeText calls").toEqual([]);
  expect(run.dirs, "makeDir calls").toEqual([]);
  const errors = lines(run.stderr);
  expect(errors.length, "stderr lines").toBeGreaterThan(0);
  for (const line of errors) expect(line).toMatch(/^error: /);
}

/** One invalid fixture and the message the CLI should give for it. */
interface Case {
  /** Fixture file in DIR. */
  readonly file: string;
  /** Where the problem is: 1-based line and column, and the field path (none for YAML syntax). */
  readonly line: number;
  readonly column: number;
  readonly field?: string;
  /** The file the message names, when not the fixture (an `extends` chain). */
  readonly in?: string;
  /** Key words of the message, after `field: `. */
  readonly message: RegExp;
}

const CASES: readonly Case[] = [
  // --- Derived expressions checked at the base case -----------------------------------------
  {
    file: "derived-nan-at-base.yaml",
    line: 5,
    column: 14,
    field: "derived.sw_salary",
    message:
      /^"sqrt\(0 - oncost_rate\) \* 1000" is not a number at the base case \(oncost_rate = 0\.28\)$/,
  },
  // --- YAML syntax -------------------------------------------------------------------------
  {
    file: "yaml-bad-indent.yaml",
    line: 6,
    column: 1,
    message: /^YAML syntax error: All mapping items must start at the same column$/,
  },
  {
    file: "yaml-unclosed-quote.yaml",
    line: 3,
    column: 8,
    message: /^YAML syntax error: .*quote/i,
  },
  {
    file: "yaml-unclosed-bracket.yaml",
    line: 4,
    column: 13,
    message: /^YAML syntax error: .*\]/,
  },
  {
    file: "yaml-duplicate-key.yaml",
    line: 6,
    column: 1,
    message: /^YAML syntax error: Map keys must be unique$/,
  },
  {
    file: "yaml-tab.yaml",
    line: 5,
    column: 1,
    message: /^YAML syntax error: Tabs are not allowed as indentation$/,
  },
  {
    file: "yaml-unknown-alias.yaml",
    line: 4,
    column: 13,
    message: /alias|anchor/i,
  },
  {
    // The 101st alias is the one over the limit.
    file: "yaml-too-many-aliases.yaml",
    line: 13,
    column: 5,
    message: /alias/i,
  },
  {
    file: "top-level-list.yaml",
    line: 2,
    column: 1,
    message: /^a scenario must be a mapping of keys/,
  },
  {
    file: "empty-file.yaml",
    line: 1,
    column: 1,
    message: /^a scenario must be a mapping of keys/,
  },

  // --- Wrong types -------------------------------------------------------------------------
  {
    file: "type-text-for-number.yaml",
    line: 4,
    column: 16,
    field: "horizon_years",
    message: /^expected a number, got "two"$/,
  },
  {
    file: "distribution-text-for-number.yaml",
    line: 7,
    column: 11,
    field: "parameters.sw_salary.mean",
    message: /^expected a number, got "lots"$/,
  },
  {
    file: "type-list-for-mapping.yaml",
    line: 5,
    column: 3,
    field: "settings",
    message: /^expected a mapping, got a list$/,
  },
  {
    file: "title-not-text.yaml",
    line: 3,
    column: 8,
    field: "title",
    message: /^expected a text, got a list$/,
  },
  {
    file: "parameter-empty.yaml",
    line: 5,
    column: 13,
    field: "parameters.sw_salary",
    message: /^expected a number, \{ value: … \} or a distribution .*, got an empty value$/,
  },

  // --- Distributions -----------------------------------------------------------------------
  {
    file: "unit-cost-negative-mean.yaml",
    line: 7,
    column: 11,
    field: "unit_costs.c_s47.mean",
    message: /^expected a positive number, got -1050$/,
  },
  {
    file: "unit-cost-fixed-negative.yaml",
    line: 5,
    column: 10,
    field: "unit_costs.c_s47",
    message: /negative|at least 0|positive/,
  },
  {
    file: "sd-zero.yaml",
    line: 8,
    column: 9,
    field: "parameters.sw_salary.sd",
    message: /^expected a positive number, got 0$/,
  },
  {
    file: "sd-negative.yaml",
    line: 8,
    column: 9,
    field: "parameters.oncost_rate.sd",
    message: /^expected a positive number, got -3$/,
  },
  {
    file: "beta-mean-above-one.yaml",
    line: 7,
    column: 11,
    field: "parameters.overhead_rate.mean",
    message: /^expected a number below 1, got 1\.25$/,
  },
  {
    file: "probability-above-one.yaml",
    line: 7,
    column: 25,
    field: "parameters.placement_mix.mean.mix_foster",
    message: /^expected a number at most 1, got 1\.3$/,
  },
  {
    file: "probability-fixed-above-one.yaml",
    line: 5,
    column: 21,
    field: "parameters.p_icpc_given_s47",
    message: /^expected a value between 0 and 1, got 1\.3$/,
  },
  {
    // The problem is the pair (mean, sd), so the override itself is the place.
    file: "beta-impossible-mean-sd.yaml",
    line: 6,
    column: 5,
    field: "parameters.supervision_ratio",
    message: /^beta: sd 0\.6 is impossible for mean 0\.5 \(sd² must be below .* = 0\.25\)$/,
  },
  {
    file: "uniform-min-above-max.yaml",
    line: 6,
    column: 5,
    field: "parameters.senior_cost_multiplier",
    message: /^uniform: min must be below max, got min 1\.5 and max 1\.1$/,
  },
  {
    file: "lognormal-interval-excludes-estimate.yaml",
    line: 5,
    column: 12,
    field: "parameters.irr_s47",
    message: /^lognormal: the interval must contain the estimate/,
  },
  {
    file: "empirical-empty.yaml",
    line: 7,
    column: 13,
    field: "parameters.age_factor.values",
    message: /^expected at least one entry$/,
  },
  {
    file: "dirichlet-not-summing.yaml",
    line: 6,
    column: 5,
    field: "parameters.placement_mix",
    message: /mean shares must sum to 1, got 1\.2/,
  },
  {
    file: "dirichlet-unknown-component.yaml",
    line: 7,
    column: 12,
    field: "parameters.placement_mix.alpha",
    message: /mix_foster/,
  },
  {
    file: "gamma-mean-underflow.yaml",
    line: 6,
    column: 5,
    field: "parameters.sw_salary",
    message: /gamma.*(shape|small)/,
  },
  {
    file: "gamma-sd-underflow.yaml",
    line: 6,
    column: 5,
    field: "parameters.sw_salary",
    message: /^gamma: mean and sd give shape = infinity, outside what can be computed/,
  },
  {
    file: "fixed-value-overflow.yaml",
    line: 5,
    column: 14,
    field: "parameters.sw_salary",
    message: /^expected a number at most 1e\+12, got 1e\+308$/,
  },
  {
    file: "tag-not-allowed.yaml",
    line: 7,
    column: 10,
    field: "parameters.rate_s47.tag",
    message:
      /^expected one of "verified", "local", "derived", "national-default", "assumption", "not-found", got "checked"$/,
  },

  // --- Unknown names -----------------------------------------------------------------------
  {
    file: "unknown-top-key-typo.yaml",
    line: 4,
    column: 1,
    field: "horizon_year",
    message: /^unknown key "horizon_year" \(did you mean "horizon_years"\?\)$/,
  },
  {
    file: "unknown-parameter-typo.yaml",
    line: 5,
    column: 3,
    field: "parameters.sw_slary",
    message: /^unknown key "sw_slary" \(did you mean "sw_salary"\?\)$/,
  },
  {
    file: "unknown-distribution-typo.yaml",
    line: 6,
    column: 11,
    field: "unit_costs.c_icpc.type",
    message: /^unknown distribution "gama" \(did you mean "gamma"\?\); expected one of .*gamma/,
  },
  {
    file: "unknown-distribution-key.yaml",
    line: 8,
    column: 5,
    field: "unit_costs.c_referral.sdd",
    message: /^unknown key "sdd" \(did you mean "sd"\?\)$/,
  },
  {
    file: "strategy-input-unknown.yaml",
    line: 9,
    column: 7,
    field: "strategies.swis.inputs.irr_s74",
    message: /^unknown key "irr_s74" \(did you mean "irr_s47"\?\)$/,
  },
  {
    file: "strategy-name-invalid.yaml",
    line: 7,
    column: 3,
    field: "strategies.swis-plus extra",
    message: /letters, digits and _/,
  },
  {
    file: "missing-title.yaml",
    line: 2,
    column: 1,
    field: "title",
    message: /^required: expected a text$/,
  },
  {
    file: "missing-model.yaml",
    line: 2,
    column: 1,
    field: "model",
    message: /^required: the model to run, one of swis, swis-pathway$/,
  },
  {
    file: "unknown-model.yaml",
    line: 2,
    column: 8,
    field: "model",
    message:
      /^unknown model "swiss" \(did you mean "swis"\?\); available: swis, swis-pathway, or a model file's path such as \.\/my\.model\.yaml$/,
  },
  {
    file: "unknown-perspective.yaml",
    line: 4,
    column: 14,
    field: "perspective",
    message: /^expected one of "public_sector", "local_authority", got "societal"$/,
  },
  {
    file: "unknown-effect.yaml",
    line: 4,
    column: 9,
    field: "effect",
    message:
      /^expected one of .*"s47_avoided".*, got "s47_avoid" \(did you mean "s47_avoided"\?\)$/,
  },
  {
    file: "unknown-price-index.yaml",
    line: 4,
    column: 14,
    field: "price_index",
    message: /^expected one of "nhscii", "gdp", got "cpi"$/,
  },

  // --- extends -----------------------------------------------------------------------------
  {
    file: "extends-missing.yaml",
    line: 2,
    column: 10,
    field: "extends",
    message:
      /^cannot read "no-such-base\.yaml" \(looked for tests\/fixtures\/scenarios\/invalid\/no-such-base\.yaml\): no such file$/,
  },
  {
    // The cycle closes at b's `extends: extends-cycle-a.yaml`.
    file: "extends-cycle-a.yaml",
    in: "extends-cycle-b.yaml",
    line: 2,
    column: 10,
    field: "extends",
    message:
      /^extends makes a cycle: \S*\/extends-cycle-a\.yaml → \S*\/extends-cycle-b\.yaml → \S*\/extends-cycle-a\.yaml$/,
  },
  {
    file: "extends-cycle-b.yaml",
    in: "extends-cycle-a.yaml",
    line: 2,
    column: 10,
    field: "extends",
    message:
      /^extends makes a cycle: \S*\/extends-cycle-b\.yaml → \S*\/extends-cycle-a\.yaml → \S*\/extends-cycle-b\.yaml$/,
  },
  {
    file: "extends-not-text.yaml",
    line: 2,
    column: 10,
    field: "extends",
    message: /^expected the path of a scenario file, got 5$/,
  },
  {
    file: "extends-child-bad-discount.yaml",
    line: 4,
    column: 11,
    field: "discount",
    message: /^expected a number of at least 0, got -0\.01$/,
  },

  // --- derived and correlations ------------------------------------------------------------
  {
    // The end of the formula, where the ")" is missing (inside the quotes).
    file: "derived-syntax-error.yaml",
    line: 5,
    column: 44,
    field: "derived.staff_cost",
    message:
      /^cannot read the expression "sw_salary \* \(1 \+ oncost_rate": Parenthesis \) expected/,
  },
  {
    // The unknown name itself, just after the opening quote.
    file: "derived-unknown-name.yaml",
    line: 5,
    column: 16,
    field: "derived.staff_cost",
    message: /uses "sw_salery", which is not a parameter \(did you mean "sw_salary"\?\)$/,
  },
  {
    file: "derived-cycle.yaml",
    line: 5,
    column: 15,
    field: "derived.staff_cost",
    message: /^derived expressions depend on each other in a cycle: staff_cost -> support_cost/,
  },
  {
    file: "correlation-not-positive-definite.yaml",
    line: 8,
    column: 7,
    field: "correlations.0.matrix",
    message: /^correlation "costs": the matrix is not positive definite/,
  },
  {
    file: "correlation-unknown-parameter.yaml",
    line: 6,
    column: 26,
    field: "correlations.0.parameters.1",
    message: /^unknown parameter "c_s74" \(did you mean "c_s47"\?\)$/,
  },
  {
    file: "correlation-wrong-size.yaml",
    line: 7,
    column: 13,
    field: "correlations.0.matrix",
    message: /^correlation "costs": the matrix must be 2 × 2/,
  },
  {
    file: "correlation-diagonal.yaml",
    line: 8,
    column: 7,
    field: "correlations.0.matrix",
    message: /^correlation "costs": the diagonal must be 1, but row 2 \(c_icpc\) has 2$/,
  },

  // --- Prices ------------------------------------------------------------------------------
  {
    file: "price-year-format.yaml",
    line: 4,
    column: 13,
    field: "price_year",
    message: /^expected a financial year such as "2023\/24", got "2023-24"$/,
  },
  {
    file: "price-year-not-covered.yaml",
    line: 4,
    column: 13,
    field: "price_year",
    message: /has no value for 2031\/32; it covers 2014\/15 to 2024\/25$/,
  },
  {
    file: "input-price-year-not-covered.yaml",
    line: 9,
    column: 17,
    field: "unit_costs.c_s47.price_year",
    message: /has no value for 1999\/00; it covers 2014\/15 to 2024\/25$/,
  },

  // --- Settings and analysis options -------------------------------------------------------
  {
    file: "schools-non-integer.yaml",
    line: 5,
    column: 12,
    field: "settings.schools",
    message: /^expected a whole number, got 2\.5$/,
  },
  {
    file: "schools-zero.yaml",
    line: 5,
    column: 12,
    field: "settings.schools",
    message: /^expected a number of at least 1, got 0$/,
  },
  {
    file: "costing-not-allowed.yaml",
    line: 5,
    column: 12,
    field: "settings.costing",
    message: /^expected one of "resource", "grant", got "budget"$/,
  },
  {
    file: "wtp-not-increasing.yaml",
    line: 4,
    column: 23,
    field: "wtp.3",
    message: /^the WTP list must be strictly increasing$/,
  },
  {
    file: "wtp-range-reversed.yaml",
    line: 4,
    column: 24,
    field: "wtp.to",
    message: /^expected a number above from \(5000\), got 1000$/,
  },
  {
    file: "psa-samples-zero.yaml",
    line: 5,
    column: 12,
    field: "psa.samples",
    message: /^expected a number of at least 2, got 0$/,
  },
  {
    file: "discount-too-high.yaml",
    line: 4,
    column: 11,
    field: "discount",
    message: /^expected a number at most 0\.2, got 0\.5$/,
  },
  {
    file: "discount-costs-too-high.yaml",
    line: 5,
    column: 10,
    field: "discount.costs",
    message: /^expected a number at most 0\.2, got 0\.5$/,
  },
  {
    file: "horizon-zero.yaml",
    line: 4,
    column: 16,
    field: "horizon_years",
    message: /^expected a number of at least 1, got 0$/,
  },

  // --- Strategies --------------------------------------------------------------------------
  {
    // The first strategy's entry (swis:) is where the comparator is chosen.
    file: "first-strategy-intervention.yaml",
    line: 5,
    column: 3,
    field: "strategies",
    message: /^the first strategy is the comparator and must have intervention: false$/,
  },
  {
    file: "one-strategy.yaml",
    line: 5,
    column: 3,
    field: "strategies",
    message: /^at least two strategies are needed/,
  },
];

const path = (file: string) => `${DIR}/${file}`;

/** `error: <file>:<line>:<col> <field>: ` (or `<file>:<line>:<col>: ` without a field). */
function prefixOf(c: Case): string {
  return `error: ${path(c.in ?? c.file)}:${c.line}:${c.column}${c.field === undefined ? "" : ` ${c.field}`}: `;
}

/** Asserts stderr is the one expected line: location, field, then the message's key words. */
function expectMessage(run: CliRun, c: Case): void {
  const errors = lines(run.stderr);
  expect(errors, "one problem, one line").toHaveLength(1);
  const line = errors[0] as string;
  const prefix = prefixOf(c);
  expect(line.slice(0, prefix.length), "file:line:column field").toBe(prefix);
  expect(line.slice(prefix.length), "message").toMatch(c.message);
}

describe("invalid scenario fixtures", () => {
  const fixtures = readdirSync(DIR)
    .filter((f) => f.endsWith(".yaml") && !HELPERS.has(f))
    .sort();

  it("every fixture has a case and a comment line saying what is wrong, and the helpers are valid", async () => {
    expect(CASES.map((c) => c.file).sort()).toEqual(fixtures);
    expect(fixtures.length).toBeGreaterThanOrEqual(34);
    for (const f of fixtures) expect(readFileSync(path(f), "utf8"), f).toMatch(/^# \S.*\n/);
    for (const helper of HELPERS) {
      const run = await ceakit(["validate", path(helper)]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }
  });

  for (const c of CASES) {
    it(`run ${c.file}: exit 2, only error lines, no output, nothing written`, async () => {
      expectCleanRejection(await ceakit(["run", path(c.file)]));
    });
    const where = `${c.in === undefined ? "" : `${c.in}:`}${c.line}:${c.column}${c.field === undefined ? "" : ` ${c.field}`}`;
    it(`run ${c.file}: error at ${where}`, async () => {
      const run = await ceakit(["run", path(c.file)]);
      expect(run.code, run.stderr).toBe(2);
      expectMessage(run, c);
    });
  }

  it("the --out directory is never created for an invalid scenario", async () => {
    const run = await ceakit([
      "run",
      path("sd-negative.yaml"),
      "--out",
      "results",
      "--format",
      "md",
    ]);
    expectCleanRejection(run);
    expectMessage(run, CASES.find((c) => c.file === "sd-negative.yaml") as Case);
  });

  it("validate over every fixture at once: exit 2, at least one located error line per file", async () => {
    const run = await ceakit(["validate", ...fixtures.map(path)]);
    expect(run.stderr).not.toContain("internal error");
    expect(run.stderr).not.toMatch(/^ {4}at /m);
    expect(run.code).toBe(2);
    expect(run.writes).toEqual([]);
    const errors = lines(run.stderr);
    for (const line of errors) expect(line).toMatch(/^error: /);
    for (const f of fixtures) {
      const own = errors.filter((l) => l.startsWith(`error: ${path(f)}:`));
      expect(own.length, f).toBeGreaterThan(0);
      expect(run.stdout, f).not.toContain(`ok ${path(f)}:`);
    }
    // A fixture on its own gives the same line under validate as under run.
    const sdZero = CASES.find((c) => c.file === "sd-zero.yaml") as Case;
    const alone = await ceakit(["validate", path(sdZero.file)]);
    expectCleanRejection(alone);
    expectMessage(alone, sdZero);
  });
});

// --- Fuzzing the shipped scenarios ---------------------------------------------------------

const MUTATED = "scenarios/mutated.yaml";
const BASES = ["scenarios/swis-rct.yaml", "scenarios/local-template.yaml"].map((f) =>
  readFileSync(f, "utf8"),
);

/** Odd values: numbers of every sign, NaN and infinity spellings, text, YAML punctuation. */
const oddValue = fc.oneof(
  fc.constantFrom(
    "0",
    "-0",
    "-1",
    "-3",
    "0.5",
    "1.5",
    "1e309",
    "-1e-300",
    "NaN",
    ".nan",
    ".inf",
    "-.inf",
    "abc",
    "",
    "~",
    "null",
    "true",
    "[]",
    "{}",
    "[1, 2]",
    "'x'",
    '"',
    "[",
    "{",
    "2031/32",
    "2023-24",
    "{ type: gama, mean: 1 }",
    "{ type: beta, mean: 0.5, sd: 0.6 }",
  ),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((n) => String(n / 1000)),
  // Any double, extreme magnitudes (5e-324, 1e156) included.
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  // Any short text, YAML's "*" (an alias) and "&" (an anchor) included.
  fc.string({ maxLength: 8 }),
);

const someKey = fc.oneof(
  fc.constantFrom(
    "horizon_year",
    "extends",
    "parameters",
    "unit_costs",
    "sw_slary",
    "sw_salary",
    "type",
    "mean",
    "sd",
    "value",
    "samples",
    "seed",
    "wtp",
    "strategies",
    "intervention",
    "inputs",
    "correlations",
    "derived",
    "price_year",
    "settings",
    "schools",
    "costing",
  ),
  fc.stringMatching(/^[a-z_]{1,10}$/),
);

const indent = fc.constantFrom("", " ", "  ", "   ", "    ", "      ", "\t");

type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "duplicate"; at: number }
  | { kind: "number"; nth: number; by: string }
  | { kind: "indent"; at: number; indent: string }
  | { kind: "insert"; at: number; indent: string; key: string; value: string }
  | { kind: "truncate"; fraction: number };

const at = fc.nat({ max: 10_000 });
// Truncation is rarer: a file cut inside its opening comment block only tests the empty case.
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), at }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), at }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant("number" as const), nth: at, by: oddValue }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("indent" as const), at, indent }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("insert" as const),
      at,
      indent,
      key: someKey,
      value: fc.oneof(
        oddValue,
        fc.constantFrom("swis-rct.yaml", "mutated.yaml", "../package.json", "missing.yaml", "/"),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("truncate" as const),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
);

/** Applies one mutation to a scenario's text. */
function mutate(text: string, m: Mutation): string {
  const ls = text.split("\n");
  const i = "at" in m ? m.at % ls.length : 0;
  switch (m.kind) {
    case "delete":
      ls.splice(i, 1);
      return ls.join("\n");
    case "duplicate":
      ls.splice(i, 0, ls[i] as string);
      return ls.join("\n");
    case "indent":
      ls[i] = m.indent + (ls[i] as string).trimStart();
      return ls.join("\n");
    case "insert":
      ls.splice(i, 0, `${m.indent}${m.key}: ${m.value}`);
      return ls.join("\n");
    case "truncate":
      return text.slice(0, Math.floor(text.length * m.fraction));
    case "number": {
      const numbers = [...text.matchAll(/-?\d+(?:\.\d+)?/g)];
      if (numbers.length === 0) return text;
      const n = numbers[m.nth % numbers.length] as RegExpMatchArray;
      const start = n.index as number;
      return text.slice(0, start) + m.by + text.slice(start + n[0].length);
    }
  }
}

describe("mutated shipped scenarios", () => {
  it("ceakit run either succeeds with a report or exits 2 with clean error lines", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BASES),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (base, mutations) => {
          const text = mutations.reduce(mutate, base);
          const run = await ceakit(["run", MUTATED, "--samples", "200"], { [MUTATED]: text });
          expect(run.stderr).not.toContain("internal error");
          expect(run.stderr).not.toMatch(/^ {4}at /m);
          expect([0, 2], run.stderr).toContain(run.code);
          expect(run.writes).toEqual([]);
          if (run.code === 0) {
            expect(run.stdout.length).toBeGreaterThan(0);
          } else {
            expect(run.stdout).toBe("");
            const errors = lines(run.stderr);
            expect(errors.length).toBeGreaterThan(0);
            for (const line of errors) expect(line).toMatch(/^error: /);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
