/**
 * The shipped models the page runs: the SWIS trial replication and SWIS on the care pathway,
 * by the names scenarios give them (as `ceakit` knows them from models/).
 *
 * @module
 */

import swis from "../../models/swis/index.js";
import swisPathway from "../../models/swis-pathway/index.js";
import type { ModelFactory } from "../model/model-factory.js";

/**
 * The page's model factories by name.
 *
 * @example
 * ```ts
 * memoryScenarioHost(files, PAGE_MODELS, PAGE_MEMORY);
 * ```
 */
export const PAGE_MODELS: Readonly<Record<string, ModelFactory>> = Object.freeze({
  swis,
  "swis-pathway": swisPathway,
});
