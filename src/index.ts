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
  type StrategySummary,
  type SummaryStats,
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
export { cholesky } from "./core/cholesky.js";
export { type CsvRecordHandler, tokenizeCsv } from "./core/csv.js";
export { quantileSorted, quantiles, quantilesInPlace, selectInPlace } from "./core/quantile.js";
export { Rng } from "./core/rng.js";
export { CompensatedSum, mean, sd, sum } from "./core/sum.js";
// Distributions (specs as plain data)
export type { Distribution } from "./distributions/distribution.js";
export type {
  BetaSpec,
  DirichletSpec,
  DistributionSpec,
  DistributionType,
  EmpiricalSpec,
  FixedSpec,
  GammaSpec,
  LognormalSpec,
  NormalSpec,
  PertSpec,
  TriangularSpec,
  TruncatedNormalSpec,
  UniformSpec,
} from "./distributions/spec.js";
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
// Models and PSA
export {
  type ChunkInfo,
  type CorrelationSpec,
  defineModel,
  type EvidenceTag,
  type Model,
  type ModelDefinition,
  type ModelOutput,
  type ParameterColumns,
  type ParameterInfo,
  type ParameterNames,
  type ParameterSpec,
} from "./model/define-model.js";
export { type CompiledExpression, compileDerived, suggest } from "./model/expressions.js";
export { choleskyOfCorrelation } from "./psa/correlation.js";
export {
  BLOCK,
  type PreparedModel,
  type PsaOptions,
  type PsaResult,
  prepareModel,
  runPsa,
} from "./psa/run-psa.js";
// Reports
export {
  type AnalysisJson,
  analysisCsv,
  analysisJsonText,
  analysisText,
  analysisToJson,
} from "./report/analysis-report.js";
export { VERSION } from "./version.js";
