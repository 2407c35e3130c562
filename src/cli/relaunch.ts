/**
 * Runs the program again in a child process with a {@link RelaunchPlan} (see launch-plan.ts) and
 * ends as it ends, and, in that child, watches that the first process is still there. The child
 * shares the first process's standard input, output and error, so the person sees one program;
 * SIGINT, SIGTERM and SIGHUP sent to the first process are passed on, and a child whose first
 * process has gone (killed by any other signal) ends itself at its next check.
 *
 * @module
 */

import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { RelaunchPlan } from "./launch-plan.js";

/** Signals passed on to the child (a terminal's Ctrl-C reaches both; `kill` only this one). */
const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Signals that end a child which this process re-raises on itself, so that its own parent (a
 * shell, say) sees the same ending. For any other (those that dump core; SIGUSR1, which starts
 * Node's inspector; those this process ignores or that are rarely sent) it exits with 128 + the
 * signal's number, as a shell reports a process ended by it.
 */
const RERAISED: readonly string[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGKILL", "SIGUSR2"];

/** How often a relaunched process checks that the first process is still there: 250 ms. */
const WATCH_MS = 250;

/**
 * Starts `node <plan.execArgv> <script> <args>` with `plan.env` and resolves to the child's exit
 * code, or undefined when the child could not be started (the caller then runs the program in
 * this process). When the child is ended by a signal, this process ends by the same signal, or
 * with code 128 + its number. `execPath` is the Node executable (this one's by default).
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
  execPath: string = process.execPath,
): Promise<number | undefined> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(execPath, [...plan.execArgv, script, ...args], {
        stdio: "inherit",
        env: plan.env,
      });
    } catch {
      // Some failures to start (an environment too large, say) are thrown, not emitted.
      resolve(undefined);
      return;
    }
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
      if (RERAISED.includes(signal)) process.kill(process.pid, signal);
      // Not re-raised, or a signal this process ignores: 128 + its number, as a shell reports it.
      resolve(128 + (constants.signals[signal] ?? 0));
    });
  });
}

/**
 * In a relaunched process: checks every {@link WATCH_MS} ms (on a timer that keeps nothing
 * alive) that the first process, `first`, is still its parent, and ends this process by SIGTERM
 * when it is not, so that no run is left working for nobody. The timer runs between the program's
 * steps, so during one long computation the check waits for it to end (a few seconds at most at
 * 10⁷ samples).
 *
 * @example
 * ```ts
 * const first = relaunchedFrom(process.env, process.ppid);
 * if (first !== undefined) watchFirstProcess(first);
 * ```
 */
export function watchFirstProcess(first: number): void {
  setInterval(() => {
    if (process.ppid !== first) process.kill(process.pid, "SIGTERM");
  }, WATCH_MS).unref();
}
