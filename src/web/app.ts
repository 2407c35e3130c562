/// <reference lib="dom" />
/**
 * The commissioners' page: pick a shipped scenario or upload one, change the local inputs, run
 * the PSA in a Web Worker, and read the answer. Validation is the CLI's (same schema, same
 * messages), shown next to the field it concerns.
 *
 * @module
 */

import swis from "../../models/swis/index.js";
import { InputError, type InputIssue, ScenarioError } from "../errors.js";
import { formatMoney, formatNumber } from "../report/format.js";
import {
  loadScenario,
  memoryScenarioHost,
  resolvePath,
  type ScenarioHost,
} from "../scenario/load-scenario.js";
import { mergeScenarios } from "../scenario/merge.js";
import { yamlToValue as parse, valueToYaml as stringify } from "../scenario/yaml-source.js";
import { type Field, formFields, overrideFor, shownValue } from "./fields.js";
import type { RunSummary, WorkerReply } from "./protocol.js";
import { SHIPPED } from "./shipped.js";
import { loadUploadedScenario, PAGE_MEMORY } from "./upload.js";

declare const WORKER_SOURCE: string;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const FILE = "scenario.yaml";
const fields = formFields(swis);

/** The scenario being edited: the chosen file's text, then the form's changes on top. */
let baseText = SHIPPED["scenarios/swis-rct.yaml"] as string;
let baseName = "scenarios/swis-rct.yaml";

/** Every shipped file plus the edited scenario, so `extends` resolves as on disk. */
function files(text: string): Record<string, string> {
  return { ...SHIPPED, [FILE]: text };
}

/** The scenario host over the page's files and the SWIS model. */
function host(map: Record<string, string>): ScenarioHost {
  return memoryScenarioHost(map, { swis }, PAGE_MEMORY);
}

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
    else {
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
  return `# yaml-language-server: $schema=https://ceakit.dev/schema/swis.scenario.json\n${stringify(doc)}`;
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
    await loadScenario(FILE, host(files(currentText())));
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
  const loaded = await loadScenario(FILE, host(files(stringify(resolvedBase()))));
  for (const f of fields) {
    const input = $<HTMLInputElement>(f.id);
    input.dataset.edited = "false";
    let v: number | undefined;
    if (f.id === "schools") v = loaded.config.settings.schools as number;
    else if (f.id === "horizon_years") v = loaded.config.horizonYears;
    else if (f.id === "wtp") v = Math.max(...loaded.reportWtp);
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
  await validate();
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
  for (;;) {
    const doc = (parse(text) ?? {}) as Record<string, unknown>;
    layers.unshift(doc);
    if (typeof doc.extends !== "string") break;
    const direct = resolvePath(name, doc.extends);
    const next = SHIPPED[direct] !== undefined ? direct : `scenarios/${direct.split("/").at(-1)}`;
    // An extends the page cannot resolve stays, and validation reports it where it is.
    if (seen.has(next) || SHIPPED[next] === undefined) return doc;
    seen.add(next);
    name = next;
    text = SHIPPED[next] as string;
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
  const pct = a === undefined ? "—" : `${(100 * a.probability).toFixed(1)}%`;
  $("answer").textContent =
    a === undefined
      ? ""
      : `At £${formatMoney(a.wtp)} per ${s.effectPer}, ${s.programme} has a ${pct} chance of being cost-effective for your authority.`;
  $("detail").textContent =
    `${s.programme} costs £${formatMoney(Math.round(Math.abs(s.incCost)))} ${s.incCost >= 0 ? "more" : "less"} than ${s.comparator} over the horizon; change in ${s.effectLabel.toLowerCase()}: ${formatNumber(s.incEffect)} (${s.samples.toLocaleString("en-GB")} samples, seed ${s.seed}).`;
  const rows = s.icers
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r.strategy)}</th><td>${formatMoney(r.cost)}</td><td>${formatNumber(r.effect)}</td><td>${esc(r.icer)}</td><td>${esc(r.status)}</td></tr>`,
    )
    .join("");
  $("icers").innerHTML =
    `<caption>Incremental analysis (PSA means)</caption><thead><tr><th scope="col">Strategy</th><th scope="col">Cost £</th><th scope="col">Effect</th><th scope="col">ICER £</th><th scope="col">Status</th></tr></thead><tbody>${rows}</tbody>`;
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
  });
  $("results").hidden = false;
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
  worker.postMessage({ files: files(text), file: FILE });
}

function buildForm(): void {
  const form = $("inputs");
  for (const f of fields) {
    const assumption =
      f.row !== undefined && (f.row.tag === "assumption" || f.row.tag === "not-found");
    const wrap = document.createElement("div");
    wrap.className = "field";
    wrap.innerHTML = `<label for="${f.id}">${esc(f.label)} <span class="unit">(${esc(f.unit)})</span>${
      assumption
        ? ' <span class="badge" title="The default is an assumption">assumption</span>'
        : ""
    }</label><input id="${f.id}" name="${f.id}" type="text" inputmode="decimal" aria-describedby="${f.id}-source ${f.id}-error"><div class="source" id="${f.id}-source">${esc(f.row?.source ?? "Scenario setting")}</div><div class="error" id="${f.id}-error" role="alert"></div>`;
    form.append(wrap);
    const input = wrap.querySelector("input") as HTMLInputElement;
    input.addEventListener("input", () => {
      input.dataset.edited = "true";
      void validate();
    });
  }
}

async function main(): Promise<void> {
  const select = $<HTMLSelectElement>("scenario");
  for (const name of Object.keys(SHIPPED).filter((n) => n.endsWith(".yaml"))) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = name.replace(/^scenarios\//, "");
    select.append(option);
  }
  select.value = baseName;
  buildForm();
  select.addEventListener("change", () => {
    baseName = select.value;
    baseText = SHIPPED[baseName] as string;
    void fillForm();
  });
  $<HTMLInputElement>("upload").addEventListener("change", async (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file === undefined) return;
    let text: string;
    try {
      // The CLI's reader and loader on the person's own bytes: its verdict, lines and columns.
      const bytes = new Uint8Array(await file.arrayBuffer());
      ({ text } = await loadUploadedScenario(file.name, bytes, SHIPPED, { swis }));
    } catch (e) {
      const issues =
        e instanceof ScenarioError ? e.issues : e instanceof InputError ? [e.issue] : undefined;
      if (issues === undefined) throw e;
      $("scenario-title").textContent = `${file.name} (not loaded: it has problems)`;
      $<HTMLButtonElement>("run").disabled = true;
      $("form-errors").textContent = issues.map((i) => new InputError(i).message).join("\n");
      return;
    }
    baseText = text;
    baseName = file.name;
    await fillForm();
  });
  $("samples").addEventListener("input", () => {
    $("samples").dataset.edited = "true";
    void validate();
  });
  $("run").addEventListener("click", () => run());
  $("download-yaml").addEventListener("click", () =>
    download("scenario.yaml", "text/yaml", currentText()),
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
