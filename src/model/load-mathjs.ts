/**
 * Where the derived-expression parser comes from: mathjs, loaded on first use. A module of its
 * own so that a bundle can put another loader in its place (the web page loads mathjs as a
 * separate script, only when a model has derived expressions; see src/web/lazy-mathjs.ts).
 *
 * @module
 */

import type { MathNode } from "mathjs";

/** What is used of mathjs: its parser. */
export interface MathJs {
  parse(text: string): MathNode;
}

let mathjs: Promise<MathJs> | undefined;

/**
 * mathjs, loaded on first use (only its parser is used). It is loaded from the package's
 * single-file build, which Node reads and compiles in a fraction of the time its 1,262 ES module
 * files take (0.2 s of processor time against 1.6 s, measured on Node 20). Its parser is the same
 * code; it reads only the number type from the configuration (`number`, the default), so the
 * trees equal those of an instance created with `predictable: true`, which changes evaluation,
 * never parsing.
 *
 * @example
 * ```ts
 * const node = (await loadMathJs()).parse("a * 2");
 * ```
 */
export function loadMathJs(): Promise<MathJs> {
  mathjs ??= import("mathjs/lib/browser/math.js").then((m) => m.default);
  return mathjs;
}
