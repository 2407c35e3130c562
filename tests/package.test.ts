/**
 * The package as a developer gets it: a copy of this checkout (without node_modules, dist or
 * .git; its node_modules linked) is packed with `npm pack`, which cleans and builds it, and the
 * tarball is installed with `npm i ./ceakit-x.y.z.tgz` in an empty folder. There `npx ceakit run`
 * on a shipped scenario gives the same report as the sources, `npx ceakit init` writes a
 * template that validates and runs, `npx ceakit serve` serves the built page with no bundler
 * installed, and the type checker resolves the package's types under `moduleResolution`
 * `nodenext` and `bundler`. One pack and one install are shared by every check.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/cli.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  license: string;
};
/** Left out of the copy that is packed: what a clean checkout does not have. */
const NOT_IN_CHECKOUT = new Set(["node_modules", "dist", ".git", "coverage", ".bench-data"]);

let work: string;
let app: string;
let packed: string[];
let serving: ChildProcess | undefined;

/** Runs a command to completion; fails the test with its output when it fails. */
function sh(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 240_000 });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} (in ${cwd}) exited ${result.status}:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** `npx ceakit …` in the consumer folder, with the installed package only (`--no`: no download). */
function ceakit(args: readonly string[]) {
  return spawnSync("npx", ["--no", "ceakit", ...args], {
    cwd: app,
    encoding: "utf8",
    timeout: 120_000,
  });
}

/** The file list `npm pack --json` reports after the build scripts' own output. */
function packedFiles(stdout: string): { filename: string; files: string[] } {
  const start = stdout.search(/^\[\s*\{\s*"id"/m);
  const [entry] = JSON.parse(stdout.slice(start)) as {
    filename: string;
    files: { path: string }[];
  }[];
  if (entry === undefined) throw new Error(`npm pack reported nothing:\n${stdout}`);
  return { filename: entry.filename, files: entry.files.map((f) => f.path) };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "ceakit-package-"));
  const checkout = join(work, "checkout");
  cpSync(ROOT, checkout, {
    recursive: true,
    filter: (source) => {
      const path = relative(ROOT, source);
      const top = path.split(sep)[0] ?? "";
      if (NOT_IN_CHECKOUT.has(top) || path.startsWith(join("tests", "artifacts"))) return false;
      // Only files and folders: a FIFO or socket a test left behind is not part of a checkout.
      const stat = lstatSync(source);
      return stat.isFile() || stat.isDirectory() || stat.isSymbolicLink();
    },
  });
  symlinkSync(realpathSync(join(ROOT, "node_modules")), join(checkout, "node_modules"), "dir");
  const tarballs = join(work, "tarballs");
  mkdirSync(tarballs);
  const pack = packedFiles(sh("npm", ["pack", "--json", "--pack-destination", tarballs], checkout));
  packed = pack.files;
  app = join(work, "app");
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  sh(
    "npm",
    ["install", join(tarballs, pack.filename), "--prefer-offline", "--no-audit", "--no-fund"],
    app,
  );
}, 300_000);

afterAll(() => {
  // npx runs the server as its child: end the whole process group it leads.
  if (serving?.pid !== undefined && serving.exitCode === null) process.kill(-serving.pid);
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
}, 60_000);

describe("npm pack", () => {
  it("ships the library, the model, the scenarios, the built page, LICENSE and CHANGELOG", () => {
    for (const file of [
      "package.json",
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      "dist/src/index.js",
      "dist/src/index.d.ts",
      "dist/src/node/index.d.ts",
      "dist/src/scenario/index.d.ts",
      "dist/src/cli/bin.js",
      "dist/models/swis/index.js",
      "dist/models/swis/parameters.json",
      "dist/models/swis-pathway/index.js",
      "dist/models/swis-pathway/parameters.json",
      "dist/web/index.html",
      "dist/web/app.js",
      "dist/web/worker.js",
      "dist/web/charts.js",
      "dist/web/math.js",
      "dist/web/style.css",
      "scenarios/swis-rct.yaml",
      "scenarios/local-template.yaml",
      "scenarios/schema/swis.scenario.json",
      "scenarios/swis-pathway.yaml",
      "scenarios/schema/swis-pathway.scenario.json",
      "scenarios/schema/model.schema.json",
      "models/hiv.model.yaml",
      "models/sick-sicker.model.yaml",
      "models/sick-sicker-age.model.yaml",
      "models/sick-sicker-residence.model.yaml",
      "models/life-table-usa-2015.csv",
    ]) {
      expect(packed, file).toContain(file);
    }
    const license = readFileSync(join(app, "node_modules/ceakit/LICENSE"), "utf8");
    expect(PACKAGE.license).toBe("MIT");
    expect(license.startsWith("MIT License\n")).toBe(true);
    expect(readFileSync(join(app, "node_modules/ceakit/CHANGELOG.md"), "utf8")).toMatch(
      /^# Changelog\n/,
    );
  });

  it("ships no benchmarks, tests, test models, examples, build scripts, sources or source maps", () => {
    const unwanted = packed.filter(
      (f) =>
        /^(dist\/)?(bench|tests|examples)\//.test(f) ||
        f.startsWith("dist/src/web/") ||
        f.startsWith("dist/src/node/web-build.") ||
        f.startsWith("src/") ||
        f.endsWith(".map") ||
        (f.endsWith(".ts") && !f.endsWith(".d.ts")),
    );
    expect(unwanted).toEqual([]);
    // Every shipped module's relative imports are shipped too.
    for (const file of packed.filter((f) => f.endsWith(".js") && f.startsWith("dist/src/"))) {
      const source = readFileSync(join(app, "node_modules/ceakit", file), "utf8");
      for (const [, target] of source.matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
        const resolved = join(file, "..", target as string);
        expect(packed, `${file} imports ${target}`).toContain(resolved);
      }
    }
  });
});

describe("the installed package", () => {
  it("npx ceakit run gives the sources' report for a shipped scenario, extends included", async () => {
    for (const name of ["swis-rct.yaml", "swis-rct-optimistic.yaml"]) {
      const args = ["--format", "json", "--seed", "11", "--samples", "500"];
      const installed = ceakit(["run", `node_modules/ceakit/scenarios/${name}`, ...args]);
      expect(installed.status, installed.stderr).toBe(0);
      expect(installed.stderr).toBe("");
      const sources = await runInProcess(["run", `scenarios/${name}`, ...args]);
      // Byte for byte, but for where the files are (the report names them as given).
      expect(installed.stdout.replaceAll('"node_modules/ceakit/scenarios/', '"scenarios/')).toBe(
        sources.stdout,
      );
    }
  });

  /** `npx ceakit run` of a shipped model file: the base-case costs of its JSON report. */
  const shippedCosts = (file: string): number[] => {
    const run = ceakit([
      "run",
      `node_modules/ceakit/models/${file}`,
      "--format",
      "json",
      "--samples",
      "200",
    ]);
    expect(run.status, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as { baseCase: { cost: number[] } }).baseCase.cost;
  };

  it("npx ceakit run runs a shipped model file from the installed package", () => {
    const cost = shippedCosts("hiv.model.yaml");
    // The published costs (Chancellor et al. 1997; Briggs et al. 2006), as in the sources' tests.
    expect(cost[0]).toBeCloseTo(44663.4535637, 6);
    expect(cost[1]).toBeCloseTo(50601.6513312, 6);
  });

  it("npx ceakit run runs a shipped model file that reads its shipped life table", () => {
    // The published standard-of-care cost, $116,374 (DARTH time-dependent tutorial, CEA table).
    expect(Math.round(shippedCosts("sick-sicker-age.model.yaml")[0] as number)).toBe(116374);
  });

  it("npx ceakit init writes the template, pointing at the installed schema; it validates and runs", () => {
    const init = ceakit(["init", "mine.yaml"]);
    expect(init.status, init.stderr).toBe(0);
    const written = readFileSync(join(app, "mine.yaml"), "utf8");
    const schema = /\$schema=(\S+)/.exec(written)?.[1] as string;
    expect(existsSync(schema)).toBe(true);
    expect(realpathSync(schema)).toBe(
      realpathSync(join(app, "node_modules/ceakit/scenarios/schema/swis.scenario.json")),
    );
    const validate = ceakit(["validate", "mine.yaml"]);
    expect(validate.status, validate.stderr).toBe(0);
    const run = ceakit(["run", "mine.yaml", "--samples", "200"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Probabilistic analysis: incremental results");
  });

  it("npx ceakit serve serves the built page, with no bundler installed", async () => {
    expect(existsSync(join(app, "node_modules/esbuild"))).toBe(false);
    serving = spawn("npx", ["--no", "ceakit", "serve", "--port", "0"], {
      cwd: app,
      detached: true,
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      let err = "";
      serving?.stdout?.on("data", (d) => {
        out += d;
        const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (found) resolve(found[0]);
      });
      serving?.stderr?.on("data", (d) => {
        err += d;
      });
      serving?.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}${err}`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("app.js");
    // app.js at open; the worker (with the engine) on the first Run.
    for (const [file, bytes] of [
      ["app.js", 100_000],
      ["worker.js", 100_000],
    ] as const) {
      const script = await fetch(`${url}${file}`);
      expect(script.status, file).toBe(200);
      expect((await script.arrayBuffer()).byteLength, file).toBeGreaterThan(bytes);
    }
  });

  it("types resolve under moduleResolution nodenext and bundler, and the entry points load", () => {
    writeFileSync(
      join(app, "consumer.ts"),
      [
        'import { calculateIcers, type IcerRow } from "ceakit";',
        'import { availableModels } from "ceakit/node";',
        'import { loadScenario } from "ceakit/scenario";',
        'const rows: IcerRow[] = calculateIcers({ strategies: ["A", "B"], cost: [0, 100], effect: [0, 1] });',
        "const models: string[] = availableModels();",
        "export const used = [rows, models, loadScenario];",
        "// @ts-expect-error: the types are the package's own, not any",
        "calculateIcers(42);",
        "",
      ].join("\n"),
    );
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    for (const [resolution, module] of [
      ["nodenext", "nodenext"],
      ["bundler", "esnext"],
    ] as const) {
      const config = `tsconfig.${resolution}.json`;
      writeFileSync(
        join(app, config),
        JSON.stringify({
          compilerOptions: {
            module,
            moduleResolution: resolution,
            target: "es2022",
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: [],
          },
          files: ["consumer.ts"],
        }),
      );
      const check = spawnSync(process.execPath, [tsc, "-p", config], {
        cwd: app,
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(check.status, `${resolution}: ${check.stdout}${check.stderr}`).toBe(0);
    }
    writeFileSync(
      join(app, "consumer.mjs"),
      [
        'import { calculateIcers } from "ceakit";',
        'import { availableModels } from "ceakit/node";',
        'import { loadScenario } from "ceakit/scenario";',
        'const rows = calculateIcers({ strategies: ["A", "B"], cost: [0, 100], effect: [0, 1] });',
        "console.log(JSON.stringify({ icer: rows[1].icer, models: availableModels(), load: typeof loadScenario }));",
        "",
      ].join("\n"),
    );
    const run = spawnSync(process.execPath, ["consumer.mjs"], { cwd: app, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      icer: 100,
      models: ["swis", "swis-pathway"],
      load: "function",
    });
  });
});
