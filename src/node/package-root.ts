/**
 * Where the package is: this module runs compiled (dist/src/node/*.js), in the CLI's bundle
 * (dist/cli/*.js, see cli-build.ts) or, in the tests, from its TypeScript source
 * (src/node/*.ts); paths to the package's own files (scenarios, models, the built web page)
 * differ between the three.
 *
 * @module
 */

/** Replaced by `true` when the CLI's bundle is built (cli-build.ts); undeclared otherwise. */
declare const CEAKIT_BUNDLE: boolean | undefined;

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
 * Whether the code runs in the CLI's bundle (dist/cli/), whose modules, workers and shipped
 * models all sit in that one folder.
 *
 * @example
 * ```ts
 * const models = BUNDLED ? "./models/" : "../../models/";
 * ```
 */
export const BUNDLED: boolean = typeof CEAKIT_BUNDLE === "boolean" && CEAKIT_BUNDLE;

/**
 * The package root as a file URL ending in "/".
 *
 * @example
 * ```ts
 * new URL("scenarios/local-template.yaml", PACKAGE_ROOT);
 * ```
 */
export const PACKAGE_ROOT: URL = new URL(
  FROM_SOURCES || BUNDLED ? "../../" : "../../../",
  import.meta.url,
);
