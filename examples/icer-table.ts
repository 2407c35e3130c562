/**
 * Example: the incremental cost-effectiveness table of a handful of strategies, from their mean
 * costs and effects (the HERC teaching example used in dampack's tests).
 *
 * Run: npm run build && node dist/examples/icer-table.js
 */
import { calculateIcers } from "ceakit";

const rows = calculateIcers({
  strategies: ["E", "D", "C", "B", "A", "UC"],
  cost: [55000, 35000, 25000, 10000, 12000, 5000],
  effect: [5, 4, 3, 2, 1.5, 1],
});

for (const r of rows) {
  const icer = r.icer === null ? "" : `ICER ${r.icer.toFixed(0)}`;
  console.log(
    `${r.strategy.padEnd(3)} ${r.status.padEnd(2)} cost ${r.cost} effect ${r.effect} ${icer}`,
  );
}
