/**
 * A small static file server for the web page (`ceakit serve`): loopback only unless told
 * otherwise, GET and HEAD only, files under one directory only (anything that resolves outside
 * it, however encoded or through whatever symbolic link, is a 404), and a malformed request is
 * answered, never fatal.
 *
 * @module
 */

import { createReadStream, realpathSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "text/yaml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".map": "application/json; charset=utf-8",
};

/**
 * The real path of the file `urlPath` names under `root`, or undefined if it is malformed, not a
 * file, or outside `root` once symbolic links are resolved (of `root` and of the target). A
 * directory means its index.html.
 *
 * @example
 * ```ts
 * fileFor("/srv/web", "/app.js");       // "/srv/web/app.js"
 * fileFor("/srv/web", "/passwd");       // undefined if /srv/web/passwd links to /etc/passwd
 * fileFor("/srv/web", "/../etc/passwd"); // undefined
 * ```
 */
export function fileFor(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0]?.split("#")[0] ?? "");
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || !decoded.startsWith("/")) return undefined;
  let base: string;
  try {
    base = realpathSync(root);
  } catch {
    return undefined;
  }
  const target = resolve(base, normalize(`.${decoded}`));
  if (!inside(base, target)) return undefined;
  try {
    // A symbolic link inside the folder may point anywhere: what counts is where it leads.
    const real = realpathSync(target);
    if (!inside(base, real)) return undefined;
    const stat = statSync(real);
    if (stat.isDirectory()) {
      const index = realpathSync(join(real, "index.html"));
      return inside(base, index) && statSync(index).isFile() ? index : undefined;
    }
    return stat.isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `path` is `base` or under it (both real, absolute paths). */
function inside(base: string, path: string): boolean {
  return path === base || path.startsWith(base.endsWith(sep) ? base : base + sep);
}

/**
 * Creates (does not start) a server for the files under `root`.
 *
 * @example
 * ```ts
 * const server = createStaticServer("dist/web");
 * server.listen(8080, "127.0.0.1");
 * ```
 */
export function createStaticServer(root: string): Server {
  const server = createServer((req, res) => {
    const send = (status: number, text: string) => {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
      res.end(req.method === "HEAD" ? undefined : `${text}\n`);
    };
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      send(405, "method not allowed");
      return;
    }
    const file = fileFor(root, req.url ?? "/");
    if (file === undefined) {
      send(404, "not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "x-content-type-options": "nosniff",
      "cache-control": "no-cache",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(file)
      .on("error", () => res.destroy())
      .pipe(res);
  });
  // A request Node cannot parse gets a 400 and the server carries on.
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });
  return server;
}
