/**
 * Every example in examples/ runs (through the public API) and prints what its comment says.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";

/**
 * Runs an example module as `node example.js ...args` would (fresh, with those command-line
 * arguments) and returns the lines it logged.
 */
async function runExample(name: string, args: readonly string[] = []): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => {
    lines.push(a.join(" "));
  });
  const argv = process.argv;
  process.argv = [argv[0] as string, `examples/${name}.ts`, ...args];
  vi.resetModules();
  try {
    await import(`../examples/${name}.ts`);
  } finally {
    process.argv = argv;
    spy.mockRestore();
  }
  return lines;
}

describe("examples", () => {
  afterEach(() => vi.restoreAllMocks());

  test("icer-table prints dampack's HERC table", async () => {
    const lines = await runExample("icer-table");
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^UC\s+ND/);
    expect(lines.find((l) => l.startsWith("E "))).toContain("ICER 20000");
    expect(lines.find((l) => l.startsWith("C "))).toMatch(/ED/);
    expect(lines.find((l) => l.startsWith("A "))).toMatch(/ D /);
  });

  test("analyse-psa-csv prints acceptability, EVPI and the two switch points", async () => {
    const lines = await runExample("analyse-psa-csv");
    // Values from tests/fixtures/reference/psa-1e4/expected.json at WTP 20000 (index 20).
    expect(lines[0]).toBe(
      "WTP 20000: P(optimal) usual 0.902, swis_a 0.098, swis_b 0.000; EVPI 68.17",
    );
    expect(lines.slice(-2)).toEqual([
      "switch at 33082.25: usual -> swis_a",
      "switch at 71479.04: swis_a -> swis_b",
    ]);
  });

  test("analyse-psa-csv runs on a file without a strategy called usual (R's column names)", async () => {
    // Two iterations, dampack-style names as R writes them: the comparator is the first strategy.
    const dir = mkdtempSync(join(tmpdir(), "ceakit-example-"));
    const file = join(dir, "psa.csv");
    writeFileSync(
      file,
      "sim,Strategy,Cost,QALYs\n1,Status quo,1000,5\n1,Drug A,3000,5.1\n2,Status quo,1200,5.2\n2,Drug A,3400,5.25\n",
    );
    const lines = await runExample("analyse-psa-csv", [file]);
    // Means: Status quo (1100, 5.1), Drug A (3200, 5.175): ICER 2100 / 0.075 = 28,000.
    expect(lines).toContain("Drug A vs Status quo: incremental cost 2100.00, effect 0.0750");
    expect(lines.at(-1)).toBe("switch at 28000.00: Status quo -> Drug A");
    // At WTP 20000 Status quo is optimal in both iterations (NB 99,000 vs 99,000 ties go to the
    // first; 102,800 vs 101,600); at 50000 Drug A in both.
    expect(lines[0]).toBe("WTP 20000: P(optimal) Status quo 1.000, Drug A 0.000; EVPI 0.00");
    expect(lines[2]).toBe("WTP 50000: P(optimal) Status quo 0.000, Drug A 1.000; EVPI 0.00");
    // A comparator given as the second argument.
    const other = await runExample("analyse-psa-csv", [file, "Drug A"]);
    expect(other).toContain("Status quo vs Drug A: incremental cost -2100.00, effect -0.0750");
  });

  test("run-scenario prints P(cost-effective) at the three reporting WTPs and the assumptions", async () => {
    const lines = await runExample("run-scenario");
    expect(lines.slice(0, 3).map((l) => l.split(":")[0])).toEqual([
      "WTP 1000",
      "WTP 10000",
      "WTP 20000",
    ]);
    for (const line of lines.slice(0, 3)) {
      const p = Number(line.split("= ")[1]);
      expect(p).toBeGreaterThanOrEqual(0);
      // About 0.11-0.12 since the days-in-care prior is no longer narrowed to the published
      // results (issue 15; tests/models/swis-validation.test.ts).
      expect(p).toBeLessThanOrEqual(0.2);
    }
    expect(lines[3]).toMatch(/^assumptions: .*sw_salary/);
    expect(lines[4]).toBe("# SWIS national RCT base case");
  });

  test("cohort-hiv prints the published HIV costs and life-years, the trace and P(CE)", async () => {
    const lines = await runExample("cohort-hiv");
    // tests/fixtures/reference/markov/hiv-chancellor.json (printed digits).
    expect(lines[0]).toBe("mono: cost 44663.4536, life-years 7.9912066");
    expect(lines[1]).toBe("comb: cost 50601.6513, life-years 8.9373889");
    expect(lines[2]).toBe("mono m_1: 0.72145329 0.20184544 0.06689735 0.00980392");
    expect(lines[3]).toMatch(
      /^P\(comb cost-effective\) at 10000: [01]\.\d{3}, at 20000: [01]\.\d{3}$/,
    );
  });
});
