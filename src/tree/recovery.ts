import { promises as fs } from "node:fs";
import { join } from "node:path";
import { InterruptedRunError } from "../errors.js";
import {
  hashFile,
  type Journal,
  type JournalFile,
  readJournal,
  removeJournal,
  removeUnfinishedJournals,
  writeJournal,
} from "./journal.js";
import { putBack } from "./staging.js";
import { removeIfEmpty } from "./state-folder.js";

/**
 * What the next run does with a journal an interrupted run left (it holds the lock, so that run is gone):
 * if every file had been written, only the cleanup is finished; otherwise every file goes back to how it
 * was before that run. A file edited since that run is never overwritten: its original stays beside it
 * and the run stops, saying which to keep.
 */
export interface Recovery {
  /** Files put back as they were before the interrupted run (or removed, when that run created them). */
  restored: string[];
  /** True when the interrupted run had written everything and only its cleanup was left. */
  completed: boolean;
}

interface FileState {
  file: JournalFile;
  tempExists: boolean;
  backupExists: boolean;
  /** sha256 of what is at the file's path now. */
  current: string | undefined;
}

export async function recoverInterruptedRun(realRoot: string): Promise<Recovery | undefined> {
  await removeUnfinishedJournals(realRoot);
  const journal = await readJournal(realRoot);
  if (!journal) return undefined;
  const at = (path: string) => join(realRoot, path);
  const states = await Promise.all(journal.files.map((file) => inspect(at, file)));
  if (states.every(isDone)) {
    for (const { file } of states) if (file.backup) await fs.rm(at(file.backup), { force: true });
    await removeJournal(realRoot);
    return { restored: [], completed: true };
  }
  const restored: string[] = [];
  const blocked: JournalFile[] = [];
  for (const state of states) {
    await fs.rm(at(state.file.temp), { force: true });
    const outcome = await undoFile(at, state);
    if (outcome === "restored") restored.push(state.file.path);
    if (outcome === "blocked") blocked.push(state.file);
  }
  await removeLeftovers(at, journal);
  if (blocked.length > 0) {
    await writeJournal(realRoot, { ...journal, folders: [], copies: [], files: blocked });
    throw blockedError(blocked);
  }
  await removeJournal(realRoot);
  return { restored, completed: false };
}

/** The interrupted run got this file to where it wanted it. */
function isDone({ file, tempExists, current }: FileState): boolean {
  return file.deleted ? current === undefined : !tempExists && current === file.written;
}

async function inspect(at: (path: string) => string, file: JournalFile): Promise<FileState> {
  const exists = (path: string) =>
    fs.lstat(at(path)).then(
      () => true,
      () => false,
    );
  return {
    file,
    tempExists: await exists(file.temp),
    backupExists: file.backup !== undefined && (await exists(file.backup)),
    current: await hashFile(at(file.path)),
  };
}

async function undoFile(
  at: (path: string) => string,
  { file, backupExists, current }: FileState,
): Promise<"restored" | "blocked" | "untouched"> {
  const real = at(file.path);
  if (file.backup === undefined) {
    if (current !== file.written) return "untouched";
    await fs.rm(real, { force: true });
    return "restored";
  }
  if (!backupExists) return "untouched";
  if (current !== undefined && (file.deleted || current !== file.written)) return "blocked";
  await fs.rm(real, { force: true });
  return putBack(at(file.backup), real).then(
    () => "restored",
    () => "blocked",
  );
}

async function removeLeftovers(at: (path: string) => string, journal: Journal): Promise<void> {
  for (const copy of journal.copies) await fs.rm(at(copy), { force: true });
  for (const folder of [...journal.folders].reverse()) removeIfEmpty(at(folder));
}

function blockedError(blocked: readonly JournalFile[]): InterruptedRunError {
  return new InterruptedRunError(
    `an earlier create-dagger-stack run was interrupted while writing this folder, and ${blocked.length} file(s) it wrote were changed after it; the rest is restored`,
    [
      ...blocked.map(
        ({ path, backup }) =>
          `${path} is the changed version; ${backup} is the version from before that run: keep the one you want as ${path} and delete ${backup}`,
      ),
      "then run the command again",
    ],
  );
}
