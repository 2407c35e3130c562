/**
 * `extends`: a scenario states only what differs from the one it extends.
 *
 * @module
 */

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Whether a mapping is a whole value rather than a section: an input override (it has `type` or
 * `value`), which replaces the inherited one instead of being merged into it.
 */
const isWhole = (v: Plain) => "type" in v || "value" in v;

/**
 * Deep-merges scenarios, the base first: mappings are merged key by key, while lists, scalars and
 * input overrides (mappings with `type` or `value`) replace what they inherit. `extends` itself
 * is not carried over.
 *
 * @example
 * ```ts
 * mergeScenarios([{ psa: { samples: 1000, seed: 1 } }, { psa: { seed: 2 } }]);
 * // { psa: { samples: 1000, seed: 2 } }
 * ```
 */
export function mergeScenarios(layers: readonly Plain[]): Plain {
  let out: Plain = {};
  for (const layer of layers) out = mergeTwo(out, layer);
  delete out.extends;
  return out;
}

function mergeTwo(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const inherited = out[key];
    out[key] =
      isPlain(value) && isPlain(inherited) && !isWhole(value) ? mergeTwo(inherited, value) : value;
  }
  return out;
}
