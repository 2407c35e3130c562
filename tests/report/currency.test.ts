/**
 * The currency of a report: a model file's `cost: { unit }` is written before every amount and
 * in every money column of every command's report, in every format; a model that states none
 * (SWIS, or a model file without `cost.unit`) keeps pounds, and its reports are unchanged (the
 * output digests in tests/cli/output-digests.test.ts hold them to the byte).
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { money } from "../../src/report/currency.js";
import { formatNoiseFloor } from "../../src/report/format.js";
import { runInProcess } from "../helpers/cli.js";

describe("money", () => {
  test("a symbol goes straight before the amount, a unit ending in a letter takes a space", () => {
    expect(money("£", "1,234")).toBe("£1,234");
    expect(money("$", "1,234")).toBe("$1,234");
    expect(money("US$", "1,234")).toBe("US$1,234");
    expect(money("€", "0.50")).toBe("€0.50");
    expect(money("CHF", "1,234")).toBe("CHF 1,234");
    expect(money("kr", "10")).toBe("kr 10");
    expect(money("kr.", "10")).toBe("kr. 10");
    expect(money("", "10")).toBe("10");
  });

  test("formatNoiseFloor keeps pounds by default and takes a currency", () => {
    expect(formatNoiseFloor(388.2)).toBe("≤ £388.20");
    expect(formatNoiseFloor(0.001, "$")).toBe("≤ $0.01");
    expect(formatNoiseFloor(2325, "CHF")).toBe("≤ CHF 2,325");
  });
});

describe("a model file in US dollars (cost: { unit: $ })", () => {
  const file = "models/sick-sicker-age.model.yaml";

  test("run: every format writes $ and never £", async () => {
    for (const format of ["table", "md", "csv", "json", "html"]) {
      const r = await runInProcess(["run", file, "--samples", "200", "--format", format]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.includes("£"), `${format} has no £`).toBe(false);
    }
    const table = (await runInProcess(["run", file, "--samples", "200"])).stdout;
    expect(table).toContain("an ICER of $65,288 per QALY gained");
    expect(table).toMatch(/cost \$ +QALYs +inc\. cost \$ +inc\. effect +ICER \$/);
    expect(table).toContain("Total cost (discounted) ($)");
  });

  test("dsa, threshold and evppi write $ in their columns and sentences", async () => {
    const dsa = await runInProcess(["dsa", file, "--format", "md"]);
    expect(dsa.code, dsa.stderr).toBe(0);
    expect(dsa.stdout).toContain(
      "| INMB low $ | INMB high $ | ICER low $ | ICER high $ | swing $ |",
    );
    expect(dsa.stdout).toMatch(/at WTP \$150,000 \(/);
    expect(dsa.stdout).toMatch(
      /Base case: incremental net monetary benefit \$[\d,.]+, ICER \$[\d,.]+ /,
    );
    const evppi = await runInProcess(["evppi", file, "--samples", "300"]);
    expect(evppi.code, evppi.stderr).toBe(0);
    expect(evppi.stdout).toMatch(/At WTP \$50,000, /);
    const threshold = await runInProcess([
      "threshold",
      file,
      "--parameter",
      "c_trtA",
      "--range",
      "0:30000",
    ]);
    expect(threshold.code, threshold.stderr).toBe(0);
    for (const r of [dsa, evppi, threshold]) expect(r.stdout.includes("£")).toBe(false);
  });

  test("a model file without cost.unit keeps pounds; a currency name takes a space", async () => {
    const hiv = await runInProcess(["run", "models/hiv.model.yaml", "--samples", "200"]);
    expect(hiv.stdout).toMatch(/cost £ +Life-years/);
    const chf = readFileSync("models/hiv.model.yaml", "utf8").replace(
      /^effect: .*$/m,
      (line) => `${line}\ncost: { unit: CHF }`,
    );
    const r = await runInProcess(["run", "chf.model.yaml", "--samples", "200"], {
      "chf.model.yaml": chf,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/costs CHF [\d,]+ more than/);
    expect(r.stdout).toMatch(/cost CHF +Life-years/);
  });

  test("compare refuses scenarios of models in different currencies, before running any", async () => {
    const r = await runInProcess(["compare", "models/hiv.model.yaml", file, "--samples", "200"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `error: files: ${file} is in $ and models/hiv.model.yaml in £: compare scenarios whose models are in one currency\n`,
    );
  });

  test("the JSON report states the currency; spaces around cost.unit are not kept", async () => {
    const text = readFileSync(file, "utf8").replace('unit: "$"', 'unit: " $ "');
    const r = await runInProcess(
      ["run", "models/m.model.yaml", "--samples", "200", "--format", "json"],
      { "models/m.model.yaml": text },
    );
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { settings: { currency: string } }).settings.currency).toBe(
      "$",
    );
    const swis = await runInProcess([
      "run",
      "scenarios/swis-rct.yaml",
      "--samples",
      "200",
      "--format",
      "json",
    ]);
    expect((JSON.parse(swis.stdout) as { settings: { currency: string } }).settings.currency).toBe(
      "£",
    );
  });

  test("a currency longer than 8 characters is refused at its line and column", async () => {
    const text = readFileSync(file, "utf8").replace('unit: "$"', 'unit: "US dollars"');
    // Beside the shipped model, so that its life table is found.
    const r = await runInProcess(["validate", "models/m.model.yaml"], {
      "models/m.model.yaml": text,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: models\/m\.model\.yaml:\d+:\d+ cost\.unit: expected a text of at most 8 characters, got "US dollars"\n$/,
    );
  });
});

describe("analyse --currency", () => {
  const psa = "tests/fixtures/reference/psa-1e4/psa_1e4.csv";
  const params = "tests/fixtures/reference/psa-1e4/psa_1e4_params.csv";

  test("writes the currency in the EVPPI sentences, table and charts, in every format", async () => {
    for (const format of ["table", "md", "html"]) {
      const args = ["analyse", psa, "--parameters", params, "--format", format];
      const dollars = await runInProcess([...args, "--currency", "$"]);
      expect(dollars.code, dollars.stderr).toBe(0);
      expect(dollars.stdout.includes("£"), `${format} has no £`).toBe(false);
      expect(dollars.stdout).toMatch(/≤ \$\d/);
      // Without the flag, pounds as before.
      const pounds = await runInProcess(args);
      expect(pounds.stdout).toMatch(/≤ £\d/);
    }
  });

  test("a blank or too long currency is refused at the flag, exit 2, nothing written", async () => {
    for (const [value, message] of [
      ["US dollars", 'expected a text of at most 8 characters, got "US dollars"'],
      [" ", "expected a currency such as $, € or CHF, got a blank text"],
    ]) {
      const r = await runInProcess(["analyse", psa, "--currency", value as string]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`error: --currency: ${message}\n`);
    }
  });
});
