/**
 * The commissioners' web page's first load: the minified JavaScript index.html loads at open
 * (app.js), built afresh into a temporary folder, against the 1.2 MiB target. One JSON line,
 * `{"bench": "web page first load (minified JS)", "bytes": n, "targetBytes": 1258291,
 * "later": {…}}`, `later` giving the bytes of each script loaded on first need (worker.js,
 * charts.js, math.js).
 * A size, not a timing: the same on any machine for the same sources.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildWeb, FIRST_LOAD_TARGET } from "../src/node/web-build.js";

const out = mkdtempSync(join(tmpdir(), "ceakit-bench-web-"));
try {
  const built = await buildWeb(out);
  const later = Object.fromEntries(
    Object.entries(built.files).filter(([f]) => f.endsWith(".js") && f !== "app.js"),
  );
  process.stdout.write(
    `${JSON.stringify({
      bench: "web page first load (minified JS)",
      bytes: built.firstLoadBytes,
      targetBytes: FIRST_LOAD_TARGET,
      later,
    })}\n`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
