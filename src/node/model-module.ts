/**
 * Models from ES modules (`model: ./my-model.js` in a scenario): the module's default export is
 * a model factory (`defineModelFactory`) or a model (`defineModel`, `defineCohortModel`).
 *
 * @module
 */

import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Model } from "../model/define-model.js";
import type { ModelFactory } from "../model/model-factory.js";
import { modelAsFactory } from "../modelfile/model-as-factory.js";

/**
 * Imports a model module by path and returns its factory (a model is wrapped as one).
 *
 * @example
 * ```ts
 * const factory = await importModelModule("./my-model.js");
 * ```
 */
export async function importModelModule(path: string): Promise<ModelFactory> {
  // A missing module is said so plainly (the loader's own message names ceakit's files).
  if (!existsSync(resolve(path))) throw new Error("no such file");
  if (!statSync(resolve(path)).isFile()) throw new Error("not a file");
  const url = pathToFileURL(resolve(path)).href;
  const exported = ((await import(url)) as { default?: unknown }).default as
    | Partial<ModelFactory & Model>
    | undefined;
  if (typeof exported?.create === "function") {
    const factory = exported as ModelFactory;
    return Object.freeze({
      ...factory,
      workerReference: factory.workerReference ?? ((config) => ({ module: url, config })),
    });
  }
  if (typeof exported?.evaluate === "function") return modelAsFactory(exported as Model, url);
  throw new TypeError(
    "its default export is neither a model (defineModel, defineCohortModel) nor a model factory (defineModelFactory)",
  );
}
