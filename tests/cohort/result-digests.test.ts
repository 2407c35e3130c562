/**
 * Issue 16 (cohort engine speed): the engine's results are frozen bit for bit. The digests in
 * tests/fixtures/cohort/result-digests.json were taken before the kernel was reworked for speed:
 * sha256 of `ceakit run <file> --format json --samples 2000` for model files, and of the PSA
 * cost and effect arrays (Float64Array bytes, strategy-major) at 1e4 samples, seed 1, of the
 * cohort benchmark model and the shipped TypeScript Markov models, at two chunk sizes. A change
 * that alters a last bit (a different summation order, say) fails here. The run digests were
 * retaken when the JSON report gained keys (input groups and correlations, then `commissioner`:
 * issue 15), each time after checking that only those keys differ; and once when discount
 * factors moved to the engine-independent `power` (Node 24's `**` differs from Node 20's in the
 * last bit), after which they hold on Node 20, 22 and 24 alike; and once when `^` and `pow` in
 * model-file expressions moved to `power` too (revision.model.yaml's Weibull hazard: only last
 * bits moved, at most 1.2e-13 relative, in an ICER; checked field by field); and when the
 * report's settings gained `currency` (only that line differs, checked per file; Sick-Sicker's
 * cost units also read $ since its model file gives its currency); and when `mean` became the
 * double nearest the exact mean (revision.model.yaml: 7 numbers moved in the last bit, at most
 * 3.7e-16 relative, checked number by number; the PSA arrays do not use means and are unchanged).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import hip from "../../bench/models/hip-replacement.js";
import hivChancellor from "../../models/markov/hiv-chancellor.js";
import sickSicker from "../../models/markov/sick-sicker.js";
import { type Model, runPsa } from "../../src/index.js";
import { runInProcess } from "../helpers/cli.js";

const FIXTURE = "tests/fixtures/cohort/result-digests.json";
const expected = JSON.parse(readFileSync(FIXTURE, "utf8")) as {
  readonly cli: Readonly<Record<string, string>>;
  readonly psa: Readonly<Record<string, { readonly cost: string; readonly effect: string }>>;
};

const MODELS: Readonly<Record<string, Model>> = {
  "hip-replacement": hip as unknown as Model,
  "hiv-chancellor": hivChancellor as unknown as Model,
  "sick-sicker": sickSicker as unknown as Model,
};

const sha256 = (bytes: string | Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const bytesOf = (x: Float64Array) => new Uint8Array(x.buffer, x.byteOffset, x.byteLength);

describe("cohort results are unchanged bit for bit", () => {
  for (const file of Object.keys(expected.cli)) {
    test(`ceakit run ${file} --format json --samples 2000`, async () => {
      const run = await runInProcess(["run", file, "--format", "json", "--samples", "2000"]);
      expect(run.code, run.stderr).toBe(0);
      expect(sha256(run.stdout)).toBe(expected.cli[file]);
    });
  }

  for (const [name, digests] of Object.entries(expected.psa)) {
    for (const chunkSize of [10_000, 777]) {
      test(`${name}: PSA cost and effect at 1e4 samples, chunks of ${chunkSize}`, async () => {
        const model = MODELS[name] as Model;
        const result = await runPsa(model, { samples: 10_000, seed: 1, chunkSize });
        expect(sha256(bytesOf(result.samples.cost))).toBe(digests.cost);
        expect(sha256(bytesOf(result.samples.effect))).toBe(digests.effect);
      });
    }
  }
});
