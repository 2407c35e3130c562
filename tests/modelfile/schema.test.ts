/**
 * The JSON Schema of model files published in scenarios/schema/model.schema.json stays the one
 * the code generates, and every shipped model file validates against the format.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  formulaFileSchema,
  markovFileSchema,
  modelFileJsonSchema,
} from "../../src/modelfile/schema.js";
import { yamlToValue } from "../../src/scenario/yaml-source.js";

const PUBLISHED = "scenarios/schema/model.schema.json";

describe("the model file JSON Schema", () => {
  test("scenarios/schema/model.schema.json is the generated schema", () => {
    const text = `${JSON.stringify(modelFileJsonSchema(), null, 2)}\n`;
    // Regenerate after changing the format: UPDATE_MODEL_SCHEMA=1 npx vitest run tests/modelfile/schema.test.ts
    if (process.env.UPDATE_MODEL_SCHEMA === "1") writeFileSync(PUBLISHED, text);
    expect(readFileSync(PUBLISHED, "utf8")).toBe(text);
    const schema = JSON.parse(text);
    expect(schema.anyOf).toHaveLength(2);
    expect(schema.anyOf[0].properties.rewards_on.enum).toEqual(["start", "end", "all"]);
    expect(schema.anyOf[0].additionalProperties).toBe(false);
  });

  test("every shipped model file follows the format and points at the schema", () => {
    const files = readdirSync("models").filter((f) => f.endsWith(".model.yaml"));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const text = readFileSync(`models/${f}`, "utf8");
      expect(text.split("\n")[0], f).toBe(
        "# yaml-language-server: $schema=../scenarios/schema/model.schema.json",
      );
      const value = yamlToValue(text) as { kind: string };
      const schema = value.kind === "markov" ? markovFileSchema : formulaFileSchema;
      expect(schema.safeParse(value).success, f).toBe(true);
    }
  });
});
