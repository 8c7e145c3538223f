import {
  constants,
  promises as fs,
  linkSync,
  lstatSync,
  mkdirSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { ChangedOnDiskError } from "../errors.js";
import { errorCode, noHardLinks } from "./errno.js";
import { removeFile } from "./remove-file.js";
import type { FileChange } from "./tree.js";
import type { UndoLog } from "./undo.js";

/**
 * The steps of a commit on one file, each registering its undo before it can leave anything behind: a
 * temp file is removed on rollback even when writing it failed halfway (a full disk).
 * The calls every run makes (mkdir, write, link, unlink) are synchronous: each is a few microseconds,
 * where a promise round trip through libuv's thread pool costs a hundred, and a create makes about a hundred
 * of them. The steps stay async, so a test's hook can pause a commit halfway.
 */
export interface PlannedFile {
  change: FileChange;
  /** The real path written (links inside the target followed). */
  real: string;
  temp: string;
  /** Where the original waits until the commit ends; set for an update. */
  backup?: string;
}

/** Writes a staged file: `temp` is where, `path` the tree path it stands for. */
export type WriteFile = (temp: string, content: string, path: string) => Promise<void>;

export const writeNew: WriteFile = async (temp, content) => writeFileSync(temp, content, { flag: "wx" });

export async function makeFolder(path: string, undo: UndoLog): Promise<void> {
  try {
    mkdirSync(path);
  } catch (error) {
    if (errorCode(error) === "EEXIST") return;
    throw error;
  }
  // A folder someone else put a file in meanwhile stays, with their file.
  undo.push(() =>
    fs.rmdir(path).catch((error: unknown) => errorCode(error) === "ENOTEMPTY" || Promise.reject(error)),
  );
}

export async function stageFile(file: PlannedFile, undo: UndoLog, write: WriteFile): Promise<void> {
  undo.push(() => removeFile(file.temp));
  await write(file.temp, file.change.content, file.change.path);
}

/** A copy of the original, kept for the user; it must not exist yet (the folder is new). */
export async function keepCopy(from: string, to: string, undo: UndoLog): Promise<void> {
  undo.push(() => removeFile(to));
  await fs.copyFile(from, to, constants.COPYFILE_EXCL);
}

/**
 * Moves the staged file into place. An existing file is first moved aside and compared with what the
 * planner read: if it changed since (an editor saved, another run wrote), nothing is replaced.
 */
export async function swapIntoPlace(file: PlannedFile, undo: UndoLog): Promise<void> {
  const { real, temp, backup, change } = file;
  if (backup) {
    await fs.chmod(temp, (await statOrChanged(real, change)).mode);
    await moveAside(real, backup, change);
    undo.push(() => putBack(backup, real));
    if ((await fs.readFile(backup, "utf8")) !== change.before) throw new ChangedOnDiskError([change.path]);
  }
  await placeNew(temp, real, change);
  undo.push(() => removeFile(real));
}

/**
 * A deletion: the file is moved to its backup (put back on rollback, removed with the other backups at
 * the end), and only if it still holds what the planner read.
 */
export async function setAside(file: PlannedFile, undo: UndoLog): Promise<void> {
  const { real, backup, change } = file;
  if (!backup) throw new Error(`no backup planned for the deletion of ${change.path}`);
  await moveAside(real, backup, change);
  undo.push(() => putBack(backup, real));
  if ((await fs.readFile(backup, "utf8")) !== change.before) throw new ChangedOnDiskError([change.path]);
}

async function statOrChanged(path: string, change: FileChange) {
  try {
    return await fs.stat(path);
  } catch (error) {
    if (errorCode(error) === "ENOENT") throw new ChangedOnDiskError([change.path]);
    throw error;
  }
}

async function moveAside(real: string, backup: string, change: FileChange): Promise<void> {
  try {
    await fs.rename(real, backup);
  } catch (error) {
    if (errorCode(error) === "ENOENT") throw new ChangedOnDiskError([change.path]);
    throw error;
  }
}

/** Puts the temp file at `real` only if nothing is there: a file that appeared meanwhile is never replaced. */
async function placeNew(temp: string, real: string, change: FileChange): Promise<void> {
  try {
    await moveNoClobber(temp, real);
  } catch (error) {
    if (errorCode(error) === "EEXIST") throw new ChangedOnDiskError([change.path]);
    throw error;
  }
}

/** Returns an original to its place; if something new is there, both stay and the rollback is incomplete. */
export function putBack(backup: string, real: string): Promise<void> {
  return moveNoClobber(backup, real);
}

/** rename() that fails with EEXIST instead of replacing: a hard link, then the old name removed. */
async function moveNoClobber(from: string, to: string): Promise<void> {
  try {
    linkSync(from, to);
    return removeFile(from);
  } catch (error) {
    if (!noHardLinks(error)) throw error;
  }
  if (lstatSync(to, { throwIfNoEntry: false })) {
    throw Object.assign(new Error(`EEXIST: file already exists, ${to}`), { code: "EEXIST" });
  }
  renameSync(from, to);
}
