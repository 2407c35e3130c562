/**
 * ceakit: cost-effectiveness analysis for health and social care.
 *
 * The public API, grouped by layer. Everything here runs in Node and in the browser; the CLI
 * (`ceakit` executable) is separate.
 *
 * @module
 */

// Analysis of PSA samples
export {
  type AnalysisOptions,
  analysePsa,
  type PsaAnalysis,
} from "./analysis/analyse.js";
export { type DecisionCurves, decisionCurves } from "./analysis/decision.js";
export {
  effectivePopulation,
  type PopulationOptions,
  populationEvpi,
} from "./analysis/evpi.js";
export {
  calculateIcers,
  type IcerRow,
  type IcerStatus,
  type StrategyPoints,
} from "./analysis/icers.js";
export { expectedNetBenefit, netBenefit } from "./analysis/nmb.js";
export {
  comparePairwise,
  type PairwiseComparison,
  type QuadrantProbabilities,
} from "./analysis/pairwise.js";
export { type ReadOptions, readLongPsaCsv, readWidePsaCsv } from "./analysis/psa-csv.js";
export {
  type CeSamples,
  type CeSamplesInit,
  column,
  createCeSamples,
  fromSampleRows,
  strategyIndex,
} from "./analysis/samples.js";
export {
  type Distribution,
  type StrategySummary,
  strategyMeans,
  summarise,
} from "./analysis/summary.js";
export {
  type SwitchPoint,
  type SwitchPointOptions,
  switchPoints,
} from "./analysis/switch-points.js";
export { parseWtpGrid, type WtpGrid, wtpList, wtpRange } from "./analysis/wtp.js";
// Core kernels
export { argmax } from "./core/argmax.js";
export { type CsvRecordHandler, tokenizeCsv } from "./core/csv.js";
export { quantileSorted, quantiles, quantilesInPlace, selectInPlace } from "./core/quantile.js";
export { Rng } from "./core/rng.js";
export { CompensatedSum, mean, sd, sum } from "./core/sum.js";
// Errors
export {
  CeaError,
  formatLocation,
  InputError,
  type InputIssue,
  ModelError,
  ScenarioError,
  type SourceLocation,
} from "./errors.js";
// Reports
export {
  type AnalysisJson,
  analysisCsv,
  analysisJsonText,
  analysisText,
  analysisToJson,
} from "./report/analysis-report.js";
export { VERSION } from "./version.js";
