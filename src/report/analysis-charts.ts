/**
 * The charts of `ceakit analyse --format html`, the same as `run`'s from the same chart builders:
 * the incremental CE plane of each strategy against the comparator, the CEAC with the frontier,
 * the EVPI curve and, with parameter draws, the EVPPI ranking.
 *
 * @module
 */

import type { PsaAnalysis } from "../analysis/analyse.js";
import type { PsaEvppi } from "../analysis/psa-evppi.js";
import type { CeSamples } from "../analysis/samples.js";
import { type Chart, ceacChart, cePlaneChart, evpiChart, evppiChart } from "./charts.js";
import { DEFAULT_CURRENCY } from "./currency.js";
import { sampleIndices } from "./format.js";

/** Most samples per strategy drawn on the CE plane: enough to see the cloud. */
const PLANE_POINTS = 2000;

/**
 * Most WTP values drawn on the CEAC and EVPI charts, evenly spaced over the grid: more than a
 * chart's width in pixels, and few enough to draw quickly (JSON and CSV carry every value).
 */
export const CURVE_POINTS = 1001;

/**
 * The WTP of the CE plane's line: where EVPI is highest on the grid (the first of ties), the
 * willingness to pay at which the decision is most uncertain.
 *
 * @example
 * ```ts
 * planeWtp(result); // 34000 for the reference PSA
 * ```
 */
export function planeWtp(a: PsaAnalysis): number {
  const { wtp, evpi } = a.curves;
  let best = 0;
  for (let k = 1; k < evpi.length; k++) if ((evpi[k] as number) > (evpi[best] as number)) best = k;
  return wtp[best] as number;
}

/**
 * The charts of an analysis of `samples`, with the EVPPI ranking when `evppi` is given.
 *
 * @example
 * ```ts
 * analysisCharts(result, samples).map((c) => c.name); // ["ce_plane", "ceac", "evpi"]
 * ```
 */
export function analysisCharts(
  a: PsaAnalysis,
  samples: CeSamples,
  evppi?: PsaEvppi,
  currency: string = DEFAULT_CURRENCY,
): Chart[] {
  const n = samples.nSamples;
  const { cost, effect } = samples;
  const ref = a.strategies.indexOf(a.comparator);
  const shown = sampleIndices(n, PLANE_POINTS);
  const points = a.strategies.flatMap((name, j) =>
    j === ref
      ? []
      : shown.map((i) => ({
          strategy: name,
          incEffect: (effect[j * n + i] as number) - (effect[ref * n + i] as number),
          incCost: (cost[j * n + i] as number) - (cost[ref * n + i] as number),
        })),
  );
  const c = a.curves;
  const S = a.strategies.length;
  const curve = sampleIndices(c.wtp.length, CURVE_POINTS);
  const ceac = curve.flatMap((k) =>
    a.strategies.map((name, j) => ({
      wtp: c.wtp[k] as number,
      strategy: name,
      probability: c.ceac[k * S + j] as number,
      frontier: c.ceafStrategy[k] === j ? 1 : 0,
    })),
  );
  const charts = [
    cePlaneChart(points, planeWtp(a), `effect vs ${a.comparator}`, a.strategies, currency),
    ceacChart(ceac, a.strategies, currency),
    evpiChart(
      curve.map((k) => ({ wtp: c.wtp[k] as number, evpi: c.evpi[k] as number })),
      currency,
    ),
  ];
  if (evppi !== undefined && evppi.parameters.length + evppi.belowFloor.length > 0) {
    // Only the parameters above the noise floor; with none, the chart says so instead of bars.
    charts.push(
      evppiChart(
        evppi.parameters.map((p) => ({
          parameter: p.parameters.join(" + "),
          evppi: p.evppi[evppi.rankAt] as number,
        })),
        evppi.wtp[evppi.rankAt] as number,
        evppi.floor.floor[evppi.rankAt] as number,
        currency,
      ),
    );
  }
  return charts;
}
