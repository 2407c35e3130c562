import fc from "fast-check";
import { all, create } from "mathjs";
import { describe, expect, test } from "vitest";
import { power } from "../../src/core/power.js";
import { InputError } from "../../src/errors.js";
import { compileDerived, suggest } from "../../src/model/expressions.js";

/** Evaluates a compiled set over named columns of length n; returns the named outputs. */
async function run(
  defs: Record<string, string>,
  columns: Record<string, Float64Array>,
  n: number,
): Promise<Record<string, Float64Array>> {
  const compiled = await compileDerived(defs, Object.keys(columns));
  const all: Record<string, Float64Array> = { ...columns };
  for (const d of compiled) {
    const out = new Float64Array(n);
    d.evaluate(
      d.inputs.map((name) => all[name] as Float64Array),
      out,
      n,
    );
    all[d.name] = out;
  }
  return all;
}

/** mathjs configured as ceakit configures it: real results only (sqrt(-1) is NaN). */
const math = create(all as NonNullable<typeof all>, { predictable: true });

/** A number as mathjs' evaluate gives it: booleans as 1/0, anything else NaN. */
function asNumber(v: unknown): number {
  return typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : Number.NaN;
}

/** mathjs' own answer as a number. */
function mathjsNumber(text: string, scope: Record<string, number>): number {
  // mathjs raises to a power with `Math.pow`, whose last bit depends on the engine (Node 24
  // differs from Node 20 and 22); ceakit's `pow` uses the engine-independent `power` in its
  // place (src/model/expression-runtime.ts), so the reference is mathjs with that primitive.
  const enginePow = Math.pow;
  Math.pow = power;
  try {
    return asNumber(math.evaluate(text, { ...scope }));
  } finally {
    Math.pow = enginePow;
  }
}

/** Whether two results agree: the same number (0 and -0 alike), or both NaN. */
function agree(x: number, y: number): boolean {
  return x === y || (Number.isNaN(x) && Number.isNaN(y));
}

/** Random numbers as written in formulas: whole, halves (rounding ties), decimals, exponents. */
const literal = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map(String),
  fc.integer({ min: 0, max: 40 }).map((k) => String(k / 2)),
  fc.double({ min: 0, max: 1000, noNaN: true }).map((x) => String(Math.round(x * 1000) / 1000)),
  fc.constantFrom("1e3", "2.5e-3", "0.1", "0.3", "1e-13", "0x10"),
);

/** Random expressions over a, b, c of the whole language (every function and operator). */
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("a", "b", "c", "pi", "e"),
    literal,
    fc
      .tuple(
        tie("e"),
        fc.constantFrom("+", "-", "*", "/", "^", "<", "<=", ">", ">=", "==", "!=", "and", "or"),
        tie("e"),
      )
      .map(([x, op, y]) => `(${x} ${op} ${y})`),
    fc.tuple(fc.constantFrom("-", "+", "not "), tie("e")).map(([op, x]) => `${op}(${x})`),
    fc.tuple(tie("e"), tie("e"), tie("e")).map(([c, x, y]) => `(${c} ? ${x} : ${y})`),
    fc.tuple(tie("e"), tie("e"), tie("e")).map(([x, y, z]) => `(${x} < ${y} <= ${z})`),
    fc
      .tuple(
        fc.constantFrom(
          "abs",
          "sign",
          "sqrt",
          "cbrt",
          "exp",
          "log",
          "log10",
          "log2",
          "round",
          "floor",
          "ceil",
          "min",
          "max",
        ),
        tie("e"),
      )
      .map(([f, x]) => `${f}(${x})`),
    fc
      .tuple(fc.constantFrom("min", "max", "log", "pow"), tie("e"), tie("e"))
      .map(([f, x, y]) => `${f}(${x}, ${y})`),
    fc
      .tuple(fc.constantFrom("min", "max"), tie("e"), tie("e"), tie("e"))
      .map(([f, x, y, z]) => `${f}(${x}, ${y}, ${z})`),
    fc.tuple(tie("e"), fc.integer({ min: 0, max: 15 })).map(([x, d]) => `round(${x}, ${d})`),
  ),
})).e;

/** Column values: any sign and size, ties for rounding, values just off a whole number. */
const value = fc.oneof(
  fc.double({ min: -1e4, max: 1e4, noNaN: true }),
  fc.integer({ min: -40, max: 40 }).map((k) => k / 2),
  fc.integer({ min: -5, max: 5 }).map((k) => k + (k % 2 === 0 ? 1e-13 : -4e-16)),
  fc.constantFrom(0, -0, 1, -1, 1e-300, 1e300),
);

describe("compileDerived", () => {
  test("compileDerived transpiles every expression of the language and agrees with math.evaluate", async () => {
    await fc.assert(
      fc.asyncProperty(
        expression,
        fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 8 }),
        async (text, rows) => {
          const n = rows.length;
          const cols = {
            a: Float64Array.from(rows, (r) => r[0]),
            b: Float64Array.from(rows, (r) => r[1]),
            c: Float64Array.from(rows, (r) => r[2]),
          };
          const out = (await run({ x: text }, cols, n)).x as Float64Array;
          rows.forEach(([a, b, c], i) => {
            const expected = mathjsNumber(text, { a, b, c });
            const actual = out[i] as number;
            expect(
              agree(actual, expected),
              `${text} at a=${a}, b=${b}, c=${c}: ${actual} vs ${expected}`,
            ).toBe(true);
          });
        },
      ),
      { numRuns: Number(process.env.PROP_RUNS ?? 400) },
    );
  });

  test("compileDerived gives mathjs' results for powers of negatives, rounding ties and tolerances", async () => {
    const cases = [
      "(-8) ^ (1 / 3)",
      "(-8) ^ 0.5",
      "(-32) ^ 0.2",
      "(-2) ^ (2 / 3)",
      "pow(-0.5, 1e-8)",
      "round(2.5) + round(-2.5) * 10",
      "round(1.005, 2)",
      "round(-0.0000001, 3)",
      "floor(2.9999999999999996)",
      "ceil(3.0000000000000004)",
      "0.1 + 0.2 == 0.3",
      "min(1, 1 + 1e-13)",
      "min(1 + 1e-13, 1)",
      "max(0 / 0, 1)",
      "(0 / 0) ? 1 : 2",
    ];
    for (const text of cases) {
      const out = (await run({ x: text }, {}, 1)).x as Float64Array;
      const expected = mathjsNumber(text, {});
      expect(agree(out[0] as number, expected), `${text}: ${out[0]} vs ${expected}`).toBe(true);
    }
  });

  test("compileDerived transpiles conditionals, comparisons and round (no mathjs evaluator)", async () => {
    const a = Float64Array.from([1, 5, 10]);
    const b = Float64Array.from([4, 4, 4]);
    const text = "a > b ? round(a / 3) : b";
    const [compiled] = await compileDerived({ x: text }, ["a", "b"]);
    expect(compiled?.source).toContain("for (let i = 0; i < n; i++)");
    const out = (await run({ x: text }, { a, b }, 3)).x as Float64Array;
    expect(Array.from(out)).toEqual([4, 2, 3]);
  });

  test("compileDerived orders expressions so each runs after those it reads", async () => {
    const fte = Float64Array.from([1, 0.5]);
    const salary = Float64Array.from([37000, 40000]);
    const out = await run(
      { total: "staff * (1 + overhead_rate)", staff: "fte * salary", overhead_rate: "0.25" },
      { fte, salary },
      2,
    );
    // 1 × 37000 × 1.25 = 46250; 0.5 × 40000 × 1.25 = 25000.
    expect(Array.from(out.total as Float64Array)).toEqual([46250, 25000]);
  });

  test("compileDerived names an unknown symbol with a suggestion", async () => {
    await expect(compileDerived({ staff: "fte * slary" }, ["fte", "salary"])).rejects.toThrow(
      'staff: the expression "fte * slary" uses "slary", which is not a parameter (did you mean "salary"?)',
    );
  });

  test("compileDerived names a cycle between expressions", async () => {
    await expect(compileDerived({ a: "b + 1", b: "c * 2", c: "a" }, ["x"])).rejects.toThrow(
      "a: derived expressions depend on each other in a cycle: a -> b -> c -> a",
    );
  });

  test("compileDerived reports a syntax error as an InputError naming the expression", async () => {
    const error = await compileDerived({ bad: "fte * (salary" }, ["fte", "salary"]).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^bad: cannot read the expression "fte \* \(salary": /);
  });

  test("compileDerived refuses a derived name that is also a parameter", async () => {
    await expect(compileDerived({ fte: "1" }, ["fte"])).rejects.toThrow(
      'fte: "fte" is both a parameter and a derived expression',
    );
  });

  test("suggest returns the nearest plausible name only", () => {
    expect(suggest("slary", ["salary", "fte"])).toBe("salary");
    expect(suggest("zzzzzz", ["salary", "fte"])).toBeUndefined();
  });
});
