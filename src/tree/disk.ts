import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FileReader } from "./tree.js";

/** Reads files under `root` from disk; a missing file or folder reads as undefined. */
export function diskReader(root: string): FileReader {
  return {
    read(path) {
      try {
        return readFileSync(join(root, path), "utf8");
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
  };
}

export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}
