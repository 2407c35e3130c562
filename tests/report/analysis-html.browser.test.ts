/// <reference lib="dom" />
/**
 * `ceakit analyse --format html --parameters` on the reference 1e4 PSA and its parameter draws
 * (tests/fixtures/reference/psa-1e4), in real headless Chromium: the CE plane, CEAC/CEAF, EVPI
 * and EVPPI charts are SVG with marks, the EVPPI table is there, nothing is loaded from outside
 * the file, and the numbers each chart plots are those of `--format json`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { runInProcess } from "../helpers/cli.js";

const DIR = "tests/fixtures/reference/psa-1e4";
const ARGS = [
  "analyse",
  `${DIR}/psa_1e4.csv`,
  "--parameters",
  `${DIR}/psa_1e4_params.csv`,
  "--group",
  "d_a,g_a",
];

interface Figure {
  readonly name: string;
  readonly marks: number;
  readonly values: Record<string, number | string>[];
}

let browser: Browser;
let figures: Figure[];
let evppiRows: string[][];
let outside: string[];
// biome-ignore lint/suspicious/noExplicitAny: the JSON report is checked field by field
let json: any;

beforeAll(async () => {
  const html = await runInProcess([...ARGS, "--format", "html"]);
  expect(html.code, html.stderr).toBe(0);
  const file = join(mkdtempSync(join(tmpdir(), "ceakit-")), "analysis.html");
  writeFileSync(file, html.stdout);
  const out = await runInProcess([...ARGS, "--format", "json"]);
  expect(out.code, out.stderr).toBe(0);
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
  figures = await page.evaluate(() =>
    [...document.querySelectorAll("figure[data-chart]")].map((f) => ({
      name: (f as HTMLElement).dataset.chart as string,
      marks: f.querySelectorAll("svg path, svg rect, svg circle").length,
      values: JSON.parse(
        (f.querySelector("script[type='application/json']") as HTMLScriptElement).textContent ??
          "[]",
      ),
    })),
  );
  evppiRows = await page.evaluate(() =>
    [...document.querySelectorAll("table[data-table='evppi'] tr")].map((tr) =>
      [...tr.querySelectorAll("th, td")].map((c) => c.textContent ?? ""),
    ),
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const figure = (name: string) => figures.find((f) => f.name === name) as Figure;

describe("analyse --format html --parameters in Chromium", () => {
  it("draws the CE plane, CEAC/CEAF, EVPI and EVPPI as SVG with marks, loading nothing", () => {
    expect(figures.map((f) => f.name)).toEqual(["ce_plane", "ceac", "evpi", "evppi"]);
    for (const f of figures) expect(f.marks, f.name).toBeGreaterThan(5);
    expect(outside).toEqual([]);
  });

  it("has the EVPPI table: EVPI, the noise floor, the group, then the six parameters", () => {
    expect(evppiRows[0]?.[0]).toBe("parameter");
    expect(evppiRows[0]).toHaveLength(1 + json.evppi.wtp.length);
    expect(evppiRows.slice(1).map((r) => r[0])).toEqual([
      "EVPI (all parameters)",
      "noise floor (no information)",
      "group: d_a + g_a",
      ...json.evppi.parameters.map((p: { parameter: string }) => p.parameter),
    ]);
    expect(json.evppi.parameters).toHaveLength(6);
    for (const cell of evppiRows[2]?.slice(1) ?? []) expect(cell).toMatch(/^≤ £[\d,]+\.\d\d$/);
    for (const row of [evppiRows[1], ...evppiRows.slice(3)]) {
      for (const cell of row?.slice(1) ?? []) expect(cell).toMatch(/^(-?[\d,]+(\.\d+)?|≈ 0)$/);
    }
    // e_usual moves every strategy equally (true EVPPI 0): "≈ 0" at every WTP.
    const eUsual = evppiRows.find((r) => r[0] === "e_usual");
    expect(eUsual?.slice(1)).toEqual(json.evppi.wtp.map(() => "≈ 0"));
  });

  it("plots the JSON report's CEAC, CEAF, EVPI and EVPPI ranking", () => {
    const { wtp, ceac, evpi, ceaf, strategies } = json;
    const ceacValues = figure("ceac").values;
    expect(ceacValues).toHaveLength(wtp.length * 3);
    ceacValues.forEach((v, i) => {
      const k = Math.floor(i / 3);
      expect(v.wtp).toBe(wtp[k]);
      expect(v.strategy).toBe(strategies[i % 3]);
      expect(v.probability).toBe(ceac[k][i % 3]);
      expect(v.frontier).toBe(ceaf[k].strategy === strategies[i % 3] ? 1 : 0);
    });
    expect(figure("evpi").values.map((v) => v.evpi)).toEqual(evpi);
    const k = json.evppi.wtp.indexOf(json.evppi.rankWtp);
    // Only the parameters ranked: above the noise floor at the ranking WTP.
    const ranked = json.evppi.parameters.filter((p: { rank: number | null }) => p.rank !== null);
    expect(ranked.length).toBeGreaterThan(0);
    expect(figure("evppi").values).toEqual(
      ranked.map((p: { parameter: string; evppi: number[] }) => ({
        parameter: p.parameter,
        evppi: p.evppi[k],
      })),
    );
    expect(figure("evppi").values.map((v) => v.parameter)).not.toContain("e_usual");
  });

  it("plots each strategy's increments against usual on the CE plane, thinned to 2,000", () => {
    const points = figure("ce_plane").values;
    expect(points).toHaveLength(2 * 2000);
    expect(new Set(points.map((p) => p.strategy))).toEqual(new Set(["swis_a", "swis_b"]));
    // The mean of swis_a's increments is close to the JSON's mean increments (a thinned sample).
    const a = points.filter((p) => p.strategy === "swis_a");
    const meanCost = a.reduce((s, p) => s + (p.incCost as number), 0) / a.length;
    const inc = json.pairwise.comparisons[0];
    expect(Math.abs(meanCost - inc.incCost)).toBeLessThan(0.1 * Math.abs(inc.incCost));
  });
});
