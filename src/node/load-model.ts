/**
 * Loading a model from its module, so that worker threads can build their own copy.
 *
 * @module
 */

import type { Model } from "../model/define-model.js";
import type { ModelConfig, ModelFactory } from "../model/model-factory.js";
import { configureModel } from "../modelfile/model-as-factory.js";

/** Where a model lives: a module URL (or path) and the export holding it (default: `default`). */
export interface ModelReference {
  readonly module: string;
  readonly export?: string;
  /**
   * When the export is a model factory (see `defineModelFactory`), the configuration its
   * `create` is called with: plain data, so that worker threads can rebuild the same model.
   */
  readonly config?: ModelConfig;
}

/**
 * Imports a model module and returns the model it exports.
 *
 * @example
 * ```ts
 * const model = await loadModel({ module: new URL("./models/swis/index.js", import.meta.url).href });
 * ```
 */
export async function loadModel(reference: ModelReference): Promise<Model> {
  const module = (await import(reference.module)) as Record<string, unknown>;
  const name = reference.export ?? "default";
  const exported = module[name] as Model | ModelFactory | undefined;
  const model =
    exported !== undefined && "create" in exported && typeof exported.create === "function"
      ? reference.config === undefined
        ? undefined
        : exported.create(reference.config)
      : reference.config !== undefined && exported !== undefined
        ? // A model of an ES module that a scenario configures (see model-as-factory.ts).
          configureModel(exported as Model, reference.config)
        : (exported as Model | undefined);
  if (model === undefined || typeof model.evaluate !== "function") {
    throw new TypeError(`loadModel: ${reference.module} has no model export "${name}"`);
  }
  return model;
}
