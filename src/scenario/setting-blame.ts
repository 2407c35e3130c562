/**
 * A model's mistake caused by a scenario's setting, located at the setting. A model file's own
 * values pass its checks when it is compiled (its base case and its own PSA); when the model
 * then fails in a scenario built on it (at the base case, or at a DSA range's end), what the
 * scenario set is to blame, and the person is pointed there, with the model's message after.
 *
 * @module
 */

import { InputError, type InputIssue } from "../errors.js";
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
 * the setting to blame); `lead` says why, and the model's message follows. When the message
 * shows the values of several settings, the others are named with where they are set, since
 * any of them may be the one to change. `e` itself when there is none (the model is then to
 * blame, where it says).
 *
 * @example
 * ```ts
 * blameSetting(chain, e, inputSettings(chain), "with this scenario's values the model fails");
 * // s.yaml:3:18 parameters.p: with this scenario's values the model fails: m.model.yaml:16:24 …
 * // or, when q's value shows too:
 * // s.yaml:3:18 parameters.p: with this scenario's values (and parameters.q, s.yaml:4:6) the model fails: …
 * ```
 */
export function blameSetting(
  chain: readonly YamlSource[],
  e: InputError,
  settings: readonly (readonly PropertyKey[])[],
  lead: string,
  known = false,
): InputError {
  const held = settings.filter((p) => chain.some((s) => s.has(p)));
  const shown = held.filter((p) => mentions(e.message, String(p.at(-1))));
  const path = known ? held[0] : shown[0];
  if (path === undefined) return e;
  const { message: _, ...at } = locateIssue(chain, path, "");
  const others = shown.filter((p) => p !== path).map((p) => placeText(locateIssue(chain, p, "")));
  const why = others.length === 0 ? lead : withOthers(lead, others);
  return new InputError({ ...at, message: `${why}: ${e.message}` });
}

/** "parameters.q, s.yaml:4:6": a setting and where it is. */
function placeText(issue: InputIssue): string {
  const where =
    issue.file === undefined
      ? ""
      : `, ${issue.file}${issue.line === undefined ? "" : `:${issue.line}:${issue.column}`}`;
  return `${issue.field ?? ""}${where}`;
}

/** The lead with the other settings named after its first clause ("… values (and q, s.yaml:4:6), the model fails"). */
function withOthers(lead: string, others: readonly string[]): string {
  const also = `(and ${others.join("; ")})`;
  const comma = lead.indexOf(",");
  return comma < 0 ? `${lead} ${also}` : `${lead.slice(0, comma)} ${also}${lead.slice(comma)}`;
}
