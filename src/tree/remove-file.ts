import { unlinkSync } from "node:fs";
import { isMissing } from "./errno.js";

/**
 * Removes a file; one that is not there (or cannot be, below a file) is already removed. One unlink, where
 * fs.rm({ force }) takes a stat and an unlink: a commit removes a temp file for every file it writes.
 * Synchronous, like the tree layer's other calls on the way of every run (see staging.ts).
 */
export async function removeFile(path: string): Promise<void> {
  try {
    unlinkSync(path);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}
