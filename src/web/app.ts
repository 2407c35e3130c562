/// <reference lib="dom" />
/**
 * The commissioners' page: pick a shipped scenario or model file or upload one (a model file
 * with the CSV tables it reads), change the inputs, run the PSA in a Web Worker, and read the
 * answer. Validation is the CLI's (same loader, same messages), shown next to the field it
 * concerns. SWIS scenarios get the commissioners' form; any other model gets one field per input
 * of the model, with its label, unit, source and evidence tag.
 *
 * @module
 */

import swis from "../../models/swis/index.js";
import { InputError, type InputIssue, ScenarioError } from "../errors.js";
import { isAssumption } from "../model/provenance.js";
import { withModelFiles } from "../modelfile/host.js";
import { formatMoney, formatNumber } from "../report/format.js";
import {
  loadScenario,
  memoryScenarioHost,
  resolvePath,
  type ScenarioHost,
} from "../scenario/load-scenario.js";
import { mergeScenarios } from "../scenario/merge.js";
import { yamlToValue as parse, valueToYaml as stringify } from "../scenario/yaml-source.js";
import {
  type Field,
  formFields,
  modelFields,
  modelOverride,
  overrideFor,
  pointOf,
  shownValue,
} from "./fields.js";
import type { RunSummary, WorkerReply } from "./protocol.js";
import { SHIPPED } from "./shipped.js";
import { loadUploadedFiles, PAGE_MEMORY } from "./upload.js";

declare const WORKER_SOURCE: string;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
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

/** Every shipped and uploaded file plus the edited one, so `extends` and tables resolve as on disk. */
function files(text: string): Record<string, string> {
  return { ...SHIPPED, ...uploaded, [baseName]: text };
}

/** The scenario host over the page's files, the SWIS model and model files. */
function host(map: Record<string, string>): ScenarioHost {
  return withModelFiles(memoryScenarioHost(map, { swis }, PAGE_MEMORY));
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

/** The scenario as it stands: the base file with `extends` made relative to it and the form applied. */
function currentText(): string {
  const doc = resolvedBase();
  for (const f of fields) {
    const input = $<HTMLInputElement>(f.id);
    if (input.dataset.edited !== "true") continue;
    const value = input.value.trim() === "" ? Number.NaN : Number(input.value);
    if (f.id === "wtp") setAt(doc, ["report_wtp"], [value]);
    else if (f.row === undefined) setAt(doc, f.path, value);
    else if (!swisForm()) {
      const name = f.path.at(-1) as string;
      setAt(doc, f.path, modelOverride(at(doc, f.path) ?? loadedSpecs.get(name), value));
    } else {
      const current = (at(doc, f.path) as Record<string, unknown> | undefined) ?? {
        ...(f.row as unknown as Record<string, unknown>),
      };
      const money = f.row.priceYear !== undefined;
      const override = overrideFor(
        typeof current === "number" ? { value: current } : current,
        value,
      );
      if (money)
        override.price_year = (doc.price_year as string | undefined) ?? swis.defaultPriceYear;
      setAt(doc, f.path, override);
    }
  }
  const samples = $<HTMLInputElement>("samples");
  if (samples.dataset.edited === "true") {
    setAt(
      doc,
      ["psa", "samples"],
      samples.value.trim() === "" ? Number.NaN : Number(samples.value),
    );
  }
  const schema = doc.format === MODEL_FILE ? "model.schema.json" : "swis.scenario.json";
  return `# yaml-language-server: $schema=https://ceakit.dev/schema/${schema}\n${stringify(doc)}`;
}

/** Shows the schema's messages next to their fields; returns whether the scenario is valid. */
async function validate(): Promise<boolean> {
  for (const f of fields) {
    $(`${f.id}-error`).textContent = "";
    $<HTMLInputElement>(f.id).removeAttribute("aria-invalid");
  }
  const general = $("form-errors");
  general.textContent = "";
  $("samples-error").textContent = "";
  for (const f of fields) {
    const input = $<HTMLInputElement>(f.id);
    if (input.dataset.edited === "true" && !Number.isFinite(Number(input.value))) {
      show(f, "expected a number");
    }
  }
  let issues: readonly InputIssue[] = [];
  try {
    await loadScenario(baseName, host(files(currentText())));
  } catch (e) {
    if (e instanceof ScenarioError) issues = e.issues;
    else if (e instanceof InputError) issues = [e.issue];
    else throw e;
  }
  // The value typed is what the person sees: its own message first (mean or value before sd).
  const first = (i: InputIssue) => Number(/\.(mean|value)$/.test(i.field ?? ""));
  const ordered = [...issues].sort((a, b) => first(b) - first(a));
  for (const issue of ordered) {
    const field = fields.find(
      (f) =>
        issue.field !== undefined &&
        (issue.field === f.path.join(".") || issue.field.startsWith(`${f.path.join(".")}.`)),
    );
    if (issue.field === "psa.samples") $("samples-error").textContent = issue.message;
    else if (field === undefined) general.textContent += `${issue.field ?? ""}: ${issue.message}\n`;
    else if ($(`${field.id}-error`).textContent === "") show(field, issue.message);
  }
  const samples = $<HTMLInputElement>("samples");
  samples.toggleAttribute("aria-invalid", $("samples-error").textContent !== "");
  const ok = issues.length === 0 && !fields.some((f) => $(`${f.id}-error`).textContent !== "");
  $<HTMLButtonElement>("run").disabled = !ok;
  return ok;
}

function show(f: Field, message: string): void {
  $(`${f.id}-error`).textContent = message;
  $<HTMLInputElement>(f.id).setAttribute("aria-invalid", "true");
}

/** Fills the form from the chosen scenario (every field back to its scenario value). */
async function fillForm(): Promise<void> {
  let loaded: Awaited<ReturnType<typeof loadScenario>>;
  try {
    loaded = await loadScenario(baseName, host(files(stringify(resolvedBase()))));
  } catch (e) {
    const issues =
      e instanceof ScenarioError ? e.issues : e instanceof InputError ? [e.issue] : undefined;
    if (issues === undefined) throw e;
    refuse(baseName.replace(/^.*\//, ""), issues);
    return;
  }
  const wanted = loaded.factory.name === swis.name ? SWIS_FIELDS : modelFields(loaded.factory);
  if (wanted.map((f) => f.id).join() !== fields.map((f) => f.id).join()) {
    fields = wanted;
    buildForm();
  }
  loadedSpecs = new Map(loaded.inputs.map((i) => [i.name, i.spec]));
  for (const f of fields) {
    const input = $<HTMLInputElement>(f.id);
    input.dataset.edited = "false";
    let v: number | undefined;
    if (f.id === "schools") v = loaded.config.settings.schools as number;
    else if (f.id === "horizon_years") v = loaded.config.horizonYears;
    else if (f.id === "wtp") v = Math.max(...loaded.reportWtp);
    else if (!swisForm()) v = pointOf(loadedSpecs.get(f.path.at(-1) as string));
    else
      v = shownValue(
        loaded.inputs.find((i) => i.name === f.id)?.spec as unknown as Record<string, unknown>,
      );
    input.value = v === undefined ? "" : String(Number(v.toPrecision(10)));
  }
  const samples = $<HTMLInputElement>("samples");
  samples.dataset.edited = "false";
  samples.value = String(loaded.samples);
  $("scenario-title").textContent = loaded.scenario.title;
  $("form-errors").textContent = "";
  await validate();
}

/** Shows why a file is not loaded: the CLI's located messages; nothing of it is loaded. */
function refuse(name: string, issues: readonly InputIssue[]): void {
  $("scenario-title").textContent = `${name} (not loaded: it has problems)`;
  $<HTMLButtonElement>("run").disabled = true;
  $("form-errors").textContent = issues.map((i) => new InputError(i).message).join("\n");
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

let last: RunSummary | undefined;

function render(s: RunSummary): void {
  last = s;
  const a = s.acceptability.at(-1);
  $("answer").textContent = a === undefined ? "" : answer(s, a);
  const runs = `${s.samples.toLocaleString("en-GB")} samples, seed ${s.seed}`;
  $("detail").textContent =
    s.strategies.length > 2
      ? `PSA means of the ${s.strategies.length} strategies are in the table below (${runs}).`
      : `${s.programme} costs £${formatMoney(Math.round(Math.abs(s.incCost)))} ${s.incCost >= 0 ? "more" : "less"} than ${s.comparator} over the horizon; change in ${s.effectLabel.toLowerCase()}: ${formatNumber(s.incEffect)} (${runs}).`;
  $("base-case").innerHTML =
    `<caption>Base case (every input at its point value)</caption><thead><tr><th scope="col">Strategy</th><th scope="col">Cost £</th><th scope="col">${esc(s.effectLabel)}</th></tr></thead><tbody>${s.baseCase
      .map(
        (b) =>
          `<tr><th scope="row">${esc(b.label)}</th><td>${formatMoney(b.cost)}</td><td>${formatNumber(b.effect)}</td></tr>`,
      )
      .join("")}</tbody>`;
  const rows = s.icers
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r.strategy)}</th><td>${formatMoney(r.cost)}</td><td>${formatNumber(r.effect)}</td><td>${esc(r.icer)}</td><td>${esc(r.status)}</td></tr>`,
    )
    .join("");
  $("icers").innerHTML =
    `<caption>Incremental analysis (PSA means)</caption><thead><tr><th scope="col">Strategy</th><th scope="col">Cost £</th><th scope="col">Effect</th><th scope="col">ICER £</th><th scope="col">Status</th></tr></thead><tbody>${rows}</tbody>`;
  $("budget").hidden = s.budget.length === 0;
  $("budget").innerHTML =
    `<caption>Budget impact per year (undiscounted)</caption><thead><tr><th scope="col">Year</th><th scope="col">Programme £</th><th scope="col">Social care change £</th><th scope="col">Net £</th></tr></thead><tbody>${s.budget
      .map(
        (b) =>
          `<tr><th scope="row">${b.year}</th><td>${formatMoney(b.programme)}</td><td>${formatMoney(b.care)}</td><td>${formatMoney(b.net)}</td></tr>`,
      )
      .join("")}</tbody>`;
  $("ce-plane").innerHTML = s.cePlaneSvg;
  $("ceac").innerHTML = s.ceacSvg;
  $("assumptions").innerHTML = s.assumptions
    .map((x) => `<li><strong>${esc(x.label)}</strong> (${esc(x.name)}): ${esc(x.source)}</li>`)
    .join("");
  // The numbers behind the sentence, for programs (and the end-to-end tests) to read.
  $("results").dataset.summary = JSON.stringify({
    incCost: s.incCost,
    incEffect: s.incEffect,
    acceptability: s.acceptability,
    icer: s.icers.at(-1)?.icer,
    baseCase: s.baseCase,
  });
  $("results").hidden = false;
}

/**
 * The answer in one sentence at the highest reporting WTP: SWIS's for an authority; for another
 * model, the second strategy against the first, or, with more, the strategy most likely to be
 * cost-effective.
 */
function answer(s: RunSummary, a: RunSummary["acceptability"][number]): string {
  const pct = (p: number) => `${(100 * p).toFixed(1)}%`;
  const at = `At £${formatMoney(a.wtp)} per ${s.effectPer}`;
  if (s.model === swis.name)
    return `${at}, ${s.programme} has a ${pct(a.probability)} chance of being cost-effective for your authority.`;
  if (s.strategies.length <= 2)
    return `${at}, ${s.programme} has a ${pct(a.probability)} chance of being cost-effective compared with ${s.comparator}.`;
  const best = a.probabilities.reduce((b, p, j) => (p > (a.probabilities[b] ?? -1) ? j : b), 0);
  return `${at}, ${s.strategies[best]} is the strategy most likely to be cost-effective, with a ${pct(a.probabilities[best] ?? 0)} chance among the ${s.strategies.length} strategies.`;
}

const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function run(): void {
  const text = currentText();
  const worker = new Worker(
    URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" })),
  );
  const progress = $<HTMLProgressElement>("progress");
  progress.hidden = false;
  progress.value = 0;
  $("status").textContent = "Running…";
  $<HTMLButtonElement>("run").disabled = true;
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    if ("progress" in reply) {
      progress.value = reply.progress;
      return;
    }
    worker.terminate();
    progress.hidden = true;
    $<HTMLButtonElement>("run").disabled = false;
    if ("summary" in reply) {
      $("status").textContent = "Done.";
      render(reply.summary);
    } else if ("issues" in reply) {
      $("status").textContent = "The scenario has problems; see the messages.";
      $("form-errors").textContent = reply.issues
        .map((i) => `${i.field ?? ""}: ${i.message}`)
        .join("\n");
    } else {
      $("status").textContent = `The run failed: ${reply.failure}`;
    }
  };
  worker.postMessage({ files: files(text), file: baseName });
}

function buildForm(): void {
  const form = $("inputs");
  form.replaceChildren();
  for (const f of fields) {
    const assumption = f.row !== undefined && isAssumption(f.row.tag);
    const wrap = document.createElement("div");
    wrap.className = "field";
    wrap.innerHTML = `<label for="${f.id}">${esc(f.label)} <span class="unit">(${esc(f.unit)})</span>${
      assumption
        ? ' <span class="badge" title="The default is an assumption">assumption</span>'
        : ""
    }</label><input id="${f.id}" name="${f.id}" type="text" inputmode="decimal" aria-describedby="${f.id}-source ${f.id}-error"><div class="source" id="${f.id}-source">${esc(sourceOf(f))}</div><div class="error" id="${f.id}-error" role="alert"></div>`;
    form.append(wrap);
    const input = wrap.querySelector("input") as HTMLInputElement;
    input.addEventListener("input", () => {
      input.dataset.edited = "true";
      void validate();
    });
  }
}

/** What the field's note says: the input's source and evidence tag, or that it is a setting. */
function sourceOf(f: Field): string {
  if (f.row === undefined) return "Scenario setting";
  if (swisForm()) return f.row.source ?? "Scenario setting";
  const tag = f.row.tag === undefined ? "" : ` (${f.row.tag})`;
  return `${f.row.source ?? "No source given"}${tag}`;
}

/** The picker's options: shipped scenarios, then shipped model files. */
function fillPicker(select: HTMLSelectElement): void {
  const groups: [string, RegExp][] = [
    ["Scenarios (social workers in schools)", /^scenarios\/[^/]+\.yaml$/],
    ["Model files", /^models\/.*\.model\.ya?ml$/],
  ];
  for (const [label, pattern] of groups) {
    const group = document.createElement("optgroup");
    group.label = label;
    for (const name of Object.keys(SHIPPED).filter((n) => pattern.test(n))) {
      const option = document.createElement("option");
      option.value = name;
      option.textContent = name.replace(/^scenarios\//, "");
      group.append(option);
    }
    if (group.children.length > 0) select.append(group);
  }
}

async function main(): Promise<void> {
  const select = $<HTMLSelectElement>("scenario");
  fillPicker(select);
  select.value = baseName;
  buildForm();
  select.addEventListener("change", () => {
    baseName = select.value;
    baseText = SHIPPED[baseName] as string;
    uploaded = {};
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
      upload = await loadUploadedFiles(bytes, SHIPPED, { swis });
    } catch (e) {
      const issues =
        e instanceof ScenarioError ? e.issues : e instanceof InputError ? [e.issue] : undefined;
      if (issues === undefined) throw e;
      refuse(chosen.map((f) => f.name).join(", "), issues);
      return;
    }
    uploaded = upload.files;
    baseText = upload.text;
    baseName = upload.path;
    await fillForm();
  });
  $("samples").addEventListener("input", () => {
    $("samples").dataset.edited = "true";
    void validate();
  });
  $("run").addEventListener("click", () => run());
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
    () => last && download("report.html", "text/html", last.html),
  );
  await fillForm();
}

void main();
