/**
 * Class 8 of the hardening issue: `ceakit serve` serves only files whose real path is inside
 * its folder (a symbolic link inside it to /etc/passwd is a 404) and refuses an empty host.
 * Generated cases: random request paths through links inside and outside the folder.
 */
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, sep } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostPort, startServer } from "../../src/cli/serve-command.js";
import { fileFor } from "../../src/node/static-server.js";
import { runInProcess } from "../helpers/cli.js";
import { expectRefused, removeDir, tempDir } from "../helpers/disk.js";

let parent: string;
let root: string;
let server: Server;
let base: string;

beforeAll(async () => {
  parent = tempDir("ceakit-serve-");
  const web = join(parent, "web");
  mkdirSync(web);
  mkdirSync(join(web, "sub"));
  writeFileSync(join(web, "index.html"), "<!doctype html><title>t</title>");
  writeFileSync(join(web, "sub", "app.js"), "1");
  writeFileSync(join(parent, "secret.txt"), "outside");
  mkdirSync(join(parent, "outside-dir"));
  writeFileSync(join(parent, "outside-dir", "index.html"), "outside");
  symlinkSync("/etc/passwd", join(web, "passwd"));
  symlinkSync(join(parent, "secret.txt"), join(web, "secret.txt"));
  symlinkSync("../secret.txt", join(web, "sub", "relative"));
  symlinkSync(join(parent, "outside-dir"), join(web, "outside"));
  symlinkSync(join(web, "sub", "app.js"), join(web, "inside.js"));
  // The served folder itself may be reached through a link.
  root = join(parent, "web-link");
  symlinkSync(web, root);
  server = await startServer({ port: 0, host: "127.0.0.1", dir: root });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  removeDir(parent);
});

describe("static server: real paths only", () => {
  it("issue: a symbolic link inside the folder to /etc/passwd is a 404", async () => {
    const r = await fetch(`${base}/passwd`);
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain("root:");
    expect(fileFor(root, "/passwd")).toBeUndefined();
  });

  it("links leading outside (absolute, relative, to a folder) are 404; links inside are served", async () => {
    for (const path of ["/secret.txt", "/sub/relative", "/outside/", "/outside/index.html"]) {
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBe(404);
      expect(await r.text()).not.toContain("outside");
    }
    expect((await fetch(`${base}/inside.js`)).status).toBe(200);
    expect((await fetch(`${base}/sub/app.js`)).status).toBe(200);
    expect((await fetch(`${base}/`)).status).toBe(200);
  });

  it("fileFor gives undefined or a real path inside the real folder, for random paths", () => {
    const real = realpathSync(root);
    const segment = fc.constantFrom(
      "passwd",
      "secret.txt",
      "sub",
      "relative",
      "outside",
      "inside.js",
      "index.html",
      "app.js",
      "..",
      "%2e%2e",
      ".",
      "web",
      "web-link",
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), (parts) => {
        const file = fileFor(root, `/${parts.join("/")}`);
        if (file !== undefined) {
          expect(file.startsWith(real + sep)).toBe(true);
          expect(realpathSync(file)).toBe(file);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("ceakit serve --host", () => {
  it.each(["", " ", "\t"])("issue: refuses the empty host %j with exit 2", async (host) => {
    const r = await runInProcess(["serve", "--host", host, "--port", "0"]);
    expectRefused(r, 2, /^error: --host: expected an address such as 127\.0\.0\.1/);
  });

  it("blames --host for an address not on this machine, --port for a port in use", async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
    const away = await runInProcess(["serve", "--host", "192.0.2.1", "--port", "0"]);
    expectRefused(away, 2, /^error: --host: cannot listen on 192\.0\.2\.1:0 \(/);
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const busy = await runInProcess(["serve", "--host", "127.0.0.1", "--port", String(port)]);
      expectRefused(
        busy,
        2,
        new RegExp(`^error: --port: cannot listen on 127\\.0\\.0\\.1:${port} \\(`),
      );
    } finally {
      taken.close();
    }
  });

  it("writes an IPv6 address in brackets, as a URL needs", () => {
    expect(hostPort("::1", 8080)).toBe("[::1]:8080");
    expect(hostPort("127.0.0.1", 8080)).toBe("127.0.0.1:8080");
  });
});
