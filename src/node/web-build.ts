/**
 * Builds the commissioners' web page as static files: index.html, style.css and one script,
 * app.js, which carries the PSA worker's code and the shipped scenarios inside it, so the page
 * works from any static host and from disk (file://), where browsers refuse separate module or
 * worker scripts. Bundled by esbuild for the browser platform: a Node built-in anywhere in the
 * bundle fails the build.
 *
 * @module
 */

import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PACKAGE_ROOT } from "./package-root.js";

/** The package root as a path. */
const ROOT = fileURLToPath(PACKAGE_ROOT);

/** Sizes of what was written, in bytes. */
export interface WebBuild {
  readonly outDir: string;
  readonly appBytes: number;
  readonly workerBytes: number;
}

/**
 * Builds the page into `outDir`.
 *
 * @example
 * ```ts
 * const { appBytes } = await buildWeb("dist/web");
 * ```
 */
export async function buildWeb(outDir: string): Promise<WebBuild> {
  const esbuild = await import("esbuild");
  const common = {
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "silent",
    alias: { ceakit: join(ROOT, "src/index.ts") },
  } as const;
  const worker = await esbuild.build({ ...common, entryPoints: [join(ROOT, "src/web/worker.ts")] });
  const workerSource = worker.outputFiles[0]?.text ?? "";
  const scenarios = join(ROOT, "scenarios");
  const shipped = Object.fromEntries(
    readdirSync(scenarios)
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => [`scenarios/${f}`, readFileSync(join(scenarios, f), "utf8")]),
  );
  const app = await esbuild.build({
    ...common,
    entryPoints: [join(ROOT, "src/web/app.ts")],
    define: {
      WORKER_SOURCE: JSON.stringify(workerSource),
      SHIPPED_SCENARIOS: JSON.stringify(shipped),
    },
  });
  const appSource = app.outputFiles[0]?.text ?? "";
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "app.js"), appSource);
  copyFileSync(join(ROOT, "src/web/index.html"), join(outDir, "index.html"));
  copyFileSync(join(ROOT, "src/web/style.css"), join(outDir, "style.css"));
  return {
    outDir,
    appBytes: Buffer.byteLength(appSource),
    workerBytes: Buffer.byteLength(workerSource),
  };
}

// `node dist/src/node/web-build.js [outDir]` (npm run build:web).
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? join(ROOT, "dist/web");
  const built = await buildWeb(out);
  process.stdout.write(
    `wrote ${out}: app.js ${(built.appBytes / 1024).toFixed(0)} KiB (of which the PSA worker ${(built.workerBytes / 1024).toFixed(0)} KiB)\n`,
  );
}
