/**
 * Class 9 of the hardening issue, the smaller ones: `init` never overwrites; one seed rule for
 * `--seed` and `psa.seed`; control characters escaped in messages and reports; spreadsheet
 * formulas neutralised in CSV; a closed standard output ends quietly; a repeated flag is
 * refused. Generated cases for each, plus the reproductions.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProgram } from "../../src/cli/program.js";
import { escapeControls } from "../../src/control-characters.js";
import { MAX_NUMERIC_SEED, parseSeed } from "../../src/core/seed.js";
import { csvField } from "../../src/report/format.js";
import { runInProcess, runOnDisk } from "../helpers/cli.js";
import {
  expectRefused,
  makeDangling,
  makeFifo,
  removeDir,
  snapshot,
  tempDir,
} from "../helpers/disk.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "dist/src/cli/bin.js");
const SMALL = "tests/fixtures/scenarios/small.yaml";
/** Control characters other than the line end, as a pattern. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
/** A CSV field quoted. */
const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

let dir: string;
beforeAll(() => {
  dir = tempDir("ceakit-small-");
});
afterAll(() => removeDir(dir));

describe("init never overwrites without --force, and --force replaces only a regular file", () => {
  it("issue: leaves alone an existing file it cannot read, a dangling link, a directory, a FIFO", async () => {
    const things: Record<string, (path: string) => void> = {
      file: (p) => writeFileSync(p, "mine"),
      unreadable: (p) => {
        writeFileSync(p, "secret");
        chmodSync(p, 0o000);
      },
      dangling: makeDangling,
      directory: (p) => mkdirSync(p),
      fifo: makeFifo,
    };
    for (const [name, make] of Object.entries(things)) {
      const path = join(dir, `${name}.yaml`);
      make(path);
      const before = snapshot(dir);
      const r = await runOnDisk(["init", path]);
      expectRefused(r, 2);
      expect(snapshot(dir)).toEqual(before);
      const forced = await runOnDisk(["init", path, "--force"]);
      if (name === "file" || name === "unreadable") {
        expect(forced.code, forced.stderr).toBe(0);
        expect(readFileSync(path, "utf8")).toContain("LOCAL");
      } else {
        expectRefused(forced, 2, /ceakit only ever replaces a regular file|is a directory/);
        expect(snapshot(dir)).toEqual(before);
      }
    }
    expect((await runOnDisk(["init", join(dir, "file.yaml")])).stderr).toBe(
      `error: ${join(dir, "file.yaml")}: already exists; choose another name or delete it first\n`,
    );
    const fresh = await runOnDisk(["init", join(dir, "new.yaml")]);
    expect(fresh.code).toBe(0);
    expect(lstatSync(join(dir, "new.yaml")).isFile()).toBe(true);
  });
});

describe("one seed rule for --seed and psa.seed", () => {
  it("parseSeed: whole numbers 0 … 2^53 − 1 in any notation YAML reads are numbers; other text is a word", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_NUMERIC_SEED }), (n) => {
        expect(parseSeed(String(n))).toBe(n);
        expect(parseSeed(n.toExponential())).toBe(n);
        expect(parseSeed(`0x${n.toString(16)}`)).toBe(n);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][\w-]{0,10}$/), (word) => {
        expect(parseSeed(word)).toBe(word);
      }),
      { numRuns: 100 },
    );
    for (const bad of ["9007199254740992", "1e16", "-1", "1.5", ".inf", ".nan", "1e400", " "]) {
      expect(() => parseSeed(bad), bad).toThrow(/^--seed: /);
    }
  });

  it('issue: --seed 1e3, --seed 1000, seed: 1e3 and seed: 1000 give the same draws; seed: "1000" too', async () => {
    const outputs: string[] = [];
    const runWith = async (seedLine: string, flags: string[]) => {
      const file = "scenarios/seed-test.yaml";
      const text = `extends: swis-rct.yaml\n${seedLine}\n`;
      const r = await runInProcess(["run", file, "--samples", "60", "--format", "json", ...flags], {
        [file]: text,
      });
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      return JSON.stringify([
        doc.settings.seed === 1000 || doc.settings.seed === "1000",
        doc.analysis,
      ]);
    };
    outputs.push(await runWith("psa: { seed: 1e3 }", []));
    outputs.push(await runWith("psa: { seed: 1000 }", []));
    outputs.push(await runWith('psa: { seed: "1000" }', []));
    outputs.push(await runWith("psa: { seed: 5 }", ["--seed", "1e3"]));
    outputs.push(await runWith("psa: { seed: 5 }", ["--seed", "1000"]));
    expect(new Set(outputs).size).toBe(1);
    expect(JSON.parse(outputs[0] as string)[0]).toBe(true);
    // Another seed gives other draws, so the comparison above means something.
    expect(await runWith("psa: { seed: 1001 }", [])).not.toBe(outputs[0]);
  });

  it("refuses numbers above 2^53 − 1 by either route, located", async () => {
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 2n ** 53n, max: 10n ** 30n }), async (big) => {
        const flag = await runInProcess(["run", SMALL, "--seed", String(big)]);
        expectRefused(
          flag,
          2,
          /^error: --seed: a numeric seed must be a whole number from 0 to 9007199254740991/,
        );
        const file = "tests/fixtures/scenarios/seed-big.yaml";
        const yaml = await runInProcess(["validate", file], {
          [file]: `extends: small.yaml\npsa: { seed: ${big} }\n`,
        });
        expectRefused(
          yaml,
          2,
          /seed-big\.yaml:2:14 psa\.seed: a numeric seed must be a whole number/,
        );
      }),
      { numRuns: 8 },
    );
  });
});

describe("control characters from the input are escaped", () => {
  const control = fc
    .integer({ min: 1, max: 0x9f })
    .filter((c) => c < 0x20 || c >= 0x7f)
    .map((c) => String.fromCharCode(c));
  const withControls = fc
    .tuple(fc.stringMatching(/^[A-Za-z ]{1,8}$/), fc.array(control, { minLength: 1, maxLength: 3 }))
    .map(([text, cs]) => `${text}${cs.join("")}[31mX`);

  it("in scenario titles and strategy labels: validate and run (table, md) print them escaped", async () => {
    await fc.assert(
      fc.asyncProperty(withControls, withControls, async (title, label) => {
        const file = "tests/fixtures/scenarios/controls.yaml";
        const q = (s: string) => JSON.stringify(s);
        const text = `extends: small.yaml\ntitle: ${q(title)}\nstrategies:\n  usual:\n    label: Usual\n    intervention: false\n  swis:\n    label: ${q(label)}\n`;
        const v = await runInProcess(["validate", file], { [file]: text });
        expect(v.code, v.stderr).toBe(0);
        expect(v.stdout).not.toMatch(RAW_CONTROL);
        expect(v.stdout).toContain(escapeControls(title));
        for (const format of ["table", "md"]) {
          const r = await runInProcess(["run", file, "--samples", "10", "--format", format], {
            [file]: text,
          });
          expect(r.code, r.stderr).toBe(0);
          expect(r.stdout).not.toMatch(RAW_CONTROL);
        }
      }),
      { numRuns: 6 },
    );
  });

  it("in CSV strategy names, error messages, file names and unknown flags", async () => {
    await fc.assert(
      fc.asyncProperty(withControls, async (name) => {
        const csv = `iteration,strategy,cost,effect\n1,usual,1,1\n1,${quoted(name)},2,2\n2,usual,1.5,1\n2,${quoted(name)},2.5,2.5\n`;
        const table = await runInProcess(["analyse", "p.csv"], { "p.csv": csv });
        expect(table.code, table.stderr).toBe(0);
        expect(table.stdout).not.toMatch(RAW_CONTROL);
        for (const args of [
          ["analyse", "p.csv", "--comparator", `${name}Z`],
          ["analyse", `${name}.csv`],
          ["validate", `${name}.yaml`],
          ["run", SMALL, `--${name}`],
          ["run", SMALL, "--format", name],
        ]) {
          const r = await runInProcess(args, { "p.csv": csv });
          expect(r.code).toBe(2);
          expect(r.stderr).not.toMatch(RAW_CONTROL);
          expect(r.stderr).toContain("[31mX");
        }
      }),
      { numRuns: 15 },
    );
  });

  it("issue: an escape sequence in a YAML value quoted by an error message", async () => {
    const file = "tests/fixtures/scenarios/esc.yaml";
    const r = await runInProcess(["validate", file], {
      [file]: 'extends: small.yaml\neffect: "\\e[2J\\e]0;pwned\\a"\n',
    });
    expectRefused(r, 2);
    expect(r.stderr).toContain("\\x1b[2J\\x1b]0;pwned\\x07");
  });
});

describe("--format csv neutralises spreadsheet formulas", () => {
  it("csvField: text starting with = + - @ tab or CR gets a ', numbers stay numbers", () => {
    fc.assert(
      fc.property(fc.constantFrom("=", "+", "-", "@", "\t", "\r"), fc.string(), (first, rest) => {
        const text = first + rest;
        const field = csvField(text);
        const unquoted = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
        if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) expect(unquoted).toBe(text);
        else expect(unquoted).toBe(`'${text}`);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      // Finite numbers: a number that is not finite is an empty field (see csvField).
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(csvField(x)).toBe(String(x));
      }),
    );
    // A number that is not finite is a missing value: an empty field.
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(csvField(x)).toBe("");
    }
    expect(csvField("-Infinity")).toBe("'-Infinity");
  });

  it("issue: a strategy named =HYPERLINK(...) is written as text by analyse --format csv", async () => {
    const names = await fc.sample(
      fc
        .tuple(fc.constantFrom("=", "+", "-", "@"), fc.stringMatching(/^[A-Za-z(]{1,10}$/))
        .map(([a, b]) => a + b),
      { numRuns: 10 },
    );
    for (const name of ['=HYPERLINK("http://x","y")', ...names]) {
      const csv = `iteration,strategy,cost,effect\n1,usual,1,1\n1,${quoted(name)},2,2\n2,usual,1.5,1\n2,${quoted(name)},-2.5,2.5\n`;
      const r = await runInProcess(["analyse", "p.csv", "--format", "csv"], { "p.csv": csv });
      expect(r.code, r.stderr).toBe(0);
      for (const line of r.stdout.trimEnd().split("\n")) {
        for (const cell of line.split(",")) {
          const value = cell.replace(/^"/, "");
          if (/^[=+\-@]/.test(value)) expect(Number.isFinite(Number(value)), line).toBe(true);
        }
      }
      expect(r.stdout).toContain(`'${name.replace(/"/g, '""')}`);
    }
  });
});

describe("a closed standard output", () => {
  it("issue: `ceakit run … | head` ends quietly with exit 0 (the built CLI)", async () => {
    if (!existsSync(BIN)) throw new Error("run `npm run build` first");
    for (const args of [
      ["run", SMALL, "--samples", "20"],
      ["analyse", "tests/fixtures/reference/psa-1e4/psa_1e4.csv", "--format", "csv"],
    ]) {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      });
      // The reader goes away before anything is written, as `head` does once it has its lines.
      child.stdout.destroy();
      let stderr = "";
      child.stderr.on("data", (d) => {
        stderr += d;
      });
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(stderr).toBe("");
      expect(code).toBe(0);
    }
  });
});

describe("a repeated flag is refused, naming it, for every command", () => {
  const program = createProgram({
    stdout() {},
    stderr() {},
    readInput: () => "",
    checkOutput() {},
    writeFile() {},
    writeSet() {},
    stderrIsTty: false,
  });
  const cases = program.commands.flatMap((command) =>
    command.options.map((option) => ({
      command: command.name(),
      flag: option.long as string,
      takesValue: option.required || option.optional,
      positional: command.registeredArguments.some((a) => a.required),
    })),
  );

  it("covers every command's options", () => {
    const commands = new Set(cases.map((c) => c.command));
    for (const name of [
      "run",
      "analyse",
      "init",
      "schema",
      "dsa",
      "threshold",
      "evppi",
      "compare",
      "serve",
    ]) {
      expect(commands, name).toContain(name);
    }
    expect(cases.length).toBeGreaterThan(25);
  });

  it("issue: --seed 1 --seed 2, --format json --format csv, --out a --out b, --x=1 --x 2", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cases),
        fc.stringMatching(/^[a-z0-9.]{1,6}$/),
        fc.stringMatching(/^[a-z0-9.]{1,6}$/),
        fc.constantFrom("spaced", "equals", "mixed"),
        async (c, a, b, style) => {
          const twice = !c.takesValue
            ? [c.flag, c.flag]
            : style === "spaced"
              ? [c.flag, a, c.flag, b]
              : style === "equals"
                ? [`${c.flag}=${a}`, `${c.flag}=${b}`]
                : [`${c.flag}=${a}`, c.flag, b];
          const r = await runInProcess([c.command, ...(c.positional ? ["x.yaml"] : []), ...twice]);
          expectRefused(r, 2, new RegExp(`^error: ${c.flag}: given more than once`));
          expect(r.writes.size).toBe(0);
        },
      ),
      { numRuns: 80 },
    );
  });
});
