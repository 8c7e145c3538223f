import { createHash } from "node:crypto";
import { promises as fs, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InterruptedRunError } from "../errors.js";
import { errorCode, isMissing } from "./errno.js";
import { removeFile } from "./remove-file.js";
import { JOURNAL_FILE, STATE_DIR } from "./state-folder.js";

/**
 * The journal of a commit in progress, written before its first change to the folder and removed after
 * its last. A run killed in between (even by `kill -9`) leaves it behind, and the next run reads from it
 * exactly what to undo. Every path is relative to the target's real path, with `/` separators.
 */
export interface Journal {
  version: 1;
  pid: number;
  /** Folders the commit creates, parents first. */
  folders: string[];
  files: JournalFile[];
  /** Copies of overwritten files kept for the user (--force); kept when the commit completed. */
  copies: string[];
}

export interface JournalFile {
  path: string;
  /** The staged content, renamed (or linked) into place. */
  temp: string;
  /** For a file that existed: where the original waits until the commit ends. */
  backup?: string;
  /** Set when the commit removes the file: done means nothing is at `path`. */
  deleted?: boolean;
  /** sha256 of the content this commit writes, to tell its own writes from later edits. */
  written: string;
}

export async function writeJournal(realRoot: string, journal: Journal): Promise<void> {
  const path = join(realRoot, JOURNAL_FILE);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(journal, null, 2)}\n`, { flag: "w" });
    renameSync(temp, path);
  } catch (error) {
    await removeFile(temp);
    throw error;
  }
}

export async function readJournal(realRoot: string): Promise<Journal | undefined> {
  const path = join(realRoot, JOURNAL_FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  try {
    const journal = JSON.parse(text) as Journal;
    if (journal.version === 1 && Array.isArray(journal.files)) return journal;
  } catch {
    // Reported below, like a journal of another version.
  }
  throw new InterruptedRunError(
    `${JOURNAL_FILE} is not a journal this version of create-dagger-stack reads`,
    [
      `an earlier run was interrupted while writing; check the files it lists (${path}) with git status or git diff`,
      `then delete ${path} and run again`,
    ],
  );
}

export async function removeJournal(realRoot: string): Promise<void> {
  await removeFile(join(realRoot, JOURNAL_FILE));
}

/** A journal half-written by a run killed while writing it; only the lock's holder writes one. */
export async function removeUnfinishedJournals(realRoot: string): Promise<void> {
  const folder = join(realRoot, STATE_DIR);
  const names = readdirOrNothing(folder);
  for (const name of names) {
    if (/^journal\.json\.\d+\.tmp$/.test(name)) await removeFile(join(folder, name));
  }
}

function readdirOrNothing(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

export function hashText(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The sha256 of a file's bytes, or undefined when it does not exist. */
export async function hashFile(path: string): Promise<string | undefined> {
  try {
    return createHash("sha256")
      .update(await fs.readFile(path))
      .digest("hex");
  } catch (error) {
    if (isMissing(error) || errorCode(error) === "EISDIR") return undefined;
    throw error;
  }
}
