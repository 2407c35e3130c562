/// <reference lib="dom" />
/**
 * Small DOM helpers of the page: an element by id, and text escaped for HTML.
 *
 * @module
 */

/**
 * The element with this id (the page's own elements always exist).
 *
 * @example
 * ```ts
 * $<HTMLButtonElement>("run").disabled = true;
 * ```
 */
export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * Text escaped for HTML content and attribute values.
 *
 * @example
 * ```ts
 * esc('<b> & "'); // "&lt;b&gt; &amp; &quot;"
 * ```
 */
export const esc = (t: string) =>
  t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
