#!/usr/bin/env node
/**
 * Entry point of the `ceakit` executable.
 *
 * @module
 */

import { nodeIo } from "./io.js";
import { runCli } from "./program.js";

// A reader that stops early (`ceakit run x.yaml | head -1`) closes standard output: that is not
// a failure, so the program ends quietly with code 0. Any other failure to write is one line.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  process.stderr.write(`error: cannot write to standard output (${e.code ?? e.message})\n`);
  process.exit(1);
});
// Nowhere left to report a failure to write standard error.
process.stderr.on("error", () => {});

process.exitCode = await runCli(process.argv.slice(2), nodeIo());
