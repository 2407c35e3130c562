/**
 * A progress bar on standard error, drawn only when it is a terminal.
 *
 * @module
 */

import type { CliIo } from "./io.js";

/**
 * A progress callback that redraws one line on stderr (at most every 1%), or does nothing when
 * stderr is not a terminal: "PSA [###   ]  10% 1,000/10,000 samples". Call the returned `done`
 * to clear the line.
 *
 * @example
 * ```ts
 * const bar = progressBar(io, "PSA");
 * await runPsa(model, { samples, seed, onProgress: bar.update });
 * bar.done();
 * ```
 */
export function progressBar(io: CliIo, label: string, unit = "samples") {
  let last = -1;
  const width = 30;
  return {
    update(done: number, total: number): void {
      if (!io.stderrIsTty) return;
      const percent = Math.floor((100 * done) / total);
      if (percent === last) return;
      last = percent;
      const filled = Math.round((width * done) / total);
      io.stderr(
        `\r${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${String(percent).padStart(3)}% ${done.toLocaleString("en-GB")}/${total.toLocaleString("en-GB")} ${unit}`,
      );
    },
    done(): void {
      if (io.stderrIsTty && last >= 0) io.stderr(`\r${" ".repeat(width + 60)}\r`);
    },
  };
}
