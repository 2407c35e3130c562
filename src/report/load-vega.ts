/**
 * Where the chart renderer comes from: vega and vega-lite, loaded on first use (importing them
 * takes about a quarter of a second, which every other user of the library, worker threads and
 * the CLI's other formats, should not pay). A module of its own so that a bundle can put another
 * loader in its place (the web page loads them as a separate script when the first chart is
 * drawn; see src/web/lazy-vega.ts).
 *
 * @module
 */

import type { parse, View } from "vega";
import type { compile } from "vega-lite";

/** What is used of vega and vega-lite: vega-lite's compiler, vega's parser and view. */
export interface Vega {
  readonly compile: typeof compile;
  readonly parse: typeof parse;
  readonly View: typeof View;
}

let vega: Promise<Vega> | undefined;

/**
 * vega and vega-lite, loaded on first use.
 *
 * @example
 * ```ts
 * const { compile, parse, View } = await loadVega();
 * ```
 */
export function loadVega(): Promise<Vega> {
  vega ??= Promise.all([import("vega"), import("vega-lite")]).then(([v, vl]) => ({
    compile: vl.compile,
    parse: v.parse,
    View: v.View,
  }));
  return vega;
}
