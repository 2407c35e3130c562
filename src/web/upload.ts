/**
 * Loading a scenario file a person uploads to the web page, exactly as the CLI loads a file from
 * disk: the same decoder and size limit on the bytes, the same YAML parser and options, the same
 * schema and model checks, on the person's own text (never a rewritten copy), so every verdict
 * and every line and column is the CLI's.
 *
 * The uploaded file sits, for `extends`, in one folder with the shipped scenarios: `extends:
 * swis-rct.yaml` finds the shipped file, as it does for a file saved beside the shipped scenarios.
 *
 * @module
 */

import { InputError, type InputIssue, ScenarioError } from "../errors.js";
import type { ModelFactory } from "../model/model-factory.js";
import {
  type LoadedScenario,
  loadScenario,
  memoryScenarioHost,
} from "../scenario/load-scenario.js";

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

/**
 * Loads an uploaded scenario's text with the CLI's loader; throws the CLI's located
 * InputError/ScenarioError for a file the CLI would refuse, naming files as the person knows
 * them (`mine.yaml`, `swis-rct.yaml`).
 *
 * @example
 * ```ts
 * const loaded = await loadUploadedScenario("mine.yaml", text, SHIPPED, { swis });
 * loaded.scenario.title;
 * ```
 */
export async function loadUploadedScenario(
  name: string,
  text: string,
  shipped: Readonly<Record<string, string>>,
  factories: Readonly<Record<string, ModelFactory>>,
): Promise<LoadedScenario> {
  const host = memoryScenarioHost(uploadFiles(name, text, shipped), factories);
  try {
    return await loadScenario(FOLDER + name, host);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(bare(e.issue));
    if (e instanceof ScenarioError) throw new ScenarioError(e.issues.map(bare));
    throw e;
  }
}
