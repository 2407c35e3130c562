/**
 * Where the package is: this module runs either compiled (dist/src/node/*.js) or, in the tests,
 * from its TypeScript source (src/node/*.ts), and paths to the package's own files (scenarios,
 * models, the built web page) differ by one level between the two.
 *
 * @module
 */

/**
 * Whether the code runs from the TypeScript sources rather than from dist/.
 *
 * @example
 * ```ts
 * const entry = FROM_SOURCES ? "index.ts" : "index.js";
 * ```
 */
export const FROM_SOURCES: boolean = import.meta.url.endsWith(".ts");

/**
 * The package root as a file URL ending in "/".
 *
 * @example
 * ```ts
 * new URL("scenarios/local-template.yaml", PACKAGE_ROOT);
 * ```
 */
export const PACKAGE_ROOT: URL = new URL(FROM_SOURCES ? "../../" : "../../../", import.meta.url);
