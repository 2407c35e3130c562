/**
 * Paths between scenario files, model files and tables: POSIX-style, relative to the file that
 * names them, so the same files resolve alike on disk and in the browser's in-memory host.
 *
 * @module
 */

/**
 * Resolves `relative` against the directory of `from` (POSIX-style paths), normalising `.` and
 * `..`.
 *
 * @example
 * ```ts
 * resolvePath("scenarios/x/a.yaml", "../b.yaml"); // "scenarios/b.yaml"
 * ```
 */
export function resolvePath(from: string, relative: string): string {
  if (relative.startsWith("/")) return normalise(relative);
  const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/") + 1) : "";
  return normalise(dir + relative);
}

/** Removes empty and `.` segments and folds `..` into its parent. */
function normalise(path: string): string {
  const absolute = path.startsWith("/");
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out.at(-1) !== "..") out.pop();
    else out.push(part);
  }
  // The directory itself is "." (an empty path would name nothing in messages).
  return (absolute ? "/" : "") + (out.length === 0 && !absolute ? "." : out.join("/"));
}
