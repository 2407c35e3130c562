import { describe, expect, it } from "vitest";
import { withModelFiles } from "../../src/modelfile/host.js";
import { fileScenarioHost } from "../../src/node/model-registry.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { answerSections } from "../../src/web/answer-sections.js";
import { load } from "../helpers/scenarios.js";

describe("answerSections", () => {
  it("answerSections gives the page the commissioner answers of a model that declares them", async () => {
    for (const file of ["scenarios/swis-rct.yaml", "scenarios/swis-pathway.yaml"]) {
      const result = await runScenario(await load(file), { samples: 400 });
      const sections = answerSections(result);
      expect(sections.map((s) => s.heading).join("\n")).toMatch(/return on investment/);
      expect(sections.some((s) => s.heading.includes("break-even effect"))).toBe(true);
      for (const s of sections) {
        const cells = [...(s.table?.head ?? []), ...(s.table?.rows.flat() ?? []), ...s.text];
        for (const cell of cells) expect(cell).not.toMatch(/NaN|Infinity|undefined/);
        for (const row of s.table?.rows ?? []) expect(row).toHaveLength(s.table?.head.length ?? 0);
      }
      // Strategies by their labels, as on the rest of the page.
      const savings = sections[0]?.table?.rows.map((r) => r[0]) ?? [];
      expect(savings).toContain("Social workers in schools");
    }
  });

  it("answerSections gives nothing for a model without commissioner answers", async () => {
    const loaded = await loadScenario("models/hiv.model.yaml", withModelFiles(fileScenarioHost()));
    const result = await runScenario(loaded, { samples: 200 });
    expect(answerSections(result)).toEqual([]);
  });
});
