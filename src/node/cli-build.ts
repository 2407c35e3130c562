/**
 * Builds the CLI's bundle, dist/cli/, from the compiled modules in dist/: the `ceakit` program
 * (main.js), its worker threads (psa-worker.js, analysis-worker.js, worker-factory.js) and the
 * shipped models (models/<name>/index.js), bundled together by esbuild with the code they share
 * split into chunks beside them, so that each module of the library is loaded once and a command
 * loads a few dozen files instead of some three hundred (about a tenth of a second less to start
 * on a small machine; see the README's Performance section).
 *
 * Everything sits in the one folder, so a path a module finds from its own URL (a worker's file,
 * the models) is found from any chunk; {@link BUNDLED} (`CEAKIT_BUNDLE`, set here) tells
 * package-root.ts and model-registry.ts where the package and the models are. mathjs, vega and
 * vega-lite stay packages, loaded from node_modules on first need as they are unbundled. The code
 * is the compiled code, whitespace and syntax minified, with its names kept (for stack traces
 * and profiles) and the bundled packages' licence comments at the end of each file.
 *
 * @module
 */

import { existsSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "esbuild";
import { BUNDLED, PACKAGE_ROOT } from "./package-root.js";

/** The package root as a path. */
const ROOT = fileURLToPath(PACKAGE_ROOT);

/** Packages loaded from node_modules on first need rather than bundled. */
const EXTERNAL = ["mathjs", "mathjs/*", "vega", "vega-lite", "esbuild"];

/**
 * CommonJS packages in the bundle (commander, seedrandom) `require` Node's modules; an ES module
 * has no `require`, so each file makes one.
 */
const REQUIRE_BANNER =
  "import { createRequire as ceakitCreateRequire } from 'node:module'; const require = ceakitCreateRequire(import.meta.url);";

/**
 * zod's API exports every language of its messages (`z.locales`, some 290 KB); ceakit writes its
 * own messages and uses zod's English ones only. Its index of languages is replaced by English
 * alone, which zod configures itself with (`config(en())`), as it does unbundled.
 */
const zodInEnglish: Plugin = {
  name: "zod-in-english",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: args.importer, namespace: "zod-in-english" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-in-english" }, (args) => ({
      contents: 'export { default as en } from "../locales/en.js";',
      resolveDir: dirname(args.path),
    }));
  },
};

/** One entry of the bundle: the compiled module and where it goes in the bundle. */
interface Entry {
  readonly in: string;
  readonly out: string;
}

/**
 * The bundle's entries: the program, the worker threads and each shipped model in dist/models/
 * (as the unbundled model registry finds them).
 *
 * @example
 * ```ts
 * cliEntries("/path/to/ceakit").map((e) => e.out); // ["main", "psa-worker", …, "models/swis/index"]
 * ```
 */
export function cliEntries(root: string): Entry[] {
  const dist = join(root, "dist");
  const models = join(dist, "models");
  const shipped = existsSync(models)
    ? readdirSync(models, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(models, d.name, "index.js")))
        .map((d) => d.name)
        .sort()
    : [];
  return [
    { in: join(dist, "src/cli/main.js"), out: "main" },
    { in: join(dist, "src/node/psa-worker.js"), out: "psa-worker" },
    { in: join(dist, "src/node/analysis-worker.js"), out: "analysis-worker" },
    { in: join(dist, "src/modelfile/worker-factory.js"), out: "worker-factory" },
    ...shipped.map((name) => ({ in: join(models, name, "index.js"), out: `models/${name}/index` })),
  ];
}

/** What {@link buildCli} wrote, and from what. */
export interface CliBuild {
  /** The files written, relative to the bundle's folder, sorted. */
  readonly files: string[];
  /** The modules bundled, relative to the package root (packages under node_modules/), sorted. */
  readonly inputs: string[];
}

/**
 * Builds the bundle into `outDir` (emptied first), from the compiled modules under `root`.
 *
 * @example
 * ```ts
 * const { files } = await buildCli(join(root, "dist/cli")); // ["analyse-command-….js", "main.js", …]
 * ```
 */
export async function buildCli(outDir: string, root: string = ROOT): Promise<CliBuild> {
  if (BUNDLED) throw new Error("cli-build: run it from dist/src/node, not from the bundle");
  const esbuild = await import("esbuild");
  rmSync(outDir, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: cliEntries(root),
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    plugins: [zodInEnglish],
    // The package's own name ("ceakit", which the models import) resolves through its exports
    // to the compiled library, not through tsconfig.json's paths to the sources.
    tsconfigRaw: {},
    define: { CEAKIT_BUNDLE: "true" },
    banner: { js: REQUIRE_BANNER },
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "eof",
    logLevel: "error",
    metafile: true,
    absWorkingDir: root,
  });
  // The metafile's paths are relative to absWorkingDir.
  const { inputs, outputs } = result.metafile;
  return {
    files: Object.keys(outputs)
      .map((file) => relative(outDir, resolve(root, file)))
      .sort(),
    inputs: Object.keys(inputs).sort(),
  };
}

// `node dist/src/node/cli-build.js [outDir]` (part of npm run build).
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? join(ROOT, "dist/cli");
  const { files } = await buildCli(out);
  process.stdout.write(`wrote ${out}: ${files.length} files\n`);
}
