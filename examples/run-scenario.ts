/**
 * Runs a shipped scenario from a program: load and check the YAML file, run the base case and
 * the PSA, and read the results. Run with `node dist/examples/run-scenario.js` after `npm ci`.
 */
import { scenarioMarkdown } from "ceakit";
import { fileScenarioHost } from "ceakit/node";
import { loadScenario, runScenario } from "ceakit/scenario";

const loaded = await loadScenario("scenarios/swis-rct.yaml", fileScenarioHost());
const result = await runScenario(loaded, { samples: 2000 });

// P(SWIS is cost-effective) at £1,000, £10,000 and £20,000 per S47 enquiry avoided.
for (const row of result.acceptability) {
  console.log(`WTP ${row.wtp}: P(SWIS cost-effective) = ${row.probability[1]?.toFixed(3)}`);
}
// The inputs every result depends on that are assumptions.
console.log(`assumptions: ${result.assumptions.map((i) => i.name).join(", ")}`);
// A Markdown report, as `ceakit run --format md` writes it.
console.log(scenarioMarkdown(result).split("\n")[0]);
