/**
 * Cohort engine benchmark: the 5-state, 60-cycle, 2-strategy hip-replacement model (cycle-
 * dependent Weibull revision hazard, age-banded mortality) sampled and evaluated end to end at
 * 1e5 PSA samples, on one thread and on two worker threads. Prints one JSON line each.
 */
import { performance } from "node:perf_hooks";
import { runPsa } from "ceakit";
import { runPsaParallel } from "ceakit/node";
import model from "./models/hip-replacement.js";

const print = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const module = new URL("./models/hip-replacement.js", import.meta.url).href;
const n = 1e5;
const runs = 5;

/** Median of `runs` timings after two warm-ups. */
async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const shape = { samples: n, states: 5, cycles: 60, strategies: 2 };
const t0 = performance.now();
await runPsa(model, { samples: n, seed: 1 });
print({
  bench: "cohort hip-replacement psa, 1 thread, first run in the process",
  ...shape,
  ms: Math.round(performance.now() - t0),
});
const single = await time(() => runPsa(model, { samples: n, seed: 1 }));
print({ bench: "cohort hip-replacement psa, 1 thread", ...shape, ms: Math.round(single), runs });
const parallel = await time(() => runPsaParallel({ module }, { samples: n, seed: 1, workers: 2 }));
print({ bench: "cohort hip-replacement psa, 2 workers", ...shape, ms: Math.round(parallel), runs });
