/**
 * zod issues turned into messages a person can act on ("expected a positive number, got -3",
 * 'unknown key "slary" (did you mean "salary"?)'), each with the path it belongs to.
 *
 * @module
 */

import type { z } from "zod";
import { MAX_NUMERIC_SEED } from "../core/seed.js";
import { valueText } from "../core/value-text.js";
import { suggest } from "../model/expressions.js";
import { PROVENANCE_KEYS } from "../model/provenance.js";
import { DISTRIBUTION_TYPES } from "./schema.js";

/** The keys a mapping at `path` may have (for "did you mean"). */
export type KeysAt = (path: readonly PropertyKey[]) => readonly string[];

/** Keys allowed in an input override of the distribution type `input.type` (or `{ value }`). */
function unionKeys(input: unknown): string[] {
  const type = (input as { type?: unknown }).type;
  const meta = [...PROVENANCE_KEYS, "base"];
  const byType: Record<string, string[]> = {
    fixed: ["value"],
    normal: ["mean", "sd"],
    truncnormal: ["mean", "sd", "lower", "upper"],
    lognormal: ["meanlog", "sdlog", "mean", "sd", "estimate", "lower", "upper", "level"],
    beta: ["alpha", "beta", "mean", "sd"],
    gamma: ["shape", "scale", "rate", "mean", "sd"],
    uniform: ["min", "max"],
    triangular: ["min", "mode", "max"],
    pert: ["min", "mode", "max", "lambda"],
    empirical: ["values"],
  };
  return [...(typeof type === "string" ? (byType[type] ?? []) : ["value"]), "type", ...meta];
}

/** A message and the path (and whether it points at a key rather than a value). */
export interface PathIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly key?: boolean;
}

/** A short description of a value for "got …". */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  // YAML's .inf and .nan are numbers too: in words, as every message shows them.
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : valueText(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return "a mapping";
}

const ARTICLE: Record<string, string> = {
  number: "a number",
  string: "a text",
  boolean: "true or false",
  object: "a mapping",
  record: "a mapping of names to entries",
  array: "a list",
  int: "a whole number",
};

/**
 * A bound to twelve significant digits, rounded away from the values it allows (a minimum up, a
 * maximum down), so that a value it refuses never reads as equal to it: 1/12 of a year reads
 * "at least 0.0833333333334".
 */
function outward(x: number, maximum: boolean): number {
  const r = Number(x.toPrecision(12));
  if (r === x || x === 0) return r;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 11);
  if (maximum ? r > x : r < x) return Number((maximum ? r - unit : r + unit).toPrecision(12));
  return r;
}

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }, big: boolean) {
  const raw = Number(big ? issue.maximum : issue.minimum);
  const limit = Math.abs(raw) >= 1e9 ? raw.toExponential() : outward(raw, big);
  if (!big && raw === 0 && issue.inclusive === false) return "a positive number";
  if (!big && raw === 0) return "a number of at least 0";
  return `a number ${big ? (issue.inclusive ? "at most" : "below") : issue.inclusive ? "of at least" : "above"} ${limit}`;
}

/**
 * The issues with only the tightest of several bounds on one value: a number checked against
 * the general limit (±1e12), the safe-integer limit and its own (at most 50 years) is told the
 * last alone, not all three.
 *
 * @example
 * ```ts
 * tightestBounds(schema.safeParse({ horizon_years: 1e20 }).error.issues); // one: "at most 50"
 * ```
 */
export function tightestBounds(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const key = (i: z.core.$ZodIssue) => `${i.code}\u0000${i.path.map(String).join("\u0000")}`;
  const limit = (i: z.core.$ZodIssue) =>
    Number(i.code === "too_big" ? i.maximum : i.code === "too_small" ? i.minimum : Number.NaN);
  const best = new Map<string, z.core.$ZodIssue>();
  for (const i of issues) {
    if (i.code !== "too_big" && i.code !== "too_small") continue;
    const k = key(i);
    const seen = best.get(k);
    const tighter =
      seen === undefined ||
      (i.code === "too_big" ? limit(i) < limit(seen) : limit(i) > limit(seen));
    if (tighter) best.set(k, i);
  }
  return issues.filter(
    (i) => (i.code !== "too_big" && i.code !== "too_small") || best.get(key(i)) === i,
  );
}

/**
 * Drops a "required" message for a key that an unknown key's "did you mean" already names: one
 * misspelt key (`outcome:` for `outcomes:`) is one mistake, said once, with its suggestion.
 *
 * @example
 * ```ts
 * mergeMisspelt([
 *   { path: ["discount", "outcomes"], message: "required: expected a number" },
 *   { path: ["discount", "outcome"], message: 'unknown key "outcome" (did you mean "outcomes"?)' },
 * ]); // only the second
 * ```
 */
export function mergeMisspelt(issues: readonly PathIssue[]): PathIssue[] {
  const suggested = new Set(
    issues.flatMap((i) => {
      const hint = /^unknown key "[^"]*" \(did you mean "([^"]+)"\?\)/.exec(i.message)?.[1];
      return hint === undefined ? [] : [[...i.path.slice(0, -1), hint].map(String).join("\u0000")];
    }),
  );
  return issues.filter(
    (i) => !(i.message.startsWith("required:") && suggested.has(i.path.map(String).join("\u0000"))),
  );
}

/** Expands one zod issue into located messages. */
export function explainIssue(issue: z.core.$ZodIssue, keysAt: KeysAt = () => []): PathIssue[] {
  const path = issue.path;
  const got = (input: unknown) => `got ${describeValue(input)}`;
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type": {
      const expected = ARTICLE[issue.expected] ?? issue.expected;
      if (input === undefined) return [{ path, message: `required: expected ${expected}` }];
      if (path.at(-1) === "price_year" && typeof input === "number") {
        // YAML reads 2023 as a number; a price year is a financial year, in quotes or not.
        const year = Number.isInteger(input) && input >= 1900 && input <= 2100 ? input : 2023;
        const example = `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
        return [{ path, message: `expected a financial year such as "${example}", ${got(input)}` }];
      }
      return [{ path, message: `expected ${expected}, ${got(input)}` }];
    }
    case "too_small":
      if (issue.origin === "array") {
        return [
          {
            path,
            message:
              issue.minimum === 1
                ? "expected at least one entry"
                : `expected at least ${issue.minimum} entries`,
          },
        ];
      }
      if (issue.origin === "string") return [{ path, message: "must not be empty" }];
      return [{ path, message: `expected ${bound(issue, false)}, ${got(input)}` }];
    case "too_big":
      if (issue.origin === "array")
        return [{ path, message: `expected at most ${issue.maximum} entries` }];
      if (issue.origin === "string") {
        return [
          {
            path,
            message: `expected a text of at most ${issue.maximum} characters, ${got(input)}`,
          },
        ];
      }
      return [{ path, message: `expected ${bound(issue, true)}, ${got(input)}` }];
    case "unrecognized_keys": {
      // Inside an input override the allowed keys depend on its distribution type.
      const known = keysAt(path);
      const candidates =
        known.length > 0 || typeof input !== "object" || input === null ? known : unionKeys(input);
      return issue.keys.map((key) => ({
        path: [...path, key],
        key: true,
        message: unknownKey(key, candidates),
      }));
    }

    case "invalid_value": {
      const options = issue.values.map((v) => JSON.stringify(v));
      if (options.length === 0) {
        // A setting the model offers no choice of (a model file has no price indices).
        return [
          { path, message: `the model offers no choice of ${String(path.at(-1))}, ${got(input)}` },
        ];
      }
      const hint = typeof input === "string" ? suggest(input, issue.values.map(String)) : undefined;
      return [
        {
          path,
          message: `expected ${options.length === 1 ? options[0] : `one of ${options.join(", ")}`}, ${got(input)}${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`,
        },
      ];
    }
    case "invalid_key": {
      const inner = issue.issues[0];
      const key = path.at(-1);
      return [
        {
          path,
          key: true,
          message: `${inner?.message ?? "invalid name"}, got ${describeValue(key === undefined ? undefined : String(key))}`,
        },
      ];
    }
    case "invalid_format":
      return [{ path, message: `${issue.message}, ${got(input)}` }];
    case "invalid_union":
      return explainUnion(issue, input, keysAt);
    default:
      return [{ path, message: issue.message }];
  }
}

/** 'unknown key "x"' with a did-you-mean among the known keys. */
export function unknownKey(key: string, known: readonly string[]): string {
  const hint = suggest(key, known);
  return `unknown key "${key}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`;
}

/** Keys of a derived value's object form (schema.ts). */
const DERIVED_KEYS = ["expression", ...PROVENANCE_KEYS.filter((k) => k !== "price_year")];

/** A derived value is a formula (text) or `{ expression, label, unit, source, tag }`. */
function explainDerived(
  issue: z.core.$ZodIssueInvalidUnion,
  input: unknown,
  isObject: boolean,
): PathIssue[] {
  const path = issue.path;
  const meant = isObject ? issue.errors[1] : undefined;
  if (meant !== undefined) {
    return meant.flatMap((i) =>
      explainIssue({ ...i, path: [...path, ...i.path] } as never, () => DERIVED_KEYS),
    );
  }
  return [
    {
      path,
      message: `expected a formula in quotes, such as "fte * salary", or { expression: …, label: …, source: … }, got ${describeValue(input)}`,
    },
  ];
}

/**
 * What a seed that is neither a number nor a word gets, in a scenario or a model file.
 *
 * @example
 * ```ts
 * seedFormMessage([1]); // "expected a whole number from 0 to 9007199254740991 or a word, got a list"
 * ```
 */
export function seedFormMessage(input: unknown): string {
  return `expected a whole number from 0 to ${MAX_NUMERIC_SEED} or a word, got ${describeValue(input)}`;
}

/**
 * What a `wtp` that is not a grid gets: the keys `{ from, to, by }` lacks, or its forms; undefined
 * for a mapping that has all three (whose own mistakes say more).
 *
 * @example
 * ```ts
 * wtpFormMessage({ from: 0, to: 10 }); // "expected { from, to, by }: by missing"
 * wtpFormMessage({ from: 0, to: 10, step: 1 }); // "…: by missing (write by instead of step)"
 * ```
 */
export function wtpFormMessage(input: unknown): string | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return `expected { from, to, by } or a list of values, got ${describeValue(input)}`;
  }
  const missing = ["from", "to", "by"].filter((k) => !Object.hasOwn(input, k));
  if (missing.length === 0) return undefined;
  // Other names for the three (`step: 1000` as in R's seq, `start`/`end`), with the fix.
  const fixes = Object.keys(input).flatMap((k) => {
    const meant = GRID_SYNONYMS[k.toLowerCase()];
    return meant !== undefined && missing.includes(meant) ? [`${meant} instead of ${k}`] : [];
  });
  return `expected { from, to, by }: ${missing.join(", ")} missing${fixes.length > 0 ? ` (write ${fixes.join(", ")})` : ""}`;
}

/** Keys people write for a WTP grid's from, to and by. */
const GRID_SYNONYMS: Readonly<Record<string, string>> = {
  start: "from",
  min: "from",
  lower: "from",
  stop: "to",
  end: "to",
  max: "to",
  upper: "to",
  step: "by",
  increment: "by",
  interval: "by",
};

/**
 * A union that is a setting, not an input: `psa.seed` (a number or a word), `discount` (a rate
 * or `{ costs, outcomes }`), `wtp` (`{ from, to, by }` or a list), in that setting's words.
 * Undefined for an input override.
 */
function settingUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  input: unknown,
  isObject: boolean,
): PathIssue[] | undefined {
  const path = issue.path;
  const top = path.length === 1 ? String(path[0]) : path.join(".");
  const one = (message: string) => [{ path, message: `${message}, got ${describeValue(input)}` }];
  if (top === "psa.seed") return [{ path, message: seedFormMessage(input) }];
  // A mapping meant the object form: its own mistakes, with its keys for "did you mean".
  const objectForm = (keys: readonly string[]) => {
    const branch = issue.errors.find((errors) => errors.some((e) => e.path.length > 0));
    return (branch ?? []).flatMap((i) =>
      explainIssue({ ...i, path: [...path, ...i.path] } as never, () => keys),
    );
  };
  if (top === "discount") {
    return isObject
      ? objectForm(["costs", "outcomes"])
      : one("expected a rate such as 0.035, or { costs, outcomes }");
  }
  if (top === "wtp") {
    const message = wtpFormMessage(input);
    return message === undefined ? objectForm(["from", "to", "by"]) : [{ path, message }];
  }
  return undefined;
}

/** For a union (an input override), explains the branch the value was evidently meant for. */
function explainUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  input: unknown,
  keysAt: KeysAt,
): PathIssue[] {
  const path = issue.path;
  const isObject = typeof input === "object" && input !== null && !Array.isArray(input);
  if (path[0] === "derived") return explainDerived(issue, input, isObject);
  const setting = settingUnion(issue, input, isObject);
  if (setting !== undefined) return setting;
  if (isObject && "type" in input) {
    const type = (input as { type: unknown }).type;
    if (typeof type !== "string" || !DISTRIBUTION_TYPES.includes(type as never)) {
      const hint = typeof type === "string" ? suggest(type, DISTRIBUTION_TYPES) : undefined;
      return [
        {
          path: [...path, "type"],
          message: `unknown distribution ${describeValue(type)}${hint === undefined ? "" : ` (did you mean "${hint}"?)`}; expected one of ${DISTRIBUTION_TYPES.join(", ")}`,
        },
      ];
    }
  }
  // The union is [number, { value }, distribution] (schema.ts): a mapping with `type` meant a
  // distribution, one without it `{ value }`.
  const meant = isObject ? issue.errors["type" in input ? 2 : 1] : undefined;
  if (meant !== undefined) {
    return meant.flatMap((i) =>
      explainIssue({ ...i, path: [...path, ...i.path] } as never, (p) =>
        i.code === "unrecognized_keys" ? unionKeys(input) : keysAt(p),
      ),
    );
  }
  return [
    {
      path,
      message: `expected a number, { value: … } or a distribution { type: …, … }, got ${describeValue(input)}`,
    },
  ];
}

/**
 * The keys a zod schema allows at `path` (objects only), for "did you mean".
 *
 * @example
 * ```ts
 * keysFor(scenarioSchema(swis))(["psa"]); // ["samples", "seed"]
 * ```
 */
export function keysFor(schema: unknown): KeysAt {
  return (path) => {
    let s = schema as { _zod?: { def: Record<string, unknown> } } | undefined;
    const unwrap = () => {
      while (s?._zod && ["optional", "default", "nullable"].includes(s._zod.def.type as string)) {
        s = s._zod.def.innerType as typeof s;
      }
    };
    unwrap();
    for (const step of path) {
      const def = s?._zod?.def;
      if (def === undefined) return [];
      if (def.type === "object") s = (def.shape as Record<string, typeof s>)[String(step)];
      else if (def.type === "record") s = def.valueType as typeof s;
      else if (def.type === "array") s = def.element as typeof s;
      else return [];
      unwrap();
    }
    const def = s?._zod?.def;
    return def?.type === "object" ? Object.keys(def.shape as object) : [];
  };
}
