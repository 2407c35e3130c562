/**
 * `ceakit serve`: the commissioners' web page on a local web server. The page is built when the
 * package is (dist/web/, by `npm ci` in a checkout and by `npm pack` for the tarball); serving never
 * builds it, since the bundler is a development tool that an installed package does not have.
 * The command is declared in commands/serve.ts, which imports this module only when it runs.
 *
 * @module
 */

import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { escapeControls } from "../control-characters.js";
import { EnvironmentError, InputError } from "../errors.js";
import { PACKAGE_ROOT } from "../node/package-root.js";
import { createStaticServer } from "../node/static-server.js";
import type { CliIo } from "./io.js";
import { parseNumberFlag } from "./options.js";

/** The built page, dist/web/ in the package. */
const WEB = fileURLToPath(new URL("dist/web/", PACKAGE_ROOT));

/** Options of {@link startServer}. */
export interface ServeOptions {
  readonly port: number;
  /** Address to listen on; 127.0.0.1 unless told otherwise. */
  readonly host: string;
  /** Directory served (default: the built page, dist/web/ in the package). */
  readonly dir?: string;
}

/**
 * Starts serving the built page; resolves once listening. Rejects with an
 * {@link EnvironmentError} (exit code 1) when the directory holds no index.html: the
 * installation is incomplete, which no flag of the command can fix.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 0, host: "127.0.0.1" });
 * ```
 */
export async function startServer(options: ServeOptions): Promise<Server> {
  const dir = options.dir ?? WEB;
  if (!existsSync(join(dir, "index.html"))) {
    throw new EnvironmentError(
      `the web page is not built in this installation (no index.html in ${dir}); in a source checkout, run \`npm run build:web\` (or \`npm ci\`) first`,
    );
  }
  const server = createStaticServer(dir);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}

/**
 * `host:port` as a URL writes it: an IPv6 address in brackets.
 *
 * @example
 * ```ts
 * hostPort("::1", 8080); // "[::1]:8080"
 * hostPort("127.0.0.1", 8080); // "127.0.0.1:8080"
 * ```
 */
export function hostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Flags of `serve` as commander delivers them. */
export interface ServeFlags {
  port: string;
  host: string;
}

/**
 * Runs `ceakit serve`: serves the built page on `--host`:`--port` until the server closes.
 *
 * @example
 * ```ts
 * await runServe(io, { port: "8080", host: "127.0.0.1" });
 * ```
 */
export async function runServe(io: CliIo, flags: ServeFlags): Promise<void> {
  if (flags.host.trim() === "") {
    // An empty host would mean every interface: the page is for this machine unless an
    // address is named.
    throw new InputError({
      field: "--host",
      message:
        "expected an address such as 127.0.0.1 (or 0.0.0.0 for every interface), got nothing",
    });
  }
  const port = parseNumberFlag("--port", flags.port, (v) =>
    Number.isInteger(v) && v >= 0 && v < 65536 ? undefined : "expected a port from 0 to 65535",
  );
  let server: Server;
  try {
    server = await startServer({ port, host: flags.host });
  } catch (e) {
    if (e instanceof EnvironmentError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError({
      // A port in use or not allowed is the port's fault; anything else (an unknown name, an
      // address not on this machine) the host's.
      field: code === "EADDRINUSE" || code === "EACCES" ? "--port" : "--host",
      message: `cannot listen on ${escapeControls(hostPort(flags.host, port))} (${escapeControls((e as Error).message)})`,
    });
  }
  const address = server.address();
  const shown = typeof address === "object" && address !== null ? address.port : port;
  io.stdout(
    `serving the web page at http://${escapeControls(hostPort(flags.host, shown))}/ (Ctrl-C to stop)\n`,
  );
  await new Promise<void>((resolve) => server.on("close", () => resolve()));
}
