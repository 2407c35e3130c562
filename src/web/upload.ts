/**
 * Loading files a person uploads to the web page, exactly as the CLI loads files from disk: the
 * same size limits and strict UTF-8 decoder on the bytes (a scenario's or model file's limit for
 * YAML, a CSV table's for the tables a model file reads), the same YAML parser and options, the
 * same schema and model checks, on the person's own text (never a rewritten copy), so every
 * verdict and every line and column is the CLI's.
 *
 * The uploads sit, as files saved together in scenarios/, in one folder with the shipped
 * scenarios: `extends: swis-rct.yaml` finds the shipped file, and a model file's
 * `tables: { life: { file: life.csv } }` finds `life.csv` uploaded with it. The shipped model
 * files keep their own paths (models/…), so a scenario's `model: ../models/hiv.model.yaml`
 * finds them as on disk. Each file is decoded when the loader reads it, as the CLI does.
 *
 * @module
 */

import { decodeInput } from "../core/text-input.js";
import { FileReadError, InputError, type InputIssue, ScenarioError } from "../errors.js";
import type { ModelFactory } from "../model/model-factory.js";
import { withModelFiles } from "../modelfile/host.js";
import { BROWSER_MEMORY_BUDGET } from "../psa/memory-estimate.js";
import {
  type LoadedScenario,
  loadScenario,
  memoryScenarioHost,
  type ScenarioHost,
} from "../scenario/load-scenario.js";
import type { MemoryBudget } from "../scenario/psa-shape.js";

/** Memory a PSA may use in the page (one browser tab). */
export const PAGE_MEMORY: MemoryBudget = { bytes: BROWSER_MEMORY_BUDGET, holder: "the web page" };

/** The page's one folder: shipped scenarios and uploads sit in it, as scenarios/ on disk. */
export const UPLOAD_FOLDER = "scenarios/";

/**
 * The files an upload can see: the shipped scenarios in the page's folder, other shipped files
 * (model files and their tables) at their own paths, and the uploads in the folder under their
 * own names (which, like files on disk, shadow shipped files of the same name).
 *
 * @example
 * ```ts
 * uploadFiles({ "mine.yaml": text }, { "scenarios/swis-rct.yaml": rct, "models/hiv.model.yaml": hiv });
 * // { "scenarios/swis-rct.yaml": rct, "models/hiv.model.yaml": hiv, "scenarios/mine.yaml": text }
 * ```
 */
export function uploadFiles<T extends string | Uint8Array>(
  uploads: Readonly<Record<string, T>>,
  shipped: Readonly<Record<string, string>>,
): Record<string, string | T> {
  const files: Record<string, string | T> = Object.create(null);
  for (const [path, content] of Object.entries(shipped)) {
    const scenario = path.startsWith(UPLOAD_FOLDER) || !path.includes("/");
    files[scenario ? UPLOAD_FOLDER + path.slice(path.lastIndexOf("/") + 1) : path] = content;
  }
  for (const [file, content] of Object.entries(uploads)) files[UPLOAD_FOLDER + file] = content;
  return files;
}

/** A message with the page's folder left out of file names, as the person knows the files. */
function bare(issue: InputIssue): InputIssue {
  const file =
    issue.file?.startsWith(UPLOAD_FOLDER) === true
      ? issue.file.slice(UPLOAD_FOLDER.length)
      : issue.file;
  // A table the model file could not find: "(looked for life.csv)", as beside the model file.
  const message = issue.message.replaceAll(`(looked for ${UPLOAD_FOLDER}`, "(looked for ");
  return { ...issue, ...(file === undefined ? {} : { file }), message };
}

/** An upload the CLI's loader accepted. */
export interface LoadedUpload {
  readonly loaded: LoadedScenario;
  /** The main file's text. */
  readonly text: string;
  /** The main file's path among the page's files (`scenarios/<name>`). */
  readonly path: string;
  /** Every uploaded file the loader read (the main file, tables), by path among the page's files. */
  readonly files: Readonly<Record<string, string>>;
}

/** One file a person chose. */
export interface UploadedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const YAML = /\.ya?ml$/i;

/**
 * The file to open among several chosen at once: the only YAML file; or, of several, the only
 * one that is not a model file (a scenario that runs an uploaded model file).
 */
function mainFile(files: readonly UploadedFile[]): string {
  const yaml = files.map((f) => f.name).filter((n) => YAML.test(n));
  if (yaml.length === 1) return yaml[0] as string;
  const scenarios = yaml.filter((n) => !/\.model\.ya?ml$/i.test(n));
  if (scenarios.length === 1) return scenarios[0] as string;
  const names = files.map((f) => f.name).join(", ");
  throw new InputError({
    file: names,
    message:
      yaml.length === 0
        ? "has no scenario or model file (.yaml) to open; choose one, with the CSV tables it reads"
        : "has several scenario or model files; choose one (with the CSV tables it reads) at a time",
  });
}

/** A host over the page's files: uploads decoded when read, by the CLI's rules for their kind. */
function uploadHost(
  files: Readonly<Record<string, string | Uint8Array>>,
  factories: Readonly<Record<string, ModelFactory>>,
  read: Record<string, string>,
): ScenarioHost {
  const get = (path: string, kind: "scenario" | "csv"): string => {
    if (!Object.hasOwn(files, path)) throw new FileReadError(path, "no such file");
    const content = files[path] as string | Uint8Array;
    if (typeof content === "string") return content;
    const text = decodeInput(content, path, kind);
    read[path] = text;
    return text;
  };
  return withModelFiles({
    ...memoryScenarioHost({}, factories, PAGE_MEMORY),
    readFile: async (path) => get(path, "scenario"),
    readTable: async (path) => get(path, "csv"),
  });
}

/**
 * Loads the files a person chose (a scenario or model file, and the CSV tables a model file
 * reads) from their bytes with the CLI's reader rules (size limits, strict UTF-8) and the CLI's
 * loader; throws the CLI's located InputError/ScenarioError for files the CLI would refuse,
 * naming files as the person knows them (`mine.model.yaml`, `life.csv`, `swis-rct.yaml`).
 *
 * @example
 * ```ts
 * const { loaded, files } = await loadUploadedFiles(
 *   [{ name: "mine.model.yaml", bytes }, { name: "life.csv", bytes: csv }], SHIPPED, { swis });
 * loaded.scenario.title;
 * ```
 */
export async function loadUploadedFiles(
  chosen: readonly UploadedFile[],
  shipped: Readonly<Record<string, string>>,
  factories: Readonly<Record<string, ModelFactory>>,
): Promise<LoadedUpload> {
  try {
    const name = mainFile(chosen);
    const path = UPLOAD_FOLDER + name;
    const read: Record<string, string> = {};
    const all = uploadFiles(Object.fromEntries(chosen.map((f) => [f.name, f.bytes])), shipped);
    const loaded = await loadScenario(path, uploadHost(all, factories, read));
    return { loaded, text: read[path] as string, path, files: read };
  } catch (e) {
    if (e instanceof InputError) throw new InputError(bare(e.issue));
    if (e instanceof ScenarioError) throw new ScenarioError(e.issues.map(bare));
    throw e;
  }
}

/**
 * Loads one uploaded scenario or model file from its bytes, as {@link loadUploadedFiles} does.
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
  return loadUploadedFiles([{ name, bytes }], shipped, factories);
}
