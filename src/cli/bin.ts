#!/usr/bin/env node
/**
 * Entry point of the `ceakit` executable.
 *
 * Start-up is kept small: `ceakit --version` (or `-V`) alone prints the version without loading
 * the program; anything else loads the program, whose commands import the modules that do their
 * work only when they run (see program.ts). The program comes from the CLI's bundle (dist/cli/,
 * built by cli-build.ts from the same compiled modules) when it is there: a few files to load
 * instead of some three hundred. Where Node offers it (22.1 and later), V8's compile cache is
 * switched on first, so that later runs skip compiling the modules they load. Neither changes
 * what the program does, only how fast it starts. A large run on Linux (`--samples` of 200,000 or
 * more, or `analyse` of a file of 64 MiB or more) is run in a child process started with settings
 * only a new process can take (huge pages, compiling in place: see launch-plan.ts); the results
 * are the same to the bit.
 *
 * @module
 */

import { statSync } from "node:fs";
import * as nodeModule from "node:module";
import { VERSION } from "../version.js";
import { RELAUNCHED_MARK, relaunchedFrom, relaunchPlan } from "./launch-plan.js";
import type * as Main from "./main.js";

/** The program's module in the CLI's bundle (this file is dist/src/cli/bin.js). */
const BUNDLE = new URL("../../cli/main.js", import.meta.url);

/**
 * Whether the bundle is there and was built from this build of the program: no older than this
 * file, which every compile rewrites (`npm run build` bundles after compiling; a compile alone
 * leaves the bundle older, and the program then runs unbundled, as compiled).
 */
function bundleIsCurrent(): boolean {
  try {
    return statSync(BUNDLE).mtimeMs >= statSync(new URL(import.meta.url)).mtimeMs;
  } catch {
    return false;
  }
}

// A reader that stops early (`ceakit run x.yaml | head -1`) closes standard output: that is not
// a failure, so the program ends quietly with code 0. Any other failure to write is one line.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  process.stderr.write(`error: cannot write to standard output (${e.code ?? e.message})\n`);
  process.exit(1);
});
// Nowhere left to report a failure to write standard error.
process.stderr.on("error", () => {});

const args = process.argv.slice(2);
/** The size of a regular file, or undefined for anything else (or nothing). */
function fileBytes(path: string): number | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

// A relaunched process ends itself if the first one goes (killed by a signal it cannot pass on).
// The mark is read once and removed, so nothing this process starts inherits it; a mark that
// names another process than this one's parent was not set by a relaunch and is dropped.
const first = relaunchedFrom(process.env, process.ppid);
delete process.env[RELAUNCHED_MARK];
if (first !== undefined) (await import("./relaunch.js")).watchFirstProcess(first);
const plan =
  first === undefined
    ? relaunchPlan(args, process.env, process.platform, process.execArgv, fileBytes, process.pid)
    : undefined;
const relaunched =
  plan === undefined
    ? undefined
    : await (await import("./relaunch.js")).relaunch(plan, process.argv[1] as string, args);
if (relaunched !== undefined) {
  process.exitCode = relaunched;
} else if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  // What commander prints for the program's version option, without loading commander.
  process.stdout.write(`${VERSION}\n`);
} else {
  // Node 20 has no compile cache, so the feature is looked up, never assumed. Node itself honours
  // NODE_DISABLE_COMPILE_CACHE, and a cache it cannot use (a read-only directory, say) only
  // leaves compiling as it was.
  const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
  if (typeof enableCompileCache === "function") {
    try {
      enableCompileCache();
    } catch {
      // Compiling without a cache is only slower.
    }
  }
  const { nodeIo, runCli } = (await import(
    bundleIsCurrent() ? BUNDLE.href : "./main.js"
  )) as typeof Main;
  process.exitCode = await runCli(args, nodeIo());
}
