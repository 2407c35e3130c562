/**
 * What a PSA table reader makes of a file, for comparing two readers: the table's contents bit
 * for bit (−0 and 0 told apart), or the error's message.
 */
import type { PsaTable } from "../../src/analysis/psa-csv.js";

/** The outcome of `read`: its table's strategies, iterations and values, or its error. */
export function tableOutcome(read: () => PsaTable): unknown {
  try {
    const table = read();
    return {
      strategies: table.samples.strategies,
      iterations: table.iterations,
      // Bit for bit: -0 and 0 differ.
      cost: Array.from(table.samples.cost, (v) => (Object.is(v, -0) ? "-0" : v)),
      effect: Array.from(table.samples.effect, (v) => (Object.is(v, -0) ? "-0" : v)),
    };
  } catch (e) {
    return { error: String(e) };
  }
}
