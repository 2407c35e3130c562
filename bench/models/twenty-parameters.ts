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
    const { usual, programme_a: a, programme_b: b } = out.cost;
    const e = out.effect;
    const ev = out.outcomes.events;
    const dy = out.outcomes.days;
    for (let i = 0; i < n; i++) {
      const events = p.events[i] as number;
      const unit = p.u_event[i] as number;
      const staff = p.staff_cost[i] as number;
      const day = p.c_day[i] as number;
      const days = (p.days[i] as number) * (p.age_factor[i] as number);
      const eventsA = events * (p.irr_a[i] as number);
      const eventsB =
        events * (p.irr_b[i] as number) * (p.p_uptake[i] as number) +
        events * (1 - (p.p_uptake[i] as number));
      usual[i] = events * unit + days * day;
      a[i] = staff + eventsA * unit + days * day;
      b[i] =
        staff * (p.senior[i] as number) + (p.c_setup[i] as number) + eventsB * unit + days * day;
      (e.usual as Float64Array)[i] = 0;
      (e.programme_a as Float64Array)[i] = events - eventsA;
      (e.programme_b as Float64Array)[i] = events - eventsB;
      (ev.usual as Float64Array)[i] = events;
      (ev.programme_a as Float64Array)[i] = eventsA;
      (ev.programme_b as Float64Array)[i] = eventsB;
      (dy.usual as Float64Array)[i] = days;
      (dy.programme_a as Float64Array)[i] = days;
      (dy.programme_b as Float64Array)[i] = days;
    }
  },
});
