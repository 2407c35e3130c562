/**
 * The page's PSA worker: loads the scenario or model file with the same schema and loader as
 * the CLI (model files and their tables from the request's files), runs it with the same library
 * core, and replies with what the page shows. Nothing leaves the browser.
 *
 * @module
 */

import { CeaError, InputError, ScenarioError } from "../errors.js";
import { withModelFiles } from "../modelfile/host.js";
import { formatIcer, STATUS_TEXT } from "../report/format.js";
import { scenarioCharts, scenarioHtml } from "../report/html-report.js";
import { scenarioCsv } from "../report/scenario-report.js";
import { groupInputs } from "../scenario/input-groups.js";
import { loadScenario, memoryScenarioHost } from "../scenario/load-scenario.js";
import { runScenario } from "../scenario/run-scenario.js";
import { answerSections } from "./answer-sections.js";
import { chartViews } from "./chart-views.js";
import { PAGE_MODELS } from "./page-models.js";
import type { RunRequest, RunSummary, WorkerReply } from "./protocol.js";
import { PAGE_MEMORY } from "./upload.js";

const post = (reply: WorkerReply) => (globalThis as unknown as Worker).postMessage(reply);

async function run(request: RunRequest): Promise<RunSummary> {
  const loaded = await loadScenario(
    request.file,
    withModelFiles(memoryScenarioHost(request.files, PAGE_MODELS, PAGE_MEMORY)),
  );
  let shown = -1;
  const result = await runScenario(loaded, {
    keepAllParameters: true,
    onProgress: (done, total) => {
      const pct = Math.floor((100 * done) / total);
      if (pct === shown) return;
      shown = pct;
      post({ progress: pct });
    },
  });
  const labels = new Map(result.strategies.map((s) => [s.name, s.label]));
  const pair = result.psa.pairwise[0];
  const last = result.acceptability.at(-1);
  const input = (i: { name: string; label: string; source: string }) => ({
    name: i.name,
    label: i.label,
    source: i.source,
  });
  return {
    title: loaded.scenario.title,
    model: loaded.factory.name,
    strategies: result.strategies.map((s) => s.label),
    comparator: result.strategies[0]?.label ?? "",
    programme: result.strategies[1]?.label ?? "",
    effectPer: result.effect.per,
    effectLabel: result.effect.label,
    samples: result.psa.nSamples,
    seed: result.seed,
    acceptability: result.acceptability.map((a) => ({
      wtp: a.wtp,
      probability: a.probability[1] as number,
      probabilities: a.probability,
      evpi: a.evpi,
    })),
    baseCase: result.strategies.map((s, j) => ({
      strategy: s.name,
      label: s.label,
      cost: result.baseCase.cost[j] as number,
      effect: result.baseCase.effect[j] as number,
    })),
    incCost: pair?.incCost ?? 0,
    incEffect: pair?.incEffect ?? 0,
    icers: result.psa.icers.map((r) => ({
      strategy: labels.get(r.strategy) ?? r.strategy,
      cost: r.cost,
      effect: r.effect,
      icer:
        r.incCost === null || r.incEffect === null
          ? r.status === "D"
            ? "dominated"
            : "—"
          : formatIcer(r.incCost, r.incEffect),
      status: STATUS_TEXT[r.status],
    })),
    options: result.strategies.slice(1).map((s, m) => {
      const pair = result.psa.pairwise.find((p) => p.strategy === s.name);
      const dc = pair?.incCost ?? Number.NaN;
      const de = pair?.incEffect ?? Number.NaN;
      return {
        label: s.label,
        incCost: dc,
        incEffect: de,
        icer: formatIcer(dc, de),
        probability: last?.probability[m + 1] ?? Number.NaN,
      };
    }),
    budget: result.budgetImpact.map((b) => ({
      strategy: labels.get(b.strategy) ?? b.strategy,
      year: b.year,
      programme: b.interventionCost,
      care: b.downstreamChange,
      net: b.net,
    })),
    assumptions: result.assumptions.map(input),
    yourFigures: groupInputs(result.loaded.inputs)["your-figures"].map(input),
    charts: await chartViews(result, scenarioCharts(result), request.chartWidth),
    sections: answerSections(result),
    csv: scenarioCsv(result),
    html: await scenarioHtml(result),
  };
}

globalThis.addEventListener("message", (event: MessageEvent<RunRequest>) => {
  run(event.data)
    .then((summary) => post({ summary }))
    .catch((e: unknown) => {
      if (e instanceof ScenarioError) post({ issues: e.issues });
      else if (e instanceof InputError) post({ issues: [e.issue] });
      else post({ failure: e instanceof CeaError || e instanceof Error ? e.message : String(e) });
    });
});
