/**
 * Runs the program again in a child process with a {@link RelaunchPlan} (see launch-plan.ts) and
 * ends as it ends. The child shares this process's standard input, output and error, so the
 * person sees one program; signals sent to this process are passed on to it.
 *
 * @module
 */

import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { RelaunchPlan } from "./launch-plan.js";

/** Signals passed on to the child (a terminal's Ctrl-C reaches both; `kill` only this one). */
const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Starts `node <plan.execArgv> <script> <args>` with `plan.env` and resolves to the child's exit
 * code, or undefined when the child could not be started (the caller then runs the program in
 * this process). When the child is ended by a signal, this process ends by the same signal.
 *
 * @example
 * ```ts
 * const code = await relaunch(plan, process.argv[1], process.argv.slice(2));
 * if (code !== undefined) process.exitCode = code;
 * ```
 */
export function relaunch(
  plan: RelaunchPlan,
  script: string,
  args: readonly string[],
): Promise<number | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...plan.execArgv, script, ...args], {
      stdio: "inherit",
      env: plan.env,
    });
    const pass = (signal: NodeJS.Signals) => {
      child.kill(signal);
    };
    for (const s of FORWARDED) process.on(s, pass);
    const done = () => {
      for (const s of FORWARDED) process.off(s, pass);
    };
    child.on("error", () => {
      // Only a child that never started is reported here; once started, its exit decides.
      if (child.pid !== undefined) return;
      done();
      resolve(undefined);
    });
    child.once("exit", (code, signal) => {
      done();
      if (signal === null) {
        resolve(code ?? 1);
        return;
      }
      process.kill(process.pid, signal);
      // A signal this process ignores ends it as a shell reports one: 128 + its number.
      resolve(128 + (constants.signals[signal] ?? 0));
    });
  });
}
