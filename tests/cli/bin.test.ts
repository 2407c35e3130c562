import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { fixturePath } from "../helpers/reference.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = fileURLToPath(new URL("../../dist/src/cli/bin.js", import.meta.url));

/** Runs the built `ceakit` executable with Node, as an installed user would. */
function ceakit(args: readonly string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("ceakit executable", () => {
  beforeAll(() => {
    if (existsSync(BIN)) return;
    // `npm test` builds first; build here too so this file also runs on its own.
    let output = "";
    try {
      execFileSync("npm", ["run", "build"], {
        cwd: ROOT,
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    if (!existsSync(BIN)) throw new Error(`building ${BIN} failed:\n${output}`);
  }, 120_000);

  it("ceakit analyse --format json exits 0 with the reference PSA's report", () => {
    const result = ceakit([
      "analyse",
      fixturePath("reference/psa-1e4/psa_1e4.csv"),
      "--format",
      "json",
    ]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.strategies).toEqual(["usual", "swis_a", "swis_b"]);
    expect(doc.nSamples).toBe(10000);
    expect(doc.wtp).toHaveLength(101);
    expect(doc.ceac).toHaveLength(101);
    expect(doc.icers.map((r: { strategy: string }) => r.strategy)).toEqual([
      "usual",
      "swis_a",
      "swis_b",
    ]);
    expect(doc.icers.map((r: { status: string }) => r.status)).toEqual(["ND", "ND", "ND"]);
    // dampack's ICERs on the means (tests/fixtures/reference/psa-1e4/expected.json).
    expect(doc.icers[1].icer).toBeCloseTo(33082.254463940764, 6);
    expect(doc.icers[2].icer).toBeCloseTo(71479.04015269021, 6);
    expect(doc.summary[0].cost.mean).toBeCloseTo(19981.63241816347, 6);
  });

  it("ceakit analyse on a bad file exits 2 with one error line and no stack trace", () => {
    const bad = fixturePath("bad-input/non-numeric-cell.csv");
    const result = ceakit(["analyse", bad, "--format", "json"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`error: ${bad}:3:8 cost: expected a number, got "three hundred"\n`);
    expect(result.stderr).not.toContain("    at ");
  });
});
