/**
 * Example: analyse PSA results produced elsewhere (a long CSV written by R) and print the
 * probability each strategy is cost-effective at three thresholds, the EVPI and the exact WTP
 * switch points.
 *
 * Run from the project folder: npm run build && node dist/examples/analyse-psa-csv.js [file.csv]
 */
import { readFileSync } from "node:fs";
import { analysePsa, readLongPsaCsv } from "ceakit";

const file = process.argv[2] ?? "tests/fixtures/reference/psa-1e4/psa_1e4.csv";
const samples = readLongPsaCsv(readFileSync(file, "utf8"), { file });
const result = analysePsa(samples, { wtp: [20000, 30000, 50000], comparator: "usual" });
const { curves, strategies } = result;

curves.wtp.forEach((wtp, k) => {
  const probs = strategies.map(
    (s, j) => `${s} ${curves.ceac[k * strategies.length + j]?.toFixed(3)}`,
  );
  console.log(`WTP ${wtp}: P(optimal) ${probs.join(", ")}; EVPI ${curves.evpi[k]?.toFixed(2)}`);
});
for (const p of result.switchPoints) {
  console.log(`switch at ${p.wtp.toFixed(2)}: ${p.from} -> ${p.to}`);
}
