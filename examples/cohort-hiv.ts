/**
 * Example: the HIV cohort model of Chancellor et al. (1997; Briggs et al. 2006, Ex. 2.5) — its
 * base case (the published costs and life-years), the first cycles of the trace, and the
 * probability that combination therapy is cost-effective from a seeded PSA.
 *
 * Run: npm run build && node dist/examples/cohort-hiv.js
 */
import { analysePsa, runCohortBaseCase, runPsa } from "ceakit";
import hiv from "../models/markov/hiv-chancellor.js";

const base = await runCohortBaseCase(hiv);
for (const s of base.strategies) {
  console.log(`${s.name}: cost ${s.total.cost?.toFixed(4)}, life-years ${s.total.ly?.toFixed(7)}`);
}
const mono = base.strategies[0];
console.log(`mono m_1: ${mono?.trace[1]?.map((x) => x.toFixed(8)).join(" ")}`);

const psa = await runPsa(hiv, { samples: 5000, seed: 2006 });
const { curves } = analysePsa(psa.samples, { wtp: [10000, 20000] });
console.log(
  `P(comb cost-effective) at 10000: ${curves.ceac[1]?.toFixed(3)}, at 20000: ${curves.ceac[3]?.toFixed(3)}`,
);
