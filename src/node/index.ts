/**
 * ceakit for Node: everything in the browser-safe API plus worker-thread PSA and analysis.
 *
 * @module
 */

export * from "../index.js";
export { analysePsaParallel, PARALLEL_ANALYSIS_FROM } from "./analyse-parallel.js";
export type {
  AnalysisJob,
  AnalysisReply,
  AnalysisRequest,
  AnalysisTask,
  SharedSamples,
} from "./analysis-tasks.js";
export {
  type InputChunks,
  type LineStart,
  type OpenInput,
  readInputChunks,
} from "./input-chunks.js";
export { loadModel, type ModelReference } from "./load-model.js";
export { MEMORY_FRACTION, maxWorkers, memoryBudget } from "./memory-budget.js";
export {
  availableModels,
  fileScenarioHost,
  loadModelFactory,
  modelReference,
} from "./model-registry.js";
export {
  analyseOnPsaWorker,
  closePsaWorkers,
  type ParallelPsaOptions,
  preparePsaWorkers,
  runPsaParallel,
  startPsaWorkers,
} from "./run-psa-parallel.js";
export { offloadScenarioAnalysis } from "./scenario-offload.js";
export { onSharedMemory, sharedFloat64 } from "./shared-memory.js";
