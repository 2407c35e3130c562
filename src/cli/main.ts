/**
 * What the `ceakit` executable runs for any command but `--version`: the program and Node's
 * input and output, in one module, which is also the entry of the CLI's bundle (cli-build.ts).
 *
 * @example
 * ```ts
 * const { nodeIo, runCli } = await import("./main.js");
 * process.exitCode = await runCli(["validate", "scenarios/swis-rct.yaml"], nodeIo());
 * ```
 *
 * @module
 */

export { nodeIo } from "./io.js";
export { runCli } from "./program.js";
