/// <reference lib="dom" />
/**
 * The HTML report in real headless Chromium (driven by playwright-core; see tests/helpers/browser.ts):
 * every chart's SVG is there with marks in it, no request leaves the page, a screenshot is saved
 * to tests/artifacts/report.png, and the numbers each chart plots equal those of the JSON output
 * and of the dsa and evppi commands.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { runInProcess } from "../helpers/cli.js";
import { run } from "../helpers/scenarios.js";

const SCENARIO = "scenarios/swis-rct.yaml";
const SAMPLES = "3000";

interface Figure {
  readonly name: string;
  readonly marks: number;
  readonly text: string;
  readonly values: Record<string, number | string>[];
}

let browser: Browser;
let figures: Figure[];
let outside: string[];
let json: {
  analysis: { wtp: number[]; ceac: number[][]; evpi: number[]; ceaf: { strategy: string }[] };
};

beforeAll(async () => {
  const html = await runInProcess(["run", SCENARIO, "--samples", SAMPLES, "--format", "html"]);
  expect(html.code, html.stderr).toBe(0);
  const file = join(mkdtempSync(join(tmpdir(), "ceakit-")), "report.html");
  writeFileSync(file, html.stdout);
  const out = await runInProcess(["run", SCENARIO, "--samples", SAMPLES, "--format", "json"]);
  json = JSON.parse(out.stdout);
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  outside = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  await page.goto(`file://${file}`);
  mkdirSync("tests/artifacts", { recursive: true });
  await page.screenshot({ path: "tests/artifacts/report.png", fullPage: true });
  figures = await page.evaluate(() =>
    [...document.querySelectorAll("figure[data-chart]")].map((f) => ({
      name: (f as HTMLElement).dataset.chart as string,
      marks: f.querySelectorAll("svg .marks path, svg path, svg rect, svg circle").length,
      text: (f as HTMLElement).innerText,
      values: JSON.parse(
        (f.querySelector("script[type='application/json']") as HTMLScriptElement).textContent ??
          "[]",
      ),
    })),
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const figure = (name: string) => figures.find((f) => f.name === name) as Figure;

describe("HTML report in Chromium", () => {
  it("has every chart as SVG with marks, and loads nothing from outside the file", () => {
    expect(figures.map((f) => f.name)).toEqual(["ce_plane", "ceac", "evpi", "tornado", "evppi"]);
    for (const f of figures) {
      // The EVPPI chart ranks only parameters above the estimator's noise floor; when there is
      // none (the RCT at £20,000), it says so in words instead of drawing bars of noise.
      if (f.name === "evppi" && f.values.length === 0) {
        expect(f.text).toContain("No single parameter carries value of information at WTP £20,000");
      } else expect(f.marks, f.name).toBeGreaterThan(5);
    }
    expect(outside).toEqual([]);
    expect(existsSync("tests/artifacts/report.png")).toBe(true);
  });

  it("plots the JSON output's CEAC, CEAF and EVPI", () => {
    const { wtp, ceac, evpi, ceaf } = json.analysis;
    const ceacValues = figure("ceac").values;
    expect(ceacValues).toHaveLength(wtp.length * 2);
    ceacValues.forEach((v, i) => {
      const k = Math.floor(i / 2);
      expect(v.wtp).toBe(wtp[k]);
      expect(v.probability).toBe(ceac[k]?.[i % 2]);
    });
    // The frontier dots sit on the CEAF strategy at every WTP.
    const labels = { usual: "Usual practice", swis: "Social workers in schools" } as const;
    ceacValues
      .filter((v) => v.frontier === 1)
      .forEach((v) => {
        const k = wtp.indexOf(v.wtp as number);
        expect(v.strategy).toBe(labels[ceaf[k]?.strategy as keyof typeof labels]);
      });
    expect(figure("evpi").values.map((v) => v.evpi)).toEqual(evpi);
  });

  it("plots the PSA's own increments on the CE plane", async () => {
    const result = await run(SCENARIO, { samples: Number(SAMPLES) });
    const n = result.draws.samples.nSamples;
    const { cost, effect } = result.draws.samples;
    const points = figure("ce_plane").values;
    expect(points).toHaveLength(2000); // thinned to 2,000 of 3,000 samples
    const all = new Set<string>();
    for (let i = 0; i < n; i++) {
      all.add(
        `${(effect[n + i] as number) - (effect[i] as number)}|${(cost[n + i] as number) - (cost[i] as number)}`,
      );
    }
    for (const p of points) expect(all.has(`${p.incEffect}|${p.incCost}`)).toBe(true);
  });

  it("plots `ceakit dsa`'s tornado and `ceakit evppi`'s ranking", async () => {
    const dsa = JSON.parse(
      (await runInProcess(["dsa", SCENARIO, "--wtp", "20000", "--format", "json"])).stdout,
    );
    const tornado = figure("tornado").values;
    (dsa.rows as { parameter: string; inmb_low: number; inmb_high: number }[]).forEach((row, k) => {
      expect(tornado[2 * k]).toMatchObject({
        parameter: row.parameter,
        end: "low",
        inmb: row.inmb_low,
      });
      expect(tornado[2 * k + 1]).toMatchObject({
        parameter: row.parameter,
        end: "high",
        inmb: row.inmb_high,
      });
    });
    const evppi = JSON.parse(
      (await runInProcess(["evppi", SCENARIO, "--samples", SAMPLES, "--format", "json"])).stdout,
    );
    const byName = new Map(
      (evppi.rows as Record<string, number | string>[]).map((r) => [r.parameter, r.evppi_20000]),
    );
    for (const v of figure("evppi").values) expect(v.evppi).toBe(byName.get(v.parameter));
    // The chart plots exactly the parameters the command ranks at £20,000.
    expect(figure("evppi").values.map((v) => v.parameter)).toEqual(
      (evppi.rows as Record<string, unknown>[])
        .filter((r) => r.rank !== null)
        .map((r) => r.parameter),
    );
  });
});
