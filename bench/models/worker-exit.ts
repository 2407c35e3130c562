/**
 * A model whose worker threads end (as a thread that runs out of memory does) when they
 * evaluate, used to check that a PSA on worker threads then fails rather than waits. On the
 * main thread it evaluates slowly, so that the workers take chunks before it is done.
 */
import { isMainThread } from "node:worker_threads";
import { defineModel } from "ceakit";

export default defineModel({
  name: "worker-exit",
  parameters: { x: { type: "uniform", min: 0, max: 1 } },
  strategies: ["a", "b"],
  evaluate(p, out, { n }) {
    if (!isMainThread) process.exit(7);
    const until = Date.now() + 20;
    while (Date.now() < until) {
      // a chunk that takes 20 ms
    }
    for (let i = 0; i < n; i++) {
      out.cost.a[i] = 0;
      out.effect.a[i] = 0;
      out.cost.b[i] = p.x[i] as number;
      out.effect.b[i] = 1;
    }
  },
});
