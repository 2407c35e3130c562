/// <reference lib="dom" />
/**
 * The commissioners' page end to end in headless Chromium (through playwright-core; see
 * tests/helpers/browser.ts): built with esbuild for the browser (no Node built-ins), served on loopback,
 * inputs changed, runs compared, an invalid value refused, and the downloaded scenario checked
 * with the CLI. Screenshots go to tests/artifacts/.
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
let url: string;

interface Summary {
  incCost: number;
  incEffect: number;
  icer: string;
  acceptability: { wtp: number; probability: number; evpi: number }[];
}

/** The messages listed at the top of the page, one a line. */
const problemMessages = () =>
  page.$$eval("#form-errors .message", (ms) => ms.map((m) => m.textContent).join("\n"));

/** Runs the page's PSA and returns the numbers behind its answer. */
async function runPage(): Promise<Summary> {
  await page.evaluate(() => document.getElementById("results")?.removeAttribute("data-summary"));
  await page.click("#run");
  await page.waitForFunction(
    () => document.getElementById("results")?.dataset.summary !== undefined,
    null,
    {
      timeout: 60_000,
    },
  );
  return JSON.parse((await page.getAttribute("#results", "data-summary")) as string);
}

beforeAll(async () => {
  built = await buildWeb(mkdtempSync(join(tmpdir(), "ceakit-web-")));
  server = await startServer({ port: 0, host: "127.0.0.1", dir: built.outDir });
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1200, height: 1000 }, acceptDownloads: true });
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById("scenario-title")?.textContent !== "");
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe("web page", () => {
  it("the bundle has no Node built-ins and reports its size", () => {
    const app = readFileSync(join(built.outDir, "app.js"), "utf8");
    expect(app).not.toMatch(
      /require\(["']node:|from ["']node:|require\(["'](fs|path|os|worker_threads|child_process)["']\)/,
    );
    expect(built.appBytes).toBeGreaterThan(100_000);
  });

  it("changing salary raises the ICER; more schools raise the cost; the answer reads as a sentence", async () => {
    await page.selectOption("#scenario", "scenarios/swis-rct-optimistic.yaml");
    await page.waitForFunction(() =>
      document.getElementById("scenario-title")?.textContent?.includes("optimistic"),
    );
    await page.fill("#samples", "3000");
    const base = await runPage();
    await page.screenshot({ path: "tests/artifacts/web-base.png", fullPage: true });
    expect(await page.textContent("#answer")).toMatch(
      /^At £20,000 per Section 47 enquiry avoided, Social workers in schools has an? \d+\.\d% chance of being cost-effective for your authority\.$/,
    );
    await page.fill("#sw_salary", "45000");
    const dearer = await runPage();
    expect(dearer.incCost).toBeGreaterThan(base.incCost);
    expect(Number(dearer.icer.replace(/,/g, ""))).toBeGreaterThan(
      Number(base.icer.replace(/,/g, "")),
    );
    await page.fill("#schools", "3");
    const more = await runPage();
    expect(more.incCost).toBeGreaterThan(2.5 * dearer.incCost);
    expect(more.incEffect).toBeGreaterThan(2.5 * dearer.incEffect);
    await page.screenshot({ path: "tests/artifacts/web-changed.png", fullPage: true });
  });

  it("an invalid value shows the field's error and the run is refused", async () => {
    await page.fill("#oncost_rate", "1.7");
    await expect
      .poll(() => page.textContent("#oncost_rate-error"))
      .toMatch(/expected a number below 1, got 1\.7|between 0 and 1/);
    expect(await page.getAttribute("#oncost_rate", "aria-invalid")).toBe("true");
    expect(await page.isDisabled("#run")).toBe(true);
    await page.screenshot({ path: "tests/artifacts/web-invalid.png", fullPage: true });
    await page.fill("#oncost_rate", "0.3");
    await expect.poll(() => page.isDisabled("#run")).toBe(false);
  });

  it("the downloaded scenario validates with the CLI and gives the same results for the same seed", async () => {
    await page.fill("#samples", "2000");
    const shown = await runPage();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#download-yaml"),
    ]);
    const path = join(mkdtempSync(join(tmpdir(), "ceakit-dl-")), "scenario.yaml");
    await download.saveAs(path);
    const text = readFileSync(path, "utf8");
    // The download stands on its own: the chain of `extends` is merged in.
    expect(text).not.toMatch(/^extends:/m);
    const files = { "scenario.yaml": text };
    const check = await runInProcess(["validate", "scenario.yaml"], files);
    expect(check.code, check.stderr).toBe(0);
    const cli = await runInProcess(
      ["run", "scenario.yaml", "--samples", "2000", "--format", "json"],
      files,
    );
    const doc = JSON.parse(cli.stdout);
    // Chromium's Math.exp, Math.log and Math.pow differ from Node's in the last bit for a few
    // percent of arguments, so the page agrees with the CLI to rounding (README, "The web page").
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.abs(b);
    const cli0 = doc.analysis.pairwise.comparisons[0];
    expect(close(cli0.incCost, shown.incCost), `${cli0.incCost} vs ${shown.incCost}`).toBe(true);
    expect(close(cli0.incEffect, shown.incEffect), `${cli0.incEffect} vs ${shown.incEffect}`).toBe(
      true,
    );
    expect(doc.acceptability.map((a: { probability: number[] }) => a.probability[1])).toEqual(
      shown.acceptability.map((a) => a.probability),
    );
  });

  it("every control has a label, and the page runs from the keyboard alone", async () => {
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("input, select")]
        .filter((el) => {
          const id = el.getAttribute("id");
          const labelled = id !== null && document.querySelector(`label[for="${id}"]`) !== null;
          return !labelled && el.getAttribute("aria-label") === null;
        })
        .map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    // Errors do not rely on colour: the message is text, introduced by "Error:" (CSS).
    await page.fill("#schools", "x");
    await expect.poll(() => page.textContent("#schools-error")).not.toBe("");
    expect(
      await page.evaluate(
        () =>
          getComputedStyle(document.getElementById("schools-error") as Element, "::before").content,
      ),
    ).toBe('"Error: "');
    await page.fill("#schools", "1");
    await expect.poll(() => page.isDisabled("#run")).toBe(false);
    await page.fill("#samples", "1500");
    await page.focus("#samples");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("run");
    await page.evaluate(() => document.getElementById("results")?.removeAttribute("data-summary"));
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => document.getElementById("results")?.dataset.summary !== undefined,
      null,
      {
        timeout: 60_000,
      },
    );
    expect(await page.textContent("#status")).toBe("Done.");
  });

  it("an uploaded scenario is loaded into the form; a broken one shows its located error", async () => {
    await page.setInputFiles("#upload", {
      name: "mine.yaml",
      mimeType: "text/yaml",
      buffer: Buffer.from(
        "model: swis\ntitle: Mine\nsettings: { schools: 7 }\nparameters:\n  sw_salary: 39000\n",
      ),
    });
    await expect.poll(() => page.textContent("#scenario-title")).toBe("Mine");
    expect(await page.inputValue("#schools")).toBe("7");
    expect(await page.inputValue("#sw_salary")).toBe("39000");
    await page.setInputFiles("#upload", {
      name: "bad.yaml",
      mimeType: "text/yaml",
      buffer: Buffer.from("model: swis\ntitle: Bad\nhorizon_years: two\n"),
    });
    await expect
      .poll(() => problemMessages())
      .toBe('bad.yaml:3:16 horizon_years: expected a number, got "two"');
    // Nothing of the refused file is loaded: the title says so and Run is off.
    expect(await page.textContent("#scenario-title")).toBe(
      "bad.yaml (not loaded: it has problems)",
    );
    expect(await page.isDisabled("#run")).toBe(true);
    // The bytes are read by the CLI's rules: UTF-16 is refused with the CLI's message.
    await page.setInputFiles("#upload", {
      name: "wide.yaml",
      mimeType: "text/yaml",
      buffer: Buffer.from("\ufeffmodel: swis\ntitle: Wide\n", "utf16le"),
    });
    await expect.poll(() => problemMessages()).toBe("wide.yaml: is UTF-16 text; save it as UTF-8");
  });

  it("a sample count the page cannot hold is refused next to the field, and Run stays off", async () => {
    await page.selectOption("#scenario", "scenarios/swis-rct.yaml");
    await page.waitForFunction(
      () =>
        document.getElementById("scenario-title")?.textContent === "SWIS national RCT base case",
    );
    await page.fill("#samples", "1e9");
    await expect
      .poll(() => page.textContent("#samples-error"))
      .toMatch(/at most 100000000|100,000,000/);
    expect(await page.isDisabled("#run")).toBe(true);
    await page.fill("#samples", "50000000");
    await expect
      .poll(() => page.textContent("#samples-error"))
      .toMatch(
        /^50,000,000 samples need about [\d.]+ GB; the web page allows about 1\.1 GB: at most [\d,]+ samples fit$/,
      );
    expect(await page.isDisabled("#run")).toBe(true);
    await page.fill("#samples", "2000");
    await expect.poll(() => page.textContent("#samples-error")).toBe("");
    expect(await page.isDisabled("#run")).toBe(false);
  });

  it("the CSV and HTML reports download with the run's numbers", async () => {
    await page.selectOption("#scenario", "scenarios/swis-rct.yaml");
    await page.waitForFunction(
      () =>
        document.getElementById("scenario-title")?.textContent === "SWIS national RCT base case",
    );
    await page.fill("#samples", "1000");
    const shown = await runPage();
    const save = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
      const path = join(mkdtempSync(join(tmpdir(), "ceakit-dl-")), download.suggestedFilename());
      await download.saveAs(path);
      return readFileSync(path, "utf8");
    };
    const csv = await save("#download-csv");
    expect(csv.split("\n")[0]).toBe("section,item,strategy,comparator,wtp,statistic,value,text");
    const p20 = csv.split("\n").find((l) => l.startsWith("acceptability,,swis,,20000,p_optimal,"));
    expect(Number(p20?.split(",").at(-2))).toBe(shown.acceptability[2]?.probability);
    const html = await save("#download-html");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('data-chart="ceac"');
  });

  it("the static build works opened from disk (file://), worker included", async () => {
    const local = await browser.newPage();
    await local.goto(`file://${join(built.outDir, "index.html")}`);
    await local.waitForFunction(
      () => document.getElementById("scenario-title")?.textContent !== "",
    );
    await local.fill("#samples", "500");
    await local.click("#run");
    await local.waitForFunction(
      () => document.getElementById("results")?.dataset.summary !== undefined,
      null,
      {
        timeout: 60_000,
      },
    );
    expect(await local.textContent("#answer")).toMatch(
      /chance of being cost-effective for your authority\.$/,
    );
    await local.close();
  });
});
