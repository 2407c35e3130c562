/// <reference lib="dom" />
/**
 * The problems panel at the top of the page: why a file was not loaded, or why the scenario
 * cannot run, each message with a link to the field it concerns; and the reason shown beside
 * the Run button while it is off.
 *
 * @module
 */

import { $, esc } from "./dom.js";

/**
 * One problem: its message, and the form field it concerns, if any (linked, unless the form is
 * off because the file was not loaded: then the field is only named).
 */
export interface Problem {
  readonly message: string;
  readonly field?: { readonly id: string; readonly label: string; readonly link?: boolean };
}

/**
 * Shows the problems at the top of the page under `heading` (hidden when there are none); with
 * `focus`, scrolls them into view and moves focus to them.
 *
 * @example
 * ```ts
 * showProblems("bad.yaml was not loaded", [{ message: "bad.yaml:3:16 horizon_years: …" }], true);
 * ```
 */
export function showProblems(heading: string, problems: readonly Problem[], focus = false): void {
  const panel = $("problems");
  panel.hidden = problems.length === 0;
  $("problems-heading").textContent = heading;
  $("form-errors").innerHTML = problems
    .map(
      (p) =>
        `<li><span class="message">${esc(p.message)}</span>${
          p.field === undefined
            ? ""
            : p.field.link === false
              ? ` <span class="where">(the form's field “${esc(p.field.label)}”)</span>`
              : ` <a href="#${esc(p.field.id)}" data-field="${esc(p.field.id)}">Go to the field “${esc(p.field.label)}”</a>`
        }</li>`,
    )
    .join("");
  for (const a of $("form-errors").querySelectorAll<HTMLAnchorElement>("a[data-field]")) {
    a.addEventListener("click", (event) => {
      const target = document.getElementById(a.dataset.field as string);
      if (target === null) return;
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      target.focus();
    });
  }
  if (focus && problems.length > 0) {
    panel.scrollIntoView({ block: "start" });
    panel.focus();
  }
}

/**
 * Turns the Run button on, or off with the reason shown beside it.
 *
 * @example
 * ```ts
 * setRunnable("2 fields have problems: see the list at the top of the page.");
 * setRunnable(undefined); // on
 * ```
 */
export function setRunnable(reason: string | undefined): void {
  $<HTMLButtonElement>("run").disabled = reason !== undefined;
  $("run-reason").textContent = reason === undefined ? "" : `Run is off: ${reason}`;
}
