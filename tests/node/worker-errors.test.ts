/**
 * Errors across a worker thread's boundary (src/node/worker-errors.ts): each of the library's
 * classes is re-created with its message, and a ModelError keeps the strategy it blames, so
 * that a run on two threads locates it in the person's file as a run on one does.
 */
import { describe, expect, test } from "vitest";
import { CeaError, InputError, ModelError } from "../../src/index.js";
import { errorData, reviveError } from "../../src/node/worker-errors.js";

describe("errorData and reviveError", () => {
  test("a ModelError keeps its message and strategy", () => {
    const back = reviveError(errorData(new ModelError("sample 3: cost is infinity", "swis")));
    expect(back).toBeInstanceOf(ModelError);
    expect(back.message).toBe("sample 3: cost is infinity");
    expect((back as ModelError).strategy).toBe("swis");
    const none = reviveError(errorData(new ModelError("engine")));
    expect((none as ModelError).strategy).toBeUndefined();
  });

  test("the library's other classes and RangeError keep their class; anything else names the worker", () => {
    expect(reviveError(errorData(new InputError({ message: "bad" })))).toBeInstanceOf(InputError);
    expect(reviveError(errorData(new CeaError("x")))).toBeInstanceOf(CeaError);
    expect(reviveError(errorData(new RangeError("r")))).toBeInstanceOf(RangeError);
    expect(reviveError(errorData("text")).message).toBe("worker failed: Error: text");
  });
});
