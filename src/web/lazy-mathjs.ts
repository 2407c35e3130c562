/**
 * The page's loader of mathjs, which the web build puts in place of src/model/load-mathjs.ts:
 * mathjs comes from math.js, loaded only when a model has derived expressions (on the page to
 * check the model, in the worker to run it).
 *
 * @module
 */

import type * as MathJsLoader from "../model/load-mathjs.js";
import { loadChunk } from "./load-chunk.js";

/**
 * mathjs' parser, from math.js (which holds src/model/load-mathjs.ts with mathjs).
 *
 * @example
 * ```ts
 * const node = (await loadMathJs()).parse("a * 2");
 * ```
 */
export const loadMathJs: typeof MathJsLoader.loadMathJs = () =>
  loadChunk<typeof MathJsLoader>("math").then((m) => m.loadMathJs());
