/**
 * ceakit's error classes are recognised across copies of the library: the CLI's bundle and the
 * library a person's model module imports are two copies in one process, and `instanceof` must
 * read an error of either as what it is, and nothing more.
 */
import { describe, expect, test, vi } from "vitest";
import * as here from "../src/errors.js";

/** A second, separate copy of the error module, as another copy of the library holds. */
async function otherCopy(): Promise<typeof here> {
  vi.resetModules();
  const copy = (await import("../src/errors.js")) as typeof here;
  expect(copy.InputError).not.toBe(here.InputError);
  return copy;
}

describe("error classes across copies of the library", () => {
  test("an error of another copy is an instance of the same class here, and of its bases", async () => {
    const other = await otherCopy();
    const input = new other.InputError({ file: "x.yaml", line: 2, field: "a", message: "bad" });
    expect(input instanceof here.InputError).toBe(true);
    expect(input instanceof here.CeaError).toBe(true);
    expect(input instanceof Error).toBe(true);
    const read = new other.FileReadError("psa.csv", "no such file");
    expect(read instanceof here.FileReadError).toBe(true);
    expect(read instanceof here.InputError).toBe(true);
    expect(new other.ScenarioError([{ message: "m" }]) instanceof here.ScenarioError).toBe(true);
    expect(new other.ModelError("m") instanceof here.ModelError).toBe(true);
    expect(new other.EnvironmentError("m") instanceof here.EnvironmentError).toBe(true);
    // And the other way round.
    expect(new here.InputError({ message: "m" }) instanceof other.InputError).toBe(true);
  });

  test("an error is no instance of a sibling class or a subclass, in any copy", async () => {
    const other = await otherCopy();
    for (const classes of [here, other]) {
      const input = new classes.InputError({ message: "m" });
      expect(input instanceof here.ScenarioError).toBe(false);
      expect(input instanceof other.FileReadError).toBe(false);
      expect(input instanceof here.ModelError).toBe(false);
      expect(new classes.CeaError("m") instanceof here.InputError).toBe(false);
      expect(new classes.EnvironmentError("m") instanceof other.InputError).toBe(false);
    }
  });

  test("values that are not ceakit errors are instances of none", () => {
    const lookalike = Object.assign(new Error("m"), {
      name: "InputError",
      issue: { message: "m" },
    });
    for (const value of [lookalike, new TypeError("m"), {}, null, undefined, "InputError", 3]) {
      expect(value instanceof here.InputError).toBe(false);
      expect(value instanceof here.CeaError).toBe(false);
    }
    // A class whose constructor merely has a "kind"-like property is not one either.
    class Impostor extends Error {
      static readonly kind = "InputError";
    }
    expect(new Impostor("m") instanceof here.InputError).toBe(false);
  });

  test("a person's subclass is tested as usual: its base's instances are not its instances", () => {
    class MyError extends here.InputError {}
    const mine = new MyError({ message: "m" });
    expect(mine instanceof MyError).toBe(true);
    expect(mine instanceof here.InputError).toBe(true);
    expect(new here.InputError({ message: "m" }) instanceof MyError).toBe(false);
  });
});
