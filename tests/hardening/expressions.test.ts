/**
 * Derived expressions are a small whitelisted scalar language: anything outside it (other
 * functions, property access, matrices, strings, assignments…) and anything too large or too
 * deeply nested is refused by `ceakit validate` at load time with one located line naming the
 * offending token (file:line:column of the token inside the YAML value), the derived field,
 * the offending function or symbol and a "did you mean"; whitelisted expressions are accepted.
 * Generated cases (fast-check) plus the issue's reproductions as named cases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FUNCTION_NAMES } from "../../src/model/expression-language.js";
import { type CliRun, expectOneRefusal as expectRefused, runInProcess } from "../helpers/cli.js";

const FILE = "scenarios/derived-check.yaml";

/** Column where the value of `  sw_salary: ` starts (line 4 of {@link scenario}). */
const VALUE_COLUMN = 14;

/** A scenario whose derived sw_salary is `expression`, single-quoted ('' for a quote). */
function scenario(expression: string, extra = ""): string {
  return `model: swis\ntitle: Derived\nderived:\n  sw_salary: '${expression.replaceAll("'", "''")}'\n${extra}`;
}

/** `validate` on the scenario with `expression`. */
function validate(expression: string, extra = ""): Promise<CliRun> {
  return runInProcess(["validate", FILE], { [FILE]: scenario(expression, extra) });
}

/** The located prefix of an error at character `offset` of the sw_salary formula. */
function at(offset: number, field = "derived.sw_salary"): string {
  return `error: ${FILE}:4:${VALUE_COLUMN + 1 + offset} ${field}: `;
}

describe("issue reproductions: refused at load time with the offending token located", () => {
  const cases: [string, string, RegExp][] = [
    ["sum(ones(100000, 100000))", "sum", /calls "sum", which is not an allowed function/],
    ["size(range(1, 1e8))", "size", /calls "size", .*\(did you mean "sign"\?\)/],
    ["foo(1)", "foo", /calls "foo", .*\(did you mean "floor"\?\)/],
    [
      'eval("1")',
      "eval",
      /calls "eval", which is not an allowed function; the functions are abs, /,
    ],
    ['require("fs")', "require", /calls "require", which is not an allowed function/],
    ['import("fs")', "import", /calls "import", which is not an allowed function/],
    ["constructor + 1", "constructor", /uses "constructor", which is not a parameter/],
    ["toString(1)", "toString", /calls "toString", which is not an allowed function/],
    ["__proto__ * 2", "__proto__", /uses "__proto__", which is not a parameter/],
    ["sw_fte_per_school * sw_slary", "sw_slary", /\(did you mean "sw_salary"\?\)/],
    ["[1, 2] * 3", "[", /contains a matrix or list/],
    ["oncost_rate.value", ".", /contains property access/],
    ["x = 5", "=", /contains an assignment/],
    ["1:3", ":", /contains a range/],
    ["30000; 40000", ";", /contains several statements/],
    ['"30000"', '"', /contains text in quotes/],
    ["5 cm", "cm", /uses "cm", which is not a parameter/],
    ["oncost_rate % 2", "%", /uses the operator "%", which is not allowed/],
  ];
  for (const [expression, token, message] of cases) {
    it(`validate refuses ${expression} at "${token}"`, async () => {
      const line = expectRefused(await validate(expression));
      const prefix = at(expression.indexOf(token));
      expect(line.slice(0, prefix.length)).toBe(prefix);
      expect(line.slice(prefix.length)).toMatch(message);
    });
  }

  it("validate refuses a 5,000-term sum, saying the limit", async () => {
    const line = expectRefused(await validate(Array(5000).fill("oncost_rate").join(" + ")));
    expect(line).toMatch(/characters long; at most 4,000 are allowed/);
  });

  it("validate refuses deep nesting before parsing, saying the limit, at the bracket", async () => {
    const text = `${"(".repeat(40)}sw_fte_per_school${")".repeat(40)}`;
    const line = expectRefused(await validate(text));
    expect(line.startsWith(at(32))).toBe(true);
    expect(line).toMatch(/nests brackets 40 deep; at most 32 are allowed/);
    // Far deeper than any stack: still one clean line.
    expectRefused(await validate(`${"abs(".repeat(900)}1${")".repeat(900)}`));
  });

  it("validate refuses deep operator recursion (long unary chains) by size", async () => {
    const line = expectRefused(await validate(`${"-".repeat(3000)}1`));
    expect(line).toMatch(/more than 1,000 parts/);
  });

  it("validate refuses operations nested beyond 250, within the size limits (850 nots)", async () => {
    // 3,400 characters and 852 parts: within the length and size limits, but so deeply nested
    // that the generated loop overflowed the engine's stack.
    const line = expectRefused(await validate(`${"not ".repeat(850)}1 + 38000`));
    expect(line).toMatch(/nests more than 250 operations inside one another/);
    // 200 of them are fine: not not … 1 is 1 or 0, and the salary is positive either way.
    const ok = await validate(`${"not ".repeat(200)}1 + 38000`);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it("validate refuses more than 200 derived values, at the first one over", async () => {
    // sw_salary (line 4) and d0 … d199 (lines 5 … 204): the 201st is d199.
    const many = Array.from({ length: 200 }, (_, k) => `  d${k}: '${k}'`).join("\n");
    const run = await validate("d0", `${many}\n`);
    const line = expectRefused(run);
    expect(line).toMatch(/^error: scenarios\/derived-check\.yaml:204:9 derived\.d199: /);
    expect(line).toMatch(/201 derived values; at most 200 are allowed/);
  });

  it("validate accepts a chain of 150 derived values, each reading the one before", async () => {
    const chain = Array.from(
      { length: 150 },
      (_, k) => `  d${k}: '${k === 0 ? "sw_fte_per_school * 30000" : `d${k - 1} + 10`}'`,
    ).join("\n");
    const run = await validate("d149", `${chain}\n`);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("a derived key named __proto__ is refused where it is written, never dropped", async () => {
    for (const extra of ["", "  sw_salary: '__proto__ * 20000'\n"]) {
      const line = expectRefused(
        await runInProcess(["validate", FILE], {
          [FILE]: `model: swis\ntitle: Keys\nderived:\n  __proto__: '2'\n${extra}`,
        }),
      );
      expect(line).toBe(
        `error: ${FILE}:4:3 derived.__proto__: "__proto__" cannot be used as a key; choose another name`,
      );
    }
  });

  for (const key of ["constructor", "toString", "hasOwnProperty", "valueOf"]) {
    it(`a derived key named ${key} behaves like any other name`, async () => {
      const alone = expectRefused(
        await runInProcess(["validate", FILE], {
          [FILE]: `model: swis\ntitle: Keys\nderived:\n  ${key}: '2'\n`,
        }),
      );
      expect(alone).toMatch(
        new RegExp(`^error: ${FILE}:4:3 derived\\.${key}: "${key}" is not a model input`),
      );
      const used = await runInProcess(["validate", FILE], {
        [FILE]: `model: swis\ntitle: Keys\nderived:\n  ${key}: '2'\n  sw_salary: '${key} * 20000'\n`,
      });
      expect(used.stderr).toBe("");
      expect(used.code).toBe(0);
    });
  }

  it("run accepts the language's constructs and prints no NaN or Infinity", async () => {
    const text =
      "oncost_rate > 0.2 and not (overhead_rate >= 1) ? round(max(30000, 37000 * (1 + log(1 + oncost_rate))), 2) : min(abs(-36000), sqrt(pow(37000, 2)))";
    const run = await runInProcess(["run", FILE, "--samples", "300"], { [FILE]: scenario(text) });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
    expect(run.stdout).toMatch(/^sw_salary +all += {1,2}oncost_rate > 0\.2 and/m);
  });
});

// --- Generated cases ---------------------------------------------------------------------

const INPUTS = ["oncost_rate", "overhead_rate", "supervision_ratio", "sw_fte_per_school"];

/** Whitelisted expressions over a few SWIS inputs. */
const whitelisted: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...INPUTS, "pi", "e"),
    fc.integer({ min: 0, max: 1000 }).map(String),
    fc
      .tuple(
        tie("e"),
        fc.constantFrom("+", "-", "*", "/", "^", "<", ">=", "==", "and", "or"),
        tie("e"),
      )
      .map(([x, op, y]) => `(${x} ${op} ${y})`),
    tie("e").map((x) => `-${x}`),
    fc.tuple(tie("e"), tie("e"), tie("e")).map(([c, x, y]) => `(${c} ? ${x} : ${y})`),
    fc
      .tuple(fc.constantFrom(...FUNCTION_NAMES.filter((f) => f !== "pow")), tie("e"))
      .map(([f, x]) => `${f}(${x})`),
    fc.tuple(tie("e"), tie("e")).map(([x, y]) => `pow(${x}, ${y})`),
  ),
})).e;

/** Function names mathjs knows (and names that reach JavaScript internals), none allowed. */
const FORBIDDEN_FUNCTIONS = [
  "sum",
  "ones",
  "zeros",
  "range",
  "size",
  "eval",
  "evaluate",
  "parse",
  "compile",
  "import",
  "require",
  "createUnit",
  "matrix",
  "map",
  "forEach",
  "filter",
  "resize",
  "identity",
  "random",
  "factorial",
  "gamma",
  "mod",
  "sin",
  "cos",
  "mean",
  "median",
  "prod",
  "cumsum",
  "det",
  "inv",
  "string",
  "format",
  "print",
  "bignumber",
  "fraction",
  "complex",
  "unit",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__proto__",
  "__defineGetter__",
];

/** Random identifiers that are not functions of the language. */
const unknownFunction = fc.oneof(
  fc.constantFrom(...FORBIDDEN_FUNCTIONS),
  fc
    .stringMatching(/^[a-z_][a-z0-9_]{0,11}$/)
    .filter(
      (s) =>
        !FUNCTION_NAMES.includes(s) && !["and", "or", "not", "to", "in", "mod", "xor"].includes(s),
    ),
);

/** A construct outside the language, and the token its error must point at. */
const forbiddenNode: fc.Arbitrary<[string, string]> = fc.constantFrom(
  ["[1, 2]", "["],
  ["oncost_rate.x", "."],
  ["oncost_rate[1]", "["],
  ["{a: 1}", "{"],
  ['"text"', '"'],
  ["5 cm", "cm"],
  ["(x = 2)", "="],
  ["(1:4)", ":"],
  ["oncost_rate!", "!"],
  ["(oncost_rate % 3)", "%"],
  ["(oncost_rate & 1)", "&"],
  ["(oncost_rate xor 1)", "xor"],
  ["true", "true"],
  ["1e999", "1e999"],
);

describe("generated expressions", () => {
  it("a non-whitelisted function inserted into a valid expression is refused at its name", async () => {
    await fc.assert(
      fc.asyncProperty(
        whitelisted,
        whitelisted,
        unknownFunction,
        fc.constantFrom("+", "*", "-"),
        async (left, arg, name, op) => {
          const text = `${left} ${op} ${name}(${arg})`;
          fc.pre(text.length < 3000);
          const line = expectRefused(await validate(text));
          const prefix = at(text.indexOf(`${name}(`, left.length));
          expect(line.slice(0, prefix.length), line).toBe(prefix);
          expect(line).toContain(`"${name}"`);
          expect(line).toMatch(/not an allowed function|not a parameter/);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a forbidden construct inserted into a valid expression is refused at its token", async () => {
    await fc.assert(
      fc.asyncProperty(
        whitelisted,
        forbiddenNode,
        fc.boolean(),
        async (valid, [node, token], first) => {
          const text = first ? `${node} + (${valid})` : `(${valid}) * ${node}`;
          fc.pre(text.length < 3000);
          const line = expectRefused(await validate(text));
          const offset = first
            ? node.indexOf(token)
            : text.length - node.length + node.indexOf(token);
          const prefix = at(offset);
          expect(line.slice(0, prefix.length), line).toBe(prefix);
          expect(line).toMatch(/not allowed|not a parameter|too large/);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("whitelisted expressions are accepted, or refused only for their value at the base case", async () => {
    await fc.assert(
      fc.asyncProperty(whitelisted, async (text) => {
        // The formula is an intermediate value (no domain of its own) read by sw_salary.
        const file = `model: swis\ntitle: Generated\nderived:\n  tmp: '${text}'\n  sw_salary: '37000 + 0 * tmp'\n`;
        const run = await runInProcess(["validate", FILE], { [FILE]: file });
        expect(run.stderr).not.toContain("internal error");
        if (run.code === 0) {
          expect(run.stderr).toBe("");
        } else {
          const line = expectRefused(run);
          expect(line).toMatch(
            /^error: scenarios\/derived-check\.yaml:4:8 derived\.tmp: ".*" is (not a number|infinity|minus infinity) at the base case/,
          );
        }
      }),
      { numRuns: 80 },
    );
  });
});
