/// <reference lib="dom" />
/**
 * The commissioners' page: pick a shipped scenario or model file or upload one (a model file
 * with the CSV tables it reads), change the inputs, run the PSA in a Web Worker, and read the
 * answer. Validation is the CLI's (same loader, same messages), shown next to the field it
 * concerns and listed at the top of the page. SWIS scenarios get the commissioners' form,
 * grouped as the README's commissioner guide; any other model gets one field per input of the
 * model, with its label, unit, source and evidence tag.
 *
 * This module holds the page's state and wires it together; the form, the typed-value
 * messages, the problems panel, the answer, tables and charts live in their own modules.
 *
 * @module
 */

import swis from "../../models/swis/index.js";
import { InputError, type InputIssue, ScenarioError } from "../errors.js";
import { withModelFiles } from "../modelfile/host.js";
import {
  loadScenario,
  memoryScenarioHost,
  resolvePath,
  type ScenarioHost,
} from "../scenario/load-scenario.js";
import { mergeScenarios } from "../scenario/merge.js";
import { yamlToValue as parse, valueToYaml as stringify } from "../scenario/yaml-source.js";
import { type ChunkName, chunkSource } from "./chunks.js";
import { $ } from "./dom.js";
import {
  type Field,
  formFields,
  modelFields,
  modelOverride,
  overrideFor,
  pointOf,
  shownValue,
} from "./fields.js";
import { buildForm, mineId } from "./form.js";
import { PAGE_MODELS } from "./page-models.js";
import { type Problem, setRunnable, showProblems } from "./problems.js";
import type { ChunkReply, RunSummary, WorkerReply } from "./protocol.js";
import { drawCharts, noCharts, render } from "./results.js";
import { SHIPPED } from "./shipped.js";
import { readTyped } from "./typed.js";
import { loadUploadedFiles, PAGE_MEMORY } from "./upload.js";

const SWIS_FIELDS = formFields(swis);
/** The form's fields: SWIS's, or the inputs of the model being edited. */
let fields: Field[] = SWIS_FIELDS;
/** The `format:` of model files. */
const MODEL_FILE = "ceakit-model/1";

/**
 * The scenario or model file being edited: the chosen file's text, then the form's changes on
 * top. It is edited in place, at its own path, so that what it names (tables, a model file)
 * resolves as on disk.
 */
let baseText = SHIPPED["scenarios/swis-rct.yaml"] as string;
let baseName = "scenarios/swis-rct.yaml";
/** The files of the last upload the loader accepted (decoded), by path among the page's files. */
let uploaded: Readonly<Record<string, string>> = {};
/** Each model input's spec as loaded, for inputs the edited file does not state itself. */
let loadedSpecs = new Map<string, unknown>();
/** Each model input's evidence tag as loaded. */
let loadedTags = new Map<string, string>();
/** Set while the last file chosen was refused: nothing of it is loaded, and Run is off. */
let refusedName: string | undefined;
/** The last run's results, for the downloads, and its HTML report once drawn. */
let last: RunSummary | undefined;
let lastHtml: string | undefined;
let running = false;

/** Every shipped and uploaded file plus the edited one, so `extends` and tables resolve as on disk. */
function files(text: string): Record<string, string> {
  return { ...SHIPPED, ...uploaded, [baseName]: text };
}

/** The scenario host over the page's files, the SWIS model and model files. */
function host(map: Record<string, string>): ScenarioHost {
  return withModelFiles(memoryScenarioHost(map, PAGE_MODELS, PAGE_MEMORY));
}

/** Whether the form is SWIS's (else the edited model's own inputs). */
const swisForm = () => fields === SWIS_FIELDS;

/** Reads a path of a plain object. */
function at(doc: Record<string, unknown>, path: readonly string[]): unknown {
  let v: unknown = doc;
  for (const k of path)
    v = v === null || typeof v !== "object" ? undefined : (v as Record<string, unknown>)[k];
  return v;
}

/** Sets a path of a plain object, creating mappings on the way. */
function setAt(doc: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let o = doc;
  path.slice(0, -1).forEach((k) => {
    if (typeof o[k] !== "object" || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  });
  o[path.at(-1) as string] = value;
}

const control = (f: Field) => $<HTMLInputElement>(f.id);
const edited = (id: string) => $<HTMLInputElement>(id).dataset.edited === "true";
const isMine = (f: Field) =>
  (document.getElementById(mineId(f)) as HTMLInputElement | null)?.checked === true;
/** Whether the person changed anything on the form. */
const anyEdit = () => fields.some((f) => edited(f.id)) || edited("samples") || edited("title");

/** The value typed into a number field (NaN when it is not a number: validation says why). */
function typedValue(f: Field): number {
  const typed = readTyped(control(f).value, f);
  return "value" in typed ? typed.value : Number.NaN;
}

/** The scenario as it stands: the base file with `extends` made relative to it and the form applied. */
function currentText(): string {
  const doc = resolvedBase();
  if (edited("title")) doc.title = $<HTMLInputElement>("title").value.trim();
  for (const f of fields) {
    if (!edited(f.id)) continue;
    if (f.options !== undefined) {
      setAt(doc, f.path, control(f).value);
      continue;
    }
    const value = typedValue(f);
    if (f.id === "wtp") setAt(doc, ["report_wtp"], [value]);
    else if (f.row === undefined) setAt(doc, f.path, value);
    else if (!swisForm()) {
      const name = f.path.at(-1) as string;
      setAt(doc, f.path, modelOverride(at(doc, f.path) ?? loadedSpecs.get(name), value, isMine(f)));
    } else {
      const current = (at(doc, f.path) as Record<string, unknown> | undefined) ?? {
        ...(f.row as unknown as Record<string, unknown>),
      };
      const override = overrideFor(
        typeof current === "number" ? { value: current } : current,
        value,
        isMine(f),
      );
      if (f.row.priceYear !== undefined)
        override.price_year = (doc.price_year as string | undefined) ?? swis.defaultPriceYear;
      setAt(doc, f.path, override);
    }
  }
  if (edited("samples")) {
    const typed = readTyped($<HTMLInputElement>("samples").value, { integer: true });
    setAt(doc, ["psa", "samples"], "value" in typed ? typed.value : Number.NaN);
  }
  const schema = doc.format === MODEL_FILE ? "model.schema.json" : "swis.scenario.json";
  return `# yaml-language-server: $schema=https://ceakit.dev/schema/${schema}\n${stringify(doc)}`;
}

/** Shows a field's message next to it. */
function show(id: string, message: string): void {
  $(`${id}-error`).textContent = message;
  $(id).setAttribute("aria-invalid", "true");
}

/**
 * Checks the scenario as it stands with the CLI's loader: messages next to their fields and
 * listed at the top (with a link to each field); Run is off, with the reason, while any
 * remain. Returns whether the scenario is valid.
 */
async function validate(): Promise<boolean> {
  if (refusedName !== undefined) return false;
  for (const id of [...fields.map((f) => f.id), "samples", "title"]) {
    $(`${id}-error`).textContent = "";
    $(id).removeAttribute("aria-invalid");
  }
  for (const f of fields) {
    if (!edited(f.id) || f.options !== undefined) continue;
    const typed = readTyped(control(f).value, f);
    if ("message" in typed) show(f.id, typed.message);
  }
  if (edited("samples")) {
    const typed = readTyped($<HTMLInputElement>("samples").value, { integer: true });
    if ("message" in typed) show("samples", typed.message);
  }
  if (edited("title") && $<HTMLInputElement>("title").value.trim() === "") {
    show("title", "empty: give the report a title, e.g. SWIS in Anytown");
  }
  // Unedited, the file is checked as written, so every line and column is the person's own.
  const unedited = !anyEdit();
  let issues: readonly InputIssue[] = [];
  try {
    await loadScenario(baseName, host(files(unedited ? baseText : currentText())));
  } catch (e) {
    if (e instanceof ScenarioError) issues = e.issues;
    else if (e instanceof InputError) issues = [e.issue];
    else throw e;
  }
  // The value typed is what the person sees: its own message first (mean or value before sd).
  const first = (i: InputIssue) => Number(/\.(mean|value)$/.test(i.field ?? ""));
  const ordered = [...issues].sort((a, b) => first(b) - first(a));
  const general: Problem[] = [];
  for (const issue of ordered) {
    const field = fields.find(
      (f) =>
        issue.field !== undefined &&
        (issue.field === f.path.join(".") ||
          issue.field.startsWith(`${f.path.join(".")}.`) ||
          (f.id === "wtp" && issue.field.startsWith("report_wtp"))),
    );
    if (issue.field === "psa.samples") {
      if ($("samples-error").textContent === "") show("samples", issue.message);
    } else if (field === undefined) {
      general.push({
        message: unedited
          ? new InputError(issue).message
          : `${issue.field === undefined ? "" : `${issue.field}: `}${issue.message}`,
      });
    } else if ($(`${field.id}-error`).textContent === "") show(field.id, issue.message);
  }
  const labelled = [
    ...fields.map((f) => ({ id: f.id, label: f.label })),
    { id: "samples", label: "Monte Carlo samples" },
    { id: "title", label: "Title of your report" },
  ];
  const atFields: Problem[] = labelled.flatMap((f) => {
    const message = $(`${f.id}-error`).textContent ?? "";
    return message === "" ? [] : [{ message: `${f.label}: ${message}`, field: f }];
  });
  const problems = [...atFields, ...general];
  showProblems(
    problems.length === 1
      ? "One thing to fix before you run"
      : `${problems.length} things to fix before you run`,
    problems,
  );
  const ok = problems.length === 0;
  if (!running) {
    setRunnable(
      ok
        ? undefined
        : `${problems.length === 1 ? "one value needs" : `${problems.length} values need`} fixing (see the list at the top of the page).`,
    );
  }
  $<HTMLButtonElement>("download-yaml").disabled = !ok;
  return ok;
}

/** After a change on the form: the answer shown is the last run's, so say so; then check. */
function changed(): void {
  if (last !== undefined && !running) {
    $("status").textContent =
      "You have changed the numbers since the last run: run again to update the answer.";
  }
  void validate();
}

/** A number as the form shows it: as written, or rounded to 6 significant digits. */
const shown = (v: number | undefined) => (v === undefined ? "" : String(Number(v.toPrecision(6))));

/** Fills the form from the chosen scenario (every field back to its scenario value). */
async function fillForm(): Promise<void> {
  let loaded: Awaited<ReturnType<typeof loadScenario>>;
  try {
    loaded = await loadScenario(baseName, host(files(baseText)));
  } catch (e) {
    const issues =
      e instanceof ScenarioError ? e.issues : e instanceof InputError ? [e.issue] : undefined;
    if (issues === undefined) throw e;
    refuse(baseName.replace(/^.*\//, ""), issues);
    return;
  }
  refusedName = undefined;
  const wanted = loaded.factory.name === swis.name ? SWIS_FIELDS : modelFields(loaded.factory);
  if (wanted.map((f) => f.id).join() !== fields.map((f) => f.id).join()) {
    fields = wanted;
    buildForm($("inputs"), fields, changed);
  }
  setFormDisabled(false);
  loadedSpecs = new Map(loaded.inputs.map((i) => [i.name, i.spec]));
  loadedTags = new Map(
    loaded.inputs.filter((i) => i.strategy === undefined).map((i) => [i.name, i.tag]),
  );
  const settings = loaded.config.settings;
  for (const f of fields) {
    const input = control(f);
    input.dataset.edited = "false";
    const mine = document.getElementById(mineId(f)) as HTMLInputElement | null;
    if (mine !== null) mine.checked = loadedTags.get(f.path.at(-1) as string) === "local";
    if (f.id === "perspective") input.value = loaded.config.perspective;
    else if (f.options !== undefined) input.value = String(settings[f.path.at(-1) as string] ?? "");
    else if (f.path[0] === "settings") input.value = shown(settings[f.id] as number | undefined);
    else if (f.id === "horizon_years") input.value = shown(loaded.config.horizonYears);
    else if (f.id === "wtp") input.value = shown(Math.max(...loaded.reportWtp));
    else if (!swisForm()) input.value = shown(pointOf(loadedSpecs.get(f.path.at(-1) as string)));
    else
      input.value = shown(
        shownValue(
          loaded.inputs.find((i) => i.name === f.id && i.strategy === undefined)
            ?.spec as unknown as Record<string, unknown>,
        ),
      );
  }
  for (const id of ["samples", "title"]) $<HTMLInputElement>(id).dataset.edited = "false";
  $<HTMLInputElement>("samples").value = String(loaded.samples);
  $<HTMLInputElement>("title").value = loaded.scenario.title;
  $("scenario-title").textContent = loaded.scenario.title;
  await validate();
}

/** Turns the form's fields off while a refused file is shown (nothing of it is loaded). */
function setFormDisabled(off: boolean): void {
  for (const set of $("inputs").querySelectorAll("fieldset")) set.disabled = off;
  $<HTMLInputElement>("title").disabled = off;
}

/** Shows why a file is not loaded (the CLI's located messages, at the top); nothing of it is loaded. */
function refuse(name: string, issues: readonly InputIssue[]): void {
  refusedName = name;
  $("scenario-title").textContent = `${name} (not loaded: it has problems)`;
  setFormDisabled(true);
  setRunnable(`${name} was not loaded: fix the problems listed at the top and choose it again.`);
  $<HTMLButtonElement>("download-yaml").disabled = true;
  showProblems(
    `${name} was not loaded: ${issues.length === 1 ? "one problem" : `${issues.length} problems`} in the file`,
    issues.map((i) => {
      const field = fields.find(
        (f) =>
          i.field !== undefined &&
          (i.field === f.path.join(".") || i.field.startsWith(`${f.path.join(".")}.`)),
      );
      return {
        message: new InputError(i).message,
        ...(field === undefined
          ? {}
          : { field: { id: field.id, label: field.label, link: false } }),
      };
    }),
    true,
  );
}

/**
 * The chosen scenario with every file it extends merged in (`extends` resolved among the
 * shipped scenarios), so that what the page runs and downloads stands on its own.
 */
function resolvedBase(): Record<string, unknown> {
  const layers: Record<string, unknown>[] = [];
  let name = baseName;
  let text = baseText;
  const seen = new Set<string>([name]);
  const shipped = { ...SHIPPED, ...uploaded };
  for (;;) {
    const doc = (parse(text) ?? {}) as Record<string, unknown>;
    // A model file stands on its own (no `extends`): it is edited as it is.
    if (doc.format === MODEL_FILE) return doc;
    layers.unshift(doc);
    if (typeof doc.extends !== "string") break;
    const direct = resolvePath(name, doc.extends);
    const next = shipped[direct] !== undefined ? direct : `scenarios/${direct.split("/").at(-1)}`;
    // An extends the page cannot resolve stays, and validation reports it where it is.
    if (seen.has(next) || shipped[next] === undefined) return doc;
    seen.add(next);
    name = next;
    text = shipped[next] as string;
  }
  return mergeScenarios(layers);
}

function download(name: string, type: string, text: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * Turns the report downloads on once there is a result: the CSV with the answer, the HTML report
 * (`html`) once its charts are drawn.
 */
function setResult(s: RunSummary | undefined, html?: string): void {
  last = s;
  lastHtml = s === undefined ? undefined : html;
  $<HTMLButtonElement>("download-csv").disabled = s === undefined;
  $<HTMLButtonElement>("download-html").disabled = lastHtml === undefined;
  $("download-note").textContent =
    s === undefined
      ? "The reports can be downloaded after a run."
      : lastHtml === undefined
        ? `Reports of the last run: ${s.title} (the HTML report once the charts are drawn).`
        : `Reports of the last run: ${s.title}.`;
  if (s === undefined) $("results").hidden = true;
}

/** The PSA worker's script as a Blob URL, from worker.js (loaded on the first Run). */
let workerUrl: Promise<string> | undefined;

/** Sends the worker the code of a library it asked for, or why it could not be loaded. */
function sendChunk(worker: Worker, name: ChunkName): void {
  chunkSource(name).then(
    (source) => worker.postMessage({ chunk: name, source } satisfies ChunkReply),
    (e: unknown) =>
      worker.postMessage({
        chunk: name,
        failure: e instanceof Error ? e.message : String(e),
      } satisfies ChunkReply),
  );
}

/** Ends a run (progress hidden, no longer running) with this status. */
function finish(status: string): void {
  $<HTMLProgressElement>("progress").hidden = true;
  running = false;
  $("status").textContent = status;
}

/**
 * Runs the scenario as it stands in the PSA worker (its code loaded on the first Run): the answer
 * is shown as soon as it comes, the charts when drawn.
 */
async function run(): Promise<void> {
  const text = currentText();
  const progress = $<HTMLProgressElement>("progress");
  progress.hidden = false;
  progress.value = 0;
  $("status").textContent = "Running…";
  running = true;
  setRunnable("the model is running.");
  workerUrl ??= chunkSource("worker").then((source) =>
    URL.createObjectURL(new Blob([source], { type: "text/javascript" })),
  );
  let worker: Worker;
  try {
    worker = new Worker(await workerUrl);
  } catch (e) {
    workerUrl = undefined;
    finish(`The run failed: ${e instanceof Error ? e.message : String(e)}`);
    setRunnable(undefined);
    return;
  }
  // Every run draws charts: charts.js loads while the worker runs (the worker reports a failure).
  chunkSource("charts").catch(() => {});
  /** This run's answer, once it came (its charts follow). */
  let answered: RunSummary | undefined;
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    if ("progress" in reply) {
      progress.value = reply.progress;
      return;
    }
    if ("need" in reply) {
      sendChunk(worker, reply.need);
      return;
    }
    if ("summary" in reply) {
      // The answer now; Run stays off until the charts are drawn.
      answered = reply.summary;
      progress.hidden = true;
      $("status").textContent = "Answer ready; drawing the charts…";
      setRunnable("the charts are being drawn.");
      setResult(answered);
      render(answered);
      return;
    }
    worker.terminate();
    if ("drawings" in reply) {
      finish("Done.");
      drawCharts(reply.drawings);
      if (last === answered) setResult(answered, reply.drawings.html);
      void validate();
    } else if ("issues" in reply) {
      finish("The scenario has problems; see the list at the top of the page.");
      showProblems(
        "The run was refused",
        reply.issues.map((i) => ({ message: `${i.field ?? ""}: ${i.message}` })),
        true,
      );
      setRunnable(undefined);
    } else {
      if (answered !== undefined) noCharts(reply.failure);
      finish(
        answered === undefined
          ? `The run failed: ${reply.failure}`
          : `The answer is above, but the charts could not be drawn: ${reply.failure}`,
      );
      setRunnable(undefined);
    }
  };
  // Charts drawn for the page's column (less room for axes), so a phone gets readable text.
  const column = $("inputs").clientWidth;
  const chartWidth = Math.max(200, Math.min(560, column - 90));
  worker.postMessage({ files: files(text), file: baseName, chartWidth });
}

/** A shipped file's name for people: its title, else its file name. */
function titleOf(path: string): string {
  try {
    const doc = parse(SHIPPED[path] as string) as Record<string, unknown> | null;
    if (typeof doc?.title === "string" && doc.title.trim() !== "") return doc.title;
  } catch {
    // A file the picker cannot read is named by its path; loading it says what is wrong.
  }
  return path.replace(/^.*\//, "");
}

/** The picker's options: shipped scenarios, then shipped model files, by their titles. */
function fillPicker(select: HTMLSelectElement): void {
  const groups: [string, RegExp][] = [
    ["Social workers in schools: scenarios", /^scenarios\/[^/]+\.yaml$/],
    ["Other models (model files)", /^models\/.*\.model\.ya?ml$/],
  ];
  for (const [label, pattern] of groups) {
    const group = document.createElement("optgroup");
    group.label = label;
    for (const name of Object.keys(SHIPPED).filter((n) => pattern.test(n))) {
      const option = document.createElement("option");
      option.value = name;
      option.textContent = titleOf(name);
      group.append(option);
    }
    if (group.children.length > 0) select.append(group);
  }
}

async function main(): Promise<void> {
  const select = $<HTMLSelectElement>("scenario");
  fillPicker(select);
  select.value = baseName;
  buildForm($("inputs"), fields, changed);
  setResult(undefined);
  select.addEventListener("change", () => {
    baseName = select.value;
    baseText = SHIPPED[baseName] as string;
    uploaded = {};
    setResult(undefined);
    void fillForm();
  });
  $<HTMLInputElement>("upload").addEventListener("change", async (event) => {
    const chosen = [...((event.target as HTMLInputElement).files ?? [])];
    if (chosen.length === 0) return;
    let upload: Awaited<ReturnType<typeof loadUploadedFiles>>;
    try {
      // The CLI's reader and loader on the person's own bytes: its verdict, lines and columns.
      const bytes = await Promise.all(
        chosen.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      upload = await loadUploadedFiles(bytes, SHIPPED, PAGE_MODELS);
    } catch (e) {
      const issues =
        e instanceof ScenarioError ? e.issues : e instanceof InputError ? [e.issue] : undefined;
      if (issues === undefined) throw e;
      setResult(undefined);
      refuse(chosen.map((f) => f.name).join(", "), issues);
      return;
    }
    uploaded = upload.files;
    baseText = upload.text;
    baseName = upload.path;
    setResult(undefined);
    await fillForm();
  });
  for (const id of ["samples", "title"]) {
    $(id).addEventListener("input", () => {
      $(id).dataset.edited = "true";
      changed();
    });
  }
  $("run").addEventListener("click", () => void run());
  $("download-yaml").addEventListener("click", () =>
    download(
      resolvedBase().format === MODEL_FILE
        ? (baseName.split("/").at(-1) as string)
        : "scenario.yaml",
      "text/yaml",
      currentText(),
    ),
  );
  $("download-csv").addEventListener(
    "click",
    () => last && download("report.csv", "text/csv", last.csv),
  );
  $("download-html").addEventListener(
    "click",
    () => lastHtml !== undefined && download("report.html", "text/html", lastHtml),
  );
  await fillForm();
}

void main();
