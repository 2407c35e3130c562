/**
 * Builds the commissioners' web page as static files: index.html, style.css, app.js (the page,
 * with the shipped scenarios and the shipped model files, and the CSV tables under models/,
 * embedded), and the scripts the page loads on first need, beside it: worker.js (the PSA worker,
 * on the first Run), charts.js (vega and vega-lite, with which the worker draws the charts) and
 * math.js (mathjs' parser, only for a model with derived expressions). So index.html loads app.js
 * alone at open ({@link FIRST_LOAD_TARGET}).
 *
 * Every script is a classic script, so the page works from any static host and from disk
 * (file://), where browsers refuse module scripts and worker script files. The lazily loaded ones
 * store their code as text in `globalThis.ceakitChunks` (src/web/chunks.ts): the worker is made
 * from a Blob of its source, and the worker gets the libraries' code from the page. In app.js and
 * worker.js, src/model/load-mathjs.ts and src/report/load-vega.ts are replaced by the page's
 * loaders (src/web/lazy-mathjs.ts, src/web/lazy-vega.ts); math.js and charts.js are those two
 * modules themselves. Bundled by esbuild for the browser platform: a Node built-in anywhere in
 * the page fails the build.
 *
 * @module
 */

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "esbuild";
import { PACKAGE_ROOT } from "./package-root.js";

/** The package root as a path. */
const ROOT = fileURLToPath(PACKAGE_ROOT);

/**
 * The most minified JavaScript the page may load at open (the scripts index.html names):
 * 1.2 MiB. The rest loads when first needed.
 */
export const FIRST_LOAD_TARGET = 1_258_291;

/** What was written. */
export interface WebBuild {
  readonly outDir: string;
  /** Each file written, by name, with its size in bytes, in the order written. */
  readonly files: Readonly<Record<string, number>>;
  /** Bytes of the scripts index.html loads at open (app.js). */
  readonly firstLoadBytes: number;
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

/** The library's loaders the page replaces, and the page's loaders that take their place. */
const REPLACED: Readonly<Record<string, string>> = {
  [join(ROOT, "src/model/load-mathjs.ts")]: join(ROOT, "src/web/lazy-mathjs.ts"),
  [join(ROOT, "src/report/load-vega.ts")]: join(ROOT, "src/web/lazy-vega.ts"),
};

/** esbuild plugin: imports of a {@link REPLACED} loader get the page's loader instead. */
const lazyLibraries: Plugin = {
  name: "ceakit-lazy-libraries",
  setup(build) {
    build.onResolve({ filter: /\/load-(mathjs|vega)\.js$/ }, (args) => {
      const replacement = REPLACED[resolve(args.resolveDir, args.path).replace(/\.js$/, ".ts")];
      return replacement === undefined ? undefined : { path: replacement };
    });
  },
};

/** A lazily loaded script: its code as text under its name in `globalThis.ceakitChunks`. */
const chunkScript = (name: string, code: string) =>
  `(globalThis.ceakitChunks??={})[${JSON.stringify(name)}]=${JSON.stringify(code)};\n`;

/** The sizes of the scripts an HTML page loads at open (`<script src>`), from `files`. */
function firstLoad(html: string, files: Readonly<Record<string, number>>): number {
  let bytes = 0;
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) {
    const size = files[m[1] as string];
    if (size === undefined) throw new Error(`index.html loads ${m[1]}, which the build lacks`);
    bytes += size;
  }
  return bytes;
}

/**
 * Builds the page into `outDir`.
 *
 * @example
 * ```ts
 * const { files, firstLoadBytes } = await buildWeb("dist/web");
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
  const code = async (entry: string, options: Parameters<typeof esbuild.build>[0] = {}) =>
    (await esbuild.build({ ...common, ...options, entryPoints: [join(ROOT, entry)] }))
      .outputFiles?.[0]?.text ?? "";
  /** A library as the body of a function returning its exports (src/web/load-chunk.ts). */
  const library = async (entry: string) =>
    `${await code(entry, { globalName: "chunk" })}return chunk;\n`;
  const shipped = Object.fromEntries(
    [
      ...shippedFiles("scenarios", (f) => f.endsWith(".yaml"), false),
      ...shippedFiles("models", (f) => /\.model\.ya?ml$|\.csv$/.test(f), true),
    ].map((f) => [f, readFileSync(join(ROOT, f), "utf8")]),
  );
  const [app, worker, charts, math] = await Promise.all([
    code("src/web/app.ts", {
      plugins: [lazyLibraries],
      define: { SHIPPED_SCENARIOS: JSON.stringify(shipped) },
    }),
    code("src/web/worker.ts", { plugins: [lazyLibraries] }),
    library("src/report/load-vega.ts"),
    library("src/model/load-mathjs.ts"),
  ]);
  const html = readFileSync(join(ROOT, "src/web/index.html"), "utf8");
  const written: [string, string][] = [
    ["index.html", html],
    ["style.css", readFileSync(join(ROOT, "src/web/style.css"), "utf8")],
    ["app.js", app],
    ["worker.js", chunkScript("worker", worker)],
    ["charts.js", chunkScript("charts", charts)],
    ["math.js", chunkScript("math", math)],
  ];
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of written) writeFileSync(join(outDir, name), text);
  const files = Object.fromEntries(written.map(([name, text]) => [name, Buffer.byteLength(text)]));
  return { outDir, files, firstLoadBytes: firstLoad(html, files) };
}

// `node dist/src/node/web-build.js [outDir]` (npm run build:web).
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? join(ROOT, "dist/web");
  const built = await buildWeb(out);
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const lines = Object.entries(built.files).map(
    ([name, bytes]) => `  ${name.padEnd(11)} ${String(bytes).padStart(9)} bytes (${kib(bytes)})`,
  );
  process.stdout.write(
    `wrote ${out}:\n${lines.join("\n")}\nfirst load (the scripts index.html loads at open): ${built.firstLoadBytes} bytes (${kib(built.firstLoadBytes)}; target ${kib(FIRST_LOAD_TARGET)})\n`,
  );
}
