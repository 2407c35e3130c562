/**
 * One name per file, whatever the path used to reach it: so a command can tell that its output
 * path is one of its inputs (see src/cli/input-guard.ts).
 *
 * @module
 */

import { realpathSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * The real path of the file at `path`, resolved by the operating system as it opens files
 * (`x/..` goes up from where the link `x` leads, not back to where `x` is); for a file that does
 * not exist yet, the real path of its directory joined with its name; else the absolute path.
 *
 * @example
 * ```ts
 * fileIdentity("./scenarios/../scenarios/swis-rct.yaml"); // "/work/main/scenarios/swis-rct.yaml"
 * ```
 */
export function fileIdentity(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    try {
      return join(realpathSync.native(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}
