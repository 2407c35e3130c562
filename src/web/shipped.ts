/**
 * The shipped scenario files and model files, by path ("scenarios/swis-rct.yaml",
 * "models/hiv.model.yaml", with any CSV tables under models/), embedded in the page's
 * bundle by `npm run build:web` (they are data; the page needs no server to read them).
 *
 * @module
 */

declare const SHIPPED_SCENARIOS: Readonly<Record<string, string>>;

/** Shipped scenarios by path. */
export const SHIPPED: Readonly<Record<string, string>> = SHIPPED_SCENARIOS;
