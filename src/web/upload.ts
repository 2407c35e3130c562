/**
 * Loading a scenario file a person uploads to the web page, exactly as the CLI loads a file from
 * disk: the same size limit and strict UTF-8 decoder on the bytes, the same YAML parser and options, the same
 * schema and model checks, on the person's own text (never a rewritten copy), so every verdict
 * and every line and column is the CLI's.
 *
 * The uploaded file sits, for `extends`, in one folder with the shipped scenarios: `extends:
 * swis-rct.yaml` finds the shipped file, as it does for a file saved beside the shipped scenarios.
 *
 * @module
 */

import { decodeInput } from "../core/text-input.js";
import { InputError, type InputIssue, ScenarioError } from "../errors.js";
import type { ModelFactory } from "../model/model-factory.js";
import { BROWSER_MEMORY_BUDGET } from "../psa/memory-estimate.js";
import {
  type LoadedScenario,
  loadScenario,
  memoryScenarioHost,
} from "../scenario/load-scenario.js";
import type { MemoryBudget } from "../scenario/psa-shape.js";

/** Memory a PSA may use in the page (one browser tab). */
export const PAGE_MEMORY: MemoryBudget = { bytes: BROWSER_MEMORY_BUDGET, holder: "the web page" };

/** The page's one folder: shipped scenarios and uploads sit in it, as scenarios/ on disk. */
const FOLDER = "scenarios/";

/**
 * The files an upload can see: the shipped scenarios, and the upload beside them under its own
 * name (which, like a file on disk, shadows a shipped file of the same name).
 *
 * @example
 * ```ts
 * uploadFiles("mine.yaml", text, { "scenarios/swis-rct.yaml": rct });
 * // { "scenarios/swis-rct.yaml": rct, "scenarios/mine.yaml": text }
 * ```
 */
export function uploadFiles(
  name: string,
  text: string,
  shipped: Readonly<Record<string, string>>,
): Record<string, string> {
  const files: Record<string, string> = Object.create(null);
  for (const [path, content] of Object.entries(shipped)) {
    files[FOLDER + path.slice(path.lastIndexOf("/") + 1)] = content;
  }
  files[FOLDER + name] = text;
  return files;
}

/** An issue with the page's folder left out of its file name, as the person knows the file. */
function bare(issue: InputIssue): InputIssue {
  return issue.file?.startsWith(FOLDER) === true
    ? { ...issue, file: issue.file.slice(FOLDER.length) }
    : issue;
}

/** An upload the CLI's loader accepted: the scenario, and the file's text. */
export interface LoadedUpload {
  readonly loaded: LoadedScenario;
  readonly text: string;
}

/**
 * Loads an uploaded scenario file from its bytes with the CLI's reader rules (size limit,
 * strict UTF-8) and the CLI's loader; throws the CLI's located InputError/ScenarioError for a
 * file the CLI would refuse, naming files as the person knows them (`mine.yaml`,
 * `swis-rct.yaml`).
 *
 * @example
 * ```ts
 * const { loaded } = await loadUploadedScenario("mine.yaml", bytes, SHIPPED, { swis });
 * loaded.scenario.title;
 * ```
 */
export async function loadUploadedScenario(
  name: string,
  bytes: Uint8Array,
  shipped: Readonly<Record<string, string>>,
  factories: Readonly<Record<string, ModelFactory>>,
): Promise<LoadedUpload> {
  try {
    const text = decodeInput(bytes, FOLDER + name, "scenario");
    const host = memoryScenarioHost(uploadFiles(name, text, shipped), factories, PAGE_MEMORY);
    return { loaded: await loadScenario(FOLDER + name, host), text };
  } catch (e) {
    if (e instanceof InputError) throw new InputError(bare(e.issue));
    if (e instanceof ScenarioError) throw new ScenarioError(e.issues.map(bare));
    throw e;
  }
}
