/**
 * Example: analyse PSA results produced elsewhere (a long CSV written by R) and print the
 * probability each strategy is cost-effective at three thresholds, the EVPI and the exact WTP
 * switch points. Any long PSA file works: the comparator is the second argument, or else the
 * file's first strategy.
 *
 * Run from the project folder: npm run build && node dist/examples/analyse-psa-csv.js [file.csv] [comparator]
 */
import { readFileSync } from "node:fs";
import { analysePsa, readLongPsaCsv } from "ceakit";

const file = process.argv[2] ?? "tests/fixtures/reference/psa-1e4/psa_1e4.csv";
const samples = readLongPsaCsv(readFileSync(file, "utf8"), { file });
const comparator = process.argv[3] ?? (samples.strategies[0] as string);
if (!samples.strategies.includes(comparator)) {
  throw new Error(
    `no strategy "${comparator}" in ${file}; it has ${samples.strategies.join(", ")}`,
  );
}
const result = analysePsa(samples, { wtp: [20000, 30000, 50000], comparator });
const { curves, strategies } = result;

curves.wtp.forEach((wtp, k) => {
  const probs = strategies.map(
    (s, j) => `${s} ${curves.ceac[k * strategies.length + j]?.toFixed(3)}`,
  );
  console.log(`WTP ${wtp}: P(optimal) ${probs.join(", ")}; EVPI ${curves.evpi[k]?.toFixed(2)}`);
});
for (const p of result.pairwise) {
  console.log(
    `${p.strategy} vs ${p.comparator}: incremental cost ${p.incCost.toFixed(2)}, effect ${p.incEffect.toFixed(4)}`,
  );
}
for (const p of result.switchPoints) {
  console.log(`switch at ${p.wtp.toFixed(2)}: ${p.from} -> ${p.to}`);
}
