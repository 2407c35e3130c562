/**
 * The examples that end every command's `--help`.
 *
 * @module
 */

/**
 * The "Examples:" block added after a command's help: each command line with what it does.
 *
 * @example
 * ```ts
 * command.addHelpText("after", examplesHelp([["ceakit run x.yaml", "the report"]]));
 * ```
 */
export function examplesHelp(examples: readonly (readonly [string, string])[]): string {
  return `\nExamples:\n${examples.map(([line, what]) => `  $ ${line}\n      ${what}`).join("\n")}\n`;
}
