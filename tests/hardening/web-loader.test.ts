/**
 * Class 10 of the hardening work: the web page validates an upload exactly as the CLI validates
 * the same file. The page's loader (src/web/upload.ts) and `ceakit validate` (in-process) run on
 * the same generated files (mutations of the shipped scenarios and of the invalid fixtures) and
 * on the reproductions (duplicate keys, several documents, unclosed quote and bracket, a top-level
 * `__proto__`, a sample count of 1e9); their verdicts and every message, with its line and
 * column, must be identical. The CLI reads the file as scenarios/<name> (beside the shipped
 * scenarios); the page as <name> in its one folder with the shipped scenarios. The same holds for
 * model files (the shipped HIV and Sick-Sicker files, mutations of them, and a model file with
 * its CSV table uploaded beside it, or missing).
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError, ScenarioError } from "../../src/errors.js";
import { PAGE_MODELS } from "../../src/web/page-models.js";
import { loadUploadedFiles, loadUploadedScenario } from "../../src/web/upload.js";
import { runInProcess } from "../helpers/cli.js";

const SCENARIOS = "scenarios";
const SHIPPED: Record<string, string> = Object.fromEntries(
  readdirSync(SCENARIOS)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => [`${SCENARIOS}/${f}`, readFileSync(`${SCENARIOS}/${f}`, "utf8")]),
);
const INVALID = "tests/fixtures/scenarios/invalid";
const FIXTURES = readdirSync(INVALID)
  .filter((f) => f.endsWith(".yaml") && !f.startsWith("extends-") && f !== "base-ok.yaml")
  .map((f) => readFileSync(`${INVALID}/${f}`, "utf8"));

/** The CLI's verdict: the `error:` lines of `ceakit validate scenarios/<name>`, file names bare. */
async function cliVerdict(
  name: string,
  text: string | Uint8Array,
  beside: Record<string, string | Uint8Array> = {},
): Promise<string[]> {
  const path = `${SCENARIOS}/${name}`;
  const others = Object.entries(beside).map(([n, t]) => [`${SCENARIOS}/${n}`, t]);
  const run = await runInProcess(["validate", path], {
    ...Object.fromEntries(others),
    [path]: text,
  });
  expect(run.stderr).not.toContain("internal error");
  if (run.code === 0) return [];
  expect(run.code, run.stderr).toBe(2);
  return run.stderr
    .trimEnd()
    .split("\n")
    .map((line) => line.replaceAll(`${SCENARIOS}/`, ""));
}

const asBytes = (text: string | Uint8Array) =>
  typeof text === "string" ? new TextEncoder().encode(text) : text;

/** The page's verdict: the messages of its loader, as the CLI would print them. */
async function pageVerdict(
  name: string,
  text: string | Uint8Array,
  beside: Record<string, string | Uint8Array> = {},
): Promise<string[]> {
  const bytes = asBytes(text);
  try {
    if (Object.keys(beside).length === 0)
      await loadUploadedScenario(name, bytes, SHIPPED, PAGE_MODELS);
    else {
      const others = Object.entries(beside).map(([n, t]) => ({ name: n, bytes: asBytes(t) }));
      await loadUploadedFiles([{ name, bytes }, ...others], SHIPPED, PAGE_MODELS);
    }
    return [];
  } catch (e) {
    const issues =
      e instanceof ScenarioError ? e.issues : e instanceof InputError ? [e.issue] : undefined;
    if (issues === undefined) throw e;
    return issues.map((i) => `error: ${new InputError(i).message.replaceAll(`${SCENARIOS}/`, "")}`);
  }
}

/** Asserts both loaders agree on `text`, and returns the verdict. */
async function expectSameVerdict(
  text: string | Uint8Array,
  name = "upload.yaml",
  beside: Record<string, string | Uint8Array> = {},
): Promise<string[]> {
  const [cli, page] = [await cliVerdict(name, text, beside), await pageVerdict(name, text, beside)];
  expect(page, typeof text === "string" ? text : `${text.length} bytes`).toEqual(cli);
  return cli;
}

const RCT = SHIPPED["scenarios/swis-rct.yaml"] as string;

describe("reproductions: files the page used to accept or place differently", () => {
  const cases: [string, string][] = [
    ["duplicate keys", "model: swis\ntitle: A\ntitle: B\n"],
    ["several YAML documents", "model: swis\ntitle: A\n---\nmodel: swis\ntitle: B\n"],
    ["an unclosed quote", 'model: swis\ntitle: "A scenario\nhorizon_years: 2\n'],
    ["an unclosed bracket", "model: swis\ntitle: A\nreport_wtp: [1000, 2000\n"],
    ["a top-level __proto__", "model: swis\ntitle: A\n__proto__: { horizon_years: 3 }\n"],
    ["a sample count of 1e9", "extends: swis-rct.yaml\ntitle: A\npsa: { samples: 1e9 }\n"],
    [
      "a mistake on line 46 of a long file",
      `${RCT.trimEnd()}\n${"# comment\n".repeat(20)}horizon_years: two\n`,
    ],
  ];
  for (const [what, text] of cases) {
    it(`refuses ${what}, with the CLI's message and position`, async () => {
      const verdict = await expectSameVerdict(text);
      expect(verdict.length, what).toBeGreaterThan(0);
      for (const line of verdict)
        expect(line).toMatch(/^error: (upload|swis-rct)\.yaml:\d+:\d+[ :]/);
    });
  }

  const utf16 = (text: string) => {
    const bytes = new Uint8Array(2 + 2 * text.length);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    return bytes;
  };
  const bytesCases: [string, Uint8Array][] = [
    ["UTF-16 text", utf16("model: swis\ntitle: A\n")],
    ["an invalid UTF-8 byte", Uint8Array.of(...new TextEncoder().encode("title: "), 0xe9, 0x0a)],
    ["NUL bytes", new TextEncoder().encode("model: swis\u0000\n")],
    [
      "a file over 1 MiB",
      new TextEncoder().encode(`model: swis\ntitle: A\n${"#".repeat(1 << 20)}\n`),
    ],
  ];
  for (const [what, bytes] of bytesCases) {
    it(`refuses ${what}, with the CLI's message`, async () => {
      const verdict = await expectSameVerdict(bytes);
      expect(verdict).toHaveLength(1);
      expect(verdict[0]).toMatch(/^error: upload\.yaml/);
    });
  }

  it("refuses, at psa.samples, a sample count that needs more memory than the page allows", async () => {
    // The one difference from the CLI is the budget: a browser tab's, not the machine's.
    const text = "extends: swis-rct.yaml\ntitle: A\npsa: { samples: 50000000 }\n";
    const page = await pageVerdict("upload.yaml", text);
    expect(page).toHaveLength(1);
    expect(page[0]).toMatch(
      /^error: upload\.yaml:3:17 psa\.samples: 50,000,000 samples need about [\d.]+ GB; the web page allows about 1\.1 GB: at most [\d,]+ samples fit$/,
    );
  });

  it("accepts a shipped scenario uploaded unchanged, and one that extends it", async () => {
    expect(await expectSameVerdict(RCT, "copy.yaml")).toEqual([]);
    expect(await expectSameVerdict("extends: swis-rct.yaml\ntitle: Mine\n")).toEqual([]);
    expect(await expectSameVerdict("extends: ../scenarios/swis-rct.yaml\ntitle: Mine\n")).toEqual(
      [],
    );
  });
});

/** One edit of a text: a character inserted, deleted or replaced, or a line doubled. */
const edit = (text: string) =>
  fc.oneof(
    fc
      .tuple(fc.nat(text.length), fc.constantFrom(..."[]{}\"':-#&*!|> \t\n0123456789.eE"))
      .map(([at, c]) => text.slice(0, at) + c + text.slice(at)),
    fc.nat(Math.max(0, text.length - 1)).map((at) => text.slice(0, at) + text.slice(at + 1)),
    fc
      .tuple(
        fc.nat(text.length),
        fc.constantFrom("-1", "1e9", "NaN", "two", "[]", "{}", "~", "0.5"),
      )
      .map(([at, v]) => {
        const start = text.lastIndexOf(":", at);
        const end = text.indexOf("\n", at);
        return start < 0 || end < 0 ? text : `${text.slice(0, start + 1)} ${v}${text.slice(end)}`;
      }),
    fc.nat(text.split("\n").length - 1).map((k) => {
      const lines = text.split("\n");
      lines.splice(k, 0, lines[k] as string);
      return lines.join("\n");
    }),
  );

describe("generated files: the page's loader and the CLI's give the same verdicts and positions", () => {
  it("agrees on random bytes and on text with random bytes spliced in", async () => {
    const rct = new TextEncoder().encode(RCT);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc
            .tuple(fc.nat(rct.length), fc.uint8Array({ minLength: 1, maxLength: 4 }))
            .map(([at, b]) => Uint8Array.from([...rct.subarray(0, at), ...b, ...rct.subarray(at)])),
        ),
        async (bytes) => {
          await expectSameVerdict(bytes);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("agrees on mutations of the shipped scenarios", async () => {
    const texts = Object.values(SHIPPED);
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...texts)
          .chain((t) => edit(t).chain((once) => fc.oneof(fc.constant(once), edit(once)))),
        async (text) => {
          await expectSameVerdict(text);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("agrees on the invalid fixtures and mutations of them", async () => {
    for (const text of FIXTURES) await expectSameVerdict(text);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIXTURES).chain(edit), async (text) => {
        await expectSameVerdict(text);
      }),
      { numRuns: 60 },
    );
  });
});

const MODELS = ["models/hiv.model.yaml", "models/sick-sicker.model.yaml"].map((f) =>
  readFileSync(f, "utf8"),
);
const HIV = MODELS[0] as string;
/** A shorter PSA, so that each mutation's probability checks stay quick. */
const quick = (text: string) => text.replace(/samples: \d+/, "samples: 200");

describe("model files: the page's loader and the CLI's agree", () => {
  it("accepts the shipped HIV and Sick-Sicker model files uploaded unchanged", async () => {
    for (const text of MODELS) expect(await expectSameVerdict(text, "mine.model.yaml")).toEqual([]);
  });

  const mistakes: [string, string][] = [
    ["a bad rewards_on", HIV.replace("rewards_on: end", "rewards_on: middle")],
    ["an unknown state", HIV.replace("D: { D: 1 }", "D: { E: 1 }")],
    ["an unknown parameter", HIV.replace("c_dmed_A + c_comm_A", "c_dmed_A + c_comm_X")],
    [
      "a cycle in derived",
      HIV.replace('"t <= 2 ? rr : 1"', '"t <= 2 ? c_lami_t : 1"').replace(
        '"t <= 2 ? c_lamivudine : 0"',
        '"t <= 2 ? rr_t : 0"',
      ),
    ],
    [
      "a row that does not sum to 1",
      HIV.replace("C: { C: rest, D: 437/1749 }", "C: { C: 0.5, D: 437/1749 }"),
    ],
    ["a probability above 1", HIV.replace("350/1734 * rr_t", "350/1734 * rr_t * 9")],
    [
      "a missing table",
      HIV.replace("derived:\n", "tables:\n  life: { file: life.csv }\nderived:\n"),
    ],
  ];
  for (const [what, text] of mistakes) {
    it(`refuses a model file with ${what}, with the CLI's messages and positions`, async () => {
      const verdict = await expectSameVerdict(quick(text), "mine.model.yaml");
      expect(verdict.length, what).toBeGreaterThan(0);
      for (const line of verdict) expect(line).toMatch(/^error: mine\.model\.yaml:\d+:\d+ /);
    });
  }

  it("reads a table uploaded beside the model file as the CLI reads it beside the file on disk", async () => {
    const tabled = HIV.replace(
      "derived:\n",
      'tables:\n  life: { file: life.csv, key: age }\nderived:\n  q: lookup(life, 3, "q")\n',
    );
    const cases: [string, string | Uint8Array][] = [
      ["good", "age,q\n0,0.1\n5,0.2\n"],
      ["a key below the first", "age,q\n4,0.1\n5,0.2\n"],
      ["not a number", "age,q\n0,zero\n"],
      ["UTF-16", Uint8Array.of(0xff, 0xfe, 0x61, 0x00)],
      ["too large", "age,q\n".concat("0,1\n".repeat(3 << 20))],
    ];
    for (const [what, csv] of cases) {
      const verdict = await expectSameVerdict(quick(tabled), "mine.model.yaml", {
        "life.csv": csv,
      });
      if (what === "good") expect(verdict).toEqual([]);
      else expect(verdict.length, what).toBeGreaterThan(0);
    }
  });

  it("agrees on mutations of the HIV and Sick-Sicker model files", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MODELS.map(quick)).chain(edit), async (text) => {
        await expectSameVerdict(text, "mine.model.yaml");
      }),
      { numRuns: 60 },
    );
  });
});
