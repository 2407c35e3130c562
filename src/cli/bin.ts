#!/usr/bin/env node
/**
 * Entry point of the `ceakit` executable.
 *
 * @module
 */

import { nodeIo } from "./io.js";
import { runCli } from "./program.js";

process.exitCode = await runCli(process.argv.slice(2), nodeIo());
