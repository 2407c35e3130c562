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
  type AnalysisParts,
  analysePsa,
  analysisFromParts,
  type PsaAnalysis,
} from "./analysis/analyse.js";
export { type DecisionCurves, decisionCurves } from "./analysis/decision.js";
export {
  type Estimate,
  type EstimatePair,
  type EstimateTask,
  estimate,
  estimateAll,
  incrementEstimate,
} from "./analysis/estimate.js";
export {
  effectivePopulation,
  type PopulationOptions,
  populationEvpi,
} from "./analysis/evpi.js";
export { evppiRegression, evppiSortBin } from "./analysis/evppi.js";
export {
  calculateIcers,
  type IcerRow,
  type IcerStatus,
  type StrategyPoints,
} from "./analysis/icers.js";
// Limits on inputs and sizes (README, "Limits")
export {
  DISCOUNT_RANGE,
  MAX_MAGNITUDE,
  MAX_POPULATION,
  MAX_STRATEGIES,
  MAX_WTP,
  MAX_WTP_POINTS,
  MAX_YEARS,
  MIN_SAMPLES,
  magnitudeProblem,
} from "./analysis/limits.js";
export { readLongPsaBytes } from "./analysis/long-psa-bytes.js";
export { type LongPsaStreamOptions, readLongPsaStream } from "./analysis/long-psa-stream.js";
export { expectedNetBenefit, netBenefit } from "./analysis/nmb.js";
export {
  compareOne,
  comparePairwise,
  increments,
  type PairwiseComparison,
  type PairwiseScratch,
  type QuadrantProbabilities,
} from "./analysis/pairwise.js";
export {
  type ParameterDraws,
  type ParameterTarget,
  readParameterCsv,
} from "./analysis/parameter-csv.js";
export {
  accumulatePayback,
  paybackProbabilities,
  paybackYears,
} from "./analysis/payback.js";
export {
  type PsaTable,
  type ReadOptions,
  readLongPsaCsv,
  readLongPsaTable,
  readWidePsaCsv,
  readWidePsaTable,
} from "./analysis/psa-csv.js";
export { type PsaEvppi, psaEvppi } from "./analysis/psa-evppi.js";
export {
  type RoiSummary,
  returnOnInvestment,
  summariseRoi,
} from "./analysis/return-on-investment.js";
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
export { type Correction, type Counting, cycleWeights } from "./cohort/cycle-weights.js";
// Cohort (Markov) models
export {
  type CohortModel,
  cohortEvaluator,
  defineCohortModel,
} from "./cohort/define-cohort-model.js";
export {
  C,
  type CohortConventions,
  type CohortDefinition,
  type CohortFill,
  type CohortNames,
  type CohortStrategy,
  type CohortValue,
  type CycleContext,
  type OutcomeKind,
  type PerCycle,
  type ProbabilityEntry,
  perCycle,
  type StateRewards,
} from "./cohort/definition.js";
export {
  cycleDiscountFactors,
  type DiscountBand,
  type DiscountRate,
  discountBands,
  discountFactorAt,
  GREEN_BOOK,
  GREEN_BOOK_HEALTH,
} from "./cohort/discount-schedule.js";
export { type LookupTable, lookupTable } from "./cohort/lookup-table.js";
export {
  conventionProblem,
  DISCOUNT_AT,
  type DiscountAt,
  type DiscountTiming,
  rewardTiming,
} from "./cohort/reward-timing.js";
export {
  type CohortTrace,
  type CycleRewards,
  cohortTrace,
  type StrategyTrace,
} from "./cohort/trace.js";
// Core kernels
export { argmax } from "./core/argmax.js";
export { type ByteSource, bytesSource } from "./core/byte-source.js";
export { cholesky } from "./core/cholesky.js";
export { type CsvRecordHandler, tokenizeCsv } from "./core/csv.js";
export { power } from "./core/power.js";
export {
  linearQuantilePair,
  quantilePair,
  quantileSorted,
  quantiles,
  quantilesInPlace,
  selectInPlace,
} from "./core/quantile.js";
export { Rng } from "./core/rng.js";
export {
  betaQuantile,
  erf,
  erfc,
  gammaQuantile,
  incompleteBeta,
  incompleteBetaComplement,
  incompleteGammaP,
  incompleteGammaQ,
  logBeta,
  logGamma,
  normalCdf,
  normalQuantile,
} from "./core/special.js";
export { CompensatedSum, mean, sd, sum } from "./core/sum.js";
// Distributions
export { createBeta } from "./distributions/beta.js";
export { createDistribution } from "./distributions/create.js";
export { createDirichlet, type Dirichlet } from "./distributions/dirichlet.js";
export type { Distribution } from "./distributions/distribution.js";
export { createEmpirical } from "./distributions/empirical.js";
export { createFixed } from "./distributions/fixed.js";
export { createGamma } from "./distributions/gamma.js";
export { createLognormal } from "./distributions/lognormal.js";
export {
  type BetaParams,
  betaParams,
  dirichletParams,
  type GammaParams,
  gammaParams,
  type LognormalParams,
  lognormalFromInterval,
  lognormalParams,
} from "./distributions/moments.js";
export { createNormal } from "./distributions/normal.js";
export { createPert } from "./distributions/pert.js";
export { scaleSpec } from "./distributions/scale.js";
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
export { createTriangular } from "./distributions/triangular.js";
export { createTruncatedNormal } from "./distributions/truncated-normal.js";
export { createUniform } from "./distributions/uniform.js";
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
export { annuityFactor, discountFactor } from "./model/discounting.js";
export {
  type CompiledExpression,
  compileDerived,
  type DerivedDefinition,
  type DerivedSpec,
  EXPRESSION_LIMITS,
  ExpressionError,
  type ExpressionSource,
  fromSource,
  suggest,
} from "./model/expressions.js";
export {
  type BudgetImpactRow,
  type CommissionerSpec,
  type CommissionerYear,
  defineModelFactory,
  type InputRow,
  type ModelConfig,
  type ModelFactory,
  type SettingSpec,
  type StrategyConfig,
} from "./model/model-factory.js";
export { pointValue } from "./model/point-value.js";
// Models and PSA
export {
  DESCRIPTION_KEYS,
  distributionPart,
  EVIDENCE_TAGS,
  isAssumption,
  PROVENANCE_KEYS,
  splitProvenance,
} from "./model/provenance.js";
export { type PriceIndex, parsePriceYear, upratingFactor } from "./model/uprating.js";
export {
  compileModelFile,
  isModelFile,
  modelFileName,
  type ReadTable,
} from "./modelfile/compile-model-file.js";
export { loadModelFileFactory, withModelFiles } from "./modelfile/host.js";
export { configureModel, modelAsFactory } from "./modelfile/model-as-factory.js";
export { type ModelFileConfig, modelFileFactory } from "./modelfile/model-file-factory.js";
export { type ModelFileModel, modelFileModel } from "./modelfile/model-file-model.js";
export type { ModelProgram } from "./modelfile/program.js";
export {
  formulaFileSchema,
  MODEL_FORMAT,
  markovFileSchema,
  modelFileJsonSchema,
} from "./modelfile/schema.js";
export { type BaseCaseResult, pointValues, runBaseCase } from "./psa/base-case.js";
export { runCohortBaseCase } from "./psa/cohort-base-case.js";
export { choleskyOfCorrelation, normalCorrelationForSpearman } from "./psa/correlation.js";
export {
  evaluatePoints,
  type OneWayOptions,
  type OneWayResult,
  oneWayDsa,
  type PointResults,
  type Threshold,
  type ThresholdOptions,
  type ThresholdResult,
  type TornadoBar,
  type TwoWayOptions,
  type TwoWayResult,
  thresholdAnalysis,
  twoWayDsa,
} from "./psa/deterministic.js";
export {
  type AnalyseShape,
  analyseBytes,
  analysisReportChars,
  BROWSER_MEMORY_BUDGET,
  formatBytes,
  MAX_REPORT_CHARS,
  maxSamplesWithin,
  maxWtpPointsFor,
  type PsaShape,
  psaBytes,
  psaResultBytes,
} from "./psa/memory-estimate.js";
export {
  type NormalScoreQuantile,
  normalScoreQuantile,
  TABLE_NODES,
} from "./psa/quantile-table.js";
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
export {
  type Chart,
  ceacChart,
  cePlaneChart,
  evpiChart,
  evppiChart,
  renderSvg,
  tornadoChart,
  traceChart,
} from "./report/charts.js";
export {
  type CohortReportInput,
  cohortCharts,
  cohortHtml,
  cohortMarkdown,
  cohortSections,
} from "./report/cohort-report.js";
export {
  escapeHtml,
  type HtmlExtras,
  scenarioCharts,
  scenarioHtml,
} from "./report/html-report.js";
export {
  describeSpec,
  type ReportSection,
  type ReportTable,
  scenarioCsv,
  scenarioCsvTables,
  scenarioJsonText,
  scenarioMarkdown,
  scenarioSections,
  scenarioText,
  scenarioToJson,
} from "./report/scenario-report.js";
export { VERSION } from "./version.js";
