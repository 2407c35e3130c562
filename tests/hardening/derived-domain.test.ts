/**
 * A derived value that replaces a model input is held to that input's domain (a probability in
 * [0, 1], a cost or rate at least 0, finite and within the scenario number limit ±1e12): at the
 * base case by `ceakit validate` (located at the derived entry), and in every PSA sample of
 * `ceakit run` (on this thread or on worker threads), DSA point and threshold evaluation, with a
 * message naming the sample, the formula and the values it read. Reports show the formula as
 * the input's distribution and list it as an assumption unless tagged. A derived name that is
 * no input and is used by no other derived value is refused with a "did you mean".
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import swis from "../../models/swis/index.js";
import { InputError } from "../../src/errors.js";
import { chunkArrays, prepareModel, runChunk } from "../../src/psa/run-psa.js";
import { loadScenario, memoryScenarioHost } from "../../src/scenario/load-scenario.js";
import { expectOneRefusal as expectRefused, runInProcess } from "../helpers/cli.js";

const FILE = "scenarios/derived-domain.yaml";

/** A scenario deriving `name` from `expression` (line 4, value single-quoted). */
function scenario(name: string, expression: string, extra = ""): string {
  return `model: swis\ntitle: Derived domain\nderived:\n  ${name}: '${expression}'\n${extra}`;
}

/** The located prefix of an error at the derived entry `name` (its value, line 4). */
function entry(name: string): string {
  return `error: ${FILE}:4:${2 + name.length + 3} derived.${name}: `;
}

/** senior_cost_multiplier is uniform(1.05, 1.3), base 1.15: below 1.085 in 14% of samples. */
const NEGATIVE_IN_14_PERCENT = "(senior_cost_multiplier - 1.085) * 300000";

describe("issue reproductions", () => {
  it("validate refuses a derived probability of 2", async () => {
    const run = await runInProcess(["validate", FILE], {
      [FILE]: scenario("p_icpc_given_s47", "2"),
    });
    expect(expectRefused(run)).toBe(
      `${entry("p_icpc_given_s47")}"2" is 2 at the base case, but p_icpc_given_s47 must be between 0 and 1`,
    );
  });

  it("validate refuses a derived cost of -1000", async () => {
    const run = await runInProcess(["validate", FILE], { [FILE]: scenario("c_s47", "-1000") });
    expect(expectRefused(run)).toBe(
      `${entry("c_s47")}"-1000" is -1000 at the base case, but c_s47 must be between 0 and 1e12`,
    );
  });

  it("validate refuses derived costs of 1e305", async () => {
    const run = await runInProcess(["validate", FILE], {
      [FILE]: scenario("c_s47", "1e305 * sw_fte_per_school"),
    });
    expect(expectRefused(run)).toBe(
      `${entry("c_s47")}"1e305 * sw_fte_per_school" is 1e+305 at the base case (sw_fte_per_school = 1), but c_s47 must be between 0 and 1e12`,
    );
  });

  it("validate refuses a misspelt derived name (sw_slary) with a did-you-mean", async () => {
    const run = await runInProcess(["validate", FILE], { [FILE]: scenario("sw_slary", "40000") });
    expect(expectRefused(run)).toBe(
      `error: ${FILE}:4:3 derived.sw_slary: "sw_slary" is not a model input (did you mean "sw_salary"?), and no other derived value uses it`,
    );
  });

  it("a salary negative in ~14% of samples passes validate, and run refuses naming the sample", async () => {
    const files = { [FILE]: scenario("sw_salary", NEGATIVE_IN_14_PERCENT) };
    const ok = await runInProcess(["validate", FILE], files);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    const line = expectRefused(await runInProcess(["run", FILE, "--samples", "500"], files));
    expect(line.startsWith(entry("sw_salary"))).toBe(true);
    expect(line).toMatch(
      /"\(senior_cost_multiplier - 1\.085\) \* 300000" is -[\d.e+-]+ in sample \d+ \(senior_cost_multiplier = 1\.0[5-8]\d*\), but sw_salary must be between 0 and 1e12$/,
    );
  });

  it("dsa and threshold refuse the same derived value through the same check", async () => {
    const files = { [FILE]: scenario("sw_salary", NEGATIVE_IN_14_PERCENT) };
    const dsa = expectRefused(
      await runInProcess(["dsa", FILE, "--parameters", "senior_cost_multiplier"], files),
    );
    expect(dsa).toMatch(
      /derived\.sw_salary: .* at sensitivity point \d+ \(senior_cost_multiplier = /,
    );
    const threshold = expectRefused(
      await runInProcess(
        ["threshold", FILE, "--parameter", "senior_cost_multiplier", "--range", "1.05:1.3"],
        files,
      ),
    );
    expect(threshold).toMatch(/derived\.sw_salary: .* at sensitivity point \d+/);
  });

  it("worker threads rebuild the check from plain data and refuse the same sample", async () => {
    const loaded = await loadScenario(
      FILE,
      memoryScenarioHost({ [FILE]: scenario("sw_salary", NEGATIVE_IN_14_PERCENT) }, { swis }),
    );
    const model = swis.create(loaded.config);
    const here = await prepareModel(model);
    // What run-psa-parallel.ts posts to a worker, through the structured clone it goes by.
    const posted = structuredClone(here.derived.map(({ evaluate: _, ...source }) => source));
    const there = await prepareModel(model, posted);
    const fail = (prepared: typeof here) => {
      try {
        runChunk(prepared, 7, 0, 500, chunkArrays(prepared, 500));
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const a = fail(here);
    const b = fail(there);
    expect(a).toBeInstanceOf(InputError);
    expect(b).toBeInstanceOf(InputError);
    expect((b as Error).message).toBe((a as Error).message);
    expect((b as Error).message).toMatch(
      /^scenarios\/derived-domain\.yaml:4:14 derived\.sw_salary: .* in sample/,
    );
  });

  it("reports show the formula as the input's distribution and list it as an assumption unless tagged", async () => {
    const plain = { [FILE]: scenario("sw_salary", "sw_fte_per_school * 38000") };
    const json = await runInProcess(["run", FILE, "--samples", "200", "--format", "json"], plain);
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as {
      assumptions: string[];
      inputs: { name: string; expression?: string; tag: string; source: string }[];
    };
    const salary = result.inputs.find((i) => i.name === "sw_salary");
    expect(salary).toMatchObject({
      expression: "sw_fte_per_school * 38000",
      tag: "assumption",
      source: `derived in ${FILE}`,
    });
    expect(result.assumptions).toContain("sw_salary");
    const table = await runInProcess(["run", FILE, "--samples", "200"], plain);
    expect(table.stdout).toMatch(/^sw_salary +all += sw_fte_per_school \* 38000 /m);

    const tagged = {
      [FILE]: `model: swis\ntitle: Tagged\nderived:\n  sw_salary:\n    expression: sw_fte_per_school * 38000\n    source: Pay scale 2024\n    tag: verified\n`,
    };
    const run = await runInProcess(["run", FILE, "--samples", "200", "--format", "json"], tagged);
    expect(run.code, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout) as typeof result;
    expect(r.assumptions).not.toContain("sw_salary");
    expect(r.inputs.find((i) => i.name === "sw_salary")).toMatchObject({
      expression: "sw_fte_per_school * 38000",
      tag: "verified",
      source: "Pay scale 2024",
    });
  });

  it("the object form locates an expression error inside its expression", async () => {
    const run = await runInProcess(["validate", FILE], {
      [FILE]: `model: swis\ntitle: Object\nderived:\n  sw_salary:\n    expression: sw_fte_per_school * foo(2)\n`,
    });
    expect(expectRefused(run)).toMatch(
      /^error: scenarios\/derived-domain\.yaml:5:37 derived\.sw_salary\.expression: the expression "sw_fte_per_school \* foo\(2\)" calls "foo"/,
    );
  });
});

describe("run on worker threads (the build in dist/)", () => {
  const ROOT = new URL("../../", import.meta.url);
  const PROGRAM = new URL("dist/src/cli/program.js", ROOT);
  beforeAll(() => {
    if (!existsSync(PROGRAM)) {
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe" });
    }
  }, 120_000);

  it("run --workers 2 refuses the out-of-domain sample with the same located message", async () => {
    const { runCli } = (await import(PROGRAM.href)) as typeof import("../../src/cli/program.js");
    let stderr = "";
    let stdout = "";
    const text = scenario("sw_salary", NEGATIVE_IN_14_PERCENT);
    const code = await runCli(["run", FILE, "--samples", "30000", "--workers", "2"], {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      readInput: (path) => {
        if (path === FILE) return text;
        throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      },
      checkOutput: () => {
        throw new Error("nothing may be written");
      },
      writeFile: () => {
        throw new Error("nothing may be written");
      },
      writeSet: () => {
        throw new Error("nothing may be written");
      },
      stderrIsTty: false,
    });
    expect(code, stderr).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /^error: scenarios\/derived-domain\.yaml:4:14 derived\.sw_salary: .* in sample \d+ \(senior_cost_multiplier = [\d.]+\), but sw_salary must be between 0 and 1e12\n$/,
    );
  });
});

// --- Generated cases ---------------------------------------------------------------------

const PROBABILITIES = ["p_icpc_given_s47", "p_cpp_given_icpc", "p_cin_given_s17", "ifa_share"];
const COSTS = ["c_s47", "c_referral", "c_icpc", "sw_salary", "travel_capital_per_fte"];

/** A number as a formula: negative numbers with a unary minus, as people write them. */
const literal = (x: number) => String(x);

describe("generated derived values", () => {
  it("out-of-domain constants are refused by validate at the derived entry", async () => {
    const outside = fc.oneof(
      fc.record({
        name: fc.constantFrom(...PROBABILITIES),
        value: fc.oneof(
          fc.double({ min: 1.000001, max: 1e15, noNaN: true }),
          fc.double({ min: -1e15, max: -1e-9, noNaN: true }),
        ),
        range: fc.constant("between 0 and 1"),
      }),
      fc.record({
        name: fc.constantFrom(...COSTS),
        value: fc.oneof(
          fc.double({ min: -1e15, max: -1e-9, noNaN: true }),
          fc.double({ min: 1.000001e12, max: 1e300, noNaN: true }),
        ),
        range: fc.constant("between 0 and 1e12"),
      }),
    );
    await fc.assert(
      fc.asyncProperty(outside, async ({ name, value, range }) => {
        const text = literal(value);
        const run = await runInProcess(["validate", FILE], { [FILE]: scenario(name, text) });
        expect(expectRefused(run)).toBe(
          `${entry(name)}"${text}" is ${value} at the base case, but ${name} must be ${range}`,
        );
      }),
      { numRuns: 40 },
    );
  });

  it("in-domain constants are accepted", async () => {
    const inside = fc.oneof(
      fc.record({
        name: fc.constantFrom(...PROBABILITIES),
        value: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      fc.record({
        name: fc.constantFrom(...COSTS),
        value: fc.double({ min: 0, max: 1e12, noNaN: true }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(inside, async ({ name, value }) => {
        const run = await runInProcess(["validate", FILE], {
          [FILE]: scenario(name, literal(value)),
        });
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
      }),
      { numRuns: 30 },
    );
  });

  it("values valid at the base case but out of domain in some sample: run refuses naming the sample", async () => {
    // P(senior_cost_multiplier < t) = (t − 1.05) / 0.25 ≥ 5%, so some of 400 samples fall below.
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1063, max: 1140 }).map((k) => k / 1000),
        fc.constantFrom("sw_salary", "c_s47", "travel_capital_per_fte"),
        async (t, name) => {
          const files = { [FILE]: scenario(name, `(senior_cost_multiplier - ${t}) * 10000`) };
          const ok = await runInProcess(["validate", FILE], files);
          expect(ok.code, ok.stderr).toBe(0);
          const line = expectRefused(await runInProcess(["run", FILE, "--samples", "400"], files));
          expect(line.startsWith(entry(name))).toBe(true);
          const m = line.match(
            /is (-[\d.e+-]+) in sample (\d+) \(senior_cost_multiplier = ([\d.]+)\)/,
          );
          expect(m, line).not.toBeNull();
          const [, value, sample, used] = m as RegExpMatchArray;
          expect(Number(sample)).toBeGreaterThanOrEqual(1);
          expect(Number(sample)).toBeLessThanOrEqual(400);
          expect(Number(used)).toBeLessThan(t);
          expect(Number(value)).toBeCloseTo((Number(used) - t) * 10000, 6);
        },
      ),
      { numRuns: 12 },
    );
  });
});
