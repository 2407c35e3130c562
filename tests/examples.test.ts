/**
 * Every example in examples/ runs (through the public API) and prints what its comment says.
 */
import { afterEach, describe, expect, test, vi } from "vitest";

/** Runs an example module and returns the lines it logged. */
async function runExample(name: string): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.join(" "));
  });
  try {
    await import(`../examples/${name}.ts`);
  } finally {
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
      expect(p).toBeLessThanOrEqual(0.1);
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
