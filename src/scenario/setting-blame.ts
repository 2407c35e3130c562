/**
 * A model's mistake caused by a scenario's setting, located at the setting. A model file's own
 * values pass its checks when it is compiled (its base case and its own PSA); when the model
 * then fails in a scenario built on it (at the base case, or at a DSA range's end), what the
 * scenario set is to blame, and the person is pointed there, with the model's message after.
 *
 * @module
 */

import { InputError } from "../errors.js";
import { INPUT_TABLES } from "./schema.js";
import { locateIssue, type YamlSource } from "./yaml-source.js";

/**
 * Whether `message` shows a value of input `name` ("… (p = 2, q = 0.1)"), or of its column for
 * one strategy (`p__b`).
 */
function mentions(message: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w.])${escaped}(__\\w+)? = `).test(message);
}

/**
 * The scenario's settings of input values that a model's failure can come from: each input
 * table's entries and each strategy's `inputs`, in file order of the chain's keys.
 */
export function inputSettings(chain: readonly YamlSource[]): (readonly PropertyKey[])[] {
  const paths: (readonly PropertyKey[])[] = [];
  const keysOf = (value: unknown) =>
    value !== null && typeof value === "object" ? Object.keys(value as object) : [];
  for (const source of chain) {
    const data = source.value as Record<string, unknown> | null;
    if (data === null || typeof data !== "object") continue;
    for (const table of INPUT_TABLES) {
      for (const name of keysOf(data[table])) paths.push([table, name]);
    }
    const strategies = data.strategies as Record<string, unknown> | undefined;
    for (const s of keysOf(strategies)) {
      const inputs = (strategies?.[s] as { inputs?: unknown } | null)?.inputs;
      for (const name of keysOf(inputs)) paths.push(["strategies", s, "inputs", name]);
    }
  }
  return paths;
}

/**
 * `e` (a mistake the model reported in its own file) located at the first of `settings` whose
 * input the message shows a value of (with `known`, the first the files hold: the caller knows
 * the setting to blame); `lead` says why, and the model's message follows. `e` itself when there
 * is none (the model is then to blame, where it says).
 *
 * @example
 * ```ts
 * blameSetting(chain, e, inputSettings(chain), "with this scenario's values the model fails");
 * // s.yaml:3:18 parameters.p: with this scenario's values the model fails: m.model.yaml:16:24 …
 * ```
 */
export function blameSetting(
  chain: readonly YamlSource[],
  e: InputError,
  settings: readonly (readonly PropertyKey[])[],
  lead: string,
  known = false,
): InputError {
  const path = settings.find(
    (p) => chain.some((s) => s.has(p)) && (known || mentions(e.message, String(p.at(-1)))),
  );
  if (path === undefined) return e;
  const { message: _, ...at } = locateIssue(chain, path, "");
  return new InputError({ ...at, message: `${lead}: ${e.message}` });
}
