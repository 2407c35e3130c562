/**
 * What worker threads load to run a model file's PSA chunks: its default export builds the
 * model from the configuration, which carries the compiled file (see model-file-factory.ts), so
 * a worker needs neither the YAML nor mathjs.
 *
 * @module
 */

import type { Model } from "../model/define-model.js";
import type { ModelFileConfig } from "./model-file-factory.js";
import { modelFileModel } from "./model-file-model.js";

/**
 * The worker entry: `create(config)` with a {@link ModelFileConfig}.
 *
 * @example
 * ```ts
 * const model = (await import(workerModule)).default.create(config);
 * ```
 */
const workerFactory = {
  create(config: ModelFileConfig): Model {
    return modelFileModel(config.program, config);
  },
};

export default workerFactory;
