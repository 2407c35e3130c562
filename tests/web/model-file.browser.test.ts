/// <reference lib="dom" />
/**
 * Model files on the web page, end to end in headless Chromium: the shipped HIV model file
 * opened from the picker and run gives the CLI's numbers for the same seed and sample count (and
 * the published base case); its form is built from the model's inputs; the same file uploaded
 * gives the same; a model file uploaded with its CSV table runs; a broken model file and a
 * missing table show the CLI's located errors.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/cli/serve-command.js";
import { buildWeb, type WebBuild } from "../../src/node/web-build.js";
import { launchBrowser } from "../helpers/browser.js";
import { runInProcess } from "../helpers/cli.js";

let built: WebBuild;
let server: Server;
let browser: Browser;
let page: Page;

const HIV = readFileSync("models/hiv.model.yaml", "utf8");
const SAMPLES = 2000;

interface Summary {
  incCost: number;
  incEffect: number;
  acceptability: { wtp: number; probability: number }[];
  baseCase: { strategy: string; cost: number; effect: number }[];
}

/** The messages listed at the top of the page, one a line. */
const problemMessages = () =>
  page.$$eval("#form-errors .message", (ms) => ms.map((m) => m.textContent).join("\n"));

/** Runs the page's PSA and returns the numbers behind its answer. */
async function runPage(): Promise<Summary> {
  await page.evaluate(() => document.getElementById("results")?.removeAttribute("data-summary"));
  await expect.poll(() => page.isDisabled("#run")).toBe(false);
  await page.click("#run");
  // The answer, then the charts: the run is over when both are shown.
  await page.waitForFunction(
    () =>
      document.getElementById("results")?.dataset.summary !== undefined &&
      document.getElementById("status")?.textContent === "Done.",
    null,
    { timeout: 60_000 },
  );
  return JSON.parse((await page.getAttribute("#results", "data-summary")) as string);
}

/** The CLI's JSON for `ceakit run <file> --format json --seed 1 --samples <n>`. */
async function cliRun(file: string, files: Record<string, string> = {}) {
  const run = await runInProcess(
    ["run", file, "--format", "json", "--seed", "1", "--samples", String(SAMPLES)],
    files,
  );
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

/**
 * Equal to the last few bits: Node's V8 and Chromium's V8 need not agree on the last bit of
 * Math.pow, exp and log (Node 20 and Chromium 156 differ in about a fifth of them), and the
 * model's discounting and sampling use them. The PSA, seed and arithmetic are otherwise the same.
 */
function expectSame(page: number, cli: number, what: string): void {
  expect(Math.abs(page - cli), `${what}: page ${page}, CLI ${cli}`).toBeLessThanOrEqual(
    1e-12 * Math.abs(cli),
  );
}

/** Asserts the page shows the CLI's numbers for the HIV model. */
async function expectCliNumbers(shown: Summary): Promise<void> {
  const doc = await cliRun("models/hiv.model.yaml");
  const pair = doc.analysis.pairwise.comparisons[0];
  expectSame(shown.incCost, pair.incCost, "incremental cost");
  expectSame(shown.incEffect, pair.incEffect, "incremental effect");
  shown.baseCase.forEach((b, j) => {
    expectSame(b.cost, doc.baseCase.cost[j], `base-case cost ${b.strategy}`);
    expectSame(b.effect, doc.baseCase.effect[j], `base-case effect ${b.strategy}`);
  });
  // The published base case (Chancellor et al. 1997, as in Briggs et al. 2006).
  expect(shown.baseCase.map((b) => b.cost.toFixed(2))).toEqual(["44663.45", "50601.65"]);
  expect(doc.baseCase.cost.map((c: number) => c.toFixed(2))).toEqual(["44663.45", "50601.65"]);
  expect(doc.acceptability.map((a: { probability: number[] }) => a.probability[1])).toEqual(
    shown.acceptability.map((a) => a.probability),
  );
}

beforeAll(async () => {
  built = await buildWeb(mkdtempSync(join(tmpdir(), "ceakit-web-")));
  server = await startServer({ port: 0, host: "127.0.0.1", dir: built.outDir });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
  await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
  await page.waitForFunction(() => document.getElementById("scenario-title")?.textContent !== "");
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe("model files on the web page", () => {
  it("opens the shipped HIV model file from the picker, builds its form from its inputs, and runs it as the CLI does", async () => {
    await page.selectOption("#scenario", "models/hiv.model.yaml");
    await expect
      .poll(() => page.textContent("#scenario-title"))
      .toBe("HIV/AIDS: zidovudine monotherapy vs combination therapy");
    // One field per input of the model, labelled, with its unit, source and evidence tag.
    expect(await page.inputValue("#p-rr")).toBe("0.509");
    expect(await page.inputValue("#p-c_zidovudine")).toBe("2278");
    expect(await page.textContent('label[for="p-c_zidovudine"]')).toContain("£ per year");
    expect(await page.textContent("#p-rr-source")).toBe(
      "Default: Chancellor et al. 1997; Briggs et al. 2006, Ex. 2.5 (checked against the source)",
    );
    expect(await page.getAttribute("#p-rr", "aria-describedby")).toBe("p-rr-source p-rr-error");
    // SWIS's own fields are gone.
    expect(await page.$("#sw_salary")).toBeNull();
    await page.fill("#samples", String(SAMPLES));
    const shown = await runPage();
    await page.screenshot({ path: "tests/artifacts/web-model-hiv.png", fullPage: true });
    await expectCliNumbers(shown);
    expect(await page.textContent("#answer")).toMatch(
      /^At £20,000 per life-year gained, Zidovudine \+ lamivudine has an? \d+\.\d% chance of being cost-effective compared with Zidovudine monotherapy\.$/,
    );
    expect(await page.textContent("#base-case")).toContain("44,663");
    expect(await page.isHidden("#budget")).toBe(true);
    expect(await page.$("#chart-ceac svg")).not.toBeNull();
  });

  it("a changed input keeps its distribution and changes the result; a bad one is refused next to its field", async () => {
    await page.fill("#p-c_zidovudine", "3000");
    const dearer = await runPage();
    expect(dearer.baseCase[0]?.cost).toBeGreaterThan(44663.46);
    await page.fill("#p-rr", "-1");
    await expect
      .poll(() => page.textContent("#p-rr-error"))
      .toMatch(/lognormal distribution can take/);
    expect(await page.getAttribute("#p-rr", "aria-invalid")).toBe("true");
    expect(await page.isDisabled("#run")).toBe(true);
  });

  it("the HIV model file uploaded gives the same numbers", async () => {
    await page.setInputFiles("#upload", {
      name: "hiv.model.yaml",
      mimeType: "text/yaml",
      buffer: Buffer.from(HIV),
    });
    await expect
      .poll(() => page.textContent("#scenario-title"))
      .toBe("HIV/AIDS: zidovudine monotherapy vs combination therapy");
    expect(await page.inputValue("#p-rr")).toBe("0.509");
    await page.fill("#samples", String(SAMPLES));
    await expectCliNumbers(await runPage());
  });

  it("a broken model file shows the CLI's located error, and nothing of it is loaded", async () => {
    const broken = HIV.replace("rewards_on: end", "rewards_on: middle");
    const files = { "broken.model.yaml": broken };
    const cli = await runInProcess(["validate", "broken.model.yaml"], files);
    expect(cli.code).toBe(2);
    await page.setInputFiles("#upload", {
      name: "broken.model.yaml",
      mimeType: "text/yaml",
      buffer: Buffer.from(broken),
    });
    const expected = cli.stderr.trimEnd().replace(/^error: /gm, "");
    expect(expected).toMatch(/^broken\.model\.yaml:17:13 rewards_on: /);
    await expect.poll(() => problemMessages()).toBe(expected);
    expect(await page.textContent("#scenario-title")).toBe(
      "broken.model.yaml (not loaded: it has problems)",
    );
    expect(await page.isDisabled("#run")).toBe(true);
  });

  it("a model file uploaded with its CSV table runs as the CLI runs it; without the table, the CLI's located error", async () => {
    const withTable = HIV.replace(
      "derived:\n",
      'tables:\n  costs: { file: drug-costs.csv, key: year, source: Made up, tag: assumption }\nderived:\n  c_extra: lookup(costs, 1, "cost")\n',
    ).replace("c_dmed_A + c_comm_A + c_zidovudine", "c_dmed_A + c_comm_A + c_zidovudine + c_extra");
    const csv = "year,cost\n0,100\n1,250\n";
    const files = { "tabled.model.yaml": withTable, "drug-costs.csv": csv };
    await page.setInputFiles("#upload", [
      { name: "tabled.model.yaml", mimeType: "text/yaml", buffer: Buffer.from(withTable) },
      { name: "drug-costs.csv", mimeType: "text/csv", buffer: Buffer.from(csv) },
    ]);
    await expect
      .poll(() => page.textContent("#scenario-title"))
      .toBe("HIV/AIDS: zidovudine monotherapy vs combination therapy");
    await page.fill("#samples", String(SAMPLES));
    const shown = await runPage();
    const doc = await cliRun("tabled.model.yaml", files);
    for (const [j, b] of shown.baseCase.entries())
      expectSame(b.cost, doc.baseCase.cost[j], b.strategy);
    expectSame(shown.incCost, doc.analysis.pairwise.comparisons[0].incCost, "incremental cost");
    expect(shown.baseCase[0]?.cost).toBeGreaterThan(44663.46);

    const cli = await runInProcess(["validate", "tabled.model.yaml"], {
      "tabled.model.yaml": withTable,
    });
    expect(cli.code).toBe(2);
    await page.setInputFiles("#upload", {
      name: "tabled.model.yaml",
      mimeType: "text/yaml",
      buffer: Buffer.from(withTable),
    });
    const expected = cli.stderr.trimEnd().replace(/^error: /gm, "");
    expect(expected).toMatch(
      /^tabled\.model\.yaml:\d+:\d+ tables\.costs\.file: cannot read table costs/,
    );
    await expect.poll(() => problemMessages()).toBe(expected);
  });

  it("a SWIS scenario picked afterwards gets the commissioners' form back", async () => {
    await page.selectOption("#scenario", "scenarios/swis-rct.yaml");
    await expect
      .poll(() => page.textContent("#scenario-title"))
      .toBe("SWIS national RCT base case");
    expect(await page.$("#sw_salary")).not.toBeNull();
    expect(await page.$("#p-rr")).toBeNull();
  });
});
