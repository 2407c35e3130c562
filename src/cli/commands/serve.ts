/**
 * The declaration of `ceakit serve`: its options and help. The work is in ../serve-command.ts,
 * imported only when the command runs.
 *
 * @module
 */

import type { Command } from "commander";
import { examplesHelp } from "../help.js";
import type { CliIo } from "../io.js";
import type { ServeFlags } from "../serve-command.js";

/**
 * Adds the `serve` command to a program.
 *
 * @example
 * ```ts
 * addServeCommand(program, io);
 * ```
 */
export function addServeCommand(program: Command, io: CliIo): void {
  program
    .command("serve")
    .description("serve the commissioners' web page (everything runs in the browser)")
    .option("--port <n>", "port", "8080")
    .option("--host <address>", "address to listen on (only this machine by default)", "127.0.0.1")
    .addHelpText(
      "after",
      examplesHelp([
        ["ceakit serve", "the page at http://127.0.0.1:8080/, for this machine only"],
        ["ceakit serve --port 9000", "on another port"],
      ]),
    )
    .action(async (flags: ServeFlags) => (await import("../serve-command.js")).runServe(io, flags));
}
