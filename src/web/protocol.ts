/**
 * Messages between the web page and its PSA worker.
 *
 * @module
 */

import type { InputIssue } from "../errors.js";

/** A request to run a scenario. */
export interface RunRequest {
  /** Scenario files by path (the edited scenario and anything it extends). */
  readonly files: Readonly<Record<string, string>>;
  /** The scenario to run (its psa.samples is the sample count). */
  readonly file: string;
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
  readonly comparator: string;
  readonly programme: string;
  readonly effectPer: string;
  readonly effectLabel: string;
  readonly samples: number;
  readonly seed: string | number;
  /** P(programme cost-effective) and EVPI at each reporting WTP. */
  readonly acceptability: readonly { wtp: number; probability: number; evpi: number }[];
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
