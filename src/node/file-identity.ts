/**
 * One name per file, whatever the path used to reach it: so a command can tell that its output
 * path is one of its inputs (see src/cli/input-guard.ts).
 *
 * @module
 */

import { realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The real path of the file at `path` (symbolic links and `..` resolved); for a file that does
 * not exist yet, the real path of its directory joined with its name; else the absolute path.
 *
 * @example
 * ```ts
 * fileIdentity("./scenarios/../scenarios/swis-rct.yaml"); // "/work/main/scenarios/swis-rct.yaml"
 * ```
 */
export function fileIdentity(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), absolute.slice(dirname(absolute).length + 1));
    } catch {
      return absolute;
    }
  }
}
