import { lstatSync, mkdirSync, rmdirSync } from "node:fs";
import { join } from "node:path";
import { UnsafePathError } from "../errors.js";
import { errorCode } from "./errno.js";

/**
 * `.dagger-stack/` in the target holds what a run needs beside the project's files: the lock while a run
 * writes, the journal of a commit in progress, and the backups --force keeps. Lock and journal are gone
 * when a run ends; the folder is removed when nothing is left in it.
 */
export const STATE_DIR = ".dagger-stack";
export const LOCK_FILE = `${STATE_DIR}/lock`;
export const JOURNAL_FILE = `${STATE_DIR}/journal.json`;
export const BACKUPS_DIR = `${STATE_DIR}/backups`;

/** Creates the folder when missing; true when this call made it. Refuses a link or a file by that name. */
export function ensureStateFolder(root: string): boolean {
  const folder = join(root, STATE_DIR);
  try {
    mkdirSync(folder);
    return true;
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
  }
  if (lstatSync(folder).isDirectory()) return false;
  throw new UnsafePathError(
    STATE_DIR,
    "exists but is not a folder (create-dagger-stack keeps its lock, journal and backups there)",
    `move ${STATE_DIR} out of the way and run again`,
  );
}

/** Removes the folder when it holds nothing, so that a run leaves no trace but its changes. */
export function removeStateFolderIfEmpty(root: string): void {
  removeIfEmpty(join(root, STATE_DIR));
}

export function removeIfEmpty(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // Not empty, or already gone: either way nothing to do.
  }
}
