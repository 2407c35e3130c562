/**
 * A 20-parameter model for benchmarks and the worker-thread tests: mixed distributions, two
 * correlated parameters (a gamma and a beta) and three derived expressions, three strategies.
 */
import { defineModel } from "ceakit";

export default defineModel({
  name: "twenty-parameters",
  parameters: {
    c_staff: { type: "gamma", mean: 37000, sd: 3000 },
    c_visit: { type: "gamma", mean: 350, sd: 150 },
    c_assess: { type: "gamma", mean: 800, sd: 400 },
    c_plan: { type: "gamma", mean: 8000, sd: 4000 },
    c_day: { type: "gamma", mean: 247, sd: 30 },
    c_setup: { type: "gamma", shape: 4, scale: 500 },
    p_progress: { type: "beta", alpha: 33, beta: 67 },
    p_plan: { type: "beta", mean: 0.8, sd: 0.1 },
    oncost: { type: "beta", mean: 0.28, sd: 0.03 },
    overhead: { type: "beta", mean: 0.25, sd: 0.08 },
    p_uptake: { type: "beta", alpha: 8, beta: 2 },
    irr_a: { type: "lognormal", estimate: 0.9, lower: 0.8, upper: 1.01 },
    irr_b: { type: "lognormal", meanlog: -0.2, sdlog: 0.1 },
    age_factor: { type: "lognormal", meanlog: 0, sdlog: 0.15 },
    rate: { type: "normal", mean: 19.16, sd: 1.5 },
    days: { type: "truncnormal", mean: 2592, sd: 300, lower: 0 },
    senior: { type: "uniform", min: 1.05, max: 1.3 },
    duration: { type: "triangular", min: 0.5, mode: 0.83, max: 1.5 },
    travel: { type: "pert", min: 2000, mode: 3000, max: 5000 },
    fte: { type: "fixed", value: 1 },
  },
  correlations: [
    {
      name: "staffing",
      parameters: ["c_staff", "oncost"],
      matrix: [
        [1, 0.6],
        [0.6, 1],
      ],
    },
  ],
  derived: {
    staff_cost: "fte * c_staff * (1 + oncost) * (1 + overhead) + travel",
    u_event: "c_assess + p_progress * (c_visit + p_plan * duration * c_plan)",
    events: "rate * age_factor",
  },
  strategies: ["usual", "programme_a", "programme_b"],
  outcomes: ["events", "days"],
  evaluate(p, out, { n }) {
    // Every array is looked up once, outside the loop: the loop itself only indexes typed arrays.
    const { events, u_event, staff_cost, c_day, days, age_factor, irr_a, irr_b, p_uptake } = p;
    const { senior, c_setup } = p;
    const { usual: costU, programme_a: costA, programme_b: costB } = out.cost;
    const { usual: effU, programme_a: effA, programme_b: effB } = out.effect;
    const { usual: evU, programme_a: evA, programme_b: evB } = out.outcomes.events;
    const { usual: dyU, programme_a: dyA, programme_b: dyB } = out.outcomes.days;
    for (let i = 0; i < n; i++) {
      const ev = events[i] as number;
      const unit = u_event[i] as number;
      const staff = staff_cost[i] as number;
      const day = c_day[i] as number;
      const dy = (days[i] as number) * (age_factor[i] as number);
      const uptake = p_uptake[i] as number;
      const eventsA = ev * (irr_a[i] as number);
      const eventsB = ev * (irr_b[i] as number) * uptake + ev * (1 - uptake);
      costU[i] = ev * unit + dy * day;
      costA[i] = staff + eventsA * unit + dy * day;
      costB[i] = staff * (senior[i] as number) + (c_setup[i] as number) + eventsB * unit + dy * day;
      effU[i] = 0;
      effA[i] = ev - eventsA;
      effB[i] = ev - eventsB;
      evU[i] = ev;
      evA[i] = eventsA;
      evB[i] = eventsB;
      dyU[i] = dy;
      dyA[i] = dy;
      dyB[i] = dy;
    }
  },
});
