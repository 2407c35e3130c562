/// <reference lib="dom" />
/**
 * The commissioners' page as a commissioner meets it, in headless Chromium at 1280 px and at
 * 390 px (a phone): the three-strategy scenario's answer names every option and its chance; the
 * budget table has a strategy column; nothing is wider than the phone's screen; focus moves to
 * the answer after a run; an axe-core audit (injected by the test only, never bundled) finds no
 * serious or critical violation before or after a run; typed values that are not plain numbers
 * get messages that quote them and say how to fix them; an upload's errors are at the top with
 * the positions in the person's own file; the downloaded report carries the typed title and
 * lists the figures marked as the person's own, and the CLI reproduces the page's numbers from
 * the downloaded scenario. Screenshots at both widths, before and after a run, go to
 * tests/artifacts/.
 */
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/cli/serve-command.js";
import { buildWeb, type WebBuild } from "../../src/node/web-build.js";
import { launchBrowser } from "../helpers/browser.js";
import { runInProcess } from "../helpers/cli.js";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const VISITING = "scenarios/swis-rct-visiting.yaml";

let built: WebBuild;
let server: Server;
let browser: Browser;
let url: string;

interface Summary {
  incCost: number;
  incEffect: number;
  acceptability: { wtp: number; probability: number; probabilities: number[] }[];
  options: { label: string; probability: number }[];
}

beforeAll(async () => {
  mkdirSync("tests/artifacts", { recursive: true });
  built = await buildWeb(mkdtempSync(join(tmpdir(), "ceakit-web-")));
  server = await startServer({ port: 0, host: "127.0.0.1", dir: built.outDir });
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** A fresh page at this width, loaded and ready. */
async function open(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById("scenario-title")?.textContent !== "");
  return page;
}

/** Picks a shipped scenario and waits for its form. */
async function pick(page: Page, path: string): Promise<void> {
  await page.selectOption("#scenario", path);
  await expect.poll(() => page.inputValue("#title")).not.toBe("");
  await expect
    .poll(() => page.evaluate(() => document.getElementById("title")?.dataset.edited))
    .toBe("false");
}

/** Runs the page's PSA and returns the numbers behind its answer. */
async function runPage(page: Page): Promise<Summary> {
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

/** axe-core's serious and critical violations on the page as it is. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.targets.join(", ")}`);
}

/** The widest the page's content gets, in CSS pixels. */
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** The elements whose right edge is beyond the viewport (for a readable failure). */
const tooWide = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > document.documentElement.clientWidth + 0.5;
      })
      .filter((el) => el.closest(".table-wrap") === null)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`),
  );

/** A probability as the page writes it. */
const pct = (p: number) => `${(100 * p).toFixed(1)}%`;

describe("the commissioners' page at 1280 px", () => {
  it("the first screen says what to do; nothing but the file-independent downloads is on before a run; axe finds no serious violation", async () => {
    const page = await open(1280);
    expect(await page.textContent("h1")).toBe("Social workers in schools: does it pay locally?");
    // Readable names in the picker, not file names.
    const names = await page.$$eval("#scenario option", (os) => os.map((o) => o.textContent));
    expect(names).toContain("SWIS RCT base case, embedded vs visiting social worker");
    expect(names.some((n) => n?.endsWith(".yaml"))).toBe(false);
    // The form's groups, as the README's commissioner guide groups the numbers.
    expect(await page.$$eval("#inputs legend", (ls) => ls.map((l) => l.textContent))).toEqual([
      "Schools and pupils",
      "Staffing and on-costs",
      "Grant, set-up and management",
      "Local rates",
      "Local unit costs",
      "Horizon and willingness to pay",
    ]);
    for (const id of ["grant_total", "setup_cost_per_school", "mgmt_cost_per_school_year"]) {
      expect(await page.$(`#${id}`), id).not.toBeNull();
    }
    expect(await page.$("#rate_referral")).not.toBeNull();
    // Numbers as a person would write them (the IFA day cost, uprated, is rounded).
    expect(await page.inputValue("#c_day_ifa")).toMatch(/^\d+(\.\d{1,2})?$/);
    expect(await page.textContent('label[for="rate_s47"]')).toContain("per 1,000 pupils");
    // Downloads of a report are off until there is one, and the page says why.
    expect(await page.isDisabled("#download-csv")).toBe(true);
    expect(await page.isDisabled("#download-html")).toBe(true);
    expect(await page.textContent("#download-note")).toMatch(/after a run/);
    await page.screenshot({ path: "tests/artifacts/web-1280-before.png" });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("three strategies: the answer names the visiting worker and its chance; tables carry a strategy column; one colour per strategy; focus on the answer", async () => {
    const page = await open(1280);
    await pick(page, VISITING);
    await page.fill("#samples", "2000");
    const shown = await runPage(page);
    const answer = (await page.textContent("#answer")) as string;
    const visiting = shown.options.find((o) => o.label.startsWith("Visiting"));
    expect(visiting).toBeDefined();
    expect(answer).toContain("Visiting social worker (0.5 FTE per school)");
    expect(answer).toContain(pct(visiting?.probability as number));
    expect(answer).toContain("Embedded social worker (1 FTE per school)");
    expect(answer).not.toMatch(/\ba [8]\d|NaN|Infinity/);
    // Every option compared with usual practice.
    const compared = await page.$$eval("#comparisons li", (ls) => ls.map((l) => l.textContent));
    expect(compared).toHaveLength(2);
    for (const c of compared) expect(c).toMatch(/than Usual practice/);
    // The commissioner answers: savings, budget and payback, ROI, break-even, for both options.
    const extra = (await page.textContent("#extra-sections")) as string;
    expect(extra).toMatch(/cashable savings and released staff time/);
    expect(extra).toMatch(/return on investment/);
    expect(extra).toMatch(/break-even effect/);
    expect(extra).toContain("Visiting social worker (0.5 FTE per school)");
    expect(extra).not.toMatch(/NaN|Infinity|undefined/);
    // The budget table: a strategy column, its rows named.
    expect(await page.textContent("#budget thead th")).toBe("Strategy");
    const strategies = await page.$$eval("#budget tbody tr", (rs) =>
      rs.map((r) => r.querySelector("th")?.textContent),
    );
    expect(new Set(strategies)).toEqual(
      new Set([
        "Embedded social worker (1 FTE per school)",
        "Visiting social worker (0.5 FTE per school)",
      ]),
    );
    // Focus moves to the answer.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("answer");
    // "How to read this" beside the answer.
    expect(await page.textContent("#how-to-read")).toMatch(/no agreed threshold/);
    // Each chart: an image named by its caption, a summary, and the table behind it.
    for (const name of ["ce_plane", "ceac"]) {
      const fig = `#chart-${name}`;
      expect(await page.getAttribute(`${fig} .picture`, "role")).toBe("img");
      expect(await page.textContent(`${fig} .summary`)).not.toBe("");
      expect(await page.$(`${fig} table`)).not.toBeNull();
      // Legends are never truncated.
      expect(await page.textContent(`${fig} svg`)).toContain(
        "Visiting social worker (0.5 FTE per school)",
      );
    }
    // The same colour for the same strategy on the plane and the curves, read from the legends.
    const colours = await page.evaluate(() => {
      const legend = (fig: string) => {
        const labels = [...document.querySelectorAll(`${fig} .role-legend-label text`)].map(
          (t) => t.textContent ?? "",
        );
        const fills = [...document.querySelectorAll(`${fig} .role-legend-symbol path`)].map(
          (p) => p.getAttribute("fill") ?? "",
        );
        return Object.fromEntries(labels.map((l, i) => [l, fills[i]]));
      };
      return { plane: legend("#chart-ce_plane"), ceac: legend("#chart-ceac") };
    });
    expect(Object.keys(colours.plane).sort()).toEqual([
      "Embedded social worker (1 FTE per school)",
      "Visiting social worker (0.5 FTE per school)",
    ]);
    expect(Object.keys(colours.ceac)).toHaveLength(3);
    expect(new Set(Object.values(colours.ceac)).size).toBe(3);
    for (const [label, colour] of Object.entries(colours.plane)) {
      expect(colours.ceac[label], label).toBe(colour);
    }
    await page.screenshot({ path: "tests/artifacts/web-1280-after.png", fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("typed values that are not plain numbers are quoted with how to fix them; Run is off with its reason; the list at the top links to the field", async () => {
    const page = await open(1280);
    await page.fill("#sw_salary", "£41,000");
    await expect
      .poll(() => page.textContent("#sw_salary-error"))
      .toBe("£41,000: type 41000 (digits only, without a currency sign or commas)");
    await page.fill("#oncost_rate", "28");
    await expect
      .poll(() => page.textContent("#oncost_rate-error"))
      .toBe("28: this is a proportion between 0 and 1: type 0.28 for 28%");
    expect(await page.isDisabled("#run")).toBe(true);
    expect(await page.textContent("#run-reason")).toMatch(/^Run is off: 2 values need fixing/);
    expect(await page.isVisible("#problems")).toBe(true);
    await page.click('#form-errors a[data-field="oncost_rate"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("oncost_rate");
    await page.fill("#oncost_rate", "0.28");
    await page.fill("#sw_salary", "41000");
    await expect.poll(() => page.isDisabled("#run")).toBe(false);
    expect(await page.textContent("#run-reason")).toBe("");
    expect(await page.isHidden("#problems")).toBe(true);
    await page.close();
  });

  it("an upload's problems are at the top, in view, at the positions in the person's own file; the title says nothing was loaded and Run stays off", async () => {
    const page = await open(1280);
    const comments = Array.from({ length: 40 }, (_, i) => `# line ${i + 3}`).join("\n");
    const text = `model: swis\ntitle: Mine\n${comments}\nsettings:\n  schools: 3\nhorizon_years: two\n`;
    const line = text.split("\n").findIndex((l) => l.startsWith("horizon_years")) + 1;
    await page.setInputFiles("#upload", {
      name: "mine.yaml",
      mimeType: "text/yaml",
      buffer: Buffer.from(text),
    });
    await expect
      .poll(() => page.textContent("#form-errors .message"))
      .toBe(`mine.yaml:${line}:16 horizon_years: expected a number, got "two"`);
    expect(await page.textContent("#problems-heading")).toMatch(/^mine\.yaml was not loaded/);
    expect(await page.textContent("#scenario-title")).toBe(
      "mine.yaml (not loaded: it has problems)",
    );
    // In view and focused.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("problems");
    const box = await page.evaluate(
      () => document.getElementById("problems")?.getBoundingClientRect().top,
    );
    expect(box).toBeGreaterThanOrEqual(0);
    expect(box).toBeLessThan(900);
    expect(await page.isDisabled("#run")).toBe(true);
    expect(await page.textContent("#run-reason")).toMatch(/mine\.yaml was not loaded/);
    await page.close();
  });

  it("the downloaded report carries the typed title and lists the marked figures as yours; the CLI reproduces the page's numbers from the downloaded scenario", async () => {
    const page = await open(1280);
    await pick(page, "scenarios/swis-rct.yaml");
    await page.fill("#title", "SWIS in Anytown");
    await page.fill("#sw_salary", "41000");
    await page.check("#sw_salary-mine");
    await page.check("#rate_s47-mine");
    await page.fill("#grant_total", "50000");
    await page.selectOption("#perspective", "local_authority");
    await page.fill("#samples", "1500");
    const shown = await runPage(page);
    const save = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
      const path = join(mkdtempSync(join(tmpdir(), "ceakit-dl-")), download.suggestedFilename());
      await download.saveAs(path);
      return readFileSync(path, "utf8");
    };
    const html = await save("#download-html");
    expect(html).toContain("<title>SWIS in Anytown</title>");
    const figures = html.slice(html.indexOf("Your figures (2)"));
    expect(figures).toContain("sw_salary");
    expect(figures.slice(0, figures.indexOf("<h2>"))).toContain("rate_s47");
    const assumptions = html.slice(html.indexOf("Inputs that are assumptions"));
    expect(assumptions.slice(0, assumptions.indexOf("<h2>"))).not.toContain("sw_salary");
    // On the page too.
    expect(await page.textContent("#your-figures")).toContain("sw_salary");
    const yaml = await save("#download-yaml");
    expect(yaml).toMatch(/^title: SWIS in Anytown$/m);
    expect(yaml).toMatch(/tag: local/);
    const files = { "scenario.yaml": yaml };
    const cli = await runInProcess(
      ["run", "scenario.yaml", "--samples", "1500", "--format", "json"],
      files,
    );
    expect(cli.code, cli.stderr).toBe(0);
    const doc = JSON.parse(cli.stdout);
    expect([...doc.inputGroups["your-figures"]].sort()).toEqual(["rate_s47", "sw_salary"]);
    // Chromium's Math.exp, Math.log and Math.pow are not Node's (they differ in the last bit for
    // a few percent of arguments; Node 20, 22 and 24 agree with each other), so the page agrees
    // with the CLI to rounding, not bit for bit: README, "The web page".
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.abs(b);
    const cli0 = doc.analysis.pairwise.comparisons[0];
    expect(close(cli0.incCost, shown.incCost), `${cli0.incCost} vs ${shown.incCost}`).toBe(true);
    expect(close(cli0.incEffect, shown.incEffect), `${cli0.incEffect} vs ${shown.incEffect}`).toBe(
      true,
    );
    await page.close();
  });

  it("a Markov model file: the answer names the option most likely to be cost-effective, with the cohort trace and its table", async () => {
    const page = await open(1280);
    await page.selectOption("#scenario", "models/sick-sicker.model.yaml");
    await expect.poll(() => page.textContent("#scenario-title")).toMatch(/^Sick-Sicker/);
    await page.fill("#samples", "500");
    const shown = await runPage(page);
    const a = shown.acceptability.at(-1);
    expect(a?.probabilities.length).toBe(4);
    expect(await page.textContent("#answer")).toMatch(
      /is the option most likely to be cost-effective/,
    );
    expect(await page.$("#chart-trace .picture svg")).not.toBeNull();
    expect(await page.textContent("#chart-trace .summary")).toMatch(/After the last cycle/);
    expect(await page.$("#chart-trace table")).not.toBeNull();
    expect(await page.textContent("#results")).not.toMatch(/NaN|Infinity/);
    await page.close();
  });
});

describe("the commissioners' page at 390 px (a phone)", () => {
  it("no horizontal scroll before or after a run; focus on the answer; axe finds no serious violation", async () => {
    const page = await open(390);
    expect(await tooWide(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "tests/artifacts/web-390-before.png" });
    expect(await seriousViolations(page)).toEqual([]);
    await pick(page, VISITING);
    await page.fill("#samples", "1500");
    const shown = await runPage(page);
    expect(await page.textContent("#answer")).toContain(
      `Visiting social worker (0.5 FTE per school)`,
    );
    expect(shown.options).toHaveLength(2);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("answer");
    // Open every chart's table too: they scroll inside their own box.
    await page.evaluate(() => {
      for (const d of document.querySelectorAll("details")) d.open = true;
    });
    expect(await tooWide(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    // Charts fit the screen.
    const chartWidths = await page.$$eval(".picture svg", (ss) =>
      ss.map((s) => s.getBoundingClientRect().width),
    );
    for (const w of chartWidths) expect(w).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "tests/artifacts/web-390-after.png", fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
