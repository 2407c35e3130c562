/// <reference lib="dom" />
/**
 * The browser tests on a fresh machine: with every system browser hidden (`CHROMIUM_PATH` unset,
 * no Chromium on PATH and `CEAKIT_BROWSER=bundled`, so tests/helpers/browser.ts ignores
 * /usr/bin/chromium), a child vitest process launches the Chromium that the npm registry's
 * `@sparticuz/chromium` ships and renders one small page in it: text laid out, an SVG drawn and
 * a canvas painted pixel by pixel, then a screenshot. The child reports what it did in a JSON
 * file, which this test checks.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import sparticuz from "@sparticuz/chromium";
import { describe, expect, it } from "vitest";
import { chromiumPath, launchBrowser } from "../helpers/browser.js";

/** Set in the child process: where it writes its report. */
const REPORT = process.env.CEAKIT_REGISTRY_BROWSER_REPORT;
const THIS_FILE = fileURLToPath(import.meta.url);
const BROWSER_NAMES = ["chromium", "chromium-browser", "google-chrome", "chrome"];

/** What the child saw and rendered. */
interface ChildReport {
  readonly executable: string;
  readonly bundled: string;
  readonly version: string;
  readonly textWidth: number;
  readonly svgWidth: number;
  readonly pixel: number[];
  readonly screenshotBytes: number;
  readonly pngSignature: boolean;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>registry browser</title>
<p id="text">Cost-effectiveness at £20,000</p>
<svg id="svg" width="120" height="40"><rect width="100" height="30" fill="#1f77b4"/></svg>
<canvas id="canvas" width="10" height="10"></canvas>
<script>
  const ctx = document.getElementById("canvas").getContext("2d");
  ctx.fillStyle = "rgb(200, 30, 60)";
  ctx.fillRect(0, 0, 10, 10);
</script>`;

/** PATH without any directory that holds a Chromium or Chrome executable. */
function pathWithoutBrowsers(): string {
  return (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => dir !== "" && !BROWSER_NAMES.some((name) => existsSync(join(dir, name))))
    .join(delimiter);
}

if (REPORT !== undefined) {
  describe("in the child process, with every system browser hidden", () => {
    it("launches the registry's Chromium and renders a page", async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage({ viewport: { width: 400, height: 200 } });
        await page.setContent(PAGE);
        const seen = await page.evaluate(() => {
          const canvas = document.getElementById("canvas") as HTMLCanvasElement;
          const data = (canvas.getContext("2d") as CanvasRenderingContext2D).getImageData(
            5,
            5,
            1,
            1,
          );
          return {
            textWidth: (document.getElementById("text") as HTMLElement).getBoundingClientRect()
              .width,
            svgWidth: (document.querySelector("#svg rect") as SVGRectElement).getBBox().width,
            pixel: [...data.data],
          };
        });
        const shot = await page.screenshot();
        const report: ChildReport = {
          executable: await chromiumPath(),
          bundled: await sparticuz.executablePath(),
          version: browser.version(),
          ...seen,
          screenshotBytes: shot.length,
          pngSignature: shot.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])),
        };
        writeFileSync(REPORT, JSON.stringify(report));
      } finally {
        await browser.close();
      }
    }, 120_000);
  });
} else {
  describe("browser tests with no system browser", () => {
    it("run on the Chromium from the npm registry", () => {
      const report = join(mkdtempSync(join(tmpdir(), "ceakit-registry-browser-")), "report.json");
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: pathWithoutBrowsers(),
        CEAKIT_BROWSER: "bundled",
        CEAKIT_REGISTRY_BROWSER_REPORT: report,
      };
      delete env.CHROMIUM_PATH;
      // Variables vitest sets in its workers would make the child think it is one of them.
      for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
      const child = spawnSync(
        process.execPath,
        ["node_modules/vitest/vitest.mjs", "run", THIS_FILE, "--reporter=dot"],
        { env, encoding: "utf8", timeout: 150_000 },
      );
      expect(child.status, `${child.stdout}\n${child.stderr}`).toBe(0);
      const seen = JSON.parse(readFileSync(report, "utf8")) as ChildReport;
      // The registry's browser, not a system one.
      expect(seen.executable).toBe(seen.bundled);
      expect(seen.executable).not.toBe("/usr/bin/chromium");
      expect(BROWSER_NAMES.some((name) => seen.executable === join("/usr/bin", name))).toBe(false);
      expect(seen.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      // The page was laid out, drawn and painted.
      expect(seen.textWidth).toBeGreaterThan(50);
      expect(seen.svgWidth).toBe(100);
      expect(seen.pixel).toEqual([200, 30, 60, 255]);
      expect(seen.pngSignature).toBe(true);
      expect(seen.screenshotBytes).toBeGreaterThan(1000);
    }, 180_000);
  });
}
