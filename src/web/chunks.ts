/// <reference lib="dom" />
/**
 * The page's scripts that load on first need, built beside app.js by `npm run build:web`:
 * worker.js (the PSA worker's code, on the first Run), charts.js (vega and vega-lite, which the
 * worker draws the charts with) and math.js (mathjs' parser, only for a model with derived
 * expressions). Each is a classic script, the one kind of script a page opened from disk
 * (file://) may load, added to the page when first asked for; it stores its code, as text, in
 * `globalThis.ceakitChunks` under its name. As text, because the worker needs the code itself:
 * a worker is made from a Blob of its source, and cannot load a file under file://.
 *
 * worker.js holds a script for a Worker; charts.js and math.js each hold the body of a function
 * that returns their module's exports (see load-chunk.ts).
 *
 * @module
 */

/** The scripts loaded on first need. */
export type ChunkName = "worker" | "charts" | "math";

/** Where app.js was loaded from: the lazily loaded scripts sit beside it. */
const BASE =
  typeof document === "undefined"
    ? undefined
    : ((document.currentScript as HTMLScriptElement | null)?.src ?? document.baseURI);

/** Each script's code, once asked for (a failed load is forgotten, so it can be tried again). */
const loading = new Map<ChunkName, Promise<string>>();

/** Loads `<name>.js` beside app.js as a classic script and resolves with the code it stores. */
function loadScript(name: ChunkName): Promise<string> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL(`${name}.js`, BASE).href;
    script.onload = () => {
      const code = (globalThis as { ceakitChunks?: Record<string, unknown> }).ceakitChunks?.[name];
      if (typeof code === "string") resolve(code);
      else reject(new Error(`${name}.js holds no code for "${name}"`));
    };
    script.onerror = () => {
      script.remove();
      reject(new Error(`could not load ${name}.js (it should be beside app.js)`));
    };
    document.head.append(script);
  });
}

/**
 * The code of one of the page's lazily loaded scripts, loading it on the first call (page only).
 *
 * @example
 * ```ts
 * const worker = new Worker(URL.createObjectURL(new Blob([await chunkSource("worker")])));
 * ```
 */
export function chunkSource(name: ChunkName): Promise<string> {
  let code = loading.get(name);
  if (code === undefined) {
    code = loadScript(name);
    loading.set(name, code);
    code.catch(() => loading.delete(name));
  }
  return code;
}
