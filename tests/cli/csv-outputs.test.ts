/**
 * Every CSV the CLI writes, read with a strict RFC 4180 reader: one layout
 * (`section,item,strategy,comparator,wtp,statistic,value,text`), snake_case headers and
 * statistics, and numeric columns (`wtp`, `value`) that hold only plain finite numbers or nothing,
 * so R's `read.csv` reads them as numeric. No "£", thousands separator or "—" anywhere. And
 * the human formats of every shipped scenario show no unrounded number.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TIDY_COLUMNS, TIDY_NUMERIC_COLUMNS } from "../../src/report/tidy-csv.js";
import { runInProcess } from "../helpers/cli.js";
import { isNumericField, parseStrictCsv } from "../helpers/strict-csv.js";

const RCT = "scenarios/swis-rct.yaml";
const VISITING = "scenarios/swis-rct-visiting.yaml";
const SMALL = "tests/fixtures/scenarios/small.yaml";
const PSA = "tests/fixtures/reference/psa-1e4/psa_1e4.csv";
const SHIPPED = readdirSync("scenarios")
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => `scenarios/${f}`);

/** Numbers with a fractional part written to more than 7 significant digits. */
function leaks(text: string): string[] {
  return (text.match(/\d[\d,]*\.\d+/g) ?? []).filter(
    (t) => t.replace(/[,.]/g, "").replace(/^0+/, "").length > 7,
  );
}

/** Checks one CSV text; returns its rows. */
function checkCsv(text: string, where: string): string[][] {
  const { header, rows } = parseStrictCsv(text);
  expect(header, where).toEqual([...TIDY_COLUMNS]);
  expect(text, where).not.toMatch(/NaN|Infinity/);
  const numeric = TIDY_NUMERIC_COLUMNS.map((c) => header.indexOf(c));
  const statistic = header.indexOf("statistic");
  const textColumn = header.indexOf("text");
  for (const row of rows) {
    for (const k of numeric) {
      expect(isNumericField(row[k] as string), `${where}: ${row.join(",")}`).toBe(true);
    }
    // Missing is empty, never "—"; statistics are snake_case (a two-way grid names its two
    // parameters, which are snake_case too).
    expect(row[textColumn], where).not.toBe("—");
    expect(row[statistic], `${where}: ${row.join(",")}`).toMatch(/^[a-z][a-z0-9_]*$/);
  }
  return rows;
}

/** The CSV outputs of one command: standard output, and each file of `--out DIR`. */
async function checkCommand(args: readonly string[]): Promise<number> {
  const one = await runInProcess([...args, "--format", "csv"]);
  expect(one.code, one.stderr).toBe(0);
  const rows = checkCsv(one.stdout, args.join(" "));
  const set = await runInProcess([...args, "--format", "csv", "--out", "csv-set"]);
  expect(set.code, set.stderr).toBe(0);
  expect(set.writes.size).toBeGreaterThan(0);
  for (const [name, text] of set.writes) checkCsv(text, `${args.join(" ")} → ${name}`);
  return rows.length;
}

describe("every CSV the CLI writes is tidy, strict RFC 4180 and numeric where it should be", () => {
  it.each([
    [["run", SMALL, "--samples", "30"]],
    [["run", RCT, "--samples", "300"]],
    [["run", VISITING, "--samples", "300"]],
    [["dsa", RCT]],
    [["dsa", RCT, "--two-way", "irr_s47,irr_days_care"]],
    [["threshold", RCT, "--parameter", "irr_s47", "--range", "0.5:1.2"]],
    [["evppi", RCT, "--samples", "2000", "--parameters", "irr_s47,irr_days_care", "--group"]],
    [["compare", RCT, VISITING, "--samples", "300"]],
  ])("%j", async (args) => {
    expect(await checkCommand(args)).toBeGreaterThan(0);
  });

  it("analyse --format csv, as it is", async () => {
    const r = await runInProcess(["analyse", PSA, "--format", "csv", "--wtp", "0:50000:5000"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = checkCsv(r.stdout, "analyse");
    // The status of a dominated strategy is text, in `text`, with `value` empty.
    expect(rows.some((x) => x[5] === "status" && x[6] === "" && x[7] !== "")).toBe(true);
  });

  it("run's CSV holds analyse's sections for its PSA, in the same layout", async () => {
    const r = await runInProcess(["run", RCT, "--samples", "300", "--format", "csv"]);
    const sections = new Set(checkCsv(r.stdout, "run").map((x) => x[0]));
    for (const s of ["summary", "icers", "curves", "pairwise", "cost_consequence", "inputs"]) {
      expect(sections.has(s), s).toBe(true);
    }
  });
});

describe("no formatting leaks in the human formats of the shipped scenarios", () => {
  it.each(SHIPPED)("%s: run (table and md) shows rounded numbers only", async (file) => {
    for (const format of ["table", "md"]) {
      const r = await runInProcess(["run", file, "--samples", "200", "--format", format]);
      expect(r.code, r.stderr).toBe(0);
      // A number with a fraction shown to more than 7 significant digits is a leak
      // (3.5000000000000004%, 132.1399932); reports round to 4–5.
      expect(leaks(r.stdout), file).toEqual([]);
      expect(r.stdout).not.toMatch(/NaN|Infinity/);
      // A negative ICER is never bare: ICER cells are ratios, "dominated" or "dominant".
      expect(r.stdout).not.toMatch(/ICER of £-|ICER -|ICER £-/);
    }
  });
});
