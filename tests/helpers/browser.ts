/**
 * Headless Chromium for the browser tests, from the npm registry alone: the Chromium that
 * `@sparticuz/chromium` ships inside its package (unpacked to the temporary folder on first use),
 * unless a system Chromium is named by `CHROMIUM_PATH` or found at /usr/bin/chromium. So
 * `npm test` runs the browser tests on a machine with nothing but Node and npm.
 *
 * `CEAKIT_BROWSER=bundled` hides every system browser: `CHROMIUM_PATH` and /usr/bin/chromium are
 * ignored and the registry's Chromium is used, as on a fresh machine (tests/web/registry-browser
 * runs a page that way). Any other value of `CEAKIT_BROWSER` than `bundled` or empty is refused.
 */
import { existsSync } from "node:fs";
import sparticuz from "@sparticuz/chromium";
import { type Browser, chromium } from "playwright-core";

/** Flags for a headless browser in a sandbox-less container with no network and no GPU. */
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--use-angle=swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The Chromium executable the tests drive, and where it comes from. */
export async function chromiumPath(): Promise<string> {
  const choice = process.env.CEAKIT_BROWSER ?? "";
  if (choice === "bundled") return sparticuz.executablePath();
  if (choice !== "") throw new Error(`CEAKIT_BROWSER should be "bundled" or unset, got ${choice}`);
  const given = process.env.CHROMIUM_PATH;
  if (given !== undefined && given !== "") {
    if (!existsSync(given)) throw new Error(`CHROMIUM_PATH names no file: ${given}`);
    return given;
  }
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return sparticuz.executablePath();
}

/** Launches headless Chromium (see the module note for which one). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: ARGS });
}
