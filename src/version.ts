/**
 * The library version, kept in step with package.json (a test checks).
 *
 * @example
 * ```ts
 * console.log(`ceakit ${VERSION}`);
 * ```
 */
export const VERSION = "0.1.0";
