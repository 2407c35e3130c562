/**
 * The CLI's bundle (dist/cli/, src/node/cli-build.ts): the built `ceakit` runs its program, its
 * workers and the shipped models from the bundle, and still reads an error thrown by a person's
 * model module, which imports the unbundled library (another copy of it), as what it is.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildCli, cliEntries } from "../../src/node/cli-build.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUNDLE = join(ROOT, "dist/cli");
const built = existsSync(join(BUNDLE, "main.js"));

/**
 * An --import hook that writes, on standard error, the URL of every module Node loads. Hooks
 * run on a thread of their own, so the write is synchronous: nothing is lost when the process
 * exits.
 */
const LOG_LOADS = `data:text/javascript,${encodeURIComponent(`
import { register } from "node:module";
register("data:text/javascript," + encodeURIComponent(
  "import { writeSync } from 'node:fs';" +
  "export async function load(url, context, next) { writeSync(2, 'LOADED ' + url + '\\\\n'); return next(url, context); }"
));`)}`;

/** Runs the built executable (of the package at `root`) with Node in `cwd`. */
function ceakit(
  args: readonly string[],
  cwd = ROOT,
  nodeArgs: readonly string[] = [],
  root = ROOT,
) {
  return spawnSync(process.execPath, [...nodeArgs, join(root, "dist/src/cli/bin.js"), ...args], {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
  });
}

/** The files of the package at `root` that a `validate` run loads, relative to `root`. */
function loadedBy(r: { stderr: string }, root: string): string[] {
  const base = pathToFileURL(join(root, "/")).href;
  return r.stderr
    .split("\n")
    .filter((l) => l.startsWith(`LOADED ${base}`))
    .map((l) => l.slice(`LOADED ${base}`.length));
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("the CLI's bundle", () => {
  it("has an entry for the program, each worker and each shipped model", () => {
    const outs = cliEntries(ROOT).map((e) => e.out);
    expect(outs.slice(0, 4)).toEqual(["main", "psa-worker", "analysis-worker", "worker-factory"]);
    expect(outs).toContain("models/swis/index");
    expect(outs).toContain("models/swis-pathway/index");
  });

  it.runIf(built)(
    "bundles the compiled library once, never the sources, and zod's English messages alone",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "ceakit-bundle-"));
      dirs.push(dir);
      const { files, inputs } = await buildCli(join(dir, "cli"), ROOT);
      expect(files).toContain("main.js");
      expect(files).toContain("models/swis/index.js");
      // Every module of ours comes from dist/ (the models' "ceakit" included), none from src/.
      // zod's index of languages is replaced (its two importers each get English alone).
      const virtual = inputs.filter((f) => f.startsWith("zod-in-english:"));
      expect(virtual.length).toBe(2);
      const ours = inputs.filter((f) => !f.startsWith("node_modules/") && !virtual.includes(f));
      expect(ours.length).toBeGreaterThan(100);
      expect(ours.filter((f) => !f.startsWith("dist/") || !/\.(js|json)$/.test(f))).toEqual([]);
      expect(ours).toContain("dist/src/index.js");
      // A module finds its worker's file, the models and the package from its own URL, right
      // only from the bundle's top folder: no such code may land in a model's entry below it.
      for (const f of files.filter((name) => name.startsWith("models/"))) {
        const text = readFileSync(join(dir, "cli", f), "utf8");
        // The first line is the banner that makes `require` from the file's own URL.
        const lineEnd = text.indexOf("\n");
        expect(text.slice(0, lineEnd)).toContain("ceakitCreateRequire(import.meta.url)");
        expect(text.slice(lineEnd)).not.toContain("import.meta.url");
      }
      expect(
        files.filter((f) => f.includes("/") && !f.startsWith("models/")),
        "every other file sits in the top folder",
      ).toEqual([]);
      // Of zod's languages, English alone.
      const locales = inputs.filter(
        (f) => f.includes("node_modules/zod/") && f.includes("/locales/"),
      );
      expect(locales.map((f) => f.slice(f.lastIndexOf("/") + 1))).toEqual(["en.js"]);
    },
    60_000,
  );

  it.runIf(built)("ceakit validate loads the program and the model from the bundle alone", () => {
    const r = ceakit(["validate", "scenarios/swis-rct.yaml"], ROOT, ["--import", LOG_LOADS]);
    expect(r.status).toBe(0);
    const rel = loadedBy(r, ROOT);
    // bin.js, the version it prints for --version and the rule for relaunching large runs, then
    // the bundle only.
    expect(rel.filter((f) => f.startsWith("dist/src/")).sort()).toEqual([
      "dist/src/cli/bin.js",
      "dist/src/cli/launch-plan.js",
      "dist/src/version.js",
    ]);
    expect(rel).toContain("dist/cli/main.js");
    expect(rel).toContain("dist/cli/models/swis/index.js");
    // No package is loaded from node_modules: zod, yaml, commander are in the bundle.
    expect(rel.filter((u) => u.startsWith("node_modules/"))).toEqual([]);
  });

  it.runIf(built)(
    "a bundle older than the compiled program (a compile without the bundling) is not run: the program runs unbundled",
    () => {
      // A copy of the built package, whose bundle is made older than its compiled bin.js.
      const root = mkdtempSync(join(tmpdir(), "ceakit-stale-"));
      dirs.push(root);
      cpSync(join(ROOT, "dist"), join(root, "dist"), { recursive: true, preserveTimestamps: true });
      cpSync(join(ROOT, "package.json"), join(root, "package.json"));
      symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
      const scenario = join(ROOT, "scenarios/swis-rct.yaml");
      const fresh = ceakit(["validate", scenario], ROOT, ["--import", LOG_LOADS], root);
      expect(fresh.status).toBe(0);
      expect(loadedBy(fresh, root)).toContain("dist/cli/main.js");
      const bin = statSync(join(root, "dist/src/cli/bin.js")).mtime;
      const older = new Date(bin.getTime() - 60_000);
      utimesSync(join(root, "dist/cli/main.js"), older, older);
      const stale = ceakit(["validate", scenario], ROOT, ["--import", LOG_LOADS], root);
      expect(stale.status).toBe(0);
      expect(stale.stdout).toBe(fresh.stdout);
      const loaded = loadedBy(stale, root);
      expect(loaded.filter((f) => f.startsWith("dist/cli/"))).toEqual([]);
      expect(loaded).toContain("dist/src/cli/main.js");
    },
    60_000,
  );

  it.runIf(built)(
    "an InputError thrown by a model module that imports the unbundled library is the person's mistake: exit 2, located, no stack",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "ceakit-bundle-"));
      dirs.push(dir);
      const library = pathToFileURL(join(ROOT, "dist/src/index.js")).href;
      writeFileSync(
        join(dir, "bad.mjs"),
        `import { C, defineCohortModel, InputError } from ${JSON.stringify(library)};
export default defineCohortModel({
  name: "refuses-its-input",
  description: "Refuses a draw of its input while it runs",
  parameters: { p_die: { type: "beta", alpha: 20, beta: 80, source: "test", tag: "assumption" } },
  states: ["alive", "dead"],
  initial: { alive: 1 },
  cycles: 2,
  cycleLength: 1,
  conventions: { counting: "end", correction: "none", discount: { costs: 0, effects: 0 } },
  outcomes: { cost: "costs", ly: "effects" },
  cost: "cost",
  effect: "ly",
  strategies: {
    usual: {
      transitions: {
        alive: {
          alive: C,
          // Refuses the draws while the PSA runs (not when the scenario is read).
          dead: (out, { p, n }) => {
            if (p.p_die[0] > 0.01) {
              throw new InputError({ field: "p_die", message: "this model takes no risk of death above 0.01" });
            }
            for (let i = 0; i < n; i++) out[i] = p.p_die[i];
          },
        },
        dead: { dead: 1 },
      },
      rewards: { cost: { alive: 1 }, ly: { alive: 1 } },
    },
    other: {
      transitions: { alive: { alive: C, dead: 0.1 }, dead: { dead: 1 } },
      rewards: { cost: { alive: 2 }, ly: { alive: 1 } },
    },
  },
});
`,
      );
      writeFileSync(join(dir, "s.yaml"), "model: ./bad.mjs\ntitle: From a module\n");
      const r = ceakit(["run", "s.yaml", "--samples", "50"], dir);
      expect(r.stdout).toBe("");
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(r.stderr).toMatch(/^error: .*p_die: this model takes no risk of death above 0\.01\n$/);
      expect(r.status).toBe(2);
    },
  );
});
