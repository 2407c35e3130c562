/**
 * Types of mathjs' single-file build (`mathjs/lib/browser/math.js`, a UMD module whose export is
 * a ready mathjs instance), which the package ships without declarations. See expressions.ts.
 *
 * @module
 */
declare module "mathjs/lib/browser/math.js" {
  const math: import("mathjs").MathJsInstance;
  export default math;
}
