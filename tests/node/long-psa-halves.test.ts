/**
 * readLongPsaHalves with a real analysis worker reading the second half. The worker runs
 * compiled JavaScript, so this test uses the build in dist/ (built here if missing).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const ROOT = new URL("../../", import.meta.url);
const dist = (path: string) => new URL(`dist/src/${path}`, ROOT).href;
const dir = mkdtempSync(join(tmpdir(), "ceakit-halves-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A regular long table's rows: n iterations of three strategies (about 37 bytes a row). */
function regularRows(n: number): string[] {
  const rows = ["iteration,strategy,cost,effect"];
  for (let i = 1; i <= n; i++) {
    for (const [j, name] of ["usual", "swis_a", "swis_b"].entries()) {
      rows.push(
        `${i},${name},${(20000 + ((i * 7919 + j * 104729) % 99991) / 7).toString()},${(8 + ((i * 31 + j) % 997) / 1000).toString()}`,
      );
    }
  }
  return rows;
}

/** A digest of an array's bytes (bit for bit). */
function digest(a: Float64Array): string {
  return createHash("sha256")
    .update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
    .digest("hex");
}

/** What reading gave: the table bit for bit, or the error; and whether the worker's rows were taken. */
/** What readLongPsaHalves gives. */
interface Halves {
  table: { samples: Record<string, unknown> };
  split: boolean;
}

function outcome(read: () => Halves) {
  try {
    const { table, split } = read();
    const s = table.samples as { strategies: string[]; cost: Float64Array; effect: Float64Array };
    return {
      split,
      strategies: s.strategies,
      cost: digest(s.cost),
      effect: digest(s.effect),
    };
  } catch (e) {
    return { error: String(e) };
  }
}

describe("readLongPsaHalves", () => {
  let mod: Record<string, (...args: unknown[]) => unknown>;
  beforeAll(async () => {
    if (!existsSync(new URL("dist/src/node/long-psa-halves.js", ROOT))) {
      execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe" });
    }
    mod = {
      ...(await import(dist("node/input-chunks.js"))),
      ...(await import(dist("node/long-psa-halves.js"))),
      ...(await import(dist("node/analysis-thread.js"))),
      ...(await import(dist("node/shared-memory.js"))),
    };
  }, 120_000);

  /**
   * A new analysis worker, once it answers a task (its modules loaded), so that it is ready
   * before the first part is read.
   */
  async function readyWorker(): Promise<Worker> {
    const worker = (mod.spawnAnalysisWorker as () => Worker)();
    await new Promise((resolve) => {
      worker.once("message", resolve);
      worker.postMessage({ id: 0, kind: "estimates", tasks: [] });
    });
    return worker;
  }

  /** Reads `text` from a file, with a worker (ready) or without: what it gave. */
  async function read(text: string, worker: boolean) {
    const path = join(dir, "psa.csv");
    writeFileSync(path, text);
    const thread = worker ? await readyWorker() : undefined;
    const halves = (chunks: { length: number; lines: number; endsWithLineEnd: boolean }) =>
      mod.readLongPsaHalves?.(
        chunks,
        {
          file: "psa.csv",
          length: chunks.length,
          lines: chunks.lines - (chunks.endsWithLineEnd ? 1 : 0),
          allocate: mod.sharedFloat64,
        },
        thread,
      ) as Halves;
    try {
      return outcome(() => mod.readInputChunks?.(path, "csv", halves) as Halves);
    } finally {
      await thread?.terminate();
    }
  }

  const rows = regularRows(40_000);
  const text = `${rows.join("\n")}\n`;

  test("readLongPsaHalves reads a regular file's last parts on the worker: the table one thread reads, bit for bit", async () => {
    const one = await read(text, false);
    expect(one).toMatchObject({ split: false, strategies: ["usual", "swis_a", "swis_b"] });
    for (let k = 0; k < 3; k++) {
      const two = await read(text, true);
      expect(two).toEqual({ ...one, split: true });
    }
    // A byte-order mark: the parts are found in the file, the handoff points after the mark.
    const bom = `\uFEFF${text}`;
    expect(await read(bom, true)).toEqual({ ...(await read(bom, false)), split: true });
    // CRLF line ends and no line end at the last row.
    const crlf = rows.join("\r\n");
    expect(await read(crlf, true)).toEqual({ ...(await read(crlf, false)), split: true });
  }, 60_000);

  test("readLongPsaHalves reads on this thread what is not regular, with the one-thread table or error", async () => {
    const late = Math.floor(rows.length * 0.8);
    const early = Math.floor(rows.length * 0.35);
    const variants: Record<string, string[]> = {
      "a bad number late": rows.map((r, k) => (k === late ? r.replace(/,[^,]*$/, ",x") : r)),
      "a quoted number late": rows.map((r, k) =>
        k === late ? r.replace(/,([^,]*)$/, ',"$1"') : r,
      ),
      "a row missing late": rows.filter((_, k) => k !== late),
      "a padded label late (accepted)": rows.map((r, k) => (k === late ? ` ${r}` : r)),
      "a duplicate early": rows.map((r, k) => (k === early ? (rows[early + 1] as string) : r)),
      "a blank line early (accepted)": rows.flatMap((r, k) => (k === early ? ["", r] : [r])),
      "an extra column early": rows.map((r, k) => (k === early ? `${r},1` : r)),
    };
    for (const [what, lines] of Object.entries(variants)) {
      const file = `${lines.join("\n")}\n`;
      const one = await read(file, false);
      const two = await read(file, true);
      // Where the threads meet varies, and with it whether the worker's rows are taken.
      expect([what, "split" in two ? { ...two, split: false } : two]).toEqual([what, one]);
    }
  }, 60_000);
});
