/**
 * Builds the commissioners' web page as static files: index.html, style.css and one script,
 * app.js, which carries the PSA worker's code, the shipped scenarios and the shipped model files (with
 * the CSV tables under models/) inside it, so the page
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

/** Files of a package folder (and, if `deep`, its subfolders) that `keep` accepts, sorted. */
function shippedFiles(dir: string, keep: (name: string) => boolean, deep: boolean): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? deep
          ? shippedFiles(`${dir}/${e.name}`, keep, deep)
          : []
        : keep(e.name)
          ? [`${dir}/${e.name}`]
          : [],
    )
    .sort();
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
  const shipped = Object.fromEntries(
    [
      ...shippedFiles("scenarios", (f) => f.endsWith(".yaml"), false),
      ...shippedFiles("models", (f) => /\.model\.ya?ml$|\.csv$/.test(f), true),
    ].map((f) => [f, readFileSync(join(ROOT, f), "utf8")]),
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
