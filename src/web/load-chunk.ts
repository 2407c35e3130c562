/**
 * A library the page loads on first need (charts.js: vega; math.js: mathjs' parser), running in
 * this realm: on the page, from its script; in the PSA worker, from the page, which sends the
 * code when the worker asks (a worker made from a Blob cannot load a file under file://). Each
 * library is run once per realm.
 *
 * @module
 */

import { type ChunkName, chunkSource } from "./chunks.js";
import type { PageMessage, WorkerReply } from "./protocol.js";

/** A library's exports, once asked for (a failed load is forgotten, so it can be tried again). */
const running = new Map<ChunkName, Promise<unknown>>();

/** In the worker: asks the page for a library's code and waits for it. */
function askPage(name: ChunkName): Promise<string> {
  return new Promise((resolve, reject) => {
    const listen = (event: MessageEvent<PageMessage>) => {
      const message = event.data;
      if (!("chunk" in message) || message.chunk !== name) return;
      globalThis.removeEventListener("message", listen);
      if ("source" in message) resolve(message.source);
      else reject(new Error(message.failure));
    };
    globalThis.addEventListener("message", listen);
    const request: WorkerReply = { need: name };
    (globalThis as unknown as Worker).postMessage(request);
  });
}

/**
 * The exports of one of the page's lazily loaded libraries, loading and running its code on the
 * first call, on the page or in the worker.
 *
 * @example
 * ```ts
 * const { loadVega } = await loadChunk<typeof import("../report/load-vega.js")>("charts");
 * ```
 */
export function loadChunk<T>(name: Exclude<ChunkName, "worker">): Promise<T> {
  let exports = running.get(name);
  if (exports === undefined) {
    const code = typeof document === "undefined" ? askPage(name) : chunkSource(name);
    // The code is the body of a function returning the library's exports (see chunks.ts).
    exports = code.then((body) => new Function(body)() as unknown);
    running.set(name, exports);
    exports.catch(() => running.delete(name));
  }
  return exports as Promise<T>;
}
