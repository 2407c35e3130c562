import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cycleWeights } from "../../src/cohort/cycle-weights.js";

const third = 1 / 3;

describe("cycleWeights", () => {
  test("cycleWeights counts m_0 … m_{n−1}, m_1 … m_n or m_0 … m_n", () => {
    expect(Array.from(cycleWeights(3, "start", "none"))).toEqual([1, 1, 1, 0]);
    expect(Array.from(cycleWeights(3, "end", "none"))).toEqual([0, 1, 1, 1]);
    expect(Array.from(cycleWeights(3, "all", "none"))).toEqual([1, 1, 1, 1]);
  });

  test("cycleWeights applies the corrections over the counted vectors", () => {
    expect(Array.from(cycleWeights(4, "all", "half-cycle"))).toEqual([0.5, 1, 1, 1, 0.5]);
    expect(Array.from(cycleWeights(4, "end", "half-cycle"))).toEqual([0, 0.5, 1, 1, 0.5]);
    // Textbook Simpson 1/3: 1/3, 4/3, 2/3, 4/3, 1/3.
    expect(Array.from(cycleWeights(4, "all", "simpson"))).toEqual([
      third,
      4 / 3,
      2 / 3,
      4 / 3,
      third,
    ]);
    // darthtools gen_wcc(4, "Simpson1/3"): 1/3, 2/3, 4/3, 2/3, 1/3 (m_1 gets 2/3, m_2 4/3).
    expect(Array.from(cycleWeights(4, "all", "darth-simpson"))).toEqual([
      third,
      2 / 3,
      4 / 3,
      2 / 3,
      third,
    ]);
  });

  test("cycleWeights: with an even number of intervals both Simpson rules integrate a cubic exactly", () => {
    // Σ w_j f(j) = ∫_0^K f for f a polynomial of degree ≤ 3 (textbook); the DARTH weights are
    // the textbook ones shifted by one vector and are exact on the same polynomials only over
    // their own pairing (j = 1 … K − 1 bracketed by the ends): check the textbook rule here.
    const K = 8;
    const w = cycleWeights(K, "all", "simpson");
    const f = (x: number) => 2 + x - 0.5 * x * x + 0.1 * x ** 3;
    const exact = 2 * K + K ** 2 / 2 - K ** 3 / 6 + (0.1 * K ** 4) / 4;
    let sum = 0;
    for (let j = 0; j <= K; j++) sum += (w[j] as number) * f(j);
    expect(sum).toBeCloseTo(exact, 10);
  });

  test("cycleWeights: half-cycle over all equals the mean of start and end (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (n) => {
        const half = cycleWeights(n, "all", "half-cycle");
        const start = cycleWeights(n, "start", "none");
        const end = cycleWeights(n, "end", "none");
        for (let t = 0; t <= n; t++) {
          expect(half[t]).toBe(((start[t] as number) + (end[t] as number)) / 2);
        }
      }),
    );
  });

  test("cycleWeights rejects bad arguments with the function's name", () => {
    expect(() => cycleWeights(0, "all", "none")).toThrow("cycleWeights: cycles must be");
    expect(() => cycleWeights(1, "end", "half-cycle")).toThrow(
      "cycleWeights: the half-cycle correction needs at least two counted state vectors",
    );
    expect(() => cycleWeights(2, "middle" as never, "none")).toThrow(
      "cycleWeights: counting must be one of",
    );
    expect(() => cycleWeights(2, "all", "simpsons" as never)).toThrow(
      "cycleWeights: correction must be one of",
    );
  });
});
