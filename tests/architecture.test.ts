/**
 * The layering of design.md as a check: imports inside src/ only point downward
 * (core ← distributions ← analysis ← model ← cohort ← psa ← scenario ← modelfile ← report ← node ← cli), nothing in
 * src/ imports cli/ except cli/ itself, and only node/ and cli/ use Node built-ins.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";

const SRC = new URL("../src/", import.meta.url).pathname;
const LAYERS = [
  "core",
  "distributions",
  "analysis",
  "model",
  "cohort",
  "psa",
  "scenario",
  "modelfile",
  "report",
  "node",
  "cli",
  "web",
];

/** All .ts files under a directory. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Layer rank of a path relative to src/ (root files such as errors.ts rank below core). */
function rank(relativePath: string): number {
  const top = relativePath.split("/")[0] as string;
  const i = LAYERS.indexOf(top);
  return i < 0 ? -1 : i;
}

/** Import specifiers of a file (static and dynamic). */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^;'"]*?from\s*["']([^"']+)["']/g)) {
    out.push(m[1] as string);
  }
  for (const m of text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1] as string);
  return out;
}

const files = sourceFiles(SRC).map((path) => ({
  path,
  rel: relative(SRC, path),
  imports: importsOf(readFileSync(path, "utf8")),
}));

describe("architecture", () => {
  test("importsOf finds the imports of a known file", () => {
    const decision = files.find((f) => f.rel === "analysis/decision.ts");
    expect(decision?.imports).toContain("../core/argmax.js");
  });

  test("src imports only point downward between layers", () => {
    const upward: string[] = [];
    for (const f of files) {
      for (const spec of f.imports.filter((s) => s.startsWith("."))) {
        const target = relative(SRC, join(f.path, "..", spec));
        if (rank(target) > rank(f.rel) && f.rel !== "index.ts")
          upward.push(`${f.rel} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  test("each folder imports only the folders its room allows", () => {
    // What each folder may import (besides itself and the root files errors.ts, version.ts,
    // control-characters.ts). "models" is the repository's models/ folder: the shipped models.
    const ALLOWED: Readonly<Record<string, readonly string[]>> = {
      core: [],
      distributions: ["core"],
      analysis: ["core"],
      model: ["core", "distributions"],
      cohort: ["core", "model"],
      psa: ["core", "distributions", "analysis", "model", "cohort"],
      scenario: ["core", "distributions", "analysis", "model", "cohort", "psa"],
      modelfile: ["core", "distributions", "analysis", "model", "cohort", "psa", "scenario"],
      report: ["core", "analysis", "model", "cohort", "psa", "scenario"],
      // Node's threads run the PSA and the analysis (analyse-parallel.ts).
      node: ["core", "analysis", "model", "psa", "scenario", "modelfile"],
      cli: ["core", "analysis", "model", "psa", "scenario", "modelfile", "report", "node"],
      // The page runs the shipped SWIS model in the browser, so it alone imports models/.
      web: ["core", "distributions", "model", "psa", "scenario", "modelfile", "report", "models"],
    };
    const outside: string[] = [];
    for (const f of files) {
      const from = f.rel.split("/")[0] as string;
      const allowed = ALLOWED[from];
      if (allowed === undefined) continue;
      for (const spec of f.imports.filter((x) => x.startsWith("."))) {
        const target = relative(SRC, join(f.path, "..", spec));
        const to = target.startsWith("../models/") ? "models" : (target.split("/")[0] as string);
        if (to === from || !target.includes("/")) continue;
        if (!allowed.includes(to)) outside.push(`${f.rel} -> ${target}`);
      }
    }
    expect(outside).toEqual([]);
    // Every folder of src/ has its room stated.
    const folders = [...new Set(files.map((f) => f.rel.split("/")[0] as string))].filter((d) =>
      files.some((f) => f.rel.startsWith(`${d}/`)),
    );
    expect(folders.filter((d) => ALLOWED[d] === undefined)).toEqual([]);
  });

  test("only cli/ and node/ use Node built-ins, so the library runs in a browser", () => {
    const offenders = files
      .filter((f) => !f.rel.startsWith("cli/") && !f.rel.startsWith("node/"))
      .flatMap((f) =>
        f.imports
          .filter((s) => s.startsWith("node:") || s === "fs" || s === "path")
          .map((s) => `${f.rel}: ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  test("index.ts exports neither the CLI nor the Node-only modules", () => {
    const index = files.find((f) => f.rel === "index.ts");
    expect(index?.imports.filter((s) => s.includes("/cli/") || s.includes("/node/"))).toEqual([]);
  });

  test("only the file formats (scenario/ and modelfile/) import zod and yaml", () => {
    const offenders = files
      .filter((f) => !f.rel.startsWith("scenario/") && !f.rel.startsWith("modelfile/"))
      .flatMap((f) =>
        f.imports.filter((s) => s === "zod" || s === "yaml").map((s) => `${f.rel}: ${s}`),
      );
    expect(offenders).toEqual([]);
  });
});
