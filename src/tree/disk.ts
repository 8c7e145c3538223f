import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { errorCode, isMissing } from "./errno.js";
import { realPathInside } from "./real-paths.js";
import type { FileReader } from "./tree.js";

export { isMissing } from "./errno.js";

/**
 * Reads files under `root` from disk; a missing file or folder reads as undefined. A link loop on the way
 * is an UnsafePathError naming the link, not a crash.
 */
export function diskReader(root: string): FileReader {
  return {
    read(path) {
      try {
        return readFileSync(join(root, path), "utf8");
      } catch (error) {
        if (isMissing(error)) return undefined;
        if (errorCode(error) === "ELOOP") realPathInside(realpathSync(root), path);
        throw error;
      }
    },
  };
}
