/**
 * Messages between the web page and its PSA worker.
 *
 * @module
 */

import type { InputIssue } from "../errors.js";
import type { ChunkName } from "./chunks.js";

/** A request to run a scenario or a model file. */
export interface RunRequest {
  /**
   * Files by path: the edited scenario or model file, anything it extends, the model file a
   * scenario runs and the CSV tables a model file reads.
   */
  readonly files: Readonly<Record<string, string>>;
  /** The scenario to run (its psa.samples is the sample count). */
  readonly file: string;
  /** The width to draw the charts' plots at, in pixels (default: the reports'). */
  readonly chartWidth?: number;
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

/** A table for display: every cell already formatted (never NaN or Infinity). */
export interface TableView {
  readonly caption: string;
  readonly head: readonly string[];
  /** Rows; the first cell of each is the row's header. */
  readonly rows: readonly (readonly string[])[];
}

/**
 * A chart for display: its picture (SVG), a sentence summarising what it shows, and the data
 * table behind it (its text alternative).
 */
export interface ChartView {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  readonly svg: string;
  readonly table: TableView;
}

/** One option compared with the comparator (PSA means). */
export interface OptionView {
  readonly label: string;
  readonly incCost: number;
  readonly incEffect: number;
  /** The ICER as text ("12,345", "dominated", "dominant", "—"). */
  readonly icer: string;
  /** P(this option is the most cost-effective of all) at the highest reporting WTP. */
  readonly probability: number;
}

/**
 * An extra answer section a model provides (e.g. a pathway model's cashable savings, ROI,
 * payback): a heading, sentences and an optional table, shown after the answer.
 */
export interface AnswerSection {
  readonly heading: string;
  readonly text: readonly string[];
  readonly table?: TableView;
}

/** An input listed in the results (an assumption, or one of the user's own figures). */
export interface InputView {
  readonly name: string;
  readonly label: string;
  readonly source: string;
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
  /** The currency of costs, written before amounts ("£", or a model file's `cost.unit`). */
  readonly currency: string;
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
  /** Every option but the comparator, compared with the comparator. */
  readonly options: readonly OptionView[];
  readonly budget: readonly {
    strategy: string;
    year: number;
    programme: number;
    care: number;
    net: number;
  }[];
  readonly assumptions: readonly InputView[];
  /** Inputs tagged local: the user's own audited figures. */
  readonly yourFigures: readonly InputView[];
  /** Extra answer sections the model provides (none yet for the shipped models). */
  readonly sections: readonly AnswerSection[];
  readonly csv: string;
}

/** What the page shows after the answer, once drawn. */
export interface RunDrawings {
  /** CE plane, acceptability curves and, for a cohort model, the trace. */
  readonly charts: readonly ChartView[];
  /** The HTML report (with the same charts). */
  readonly html: string;
}

/**
 * Page → worker: the code of a library the worker asked for (see load-chunk.ts), or why it could
 * not be loaded.
 */
export type ChunkReply =
  | { readonly chunk: ChunkName; readonly source: string }
  | { readonly chunk: ChunkName; readonly failure: string };

/** Page → worker. */
export type PageMessage = RunRequest | ChunkReply;

/**
 * Worker → page: progress, a library the worker needs, or the run's outcome: the answer, then
 * its drawings (or the problems or failure that stopped it).
 */
export type WorkerReply =
  | { readonly progress: number }
  | { readonly need: ChunkName }
  | { readonly summary: RunSummary }
  | { readonly drawings: RunDrawings }
  | { readonly issues: readonly InputIssue[] }
  | { readonly failure: string };
