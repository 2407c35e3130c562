/**
 * Worker-thread side of {@link onAnalysisThread}: runs each analysis task it is sent
 * (analysis-tasks.ts) and posts the reply back.
 *
 * Before its first task it may read the second part of a large long-format PSA file
 * (regular-range.ts), while the main thread reads the first: that task answers through shared
 * memory, not a message.
 *
 * @module
 */

import { parentPort } from "node:worker_threads";
import { type AnalysisTask, answer } from "./analysis-tasks.js";
import { type RegularRangeTask, readRegularRange } from "./regular-range.js";

const port = parentPort;
if (port !== null) {
  port.on("message", (task: AnalysisTask | RegularRangeTask) => {
    if (task.kind === "regular-range") {
      readRegularRange(task);
      return;
    }
    port.postMessage(answer(task));
  });
}
