/**
 * The page's loader of vega and vega-lite, which the web build puts in place of
 * src/report/load-vega.ts: they come from charts.js, loaded when the worker draws its first chart.
 *
 * @module
 */

import type * as VegaLoader from "../report/load-vega.js";
import { loadChunk } from "./load-chunk.js";

/**
 * vega and vega-lite, from charts.js (which holds src/report/load-vega.ts with both).
 *
 * @example
 * ```ts
 * const { compile, parse, View } = await loadVega();
 * ```
 */
export const loadVega: typeof VegaLoader.loadVega = () =>
  loadChunk<typeof VegaLoader>("charts").then((m) => m.loadVega());
