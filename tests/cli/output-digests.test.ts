/**
 * Results do not change bit for bit: the seeded JSON report of every shipped scenario
 * (scenarios/*.yaml) and model file (models/*.model.yaml), at 2,000 samples, has the sha256 stored
 * in tests/fixtures/output-digests/run-json-2000.json (a map file → digest). Written before the
 * start-up work of issue 16, so that loading modules lazily is shown to leave every result alone.
 *
 * Retaken once after the start-up work (the merged report had new keys; the reports before and
 * after that work were checked to be the same bytes), and once when the SWIS models gained the
 * commissioner answers (new outcomes and the `commissioner` key; costs, effects and every other
 * number unchanged), and once when discount factors moved to the engine-independent `power`
 * (Node 24's `**` differs from Node 20's in the last bit; the digests now hold on Node 20, 22 and
 * 24). The two DARTH time-dependent model files were added with their digests taken after `^`
 * and `pow` in expressions moved to `power` (their digests hold on Node 20, 22 and 24; no other
 * digest moved). Retaken when the report's settings gained `currency` (for every file the new
 * report less that one line is the old one, checked file by file) and the DARTH Sick-Sicker
 * model file its dollars (its cost units read $ where they read £). Retaken when `mean` became
 * the double nearest the exact mean (as R's, summed in extended precision, is): two files moved, each only in last bits (at most 1.2e-15 relative, checked number by
 * number; every other number and all text the same). When an input changes on purpose,
 * regenerate the map and review the files it names:
 * `UPDATE_OUTPUT_DIGESTS=1 npx vitest run tests/cli/output-digests.test.ts`.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { runInProcess } from "../helpers/cli.js";

const FIXTURE = "tests/fixtures/output-digests/run-json-2000.json";
const SAMPLES = "2000";

const files = [
  ...readdirSync("scenarios")
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => `scenarios/${f}`),
  ...readdirSync("models")
    .filter((f) => f.endsWith(".model.yaml"))
    .map((f) => `models/${f}`),
].sort();

const stored = JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, string>;
const computed: Record<string, string> = {};

describe("ceakit run --format json output digests", () => {
  test("every shipped scenario and model file has a stored digest", () => {
    if (process.env.UPDATE_OUTPUT_DIGESTS === undefined)
      expect(Object.keys(stored).sort()).toEqual(files);
  });

  test.each(files)("run %s --samples 2000 --format json is byte-identical", async (file) => {
    const run = await runInProcess(["run", file, "--samples", SAMPLES, "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    computed[file] = createHash("sha256").update(run.stdout).digest("hex");
    if (process.env.UPDATE_OUTPUT_DIGESTS === undefined) expect(computed[file]).toBe(stored[file]);
  });

  test.runIf(process.env.UPDATE_OUTPUT_DIGESTS !== undefined)("writes the digests", () => {
    writeFileSync(FIXTURE, `${JSON.stringify(computed, null, 2)}\n`);
  });
});
