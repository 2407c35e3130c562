/**
 * The page's PSA worker: loads the scenario or model file with the same schema and loader as
 * the CLI (model files and their tables from the request's files), runs it with the same library
 * core, and replies with what the page shows: the answer first, then the charts and the HTML
 * report (drawing them takes longer than the run). Nothing leaves the browser. The page builds
 * it as worker.js, loaded on the first Run; it asks the page for charts.js (vega) when it draws
 * the charts and for math.js (mathjs) when the model has derived expressions.
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
import { runScenario, type ScenarioResult } from "../scenario/run-scenario.js";
import { answerSections } from "./answer-sections.js";
import { chartViews } from "./chart-views.js";
import { PAGE_MODELS } from "./page-models.js";
import type { PageMessage, RunDrawings, RunRequest, RunSummary, WorkerReply } from "./protocol.js";
import { PAGE_MEMORY } from "./upload.js";

const post = (reply: WorkerReply) => (globalThis as unknown as Worker).postMessage(reply);

/** Runs the request's scenario: the answer, and the result to draw the charts from. */
async function answer(
  request: RunRequest,
): Promise<{ summary: RunSummary; result: ScenarioResult }> {
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
  const summary: RunSummary = {
    title: loaded.scenario.title,
    model: loaded.factory.name,
    strategies: result.strategies.map((s) => s.label),
    comparator: result.strategies[0]?.label ?? "",
    programme: result.strategies[1]?.label ?? "",
    effectPer: result.effect.per,
    effectLabel: result.effect.label,
    currency: result.currency,
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
    sections: answerSections(result),
    csv: scenarioCsv(result),
  };
  return { summary, result };
}

/** The charts (drawn `width` pixels wide) and the HTML report, which carries them too. */
async function drawings(result: ScenarioResult, width: number | undefined): Promise<RunDrawings> {
  return {
    charts: await chartViews(result, scenarioCharts(result), width),
    html: await scenarioHtml(result),
  };
}

globalThis.addEventListener("message", (event: MessageEvent<PageMessage>) => {
  // A library's code is for load-chunk.ts, which asked for it.
  if ("chunk" in event.data) return;
  const request = event.data;
  // The answer first; then the charts, whose code (charts.js) is asked for when first drawn.
  answer(request)
    .then(async ({ summary, result }) => {
      post({ summary });
      post({ drawings: await drawings(result, request.chartWidth) });
    })
    .catch((e: unknown) => {
      if (e instanceof ScenarioError) post({ issues: e.issues });
      else if (e instanceof InputError) post({ issues: [e.issue] });
      else post({ failure: e instanceof CeaError || e instanceof Error ? e.message : String(e) });
    });
});
