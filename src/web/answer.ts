/**
 * The answer in words: one sentence at the highest reporting willingness to pay, every option
 * compared with the comparator, and a short "how to read this" for people who are not
 * economists. Numbers are rounded for reading; nothing shows NaN or Infinity.
 *
 * @module
 */

import { money } from "../report/currency.js";
import { moneyText, percent, roughly } from "./chart-views.js";
import type { RunSummary } from "./protocol.js";

/** "a" or "an" before a percentage read aloud ("an 86.1%", "an 11%", "an 18.2%", "a 14.8%"). */
export function article(text: string): "a" | "an" {
  return /^(8|11(\D|$)|18(\D|$))/.test(text) ? "an" : "a";
}

/** "a 14.8% chance" with the right article. */
const chance = (p: number) => {
  const t = percent(p);
  return `${article(t)} ${t} chance`;
};

/**
 * The answer sentence: for two options, the chance the second is cost-effective; for more,
 * the option most likely to be cost-effective and every option's chance.
 *
 * @example
 * ```ts
 * answerSentence(summary);
 * // "At £20,000 per Section 47 enquiry avoided, Usual practice is the option most likely to be
 * //  cost-effective (an 84.6% chance). The chance of each option: Usual practice 84.6%, …"
 * ```
 */
export function answerSentence(s: RunSummary): string {
  const a = s.acceptability.at(-1);
  if (a === undefined) return "";
  const at = `At ${moneyText(a.wtp, s.currency)} per ${s.effectPer}`;
  if (s.strategies.length <= 2) {
    const whom = s.model === "swis" ? "for your authority" : `compared with ${s.comparator}`;
    return `${at}, ${s.programme} has ${chance(a.probability)} of being cost-effective ${whom}.`;
  }
  const best = a.probabilities.reduce((b, p, j) => (p > (a.probabilities[b] ?? -1) ? j : b), 0);
  const order = s.strategies
    .map((label, j) => ({ label, p: a.probabilities[j] ?? Number.NaN }))
    .sort((x, y) => y.p - x.p);
  return `${at}, ${s.strategies[best]} is the option most likely to be cost-effective (${chance(a.probabilities[best] ?? Number.NaN)}). The chance of each option being the most cost-effective: ${order.map((o) => `${o.label} ${percent(o.p)}`).join(", ")}.`;
}

/**
 * Every option compared with the comparator, one sentence each (PSA means).
 *
 * @example
 * ```ts
 * comparisons(summary)[0];
 * // "Social workers in schools costs £69,353 more than Usual practice and changes Section 47
 * //  enquiries avoided by 0.81: £85,000 per Section 47 enquiry avoided."
 * ```
 */
export function comparisons(s: RunSummary): string[] {
  return s.options.map((o) => {
    const more = o.incCost >= 0 ? "more" : "less";
    const cost = `${o.label} costs ${moneyText(Math.abs(o.incCost), s.currency)} ${more} than ${s.comparator}`;
    const effect = `change in ${s.effectLabel.toLowerCase()}: ${roughly(o.incEffect)}`;
    const verdict =
      o.icer === "dominated"
        ? "it costs more for no gain (dominated)"
        : o.icer === "dominant"
          ? "it costs less for at least as much gain (dominant)"
          : o.icer === "—"
            ? "no cost per unit can be given"
            : `${money(s.currency, o.icer)} per ${s.effectPer}`;
    return `${cost} (${effect}): ${verdict}.`;
  });
}

/**
 * "How to read this", beside the answer: what the willingness to pay means, that there is no
 * agreed threshold, what the chance and the curve show. Plain text paragraphs.
 *
 * @example
 * ```ts
 * howToRead(summary)[0]; // "A willingness to pay of £20,000 per Section 47 enquiry avoided means …"
 * ```
 */
export function howToRead(s: RunSummary): string[] {
  const a = s.acceptability.at(-1);
  const wtp = moneyText(a?.wtp ?? 0, s.currency);
  const threshold =
    s.model === "swis"
      ? "There is no agreed threshold for children's social care (unlike the NHS's £20,000 to £30,000 per quality-adjusted life-year). The published evaluation reports £1,000, £10,000 and £20,000; set your own under “Horizon and willingness to pay” and run again."
      : "Use the value your decision-makers accept; change it under “Willingness to pay” and run again.";
  return [
    `A willingness to pay of ${wtp} per ${s.effectPer} means you would pay up to ${wtp} for each ${s.effectPer}. An option is cost-effective when what it costs extra, for each ${s.effectPer}, is less than that.`,
    threshold,
    `The chance is the share of ${s.samples.toLocaleString("en-GB")} simulated results, each drawing every uncertain number from its range, in which the option gives the most value for money. The curve of chances (below) shows it at every willingness to pay: read across to yours.`,
  ];
}
