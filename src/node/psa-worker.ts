/**
 * Worker-thread side of {@link runPsaParallel}: imports the model module, prepares it once, then
 * runs the chunks it is sent and posts their arrays back (transferred, not copied).
 *
 * @module
 */

import { parentPort, workerData } from "node:worker_threads";
import type { Model } from "../model/define-model.js";
import type { ExpressionSource } from "../model/expressions.js";
import { chunkArrays, prepareModel, runChunk } from "../psa/run-psa.js";
import { loadModel, type ModelReference } from "./load-model.js";

/** Data every worker starts with. */
export interface WorkerStart {
  readonly model: ModelReference;
  readonly seed: string | number;
  /** The derived expressions already transpiled by the main thread, when all of them were. */
  readonly derived?: readonly ExpressionSource[];
}

/** A chunk to run. */
export interface ChunkRequest {
  readonly start: number;
  readonly n: number;
}

/** What a worker sends back for one chunk. */
export type ChunkReply =
  | {
      readonly start: number;
      readonly n: number;
      readonly columns: Record<string, Float64Array>;
      readonly cost: Record<string, Float64Array>;
      readonly effect: Record<string, Float64Array>;
      readonly outcomes: Record<string, Record<string, Float64Array>>;
    }
  | { readonly error: { readonly name: string; readonly message: string } };

const port = parentPort;
if (port !== null) {
  const start = workerData as WorkerStart;
  const ready = loadModel(start.model).then((model: Model) => prepareModel(model, start.derived));
  port.on("message", (request: ChunkRequest) => {
    ready
      .then((prepared) => {
        const arrays = chunkArrays(prepared, request.n);
        runChunk(prepared, start.seed, request.start, request.n, arrays);
        const out = arrays.output;
        const reply: ChunkReply = {
          start: request.start,
          n: request.n,
          columns: arrays.columns as Record<string, Float64Array>,
          cost: out.cost as Record<string, Float64Array>,
          effect: out.effect as Record<string, Float64Array>,
          outcomes: out.outcomes as Record<string, Record<string, Float64Array>>,
        };
        const buffers = [
          ...Object.values(reply.columns),
          ...Object.values(reply.cost),
          ...Object.values(reply.effect),
          ...Object.values(reply.outcomes).flatMap((o) => Object.values(o)),
        ].map((a) => a.buffer as ArrayBuffer);
        port.postMessage(reply, buffers);
      })
      .catch((e: unknown) => {
        const error =
          e instanceof Error
            ? { name: e.name, message: e.message }
            : { name: "Error", message: String(e) };
        port.postMessage({ error } satisfies ChunkReply);
      });
  });
}
