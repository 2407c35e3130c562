import { describe, expect, it } from "vitest";
import { answerSentence, article, comparisons, howToRead } from "../../src/web/answer.js";
import type { RunSummary } from "../../src/web/protocol.js";

/** A summary of a three-strategy run (only what the answer reads). */
function summary(over: Partial<RunSummary> = {}): RunSummary {
  return {
    title: "t",
    model: "swis",
    strategies: ["Usual practice", "Embedded", "Visiting"],
    comparator: "Usual practice",
    programme: "Embedded",
    effectPer: "Section 47 enquiry avoided",
    effectLabel: "Section 47 enquiries avoided",
    currency: "£",
    samples: 2000,
    seed: 1,
    acceptability: [
      { wtp: 20000, probability: 0.006, probabilities: [0.846, 0.006, 0.148], evpi: 0 },
    ],
    baseCase: [],
    incCost: 0,
    incEffect: 0,
    icers: [],
    options: [
      {
        label: "Embedded",
        incCost: 145797,
        incEffect: -2.2216,
        icer: "dominated",
        probability: 0.006,
      },
      { label: "Visiting", incCost: -1000, incEffect: 0.5, icer: "dominant", probability: 0.148 },
    ],
    budget: [],
    assumptions: [],
    yourFigures: [],
    sections: [],
    csv: "",
    ...over,
  };
}

describe("answer", () => {
  it("article is 'an' before eight, eleven and eighteen", () => {
    expect(article("86.1%")).toBe("an");
    expect(article("8.0%")).toBe("an");
    expect(article("11.0%")).toBe("an");
    expect(article("18.2%")).toBe("an");
    expect(article("14.8%")).toBe("a");
    expect(article("1.3%")).toBe("a");
    expect(article("110.0%")).toBe("a");
  });

  it("answerSentence with three options names the most likely and every option's chance", () => {
    expect(answerSentence(summary())).toBe(
      "At £20,000 per Section 47 enquiry avoided, Usual practice is the option most likely to be cost-effective (an 84.6% chance). The chance of each option being the most cost-effective: Usual practice 84.6%, Visiting 14.8%, Embedded 0.6%.",
    );
  });

  it("answerSentence with two options keeps the one sentence, with the right article", () => {
    const two = summary({
      strategies: ["Usual practice", "SWIS"],
      programme: "SWIS",
      acceptability: [{ wtp: 20000, probability: 0.861, probabilities: [0.139, 0.861], evpi: 0 }],
    });
    expect(answerSentence(two)).toBe(
      "At £20,000 per Section 47 enquiry avoided, SWIS has an 86.1% chance of being cost-effective for your authority.",
    );
  });

  it("comparisons compares every option with the comparator in words, never NaN", () => {
    expect(comparisons(summary())).toEqual([
      "Embedded costs £145,797 more than Usual practice (change in section 47 enquiries avoided: −2.22): it costs more for no gain (dominated).",
      "Visiting costs £1,000 less than Usual practice (change in section 47 enquiries avoided: 0.5): it costs less for at least as much gain (dominant).",
    ]);
    const odd = summary({
      options: [
        { label: "X", incCost: Number.NaN, incEffect: Number.NaN, icer: "—", probability: 0 },
      ],
    });
    expect(comparisons(odd).join()).not.toMatch(/NaN|Infinity/);
  });

  it("writes amounts in the model's currency", () => {
    const s = summary({ currency: "$", effectPer: "QALY gained", model: "sick-sicker-age" });
    expect(answerSentence(s)).toMatch(/^At \$20,000 per QALY gained, /);
    expect(
      comparisons(
        summary({
          currency: "$",
          options: [
            { label: "B", incCost: 86162, incEffect: 1.32, icer: "65,288", probability: 0.5 },
          ],
        }),
      )[0],
    ).toContain("$86,162 more");
    expect(howToRead(s).join(" ").includes("£")).toBe(false);
  });

  it("howToRead explains the willingness to pay, the missing threshold and the curve", () => {
    const text = howToRead(summary()).join(" ");
    expect(text).toContain("£20,000 per Section 47 enquiry avoided");
    expect(text).toMatch(/no agreed threshold/);
    expect(text).toMatch(/2,000 simulated results/);
    expect(text).toMatch(/curve/);
  });
});
