/**
 * The shared table renderers (src/report/document.ts): a text cell is one line in every format,
 * whatever its text holds.
 */
import { describe, expect, it } from "vitest";
import { type ReportTable, sectionsMarkdown, tableText } from "../../src/report/document.js";

const table: ReportTable = {
  name: "compare",
  columns: [
    { title: "scenario", kind: "text" },
    { title: "inc. cost £", kind: "money" },
  ],
  rows: [
    ["two\nlines.yaml", 1200],
    ["plain.yaml", -300],
  ],
};

describe("table cells", () => {
  it("a line end in a text cell is shown escaped, so each row stays one line", () => {
    const lines = tableText(table);
    expect(lines[0]?.split("\n")).toHaveLength(4);
    expect(lines[0]).toContain("two\\nlines.yaml");
    expect(lines[0]).toMatch(/^plain\.yaml +-300\.00$/m);
    const md = sectionsMarkdown([{ heading: "Compare", text: [], table }]);
    expect(md).toContain("| two lines.yaml | 1,200 |");
  });
});
