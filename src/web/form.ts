/// <reference lib="dom" />
/**
 * The form of the commissioners' page: one fieldset per group, one field per input (a number,
 * or a choice), each with its unit, its source and evidence, its error, and, for a model input,
 * a box to mark the number as the person's own audited figure.
 *
 * @module
 */

import { isAssumption } from "../model/provenance.js";
import { esc } from "./dom.js";
import type { Field } from "./fields.js";

/** Words for an evidence tag beside a field's source. */
const TAG_WORDS: Readonly<Record<string, string>> = {
  verified: "checked against the source",
  local: "your own figure",
  derived: "worked out from checked figures",
  assumption: "an assumption",
  "not-found": "no source found: an assumption",
};

/**
 * What a field's note says: where its default comes from and how far it can be trusted, or that
 * it is a setting of the scenario.
 *
 * @example
 * ```ts
 * sourceOf(field); // "Default: PSSRU 2023 (an assumption)"
 * ```
 */
export function sourceOf(f: Field): string {
  if (f.row === undefined) return "A setting of the scenario";
  const tag = f.row.tag === undefined ? "" : ` (${TAG_WORDS[f.row.tag] ?? f.row.tag})`;
  return `Default: ${f.row.source ?? "no source given"}${tag}`;
}

/** The id of the box that marks a field's number as the person's own audited figure. */
export const mineId = (f: Field) => `${f.id}-mine`;

/** One field's HTML. */
function fieldHtml(f: Field): string {
  const assumption = f.row !== undefined && isAssumption(f.row.tag);
  const badge = assumption ? ' <span class="badge">default is an assumption</span>' : "";
  const described = `${f.id}-source ${f.id}-error`;
  const control =
    f.options === undefined
      ? `<input id="${f.id}" name="${f.id}" type="text" inputmode="decimal" autocomplete="off" aria-describedby="${described}">`
      : `<select id="${f.id}" name="${f.id}" aria-describedby="${described}">${f.options
          .map(([value, words]) => `<option value="${esc(value)}">${esc(words)}</option>`)
          .join("")}</select>`;
  const mine =
    f.row === undefined
      ? ""
      : `<div class="mine"><input type="checkbox" id="${mineId(f)}"><label for="${mineId(f)}">This is our own audited figure<span class="visually-hidden"> (${esc(f.label)})</span></label></div>`;
  return `<label for="${f.id}">${esc(f.label)} <span class="unit">(${esc(f.unit)})</span>${badge}</label>${control}${mine}<div class="source" id="${f.id}-source">${esc(sourceOf(f))}</div><div class="error" id="${f.id}-error"></div>`;
}

/**
 * Builds the form in `container`: a fieldset per group (in the fields' order), calling
 * `changed(field)` when a field's value or its "our own figure" box changes.
 *
 * @example
 * ```ts
 * buildForm(document.getElementById("inputs"), fields, (f) => validate());
 * ```
 */
export function buildForm(
  container: HTMLElement,
  fields: readonly Field[],
  changed: (f: Field) => void,
): void {
  container.replaceChildren();
  const groups = [...new Set(fields.map((f) => f.group))];
  groups.forEach((group, g) => {
    const set = document.createElement("fieldset");
    set.innerHTML = `<legend>${esc(group)}</legend><div class="grid" id="group-${g}"></div>`;
    const grid = set.querySelector(".grid") as HTMLElement;
    for (const f of fields.filter((x) => x.group === group)) {
      const wrap = document.createElement("div");
      wrap.className = "field";
      wrap.innerHTML = fieldHtml(f);
      grid.append(wrap);
      const control = wrap.querySelector(`#${CSS.escape(f.id)}`) as HTMLInputElement;
      const edit = () => {
        control.dataset.edited = "true";
        changed(f);
      };
      control.addEventListener(f.options === undefined ? "input" : "change", edit);
      wrap.querySelector(`#${CSS.escape(mineId(f))}`)?.addEventListener("change", edit);
    }
    container.append(set);
  });
}
