/**
 * Cases an adversarial review of the hardening found, each across the classes it belongs to:
 * a list used as a YAML key, tens of thousands of mistakes in one file, more strategies than the
 * analyses take, a strategy name of thousands of characters, a scenario sample count that does
 * not fit replaced by `--samples`, a value and a formula for one input, and a group EVPPI with
 * fewer samples than its regression's terms. Each refusal: exit 2, located `error:` lines,
 * nothing written (tests/helpers/cli.ts also fails any run that ends in an internal error).
 */
import { describe, expect, it } from "vitest";
import { expectOneRefusal, runInProcess } from "../helpers/cli.js";

const RCT = "scenarios/swis-rct.yaml";
const FILE = "scenarios/review.yaml";
const scenario = (body: string) => `extends: swis-rct.yaml\ntitle: Review\n${body}`;
const validate = (text: string) => runInProcess(["validate", FILE], { [FILE]: text });

describe("review cases", () => {
  it("a list or a mapping used as a key is refused where it stands (one line, no warning)", async () => {
    const line = expectOneRefusal(await validate(scenario("? [a, b]\n: 1\n")));
    expect(line).toBe(`error: ${FILE}:3:3: a key must be a plain name, not a list or a mapping`);
  });

  it("a file of thousands of mistakes reports the first 100 and counts the rest", async () => {
    const keys = Array.from({ length: 5000 }, (_, k) => `  bad_key_${k}: 1`).join("\n");
    const r = await validate(scenario(`parameters:\n${keys}\n`));
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(101);
    expect(lines[0]).toMatch(
      /^error: scenarios\/review\.yaml:4:3 parameters\.bad_key_0: unknown key/,
    );
    expect(lines[100]).toBe(`error: ${FILE}: and 4,900 more problems; fix these first`);
  });

  it("more than 100 strategies are refused at the 101st", async () => {
    const strategies = Array.from({ length: 120 }, (_, k) => `  s${k}: {}`).join("\n");
    const line = expectOneRefusal(await validate(scenario(`strategies:\n${strategies}\n`)));
    // swis-rct.yaml's two strategies come first, so the 101st is s98 (line 4 + 98).
    expect(line).toBe(
      `error: ${FILE}:102:3 strategies.s98: more than 100 strategies; at most 100 can be compared (see README, "Limits")`,
    );
  });

  it("a strategy name longer than 200 characters is refused, in a CSV and in a scenario", async () => {
    const name = "s".repeat(5000);
    const csv = `iteration,strategy,cost,effect\n1,a,1,1\n1,${name},2,2\n2,a,1,1\n2,${name},2,2\n`;
    const line = expectOneRefusal(await runInProcess(["analyse", "p.csv"], { "p.csv": csv }));
    expect(line).toBe(
      "error: p.csv:3:3 strategy: the strategy name is 5,000 characters long; at most 200",
    );
    // YAML itself refuses a key over 1,024 characters, so the scenario's case is 300.
    const long = expectOneRefusal(
      await validate(scenario(`strategies:\n  usual: {}\n  ${"s".repeat(300)}: {}\n`)),
    );
    expect(long).toMatch(/: a strategy name has at most 200 characters, got "s+…"$/);
  });

  it("--samples replaces a scenario sample count that would not fit; dsa runs no PSA at all", async () => {
    const text = scenario("psa: { samples: 100000000 }\n");
    // The scenario's own count is refused where it is written …
    const refused = expectOneRefusal(await runInProcess(["run", FILE], { [FILE]: text }));
    expect(refused).toMatch(
      /^error: scenarios\/review\.yaml:3:17 psa\.samples: 100,000,000 samples need/,
    );
    // … but a run with --samples, and a DSA, do not need it.
    const run = await runInProcess(["run", FILE, "--samples", "200", "--format", "json"], {
      [FILE]: text,
    });
    expect(run.code, run.stderr).toBe(0);
    const dsa = await runInProcess(["dsa", FILE, "--parameters", "sw_salary"], { [FILE]: text });
    expect(dsa.code, dsa.stderr).toBe(0);
  });

  it("a value and a formula for the same input are refused, not one silently dropped", async () => {
    const line = expectOneRefusal(
      await validate(scenario('parameters:\n  sw_salary: 40000\nderived:\n  sw_salary: "38000"\n')),
    );
    expect(line).toBe(
      `error: ${FILE}:6:14 derived.sw_salary: "sw_salary" is given both in parameters and as a derived formula; keep one of them`,
    );
  });

  it("a group EVPPI with fewer samples than its regression's terms is refused before the run", async () => {
    const line = expectOneRefusal(
      await runInProcess([
        "evppi",
        RCT,
        "--group",
        "--parameters",
        "sw_salary,irr_s47",
        "--samples",
        "5",
      ]),
    );
    expect(line).toBe(
      "error: --samples: the group of 2 parameters is fitted by a regression with 6 terms, which needs more than 6 samples, got 5; give more --samples or fewer --parameters",
    );
  });
});

describe("review cases: messages", () => {
  it("name the flag that was given, never print Infinity, and refuse an --out that is an input", async () => {
    const threshold = expectOneRefusal(
      await runInProcess(["threshold", RCT, "--parameter", "nope", "--range", "0:1"]),
    );
    expect(threshold).toBe('error: --parameter: unknown parameter "nope"');
    const normal = expectOneRefusal(
      await validate(scenario("unit_costs:\n  c_s47: { type: normal, mean: 1050, sd: 450 }\n")),
    );
    expect(normal).toMatch(
      /a normal distribution here takes any value, but this input must be at least 0/,
    );
    expect(normal).not.toMatch(/Infinity/);
    const csv = "iteration,strategy,cost,effect\n1,a,1,1\n1,b,2,2\n2,a,1,1\n2,b,3,2\n";
    const out = expectOneRefusal(
      await runInProcess(["analyse", "p.csv", "--out", "p.csv"], { "p.csv": csv }),
    );
    expect(out).toBe("error: --out: p.csv is an input of this command; write the report elsewhere");
  });
});

describe("review cases: control characters in data outputs", () => {
  it("CSV and JSON on standard output carry no raw ESC, DEL or C1 from the input", async () => {
    const text = scenario(
      'parameters:\n  sw_salary: { value: 38000, source: "S\\e[2J\\u009b" }\nstrategies:\n  usual: { label: "U\\e[1m" }\n  swis: { label: "W\\x7f" }\n',
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    const raw = /[\u001b\u007f-\u009f]/;
    for (const format of ["csv", "json", "table", "md"]) {
      const r = await runInProcess(["run", FILE, "--samples", "50", "--format", format], {
        [FILE]: text,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(raw.test(r.stdout), format).toBe(false);
    }
    const json = await runInProcess(["run", FILE, "--samples", "50", "--format", "json"], {
      [FILE]: text,
    });
    // The same data, escaped: JSON.parse gives the characters back.
    expect(json.stdout).toContain("S\\u001b[2J\\u009b");
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain("\\u001b[2J");
  });
});

describe("review cases on a real process", () => {
  it("a CSV that fits the machine but not the JavaScript heap is refused, not a fatal out-of-memory", async () => {
    const { spawnSync } = await import("node:child_process");
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "ceakit-heap-"));
    try {
      const rows = Array.from({ length: 200_000 }, (_, i) => {
        const it = Math.floor(i / 2) + 1;
        return `${it},${i % 2 === 0 ? "usual" : "new"},${1000 + (i % 97)},${1 + (i % 13) / 100}`;
      });
      const file = join(dir, "psa.csv");
      writeFileSync(file, `iteration,strategy,cost,effect\n${rows.join("\n")}\n`);
      const r = spawnSync(process.execPath, ["dist/src/cli/bin.js", "analyse", file], {
        encoding: "utf8",
        env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=24" },
        timeout: 60_000,
      });
      expect(r.stderr).not.toContain("internal error");
      expect(r.stderr).not.toContain("heap out of memory");
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(
        /rows need about [\d.]+ MB to analyse; this process allows about [\d.]+ MB\n$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
