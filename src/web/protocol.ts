/**
 * Messages between the web page and its PSA worker.
 *
 * @module
 */

import type { InputIssue } from "../errors.js";

/** A request to run a scenario or a model file. */
export interface RunRequest {
  /**
   * Files by path: the edited scenario or model file, anything it extends, the model file a
   * scenario runs and the CSV tables a model file reads.
   */
  readonly files: Readonly<Record<string, string>>;
  /** The scenario to run (its psa.samples is the sample count). */
  readonly file: string;
}

/** The base case of one strategy, at every input's point value. */
export interface BaseCaseView {
  readonly strategy: string;
  readonly label: string;
  readonly cost: number;
  readonly effect: number;
}

/** One row of the incremental table, for display. */
export interface IcerRowView {
  readonly strategy: string;
  readonly cost: number;
  readonly effect: number;
  readonly icer: string;
  readonly status: string;
}

/** What the page shows after a run. */
export interface RunSummary {
  readonly title: string;
  /** The model's name: "swis", or a model file's. */
  readonly model: string;
  /** Every strategy's label, comparator first. */
  readonly strategies: readonly string[];
  readonly comparator: string;
  readonly programme: string;
  readonly effectPer: string;
  readonly effectLabel: string;
  readonly samples: number;
  readonly seed: string | number;
  /**
   * At each reporting WTP: P(the second strategy is the most cost-effective), that probability
   * for every strategy, and the EVPI.
   */
  readonly acceptability: readonly {
    wtp: number;
    probability: number;
    probabilities: readonly number[];
    evpi: number;
  }[];
  readonly baseCase: readonly BaseCaseView[];
  readonly incCost: number;
  readonly incEffect: number;
  readonly icers: readonly IcerRowView[];
  readonly budget: readonly { year: number; programme: number; care: number; net: number }[];
  readonly assumptions: readonly { name: string; label: string; source: string }[];
  readonly cePlaneSvg: string;
  readonly ceacSvg: string;
  readonly csv: string;
  readonly html: string;
}

/** Worker → page. */
export type WorkerReply =
  | { readonly progress: number }
  | { readonly summary: RunSummary }
  | { readonly issues: readonly InputIssue[] }
  | { readonly failure: string };
