import fc from "fast-check";
import { all, create } from "mathjs";
import { describe, expect, test } from "vitest";
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

/** mathjs' own answer as a number. */
function mathjsNumber(text: string, scope: Record<string, number>): number {
  const v: unknown = math.evaluate(text, { ...scope });
  return typeof v === "number" ? v : Number.NaN;
}

/**
 * Random expressions over a, b (any sign), c from the whitelisted grammar. Powers get a base
 * that cannot be negative: mathjs gives real odd roots of negatives ((-8)^(1/3) = -2) where
 * JavaScript's Math.pow gives NaN, and cost models do not take roots of negative numbers.
 */
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string; pos: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("a", "b", "c", "pi", "e"),
    fc.double({ min: 0, max: 1000, noNaN: true }).map((x) => String(Math.round(x * 1000) / 1000)),
    fc
      .tuple(tie("e"), fc.constantFrom("+", "-", "*", "/"), tie("e"))
      .map(([x, op, y]) => `(${x} ${op} ${y})`),
    fc.tuple(tie("pos"), tie("e")).map(([x, y]) => `(${x}) ^ (${y})`),
    fc.tuple(tie("pos"), tie("e")).map(([x, y]) => `pow(${x}, ${y})`),
    tie("e").map((x) => `-${x}`),
    fc
      .tuple(fc.constantFrom("exp", "log", "log10", "sqrt", "abs"), tie("e"))
      .map(([f, x]) => `${f}(${x})`),
    fc
      .tuple(fc.constantFrom("min", "max", "log"), tie("e"), tie("e"))
      .map(([f, x, y]) => `${f}(${x}, ${y})`),
  ),
  pos: fc.oneof(
    fc.constantFrom("a", "c", "2", "0.5"),
    tie("e").map((x) => `abs(${x})`),
    tie("e").map((x) => `exp(${x})`),
  ),
})).e;

describe("compileDerived", () => {
  test("compileDerived transpiles whitelisted expressions and agrees with math.evaluate", async () => {
    await fc.assert(
      fc.asyncProperty(
        expression,
        fc.array(
          fc.tuple(
            fc.double({ min: 0.01, max: 100, noNaN: true }),
            fc.double({ min: -50, max: 50, noNaN: true }),
            fc.double({ min: 1, max: 1e4, noNaN: true }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        async (text, rows) => {
          const n = rows.length;
          const cols = {
            a: Float64Array.from(rows, (r) => r[0]),
            b: Float64Array.from(rows, (r) => r[1]),
            c: Float64Array.from(rows, (r) => r[2]),
          };
          const [compiled] = await compileDerived({ x: text }, ["a", "b", "c"]);
          expect(compiled?.fast).toBe(true);
          const out = (await run({ x: text }, cols, n)).x as Float64Array;
          rows.forEach(([a, b, c], i) => {
            const expected = mathjsNumber(text, { a, b, c });
            const actual = out[i] as number;
            if (Number.isNaN(expected) || !Number.isFinite(expected)) {
              expect(Number.isNaN(actual) ? Number.NaN : actual).toEqual(expected);
            } else {
              // mathjs' min/max compare with relTol 1e-12 and absTol 1e-15.
              const tol = 1e-12 * Math.max(Math.abs(expected), Math.abs(actual)) + 1e-15;
              expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);
            }
          });
        },
      ),
      { numRuns: Number(process.env.PROP_RUNS ?? 300) },
    );
  });

  test("compileDerived falls back to mathjs for expressions outside the whitelist, with the same results", async () => {
    const a = Float64Array.from([1, 5, 10]);
    const b = Float64Array.from([4, 4, 4]);
    const text = "a > b ? round(a / 3) : b";
    const [compiled] = await compileDerived({ x: text }, ["a", "b"]);
    expect(compiled?.fast).toBe(false);
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
