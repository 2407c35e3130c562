/**
 * Class 4 of the hardening work: values no check used to look at. `validate` must refuse, with
 * a location, everything `run` would refuse: a stated base case (`base:`) outside the input's
 * bounds or its distribution's support, `dsa.ranges` outside an input's bounds, a threshold
 * `--range` outside the parameter's bounds, and a parameter in two correlation groups. Generated
 * cases (fast-check) per kind, plus the reproductions as named cases; and a property that
 * whatever `validate` accepts, `run` runs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import swis from "../../models/swis/index.js";
import { createDistribution } from "../../src/distributions/create.js";
import type { DistributionSpec } from "../../src/distributions/spec.js";
import type { InputRow } from "../../src/model/model-factory.js";
import { type CliRun, expectOneRefusal, runInProcess } from "../helpers/cli.js";

const BASE = "tests/fixtures/scenarios/invalid/base-ok.yaml";
const FILE = "values.yaml";

/** A scenario extending the small valid base, with `body` (YAML) added. */
const scenario = (body: string) => `extends: ${BASE}\ntitle: Values check\n${body}`;

/** Runs `ceakit <command> values.yaml <flags>` over the scenario text. */
const ceakit = (command: string, text: string, flags: readonly string[] = []) =>
  runInProcess([command, FILE, ...flags], { [FILE]: text });

/** Asserts one located refusal naming `field`, exit 2, nothing printed or written. */
function expectRefused(run: CliRun, field: string, message?: RegExp): void {
  const line = expectOneRefusal(run);
  const escaped = field.replace(/[.[\]]/g, "\\$&");
  expect(line).toMatch(new RegExp(`^error: ${FILE}:\\d+:\\d+ ${escaped}: `));
  if (message !== undefined) expect(line).toMatch(message);
}

/** Univariate model inputs with their bounds, the distribution spec as a scenario writes it. */
const INPUTS = Object.entries(swis.inputs as Record<string, InputRow>)
  .filter(([, row]) => row.type !== "dirichlet" && row.bounds !== undefined)
  .map(([name, row]) => {
    const { table, bounds, priceYear, label, unit, source, tag, ...spec } = row as InputRow & {
      label?: string;
      unit?: string;
      source?: string;
      tag?: string;
    };
    return {
      name,
      table,
      bounds: bounds as readonly [number, number],
      spec: spec as unknown as Record<string, unknown>,
      ...(priceYear === undefined ? {} : { priceYear }),
    };
  });
const PROBABILITIES = INPUTS.filter((i) => i.bounds[1] === 1);

/** The override of `input` (its own distribution, with extra fields) as YAML (JSON is YAML). */
function override(input: (typeof INPUTS)[number], extra: Record<string, number>): string {
  const price = input.priceYear === undefined ? {} : { price_year: input.priceYear };
  const fields = { ...input.spec, ...extra, ...price };
  return `${input.table}:\n  ${input.name}: ${JSON.stringify(fields)}\n`;
}

/** A value outside [lo, hi]: below lo, or above hi when hi is finite. */
const outside = (bounds: readonly [number, number]) =>
  fc.oneof(
    fc.double({ min: 1e-6, max: 1e6, noNaN: true }).map((d) => bounds[0] - d),
    ...(Number.isFinite(bounds[1])
      ? [fc.double({ min: 1e-6, max: 1e6, noNaN: true }).map((d) => bounds[1] + d)]
      : []),
  );

describe("base: outside the input's bounds or the distribution's support", () => {
  it("refuses a probability of 3 as the base case (reproduction)", async () => {
    const run = await ceakit(
      "validate",
      scenario("parameters:\n  p_icpc_given_s47: { type: beta, alpha: 33, beta: 67, base: 3 }\n"),
    );
    expectRefused(run, "parameters.p_icpc_given_s47.base", /between 0 and 1, got 3$/);
  });

  it("refuses a cost of −5000 as the base case (reproduction)", async () => {
    const run = await ceakit(
      "validate",
      scenario("unit_costs:\n  c_s47: { type: gamma, mean: 1050, sd: 450, base: -5000 }\n"),
    );
    expectRefused(run, "unit_costs.c_s47.base", /at least 0, got -5000$/);
  });

  it("refuses a base the distribution cannot take though the input could", async () => {
    const run = await ceakit(
      "validate",
      scenario(
        "parameters:\n  sw_salary: { type: uniform, min: 30000, max: 40000, base: 50000 }\n",
      ),
    );
    expectRefused(
      run,
      "parameters.sw_salary.base",
      /uniform distribution can take \(from 30000 to 40000\), got 50000$/,
    );
  });

  it("refuses generated bases outside each input's bounds, located at base:", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...INPUTS)
          .chain((input) => fc.tuple(fc.constant(input), outside(input.bounds))),
        async ([input, value]) => {
          const run = await ceakit("validate", scenario(override(input, { base: value })));
          expectRefused(run, `${input.table}.${input.name}.base`);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("accepts generated bases inside the distribution's support (a quantile of it)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...INPUTS),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        async (input, p) => {
          const dist = createDistribution(input.spec as unknown as DistributionSpec);
          const value = dist.quantile(p);
          const run = await ceakit("validate", scenario(override(input, { base: value })));
          expect(run.code, run.stderr).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("dsa.ranges outside the input's bounds", () => {
  it("refuses a negative salary (reproduction)", async () => {
    const run = await ceakit(
      "validate",
      scenario("dsa:\n  ranges:\n    sw_salary: [-1000, 40000]\n"),
    );
    expectRefused(run, "dsa.ranges.sw_salary.0", /at least 0, got -1000$/);
  });

  it("refuses a probability of 7 (reproduction)", async () => {
    const run = await ceakit(
      "validate",
      scenario("dsa:\n  ranges:\n    p_icpc_given_s47: [0.1, 7]\n"),
    );
    expectRefused(run, "dsa.ranges.p_icpc_given_s47.1", /between 0 and 1, got 7$/);
  });

  it("refuses a share of a Dirichlet group above 1", async () => {
    const run = await ceakit(
      "validate",
      scenario("dsa:\n  ranges:\n    mix_residential: [0.1, 1.5]\n"),
    );
    expectRefused(run, "dsa.ranges.mix_residential.1", /between 0 and 1, got 1.5$/);
  });

  it("refuses generated ranges with an end outside the bounds, and accepts those inside", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...INPUTS)
          .chain((input) =>
            fc.tuple(
              fc.constant(input),
              fc.boolean(),
              outside(input.bounds),
              fc.double({ min: 0, max: 1, noNaN: true }),
            ),
          ),
        async ([input, lowEnd, bad, u]) => {
          const [lo, hi] = input.bounds;
          const inside = lo + (Number.isFinite(hi) ? (hi - lo) * u : 1000 * u);
          const range = lowEnd
            ? [bad, Math.max(bad + 1, inside)]
            : [Math.min(bad - 1, inside), bad];
          const refused = await ceakit(
            "validate",
            scenario(`dsa:\n  ranges:\n    ${input.name}: [${range[0]}, ${range[1]}]\n`),
          );
          expect(refused.code, refused.stderr).toBe(2);
          expect(refused.stderr).toMatch(
            new RegExp(`^error: ${FILE}:\\d+:\\d+ dsa\\.ranges\\.${input.name}\\.[01]: `),
          );
          const ok = [
            lo + (Number.isFinite(hi) ? (hi - lo) * 0.25 : 1),
            Number.isFinite(hi) ? lo + (hi - lo) * 0.75 : lo + 10,
          ];
          const accepted = await ceakit(
            "validate",
            scenario(`dsa:\n  ranges:\n    ${input.name}: [${ok[0]}, ${ok[1]}]\n`),
          );
          expect(accepted.code, accepted.stderr).toBe(0);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("threshold --range outside the parameter's bounds", () => {
  it("refuses a probability searched up to 50 (reproduction)", async () => {
    const run = await ceakit("threshold", scenario(""), [
      "--parameter",
      "p_icpc_given_s47",
      "--range",
      "0:50",
    ]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "error: --range: expected a value between 0 and 1 for p_icpc_given_s47, got 50\n",
    );
  });

  it("refuses generated ranges beyond a probability's bounds", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PROBABILITIES),
        fc.double({ min: 1.001, max: 1e6, noNaN: true }),
        async (input, hi) => {
          const run = await ceakit("threshold", scenario(""), [
            "--parameter",
            input.name,
            "--range",
            `0:${hi}`,
          ]);
          expect(run.code, run.stderr).toBe(2);
          expect(run.stderr).toMatch(/^error: --range: expected a value between 0 and 1 for /);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("correlations", () => {
  const matrix = "matrix: [[1, 0.3], [0.3, 1]]";

  it("refuses a parameter in two correlation groups at validate (reproduction)", async () => {
    const text = scenario(
      `correlations:\n  - { name: a, parameters: [sw_salary, c_s47], ${matrix} }\n  - { name: b, parameters: [c_s17_assessment, sw_salary], ${matrix} }\n`,
    );
    const run = await ceakit("validate", text);
    expectRefused(
      run,
      "correlations.1.parameters.1",
      /"sw_salary" is already in the correlation "a"; a parameter can be in one correlation only$/,
    );
  });

  it("refuses a parameter named twice in one group", async () => {
    const run = await ceakit(
      "validate",
      scenario(`correlations:\n  - { name: a, parameters: [c_s47, c_s47], ${matrix} }\n`),
    );
    expectRefused(run, "correlations.0.parameters.1", /named twice in this correlation$/);
  });

  it("refuses a share of a Dirichlet group in a correlation", async () => {
    const run = await ceakit(
      "validate",
      scenario(`correlations:\n  - { name: a, parameters: [c_s47, mix_residential], ${matrix} }\n`),
    );
    expectRefused(run, "correlations.0.parameters.1", /Dirichlet group/);
  });

  it("refuses generated overlapping groups, located at the repeated name", async () => {
    const names = INPUTS.map((i) => i.name);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...names), { minLength: 3, maxLength: 3 }),
        fc.nat(1),
        async ([a, b, c], k) => {
          const second = k === 0 ? [a, c] : [c, a];
          const text = scenario(
            `correlations:\n  - { name: g1, parameters: [${a}, ${b}], ${matrix} }\n  - { name: g2, parameters: [${second.join(", ")}], ${matrix} }\n`,
          );
          const run = await ceakit("validate", text);
          expectRefused(run, `correlations.1.parameters.${k}`, /already in the correlation "g1"/);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe("what validate accepts, run runs", () => {
  it("runs every generated scenario that validate accepts (bases, ranges, correlations)", async () => {
    const names = INPUTS.map((i) => i.name);
    const body = fc.oneof(
      fc
        .tuple(fc.constantFrom(...INPUTS), fc.double({ min: 0.05, max: 0.95, noNaN: true }))
        .map(([input, p]) =>
          override(input, {
            base: createDistribution(input.spec as unknown as DistributionSpec).quantile(p),
          }),
        ),
      fc
        .uniqueArray(fc.constantFrom(...names), { minLength: 2, maxLength: 2 })
        .map(
          ([a, b]) =>
            `correlations:\n  - { name: g, parameters: [${a}, ${b}], matrix: [[1, 0.4], [0.4, 1]] }\n`,
        ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const checked = await ceakit("validate", scenario(text));
        if (checked.code !== 0) return;
        const run = await ceakit("run", scenario(text), ["--samples", "50", "--format", "json"]);
        expect(run.code, run.stderr).toBe(0);
      }),
      { numRuns: 12 },
    );
  });
});
