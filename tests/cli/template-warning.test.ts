/**
 * `ceakit init`'s template is honest about national figures (issue 15, Deliver 4): its LOCAL
 * slots carry the national default with its national source and `tag: national-default`;
 * running a scenario that still holds them prints one warning on stderr naming them (exit 0),
 * and the report shows "your figures", "national defaults" and "assumptions" apart.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runInProcess } from "../helpers/cli.js";

const TEMPLATE = "scenarios/local-template.yaml";

/** Every LOCAL slot of the template (parameters and unit costs). */
function templateSlots(): Record<string, { source?: string; tag?: string }> {
  const doc = parse(readFileSync(TEMPLATE, "utf8")) as Record<string, Record<string, object>>;
  return { ...doc.parameters, ...doc.unit_costs } as Record<string, { source?: string }>;
}

describe("ceakit init template", () => {
  it("template: every LOCAL slot is tagged national-default with a national source, none 'verified' or 'LOCAL:'", () => {
    const slots = templateSlots();
    expect(Object.keys(slots).length).toBeGreaterThanOrEqual(15);
    for (const [name, slot] of Object.entries(slots)) {
      expect(slot.tag, name).toBe("national-default");
      expect(slot.source, name).toMatch(/^National default/);
      expect(slot.source, name).not.toMatch(/^LOCAL/);
    }
  });

  it("run(unchanged template): one warning on stderr naming every unchanged slot, exit 0", async () => {
    const r = await runInProcess(["run", TEMPLATE, "--samples", "100"]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("warning:");
    expect(lines[0]).toContain(`${Object.keys(templateSlots()).length} inputs still hold`);
    for (const name of Object.keys(templateSlots())) expect(lines[0]).toContain(name);
  });

  it("run(template with local figures): no warning for the replaced slots, and they are 'your figures'", async () => {
    const text = readFileSync(TEMPLATE, "utf8").replace(
      /rate_s47:\n {4}value: 19.16(.*)\n {4}source: .*\n {4}tag: national-default/,
      'rate_s47:\n    value: 25.0\n    source: "Our CIN census 2023-24"\n    tag: verified',
    );
    expect(text).toContain("Our CIN census");
    const r = await runInProcess(["run", "mine.yaml", "--samples", "100", "--format", "json"], {
      "mine.yaml": text.replace("$schema=./schema", "$schema=scenarios/schema"),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning:");
    expect(r.stderr).not.toContain("rate_s47");
    const doc = JSON.parse(r.stdout);
    expect(doc.inputGroups["your-figures"]).toEqual(["rate_s47"]);
    // National figures standing in for local ones, and the model's own sourced defaults.
    expect(doc.inputGroups["national-defaults"]).toContain("rate_s17");
    expect(doc.inputGroups["national-defaults"]).toContain("p_icpc_given_s47");
    // A national default that is itself an assumption stays with the assumptions.
    expect(doc.inputGroups.assumptions).toContain("sw_salary");
    expect(doc.assumptions).toContain("sw_salary");
    expect(doc.assumptions).not.toContain("rate_s17");
  });

  it("run(shipped RCT scenario): no warning, and the report has the three groups", async () => {
    const r = await runInProcess(["run", "scenarios/swis-rct.yaml", "--samples", "100"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Your figures (0)");
    expect(r.stdout).toContain("National defaults (");
    expect(r.stdout).toContain("Inputs that are assumptions (");
  });

  it("run --format csv: each input's row says its group", async () => {
    const r = await runInProcess(["run", TEMPLATE, "--samples", "100", "--format", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("inputs,rate_s47,,,,group,,national-defaults");
    expect(r.stdout).toContain("inputs,sw_salary,,,,group,,assumptions");
  });
});
