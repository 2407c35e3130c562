/**
 * A model that returns NaN for some samples, used to check that errors from worker threads
 * reach the caller with their message.
 */
import { defineModel } from "ceakit";

export default defineModel({
  name: "broken",
  parameters: { x: { type: "uniform", min: -1, max: 1 } },
  strategies: ["a", "b"],
  evaluate(p, out, { n }) {
    for (let i = 0; i < n; i++) {
      out.cost.a[i] = 0;
      out.effect.a[i] = 0;
      out.cost.b[i] = Math.sqrt(p.x[i] as number);
      out.effect.b[i] = 1;
    }
  },
});
