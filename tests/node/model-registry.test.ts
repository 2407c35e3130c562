/**
 * The shipped models by name, and the one alias: `swis-trial` is the SWIS trial replication,
 * whose directory and scenario name stay `swis`.
 */
import { describe, expect, it } from "vitest";
import {
  availableModels,
  canonicalModelName,
  loadModelFactory,
  MODEL_ALIASES,
} from "../../src/node/model-registry.js";
import { load } from "../helpers/scenarios.js";

describe("model registry aliases", () => {
  it("canonicalModelName: swis-trial is swis; other names are themselves", () => {
    expect(MODEL_ALIASES).toEqual({ "swis-trial": "swis" });
    expect(canonicalModelName("swis-trial")).toBe("swis");
    expect(canonicalModelName("swis")).toBe("swis");
    expect(canonicalModelName("toString")).toBe("toString");
    expect(availableModels()).toContain("swis");
  });

  it("loadModelFactory(swis-trial) is the swis factory", async () => {
    expect(await loadModelFactory("swis-trial")).toBe(await loadModelFactory("swis"));
    await expect(loadModelFactory("swis-trail")).rejects.toThrow('no model "swis-trail"');
  });

  it("a scenario with model: swis-trial loads as the swis model", async () => {
    const loaded = await load("tests/fixtures/scenarios/swis-trial-alias.yaml");
    expect(loaded.factory.name).toBe("swis");
    expect(loaded.scenario.model).toBe("swis");
  });
});
