/**
 * The web page's server: loopback by default, only its own files, GET/HEAD only, and a
 * malformed request answered without bringing it down.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/cli/serve-command.js";
import { EnvironmentError } from "../../src/errors.js";
import { fileFor } from "../../src/node/static-server.js";

let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  const parent = mkdtempSync(join(tmpdir(), "ceakit-serve-"));
  dir = join(parent, "web");
  mkdirSync(dir);
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>t</title>");
  writeFileSync(join(dir, "app.js"), "console.log(1)");
  writeFileSync(join(parent, "secret.txt"), "outside");
  server = await startServer({ port: 0, host: "127.0.0.1", dir });
  const address = server.address() as { address: string; port: number };
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends raw bytes and returns the first line of the answer. */
function raw(text: string): Promise<string> {
  const { port } = server.address() as { port: number };
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let data = "";
    socket.on("data", (d) => {
      data += d;
    });
    socket.on("end", () => resolve(data.split("\r\n")[0] ?? ""));
    socket.on("error", reject);
  });
}

describe("static server", () => {
  it("listens on loopback and serves the page and its script with their types", async () => {
    expect((server.address() as { address: string }).address).toBe("127.0.0.1");
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain("<title>t</title>");
    const script = await fetch(`${base}/app.js?v=1`);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  });

  it("answers 404 to every way of leaving its directory, and to missing files", async () => {
    for (const path of [
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/..%2fsecret.txt",
      "/%2E%2E%2Fsecret.txt",
      "/web/../../secret.txt",
      "/nope.js",
      "/%00",
      "/%E0%A4%A",
    ]) {
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBe(404);
      expect(await r.text()).not.toContain("outside");
    }
    expect(fileFor(dir, "/../secret.txt")).toBeUndefined();
    expect(fileFor(dir, "/")).toBe(join(dir, "index.html"));
  });

  it("refuses other methods and survives a malformed request", async () => {
    expect((await fetch(`${base}/`, { method: "POST", body: "x" })).status).toBe(405);
    expect(await raw("GARBAGE\r\n\r\n")).toBe("HTTP/1.1 400 Bad Request");
    expect(
      await raw("GET /../../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    ).toBe("HTTP/1.1 404 Not Found");
    expect((await fetch(`${base}/`)).status).toBe(200);
  });

  it("`ceakit serve` listens on 127.0.0.1 unless told otherwise, and checks its port", async () => {
    const { createProgram } = await import("../../src/cli/program.js");
    const { runInProcess } = await import("../helpers/cli.js");
    const io = {
      stdout() {},
      stderr() {},
      readInput: () => "",
      checkOutput() {},
      writeFile() {},
      writeSet() {},
      stderrIsTty: false,
    };
    const serve = createProgram(io).commands.find((c) => c.name() === "serve");
    const host = serve?.options.find((o) => o.long === "--host");
    expect(host?.defaultValue).toBe("127.0.0.1");
    const bad = await runInProcess(["serve", "--port", "70000"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("error: --port: expected a port from 0 to 65535, got 70000\n");
  });

  it("never builds the page: a directory without index.html is an EnvironmentError (exit code 1)", async () => {
    const empty = mkdtempSync(join(tmpdir(), "ceakit-unbuilt-"));
    const refused = startServer({ port: 0, host: "127.0.0.1", dir: empty });
    await expect(refused).rejects.toBeInstanceOf(EnvironmentError);
    await expect(refused).rejects.toThrow(
      `the web page is not built in this installation (no index.html in ${empty}); in a source checkout, run \`npm run build:web\` (or \`npm ci\`) first`,
    );
    expect(readdirSync(empty)).toEqual([]);
  });
});
