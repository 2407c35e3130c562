/**
 * Cohort engine benchmark: the 5-state, 60-cycle, 2-strategy hip-replacement model (cycle-
 * dependent Weibull revision hazard, age-banded mortality) sampled and evaluated end to end at
 * 1e5 PSA samples, on one thread and on two worker threads. Prints one JSON line each: the
 * median wall time (`ms`) and the median CPU time of the process, all threads (`cpuMs`), of
 * `runs` runs after two warm-ups, with the machine's load average, since on a shared machine
 * the wall time mostly measures the other processes; then whether both gave the same bits.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { type PsaResult, runPsa } from "ceakit";
import { runPsaParallel } from "ceakit/node";
import model from "./models/hip-replacement.js";

const print = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const module = new URL("./models/hip-replacement.js", import.meta.url).href;
const n = 1e5;
const runs = 7;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Median wall and CPU times of `runs` runs after two warm-ups, and the last result. */
async function time(fn: () => Promise<PsaResult>) {
  await fn();
  await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  let last: PsaResult | undefined;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return {
    ms: Math.round(median(wall)),
    cpuMs: Math.round(median(cpu)),
    result: last as PsaResult,
  };
}

const load = () => loadavg()[0]?.toFixed(1);
const shape = { samples: n, states: 5, cycles: 60, strategies: 2 };
const t0 = performance.now();
await runPsa(model, { samples: n, seed: 1 });
print({
  bench: "cohort hip-replacement psa, 1 thread, first run in the process",
  ...shape,
  ms: Math.round(performance.now() - t0),
});
const single = await time(() => runPsa(model, { samples: n, seed: 1 }));
print({
  bench: "cohort hip-replacement psa, 1 thread",
  ...shape,
  ms: single.ms,
  cpuMs: single.cpuMs,
  runs,
  load: load(),
});
const parallel = await time(() => runPsaParallel({ module }, { samples: n, seed: 1, workers: 2 }));
print({
  bench: "cohort hip-replacement psa, 2 workers",
  ...shape,
  ms: parallel.ms,
  cpuMs: parallel.cpuMs,
  runs,
  load: load(),
});
const same = (a: Float64Array, b: Float64Array) =>
  a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
print({
  bench: "cohort hip-replacement psa, 1 thread and 2 workers give the same bits",
  identical:
    same(single.result.samples.cost, parallel.result.samples.cost) &&
    same(single.result.samples.effect, parallel.result.samples.effect),
});
