/**
 * Child process of the PSA benchmark: runs the 20-parameter model for N samples (argv[2]) with
 * W workers (argv[3]) and prints one JSON line with the time, the bytes of the arrays returned
 * and the process's peak resident set size.
 */
import { performance } from "node:perf_hooks";
import { runPsaParallel } from "ceakit/node";

const samples = Number(process.argv[2] ?? 1e7);
const workers = Number(process.argv[3] ?? 2);
const module = new URL("./models/twenty-parameters.js", import.meta.url).href;
const t0 = performance.now();
const result = await runPsaParallel(
  { module },
  { samples, seed: 20240917, workers, chunkSize: 100_000 },
);
const ms = performance.now() - t0;
let bytes = result.samples.cost.byteLength + result.samples.effect.byteLength;
for (const a of Object.values(result.parameters)) bytes += (a as Float64Array).byteLength;
for (const o of Object.values(result.outcomes)) {
  for (const a of Object.values(o)) bytes += (a as Float64Array).byteLength;
}
const peakRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  `${JSON.stringify({
    bench: "psa 20-parameter model, peak RSS",
    samples,
    workers,
    ms: Math.round(ms),
    arrayBytes: bytes,
    peakRssBytes: peakRss,
    rssOverArrays: Number((peakRss / bytes).toFixed(2)),
  })}\n`,
);
