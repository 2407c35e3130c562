/**
 * ceakit/scenario: scenario files for scenario-configurable models (YAML with `extends`, checked
 * with zod, every problem located), and running them. Browser-safe: files are read through a
 * {@link ScenarioHost} you provide (`fileScenarioHost()` in `ceakit/node` reads the disk).
 *
 * Kept apart from the main entry point so that models and worker threads, which import
 * `ceakit`, do not load zod and yaml.
 *
 * @example
 * ```ts
 * import { loadScenario, runScenario } from "ceakit/scenario";
 * import { fileScenarioHost } from "ceakit/node";
 * const result = await runScenario(await loadScenario("scenarios/swis-rct.yaml", fileScenarioHost()));
 * ```
 *
 * @module
 */

export {
  type BreakEvenAnswers,
  type BreakEvenRow,
  type BreakEvenValue,
  breakEvenEffect,
  COMMISSIONER_CAVEATS,
  COMMISSIONER_DEFINITIONS,
  type CommissionerAmount,
  type CommissionerAnswers,
  type CommissionerEstimate,
  type CommissionerStrategyAnswers,
  type CommissionerYearRow,
  commissionerAnswers,
  type PaybackAnswer,
  type RoiAnswer,
} from "./commissioner.js";
export {
  groupInputs,
  type InputGroup,
  inputGroup,
  templateDefaultsLeft,
  templateDefaultsWarning,
} from "./input-groups.js";
export {
  type LoadedScenario,
  loadScenario,
  memoryScenarioHost,
  type ResolvedInput,
  resolvePath,
  type ScenarioHost,
} from "./load-scenario.js";
export { mergeScenarios } from "./merge.js";
export { type PsaRequest, scenarioPsaShape } from "./psa-shape.js";
export {
  type AcceptabilityRow,
  type ConsequenceRow,
  type Estimate,
  type RunScenarioOptions,
  runScenario,
  type ScenarioResult,
} from "./run-scenario.js";
export {
  type OffloadedAnalysis,
  type ScenarioAnalysisParts,
  type ScenarioAnalysisWork,
  scenarioAnalysisParts,
} from "./scenario-analysis.js";
export { type ScenarioInput, scenarioJsonSchema, scenarioSchema } from "./schema.js";
export { locateIssue, parseYaml, type YamlSource } from "./yaml-source.js";
