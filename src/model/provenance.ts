/**
 * Provenance: what says where an input comes from. The evidence tags, the keys that carry
 * provenance in scenario and model files, and the keys of a model's input rows that describe an
 * input rather than its distribution are listed here once; schemas, loaders, reports and the web
 * page take them from here.
 *
 * @module
 */

/**
 * The evidence tags an input may carry, from most to least trusted: `verified` (read in the
 * cited source), `local` (the user's own audited local figure, listed in reports under "your
 * figures"), `derived` (computed from cited figures, working shown), `national-default` (a
 * national figure standing in for a local one a scenario should supply: not local evidence),
 * `assumption` and `not-found`.
 *
 * @example
 * ```ts
 * EVIDENCE_TAGS.includes("national-default"); // true
 * ```
 */
export const EVIDENCE_TAGS = [
  "verified",
  "local",
  "derived",
  "national-default",
  "assumption",
  "not-found",
] as const;

/** An evidence tag (see {@link EVIDENCE_TAGS}). */
export type EvidenceTag = (typeof EVIDENCE_TAGS)[number];

/**
 * Keys that carry provenance in a scenario's or model file's input, as people write them.
 *
 * @example
 * ```ts
 * PROVENANCE_KEYS; // ["label", "unit", "source", "tag", "price_year"]
 * ```
 */
export const PROVENANCE_KEYS = ["label", "unit", "source", "tag", "price_year"] as const;

/** One of {@link PROVENANCE_KEYS}. */
export type ProvenanceKey = (typeof PROVENANCE_KEYS)[number];

/**
 * Keys of a model's input row (and of a parameter spec) that describe the input rather than
 * its distribution: provenance in the library's spelling, and the input table it belongs to.
 *
 * @example
 * ```ts
 * DESCRIPTION_KEYS.includes("priceYear"); // true
 * ```
 */
export const DESCRIPTION_KEYS = ["label", "unit", "source", "tag", "priceYear", "table"] as const;

/**
 * Splits an input as written in a file into its provenance and the rest (its distribution, or
 * `value`, and `base`).
 *
 * @example
 * ```ts
 * splitProvenance({ type: "beta", mean: 0.3, sd: 0.1, source: "DfE 2023", tag: "verified" });
 * // { provenance: { source: "DfE 2023", tag: "verified" }, rest: { type: "beta", mean: 0.3, sd: 0.1 } }
 * ```
 */
export function splitProvenance(input: Readonly<Record<string, unknown>>): {
  readonly provenance: Partial<Record<ProvenanceKey, unknown>>;
  readonly rest: Record<string, unknown>;
} {
  return split(input, PROVENANCE_KEYS);
}

/**
 * The distribution part of an input row or parameter spec: everything but its
 * {@link DESCRIPTION_KEYS}.
 *
 * @example
 * ```ts
 * distributionPart({ type: "fixed", value: 3, unit: "£", table: "unit_costs" });
 * // { type: "fixed", value: 3 }
 * ```
 */
export function distributionPart(spec: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return split(spec, DESCRIPTION_KEYS).rest;
}

/** Splits `input` into the entries whose key is in `keys` and the others. */
function split<K extends string>(
  input: Readonly<Record<string, unknown>>,
  keys: readonly K[],
): { provenance: Partial<Record<K, unknown>>; rest: Record<string, unknown> } {
  const provenance: Partial<Record<K, unknown>> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if ((keys as readonly string[]).includes(k)) provenance[k as K] = v;
    else rest[k] = v;
  }
  return { provenance, rest };
}

/**
 * Whether an input with this tag is reported among the assumptions: chosen by the modeller, or
 * looked for and not found.
 *
 * @example
 * ```ts
 * isAssumption("not-found"); // true
 * isAssumption("derived"); // false
 * ```
 */
export function isAssumption(tag: string | undefined): boolean {
  return tag === "assumption" || tag === "not-found";
}

/**
 * Whether an input with this tag is the user's own audited figure (tag `local`): reports list
 * these under "your figures", apart from the assumptions.
 *
 * @example
 * ```ts
 * isLocal("local"); // true
 * isLocal("verified"); // false
 * ```
 */
export function isLocal(tag: string | undefined): boolean {
  return tag === "local";
}
